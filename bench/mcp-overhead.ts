import { spawn } from 'node:child_process';
import type { ChildProcess } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { StdioClientTransport } from '@modelcontextprotocol/sdk/client/stdio.js';
import { StreamableHTTPClientTransport } from '@modelcontextprotocol/sdk/client/streamableHttp.js';
import { InMemoryTransport } from '@modelcontextprotocol/sdk/inMemory.js';
import { createProvider, operations } from 'whatsapp-business-core';
import { createRuntime, createServer, parseConfig, TOOL_NAMES } from 'whatsapp-business-mcp';

/**
 * The MCP server's cost, measured against the same sandbox in one run:
 *  - cold start: spawning the server (stdio) until tools/list is answered, with the embedded
 *    sandbox (no configuration) and with a Cloud API configuration; a bare `node -e ""` for scale;
 *  - per call: sequential whatsapp_send_text calls through an MCP client (in-process, stdio, HTTP)
 *    against direct `operations['message.send'].run(provider, ...)` calls, as a ratio. Rounds
 *    alternate so drift hits every path equally; medians are reported. Two sandboxes: one answering
 *    at once (the client's CPU is the limit, so the server's cost shows fully) and, when the sandbox
 *    supports --latency-ms, one answering after 25 ms, closer to a real round trip to Meta.
 * Usage: node bench/dist/mcp-overhead.js [calls per round, instant sandbox; a fifth of it at 25 ms] [rounds]
 * Nothing is asserted; figures vary by machine.
 */
const CALLS = Number(process.argv[2] ?? 300);
const ROUNDS = Number(process.argv[3] ?? 5);
const COLD_STARTS = 5;
const ROOT = join(__dirname, '..', '..');
const BIN = join(ROOT, 'mcp', 'bin', 'whatsapp-business-mcp.js');
const SANDBOX_BIN = join(ROOT, 'sandbox', 'bin', 'whatsapp-sandbox.js');
const TOKEN = 'bench-sandbox-token';
const MCP_TOKEN = 'bench-mcp-bearer-token-0123456789';
const NO_LIMITS = ['--rate-limit-recipient', '0', '--rate-limit-global', '0'];

interface Sandbox {
  url: string;
  phoneNumberId: string;
  wabaId: string;
  child: ChildProcess;
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)];
}

function ms(value: number): string {
  return `${value.toFixed(value < 10 ? 2 : 1)} ms`;
}

/** Starts the sandbox CLI as a separate process (its CPU is not the client's); null if it refuses the flags. */
async function startSandbox(extra: string[]): Promise<Sandbox | null> {
  const child = spawn(process.execPath, [SANDBOX_BIN, '--port', '0', '--token', TOKEN, '--no-window', '--mps', '0', '--pair-rate', '0', ...extra], { stdio: ['ignore', 'pipe', 'pipe'] });
  let out = '';
  return new Promise((resolve) => {
    child.stdout?.on('data', (chunk: Buffer) => {
      out += chunk.toString();
      const url = /listening on (http:\/\/\S+)/.exec(out)?.[1];
      const phoneNumberId = /Phone number id\s+(\d+)/.exec(out)?.[1];
      const wabaId = /WABA id\s+(\d+)/.exec(out)?.[1];
      if (url && phoneNumberId && wabaId) resolve({ url, phoneNumberId, wabaId, child });
    });
    child.on('exit', () => resolve(null));
  });
}

function cloudEnv(sandbox: Sandbox): Record<string, string> {
  return {
    PATH: process.env.PATH ?? '',
    WHATSAPP_PROVIDER: 'cloud',
    WHATSAPP_ACCESS_TOKEN: TOKEN,
    WHATSAPP_BASE_URL: sandbox.url,
    WHATSAPP_PHONE_NUMBER_ID: sandbox.phoneNumberId,
    WHATSAPP_WABA_ID: sandbox.wabaId,
  };
}

let sequence = 0;
/** A text to a different recipient each time (the sandbox's window and pair limits are off anyway). */
function nextInput(): { to: string; text: { body: string } } {
  sequence += 1;
  return { to: `1650555${String(1000 + (sequence % 9000)).padStart(4, '0')}`, text: { body: `Your order #${sequence} is ready for pickup.` } };
}

async function timeCalls(call: () => Promise<unknown>, calls: number): Promise<number> {
  const started = process.hrtime.bigint();
  for (let i = 0; i < calls; i += 1) await call();
  return Number(process.hrtime.bigint() - started) / 1e6 / calls;
}

async function coldStart(env: Record<string, string>, dataDir: string): Promise<number> {
  const started = process.hrtime.bigint();
  const client = new Client({ name: 'bench', version: '0' });
  await client.connect(new StdioClientTransport({ command: process.execPath, args: [BIN, '--data-dir', dataDir], env, stderr: 'ignore' }));
  const { tools } = await client.listTools();
  const elapsed = Number(process.hrtime.bigint() - started) / 1e6;
  if (tools.length === 0) throw new Error('no tools');
  await client.close();
  return elapsed;
}

async function bareNode(): Promise<number> {
  const started = process.hrtime.bigint();
  await new Promise<void>((resolve) => spawn(process.execPath, ['-e', ''], { stdio: 'ignore' }).on('exit', () => resolve()));
  return Number(process.hrtime.bigint() - started) / 1e6;
}

