/**
 * The README's `npm start`: it answers an MCP initialize on 127.0.0.1 (scripts/check-npm-start.mjs,
 * which CI runs on the clean checkout), and when it cannot start it says why and exits non-zero,
 * through npm as a user runs it.
 */
import { spawn } from 'node:child_process';
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createServer, type Server } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { StartedProcess, groupAlive, portIsFree } from './command-process';
import { REPO_ROOT } from './readme-commands';

jest.setTimeout(240_000);

interface Outcome {
  code: number | null;
  output: string;
}

/** Runs a command in the repository with its own HOME (so its data dir and token are its own). */
function runIn(home: string, command: string, args: string[], env: NodeJS.ProcessEnv = {}): Promise<Outcome> {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, {
      cwd: REPO_ROOT,
      env: { ...process.env, HOME: home, npm_config_update_notifier: 'false', MCP_AUTH_TOKEN: '', ...env },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let output = '';
    child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
    const timer = setTimeout(() => child.kill('SIGKILL'), 200_000);
    child.once('error', reject);
    child.once('close', (code) => {
      clearTimeout(timer);
      resolve({ code, output });
    });
  });
}

function listen(server: Server, port = 0): Promise<number> {
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, '127.0.0.1', () => {
      const address = server.address();
      resolve(typeof address === 'object' && address ? address.port : 0);
    });
  });
}

async function freePort(): Promise<number> {
  const server = createServer();
  const port = await listen(server);
  await new Promise((resolve) => server.close(resolve));
  return port;
}

describe('npm start', () => {
  let home: string;
  let occupier: Server;
  let busyPort: number;

  beforeAll(async () => {
    occupier = createServer();
    busyPort = await listen(occupier);
  });

  beforeEach(() => {
    home = mkdtempSync(join(tmpdir(), 'npm-start-home-'));
  });

  afterEach(() => rmSync(home, { recursive: true, force: true }));

  afterAll(() => new Promise((resolve) => occupier.close(resolve)));

  it('answers an MCP initialize on 127.0.0.1, with the token from ~/.whatsapp-business-mcp/http-auth-token', async () => {
    const port = await freePort();
    const outcome = await runIn(home, process.execPath, ['scripts/check-npm-start.mjs', '--port', String(port)]);
    expect(outcome.output).toContain(`answered initialize at http://127.0.0.1:${port}/mcp (whatsapp-business-mcp`);
    expect(outcome.code).toBe(0);
  });

  it('a port already in use: npm start exits 1 and says so', async () => {
    const outcome = await runIn(home, 'npm', ['start', '--', '--port', String(busyPort)]);
    expect(outcome.output).toContain(`cannot start: port ${busyPort} is already in use`);
    expect(outcome.code).toBe(1);
  });

  it('the CI check fails (exit 1) when npm start cannot start', async () => {
    const outcome = await runIn(home, process.execPath, ['scripts/check-npm-start.mjs', '--port', String(busyPort)]);
    expect(outcome.output).toContain('exited (code 1');
    expect(outcome.code).toBe(1);
  });

  it('a configuration error: npm start exits 2 and names the setting', async () => {
    const outcome = await runIn(home, 'npm', ['start', '--', '--port', String(await freePort())], { MCP_AUTH_TOKEN: 'short' });
    expect(outcome.output).toContain('configuration error: the MCP auth token (--auth-token or MCP_AUTH_TOKEN) must be at least 16 characters');
    expect(outcome.code).toBe(2);
  });

  it('the CI check never prints the generated token', async () => {
    // The server never prints the token (only its file); the check's failure output redacts it anyway.
    const outcome = await runIn(home, process.execPath, ['scripts/check-npm-start.mjs', '--port', String(busyPort)]);
    const token = readFileSync(join(home, '.whatsapp-business-mcp', 'http-auth-token'), 'utf8').trim();
    expect(token.length).toBeGreaterThanOrEqual(16);
    expect(outcome.output).not.toContain(token);
    expect(outcome.output).toContain(`generated a bearer token for MCP clients and stored it in ${join(home, '.whatsapp-business-mcp', 'http-auth-token')} (mode 0600`);
  });
});

describe('a SIGTERM to the npm process (not its group) stops the MCP server', () => {
  // What a service manager or `kill <npm pid>` does. npm forwards the signal to its script's
  // process; `exec node` makes that process the server itself (a shell in between would die and
  // leave the server running, holding the port and the data-dir lock).
  let home: string;
  let started: StartedProcess | undefined;

  beforeEach(() => {
    home = mkdtempSync(join(tmpdir(), 'npm-start-sigterm-'));
  });

  afterEach(async () => {
    await started?.stopGroup();
    started = undefined;
    rmSync(home, { recursive: true, force: true });
  });

  it('npm start: the port is free afterwards and the data-dir lock is gone', async () => {
    const port = await freePort();
    const dataDir = join(home, 'data');
    const npm = new StartedProcess('npm', ['start', '--', '--port', String(port), '--data-dir', dataDir], { HOME: home, MCP_AUTH_TOKEN: '' });
    started = npm;
    await npm.waitFor(new RegExp(`MCP endpoint: http://127\\.0\\.0\\.1:${port}/mcp`), 200_000);
    const lock = join(dataDir, 'server.lock');
    expect(existsSync(lock)).toBe(true);
    expect(await portIsFree(port)).toBe(false);

    process.kill(npm.pid, 'SIGTERM');
    expect(await npm.exit()).not.toBe('timeout');
    const deadline = Date.now() + 10_000;
    while (groupAlive(npm.pid) && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 100));
    expect({ groupAlive: groupAlive(npm.pid), portFree: await portIsFree(port), lockLeft: existsSync(lock) }).toEqual({
      groupAlive: false,
      portFree: true,
      lockLeft: false,
    });
  });
});

describe('the MCP bin without a build', () => {
  it('exits 1 and says how to build it, instead of a bare "Cannot find module"', async () => {
    const folder = mkdtempSync(join(tmpdir(), 'mcp-unbuilt-'));
    try {
      mkdirSync(join(folder, 'bin'));
      copyFileSync(join(REPO_ROOT, 'mcp/bin/whatsapp-business-mcp.js'), join(folder, 'bin/whatsapp-business-mcp.js'));
      const outcome = await runIn(folder, process.execPath, [join(folder, 'bin/whatsapp-business-mcp.js'), '--http']);
      expect(outcome.output).toContain('the server is not built (no mcp/dist). In the repository, `npm start` builds it first');
      expect(outcome.output).not.toContain('Cannot find module');
      expect(outcome.code).toBe(1);
    } finally {
      rmSync(folder, { recursive: true, force: true });
    }
  });
});
