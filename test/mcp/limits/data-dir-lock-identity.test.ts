import { spawn, spawnSync } from 'node:child_process';
import type { ChildProcessWithoutNullStreams } from 'node:child_process';
import { mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { readFileSync } from 'node:fs';
import { BIN } from '../helpers/spawn-server';

/**
 * Pids are reused: a lock naming a pid is stale unless that pid is still the process that wrote it.
 * In a container the server is pid 1 at every start, so after a SIGKILL its own pid is in the lock.
 * Real built server processes (stdio), each in its own data dir.
 */

/** Read here from /proc, not through the server's code, so the test checks the server against the kernel. */
function processStartTime(pid: number): string {
  const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
  return stat.slice(stat.lastIndexOf(')') + 2).split(' ')[19];
}
const currentBootId = (): string => readFileSync('/proc/sys/kernel/random/boot_id', 'utf8').trim();
/** The pid on a lock's first line (what every version writes there). */
const parseLock = (text: string): { pid: number } => ({ pid: Number(text.split('\n')[0]) });

let dataDir: string;
beforeEach(async () => {
  dataDir = await mkdtemp(join(tmpdir(), 'wa-mcp-lockid-'));
});
afterEach(async () => {
  await rm(dataDir, { recursive: true, force: true });
});

const env = { PATH: process.env.PATH ?? '' };
const lockFile = (): string => join(dataDir, 'server.lock');

interface Started {
  child: ChildProcessWithoutNullStreams;
  /** 'ready' once it serves, or its exit code and stderr if it stopped first. */
  outcome: Promise<{ ready: true } | { ready: false; code: number | null; stderr: string }>;
  stop(): Promise<void>;
}

/** Starts the built stdio server (through `script` when given, a node -e program that then loads it). */
function start(script?: string): Started {
  const args = script === undefined ? [BIN, '--data-dir', dataDir] : ['-e', script, BIN, '--data-dir', dataDir];
  const child = spawn(process.execPath, args, { env, stdio: ['pipe', 'pipe', 'pipe'] });
  let stderr = '';
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  const outcome = new Promise<{ ready: true } | { ready: false; code: number | null; stderr: string }>((resolve) => {
    child.stderr.on('data', (chunk: Buffer) => {
      stderr += chunk.toString();
      if (stderr.includes('stdio ready')) resolve({ ready: true });
    });
    void exited.then((code) => resolve({ ready: false, code, stderr }));
  });
  const timer = setTimeout(() => child.kill('SIGKILL'), 20000);
  return {
    child,
    outcome,
    async stop() {
      child.stdin.end();
      await exited;
      clearTimeout(timer);
    },
  };
}

/** A node -e program that writes `lockText` (with PID replaced by its own pid) to the lock, then runs the server. */
function withOwnPidInLock(lockText: string): string {
  return `const fs = require('fs'); fs.writeFileSync(${JSON.stringify(lockFile())}, ${JSON.stringify(lockText)}.replace('PID', String(process.pid))); require(process.argv[1]);`;
}

it('a lock holding the starting server\'s own pid (a container\'s pid 1 after a SIGKILL) is stale: the server starts', async () => {
  const server = start(withOwnPidInLock('PID\n'));
  try {
    expect(await server.outcome).toEqual({ ready: true });
    expect(parseLock(await readFile(lockFile(), 'utf8')).pid).toBe(server.child.pid);
  } finally {
    await server.stop();
  }
}, 30000);

it('a lock naming pid 1 with another start time (pid 1 of an earlier container) is stale: the server starts', async () => {
  // Where /proc cannot tell, this throws (fails): the identity check is what is tested.
  const start1 = processStartTime(1);
  const boot = currentBootId();
  expect(start1).toMatch(/^\d+$/);
  await writeFile(lockFile(), `1\n${JSON.stringify({ pid: 1, start: String(Number(start1) + 1), boot, nonce: 'earlier' })}\n`);
  const server = start();
  try {
    expect(await server.outcome).toEqual({ ready: true });
  } finally {
    await server.stop();
  }
}, 30000);

it('a lock naming a live process with its true start time and boot refuses the start', async () => {
  // This test's own process: alive, and the identity matches.
  await writeFile(lockFile(), `${process.pid}\n${JSON.stringify({ pid: process.pid, start: processStartTime(process.pid), boot: currentBootId(), nonce: 'live' })}\n`);
  const server = start();
  const outcome = await server.outcome;
  await server.stop();
  expect(outcome).toMatchObject({ ready: false });
  if (outcome.ready) return;
  expect(outcome.code).not.toBe(0);
  expect(outcome.stderr).toContain(`another whatsapp-business-mcp process (pid ${process.pid}) is already using the data dir ${dataDir}`);
}, 30000);

it('two servers started at once over a stale lock: exactly one runs, the other is refused (5 rounds)', async () => {
  const dead = spawnSync(process.execPath, ['-e', 'process.stdout.write(String(process.pid))'], { encoding: 'utf8' });
  const deadPid = Number(dead.stdout);
  expect(deadPid).toBeGreaterThan(0);
  for (let round = 0; round < 5; round += 1) {
    await writeFile(lockFile(), `${deadPid}\n`);
    const both = [start(), start()];
    try {
      const outcomes = await Promise.all(both.map((server) => server.outcome));
      const running = outcomes.filter((outcome) => outcome.ready);
      expect({ round, running: running.length }).toEqual({ round, running: 1 });
      const refused = outcomes.find((outcome) => !outcome.ready);
      expect(refused && !refused.ready ? refused.stderr : '').toContain('is already using the data dir');
      const holder = parseLock(await readFile(lockFile(), 'utf8'));
      expect(both.find((server) => server.child.pid === holder?.pid)).toBeDefined();
    } finally {
      await Promise.all(both.map((server) => server.stop()));
    }
    // Released on exit, and no temporary lock files left behind.
    expect(await readdir(dataDir).then((names) => names.filter((name) => name.startsWith('server.lock')))).toEqual([]);
  }
}, 120000);

/** The built lock module, as the server loads it. */
const LOCK_MODULE = join(__dirname, '..', '..', '..', 'mcp', 'dist', 'src', 'data-dir-lock.js');

/**
 * A process that waits (busy) until the wall clock reaches `at`, then takes the lock, prints
 * "held" or "refused", and holds a held lock for `holdMs` before releasing it. Starting several at
 * one instant puts their take-overs of a stale lock in the same millisecond.
 */
function contender(at: number, holdMs: number): Promise<string> {
  const script = `
    const { lockDataDir } = require(${JSON.stringify(LOCK_MODULE)});
    while (Date.now() < ${at}) {}
    lockDataDir(${JSON.stringify(dataDir)}).then(
      (lock) => { process.stdout.write('held'); setTimeout(() => lock.release().then(() => process.exit(0)), ${holdMs}); },
      (error) => { process.stdout.write(error.name === 'DataDirInUse' ? 'refused' : 'error: ' + error.message); process.exit(0); },
    );`;
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['-e', script], { env, stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    child.stdout.on('data', (chunk: Buffer) => (out += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (out += chunk.toString()));
    const timer = setTimeout(() => child.kill('SIGKILL'), 15000);
    child.on('error', reject);
    child.on('close', () => {
      clearTimeout(timer);
      resolve(out);
    });
  });
}

it('four processes taking over one stale lock in the same instant: exactly one holds it (10 rounds)', async () => {
  const dead = spawnSync(process.execPath, ['-e', 'process.stdout.write(String(process.pid))'], { encoding: 'utf8' });
  for (let round = 0; round < 10; round += 1) {
    await writeFile(lockFile(), `${dead.stdout}\n`);
    // Far enough ahead for all four to have loaded the module on a busy machine.
    const at = Date.now() + 1500;
    const outcomes = await Promise.all(Array.from({ length: 4 }, () => contender(at, 1000)));
    expect({ round, outcomes: [...outcomes].sort() }).toEqual({ round, outcomes: ['held', 'refused', 'refused', 'refused'] });
    expect(await readdir(dataDir).then((names) => names.filter((name) => name.startsWith('server.lock')))).toEqual([]);
  }
}, 120000);