async function perCall(sandbox: Sandbox, dataDir: string, label: string, calls: number): Promise<void> {
  const input = () => ({ ...nextInput(), type: 'text' as const });
  const provider = createProvider({ provider: 'cloud', accessToken: TOKEN, baseUrl: sandbox.url, phoneNumberId: sandbox.phoneNumberId, wabaId: sandbox.wabaId });
  const direct = () => operations['message.send'].run(provider, input());

  const outcome = parseConfig(['--data-dir', join(dataDir, 'inproc'), ...NO_LIMITS], cloudEnv(sandbox), TOOL_NAMES);
  if (outcome.kind !== 'config') throw new Error('config');
  const runtime = await createRuntime(outcome.config, { auditSink: () => undefined, log: () => undefined });
  const server = createServer(runtime);
  const inProcess = new Client({ name: 'bench', version: '0' });
  const [clientSide, serverSide] = InMemoryTransport.createLinkedPair();
  await Promise.all([server.connect(serverSide), inProcess.connect(clientSide)]);

  const stdio = new Client({ name: 'bench', version: '0' });
  await stdio.connect(new StdioClientTransport({ command: process.execPath, args: [BIN, '--data-dir', join(dataDir, 'stdio'), ...NO_LIMITS], env: cloudEnv(sandbox), stderr: 'ignore' }));

  const httpChild = spawn(process.execPath, [BIN, '--http', '--port', '0', '--auth-token', MCP_TOKEN, '--data-dir', join(dataDir, 'http'), ...NO_LIMITS], { env: cloudEnv(sandbox), stdio: ['ignore', 'ignore', 'pipe'] });
  const httpUrl = await new Promise<string>((resolve, reject) => {
    let err = '';
    httpChild.stderr?.on('data', (chunk: Buffer) => {
      err += chunk.toString();
      const url = /MCP endpoint: (http:\/\/\S+\/mcp)/.exec(err)?.[1];
      if (url) resolve(url);
    });
    httpChild.on('exit', () => reject(new Error(`HTTP server exited: ${err}`)));
  });
  const http = new Client({ name: 'bench', version: '0' });
  await http.connect(new StreamableHTTPClientTransport(new URL(httpUrl), { requestInit: { headers: { authorization: `Bearer ${MCP_TOKEN}` } } }));

  const viaTool = (client: Client) => async () => {
    const result = await client.callTool({ name: 'whatsapp_send_text', arguments: nextInput() });
    if (result.isError) throw new Error(JSON.stringify(result.content));
  };
  const paths: [string, () => Promise<unknown>][] = [
    ['direct core call', direct],
    ['MCP tool, in-process client', viaTool(inProcess)],
    ['MCP tool, stdio (spawned server)', viaTool(stdio)],
    ['MCP tool, Streamable HTTP (spawned)', viaTool(http)],
  ];
  // Warm-up: connections, JIT.
  for (const [, call] of paths) for (let i = 0; i < 20; i += 1) await call();
  const samples = new Map<string, number[]>(paths.map(([name]) => [name, []]));
  for (let round = 0; round < ROUNDS; round += 1) {
    for (const [name, call] of round % 2 === 0 ? paths : [...paths].reverse()) samples.get(name)?.push(await timeCalls(call, calls));
  }
  const base = median(samples.get('direct core call') ?? []);
  console.log(`\nPer call, ${label} (${calls} sequential sends x ${ROUNDS} rounds, median):`);
  for (const [name] of paths) {
    const value = median(samples.get(name) ?? []);
    const extra = name === 'direct core call' ? '' : `  ratio ${(value / base).toFixed(2)}, +${(value - base).toFixed(2)} ms per call`;
    console.log(`  ${name.padEnd(38)} ${ms(value).padStart(9)}${extra}`);
  }
  await http.close();
  httpChild.kill();
  await stdio.close();
  await inProcess.close();
  await server.close();
  await runtime.close();
  await provider.close();
}

async function main(): Promise<void> {
  const dataDir = await mkdtemp(join(tmpdir(), 'wa-mcp-bench-'));
  const instant = await startSandbox([]);
  if (instant === null) throw new Error('the sandbox did not start');
  const slow = await startSandbox(['--latency-ms', '25']);
  try {
    console.log(`node ${process.version}, ${ROUNDS} rounds`);
    const bare: number[] = [];
    const embedded: number[] = [];
    const cloud: number[] = [];
    for (let i = 0; i < COLD_STARTS; i += 1) {
      bare.push(await bareNode());
      embedded.push(await coldStart({ PATH: process.env.PATH ?? '' }, join(dataDir, `cold-embedded-${i}`)));
      cloud.push(await coldStart(cloudEnv(instant), join(dataDir, `cold-cloud-${i}`)));
    }
    console.log(`\nCold start, spawn to tools/list answered (stdio, median of ${COLD_STARTS}):`);
    console.log(`  bare node -e ""                        ${ms(median(bare)).padStart(9)}`);
    console.log(`  server, embedded sandbox (no config)   ${ms(median(embedded)).padStart(9)}`);
    console.log(`  server, Cloud API configuration        ${ms(median(cloud)).padStart(9)}`);

    await perCall(instant, join(dataDir, 'instant'), 'sandbox answering at once (CPU-bound)', CALLS);
    if (slow !== null) await perCall(slow, join(dataDir, 'slow'), 'sandbox answering after 25 ms', Math.max(10, Math.round(CALLS / 5)));
    else console.log('\n(the sandbox has no --latency-ms option: the 25 ms scenario is skipped)');
  } finally {
    instant.child.kill();
    slow?.child.kill();
    await rm(dataDir, { recursive: true, force: true });
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
