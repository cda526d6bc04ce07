import { spawn } from 'node:child_process';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { StdioClientTransport } from '@modelcontextprotocol/sdk/client/stdio.js';
import { SANDBOX_TOOLS } from './helpers/tool-sets';

/** The built server (npm test runs `tsc -b` first), started the way MCP clients start it. */
const BIN = join(__dirname, '..', '..', 'mcp', 'bin', 'whatsapp-business-mcp.js');

let dataDir: string;
beforeEach(async () => {
  dataDir = await mkdtemp(join(tmpdir(), 'wa-mcp-stdio-'));
});
afterEach(async () => {
  await rm(dataDir, { recursive: true, force: true });
});

/** Runs the CLI to completion; for configuration errors and --help. */
function run(args: string[], env: Record<string, string> = {}): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [BIN, ...args], { env: { PATH: process.env.PATH ?? '', HOME: dataDir, ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, stdout, stderr }));
  });
}

describe('the built server over stdio', () => {
  it('serves a real client: tools, a send, and a simulated customer reply through the embedded sandbox', async () => {
    const transport = new StdioClientTransport({ command: process.execPath, args: [BIN, '--data-dir', dataDir], env: { PATH: process.env.PATH ?? '' }, stderr: 'pipe' });
    let stderr = '';
    transport.stderr?.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    const client = new Client({ name: 'stdio-test', version: '0' });
    await client.connect(transport);
    try {
      expect(client.getServerVersion()).toMatchObject({ name: 'whatsapp-business-mcp' });
      expect((await client.listTools()).tools.map((t) => t.name)).toEqual([...SANDBOX_TOOLS]);
      const sent = await client.callTool({ name: 'whatsapp_send_template', arguments: { to: '+1 650 555 1234', template: { name: 'hello_world', language: 'en_US' } } });
      expect(sent.structuredContent).toMatchObject({ status: 'accepted', to: '16505551234' });

      // The server says on stderr where its sandbox is; a customer "writes" through it.
      const sandboxPattern = /embedded sandbox at (http:\/\/127\.0\.0\.1:\d+)/;
      while (!sandboxPattern.test(stderr)) await new Promise((resolve) => setTimeout(resolve, 10));
      const sandboxUrl = sandboxPattern.exec(stderr)?.[1];
      expect(sandboxUrl).toBeDefined();
      expect(stderr).toMatch(/nothing leaves this machine/);
      await fetch(`${sandboxUrl}/_sandbox/inbound`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ from: '16505551234', text: 'Thanks!' }) });
      const reply = await client.callTool({ name: 'whatsapp_wait_for_reply', arguments: { from: '16505551234', timeoutSeconds: 20 } });
      expect(reply.structuredContent).toMatchObject({ received: true, messages: [expect.objectContaining({ text: 'Thanks!' })] });
      // Audit lines go to stderr; stdout carries only the protocol (the client would have failed otherwise).
      expect(stderr).toMatch(/"audit":"whatsapp-business-mcp".*"outcome":"accepted"/);
      expect(await readFile(join(dataDir, 'sandbox-inbox.jsonl'), 'utf8')).toContain('Thanks!');
    } finally {
      await client.close();
    }
  });

  it('exits with code 2 and names the problem for a configuration error', async () => {
    const tokenWithoutProvider = await run([], { WHATSAPP_ACCESS_TOKEN: 'EAAG-some-token' });
    expect(tokenWithoutProvider.code).toBe(2);
    expect(tokenWithoutProvider.stderr).toMatch(/WHATSAPP_PROVIDER=cloud/);
    expect(tokenWithoutProvider.stderr).not.toContain('EAAG-some-token');
    expect(tokenWithoutProvider.stdout).toBe('');
    const exposed = await run(['--http', '--host', '0.0.0.0', '--data-dir', dataDir]);
    expect(exposed.code).toBe(2);
    expect(exposed.stderr).toMatch(/refusing to listen on 0\.0\.0\.0 without a bearer token/);
    const badUrl = await run(['--data-dir', dataDir], { WHATSAPP_PROVIDER: 'cloud', WHATSAPP_ACCESS_TOKEN: 'EAAG-some-token', WHATSAPP_BASE_URL: 'ftp://example.com' });
    expect(badUrl.code).toBe(2);
    // Core names its field; the server names the variable that sets it.
    expect(badUrl.stderr).toMatch(/WHATSAPP_BASE_URL: must be an http\(s\) URL/);
    expect(badUrl.stderr).not.toContain('EAAG-some-token');
  });

  it('--help prints the usage on stdout', async () => {
    const help = await run(['--help']);
    expect(help.code).toBe(0);
    expect(help.stdout).toMatch(/--read-only/);
    expect(help.stdout).toMatch(/WHATSAPP_ALLOWED_RECIPIENTS/);
  });
});
