// CI's check of the README's second command: runs `npm start` exactly as the README says, finds
// the MCP endpoint in what it prints and the bearer token where the README says it is
// (MCP_AUTH_TOKEN, else ~/.whatsapp-business-mcp/http-auth-token), sends an MCP `initialize` to it
// and stops the server. Exits 0 only when the server answered with its serverInfo; otherwise 1,
// with the server's output (token redacted). Arguments are passed on after `--` (the tests use
// `--port <free port>`; CI passes none).
//   node scripts/check-npm-start.mjs [server arguments...]
import { spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { homedir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const COMMAND = 'npm start';
const root = join(fileURLToPath(new URL('.', import.meta.url)), '..');
const extraArgs = process.argv.slice(2);
// A first start compiles the server (prestart), which takes a while on a busy 2-core machine.
const READY_TIMEOUT_MS = Number(process.env.CHECK_START_TIMEOUT_MS ?? 180_000);

const command = extraArgs.length > 0 ? `${COMMAND} -- ${extraArgs.map(quote).join(' ')}` : COMMAND;
const started = Date.now();
const child = spawn('sh', ['-c', command], { cwd: root, detached: true, stdio: ['ignore', 'pipe', 'pipe'] });
let output = '';
child.stdout.on('data', (chunk) => (output += chunk.toString()));
child.stderr.on('data', (chunk) => (output += chunk.toString()));
const exited = new Promise((resolve) => child.once('exit', (code, signal) => resolve({ code, signal })));
let exitInfo = null;
void exited.then((info) => (exitInfo = info));

function quote(arg) {
  return /^[\w@%+=:,./-]+$/.test(arg) ? arg : `'${arg.replace(/'/g, `'\\''`)}'`;
}

function readToken() {
  const fromEnv = process.env.MCP_AUTH_TOKEN?.trim();
  if (fromEnv) return fromEnv;
  try {
    return readFileSync(join(homedir(), '.whatsapp-business-mcp', 'http-auth-token'), 'utf8').trim();
  } catch {
    return '';
  }
}

/** The server prints a token it generates; never repeat it in CI's log. */
function redacted(text) {
  const token = readToken();
  return token ? text.split(token).join('<token>') : text;
}

async function stopServer() {
  if (exitInfo) return;
  try {
    process.kill(-child.pid, 'SIGTERM');
  } catch {
    return;
  }
  const timer = setTimeout(() => {
    try {
      process.kill(-child.pid, 'SIGKILL');
    } catch {
      // already gone
    }
  }, 10_000);
  await exited;
  clearTimeout(timer);
}

async function fail(message) {
  await stopServer();
  process.stderr.write(`check-npm-start: ${message}\n--- output of \`${command}\`\n${redacted(output)}\n`);
  process.exit(1);
}

async function waitForEndpoint() {
  const deadline = Date.now() + READY_TIMEOUT_MS;
  for (;;) {
    const match = /MCP endpoint: (http:\/\/\S+\/mcp)/.exec(output);
    if (match) return match[1];
    if (exitInfo) return fail(`\`${command}\` exited (code ${exitInfo.code}, signal ${exitInfo.signal}) before printing its MCP endpoint`);
    if (Date.now() > deadline) return fail(`no "MCP endpoint:" line after ${READY_TIMEOUT_MS} ms`);
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
}

/** A Streamable HTTP answer is either JSON or one SSE event carrying the JSON-RPC response. */
function parseRpc(contentType, body) {
  if (contentType.includes('text/event-stream')) {
    const data = body
      .split('\n')
      .filter((line) => line.startsWith('data:'))
      .map((line) => line.slice(5).trim())
      .join('');
    return JSON.parse(data);
  }
  return JSON.parse(body);
}

const endpoint = await waitForEndpoint();
const url = new URL(endpoint);
if (url.hostname !== '127.0.0.1') await fail(`the endpoint ${endpoint} is not on 127.0.0.1`);
const token = readToken();
if (!token) await fail('no bearer token: neither MCP_AUTH_TOKEN nor ~/.whatsapp-business-mcp/http-auth-token');
let response;
try {
  response = await fetch(endpoint, {
    method: 'POST',
    headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json', accept: 'application/json, text/event-stream' },
    body: JSON.stringify({
      jsonrpc: '2.0',
      id: 1,
      method: 'initialize',
      params: { protocolVersion: '2025-06-18', capabilities: {}, clientInfo: { name: 'ci-check-npm-start', version: '1.0.0' } },
    }),
    signal: AbortSignal.timeout(30_000),
  });
} catch (error) {
  await fail(`POST initialize to ${endpoint} failed: ${error instanceof Error ? error.message : String(error)}`);
}
const body = await response.text();
if (response.status !== 200) await fail(`initialize answered HTTP ${response.status}: ${redacted(body).slice(0, 500)}`);
let message;
try {
  message = parseRpc(response.headers.get('content-type') ?? '', body);
} catch {
  await fail(`initialize answered something that is not JSON-RPC: ${redacted(body).slice(0, 500)}`);
}
const info = message?.result?.serverInfo;
if (!info?.name || !message.result.protocolVersion) await fail(`initialize answered without serverInfo: ${redacted(body).slice(0, 500)}`);
await stopServer();
process.stdout.write(
  `check-npm-start: \`${command}\` answered initialize at ${endpoint} (${info.name} ${info.version}, protocol ${message.result.protocolVersion}) ${Date.now() - started} ms after the start\n`,
);
