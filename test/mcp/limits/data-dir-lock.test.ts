import { spawn, spawnSync } from 'node:child_process';
import { access, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { StdioClientTransport } from '@modelcontextprotocol/sdk/client/stdio.js';
import { BIN } from '../helpers/spawn-server';

/** One server per data dir, with two real processes of the built server. */

let dataDir: string;
beforeEach(async () => {
  dataDir = await mkdtemp(join(tmpdir(), 'wa-mcp-lock-'));
});
afterEach(async () => {
  await rm(dataDir, { recursive: true, force: true });
});

const env = { PATH: process.env.PATH ?? '' };

async function startFirst(): Promise<{ client: Client; stderr: () => string }> {
  const transport = new StdioClientTransport({ command: process.execPath, args: [BIN, '--data-dir', dataDir], env, stderr: 'pipe' });
  let stderr = '';
  transport.stderr?.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  const client = new Client({ name: 'lock-test', version: '0' });
  await client.connect(transport);
  return { client, stderr: () => stderr };
}

function runSecond(): Promise<{ code: number | null; stderr: string; ms: number }> {
  const started = Date.now();
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [BIN, '--data-dir', dataDir], { env, stdio: ['pipe', 'pipe', 'pipe'] });
    let stderr = '';
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    child.on('error', reject);
    // A second server that did start would wait on stdin; end it in that case.
    const timer = setTimeout(() => child.kill(), 10000);
    child.on('close', (code) => {
      clearTimeout(timer);
      resolve({ code, stderr, ms: Date.now() - started });
    });
  });
}

it('a second server on the same data dir refuses to start, says why, and leaves the first one\'s inbox alone', async () => {
  const first = await startFirst();
  try {
    const pid = Number((await readFile(join(dataDir, 'server.lock'), 'utf8')).split('\n')[0]);
    expect(pid).toBeGreaterThan(0);
    await first.client.callTool({ name: 'whatsapp_simulate_customer_message', arguments: { from: '16505551234', text: 'before the second start' } });
    const inboxBefore = await readFile(join(dataDir, 'sandbox-inbox.jsonl'), 'utf8');
    expect(inboxBefore).toContain('before the second start');

    const second = await runSecond();
    expect(second.code).not.toBe(0);
    expect(second.code).not.toBeNull();
    expect(second.stderr).toContain(`another whatsapp-business-mcp process (pid ${pid}) is already using the data dir ${dataDir}`);
    expect(second.stderr).toMatch(/--data-dir/);
    // The first server's inbox is untouched and it still serves.
    expect(await readFile(join(dataDir, 'sandbox-inbox.jsonl'), 'utf8')).toBe(inboxBefore);
    const conversation = await first.client.callTool({ name: 'whatsapp_get_conversation', arguments: { user: '16505551234' } });
    expect(JSON.stringify(conversation.structuredContent)).toContain('before the second start');
  } finally {
    await first.client.close();
  }
  // Removed when the first server exits.
  for (let i = 0; i < 100; i += 1) {
    if (!(await access(join(dataDir, 'server.lock')).then(() => true, () => false))) break;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  await expect(access(join(dataDir, 'server.lock'))).rejects.toThrow();
}, 40000);

it('a lock left by a process that no longer runs is taken over', async () => {
  const dead = spawnSync(process.execPath, ['-e', 'process.stdout.write(String(process.pid))'], { encoding: 'utf8' });
  const deadPid = Number(dead.stdout);
  expect(deadPid).toBeGreaterThan(0);
  await writeFile(join(dataDir, 'server.lock'), `${deadPid}\n`);
  const first = await startFirst();
  try {
    expect((await first.client.listTools()).tools.length).toBeGreaterThan(20);
    expect(Number((await readFile(join(dataDir, 'server.lock'), 'utf8')).split('\n')[0])).not.toBe(deadPid);
  } finally {
    await first.client.close();
  }
}, 40000);
