/**
 * Starting a README command (or npm itself) as a child process for the README tests: its own
 * process group, so that a test can always stop everything it started, even when the process a
 * test signals leaves a child behind.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { createServer, type Server } from 'node:net';
import { REPO_ROOT } from './readme-commands';

export function listen(server: Server, port = 0): Promise<number> {
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, '127.0.0.1', () => {
      server.off('error', reject);
      const address = server.address();
      resolve(typeof address === 'object' && address ? address.port : 0);
    });
  });
}

export async function freePort(): Promise<number> {
  const server = createServer();
  const port = await listen(server);
  await new Promise((resolve) => server.close(resolve));
  return port;
}

/** Whether 127.0.0.1:port can be listened on (nothing holds it any more). */
export async function portIsFree(port: number): Promise<boolean> {
  const server = createServer();
  try {
    await listen(server, port);
    await new Promise((resolve) => server.close(resolve));
    return true;
  } catch {
    return false;
  }
}

/** Whether any process of the group still runs. */
export function groupAlive(pgid: number): boolean {
  try {
    process.kill(-pgid, 0);
    return true;
  } catch {
    return false;
  }
}

/** A README command with the given ports in place of the README's (e.g. 8089 → a free port). */
export function withPorts(command: string, ports: Readonly<Record<string, number>>): string {
  let result = command;
  for (const [readmePort, port] of Object.entries(ports)) result = result.split(readmePort).join(String(port));
  return result;
}

export class StartedProcess {
  readonly child: ChildProcess;
  output = '';
  private readonly exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;

  /** `file` with `args`, in the repository, in a new process group. */
  constructor(file: string, args: string[], env: NodeJS.ProcessEnv = {}) {
    this.child = spawn(file, args, {
      cwd: REPO_ROOT,
      detached: true,
      env: { ...process.env, npm_config_update_notifier: 'false', ...env },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    this.child.stdout?.on('data', (chunk: Buffer) => (this.output += chunk.toString()));
    this.child.stderr?.on('data', (chunk: Buffer) => (this.output += chunk.toString()));
    this.exited = new Promise((resolve) => this.child.once('exit', (code, signal) => resolve({ code, signal })));
  }

  /** A shell command line as a user types it. */
  static shell(command: string, env: NodeJS.ProcessEnv = {}): StartedProcess {
    return new StartedProcess('bash', ['-c', command], env);
  }

  get pid(): number {
    if (!this.child.pid) throw new Error('the process did not start');
    return this.child.pid;
  }

  /** Resolves with the first match of `pattern` in the output; fails if the process exits first or time runs out. */
  async waitFor(pattern: RegExp, timeoutMs = 120_000): Promise<RegExpExecArray> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const match = pattern.exec(this.output);
      if (match) return match;
      if (this.child.exitCode !== null || this.child.signalCode !== null) {
        throw new Error(`exited (${this.child.exitCode ?? this.child.signalCode}) before printing ${pattern}\n${this.output}`);
      }
      if (Date.now() > deadline) throw new Error(`nothing matched ${pattern} in ${timeoutMs} ms\n${this.output}`);
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
  }

  /** Waits for the signalled process itself to exit, at most `timeoutMs`. */
  async exit(timeoutMs = 20_000): Promise<{ code: number | null; signal: NodeJS.Signals | null } | 'timeout'> {
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<'timeout'>((resolve) => (timer = setTimeout(() => resolve('timeout'), timeoutMs)));
    const outcome = await Promise.race([this.exited, timeout]);
    clearTimeout(timer);
    return outcome;
  }

  /** Stops the whole group (SIGTERM, then SIGKILL after 10 s); for cleanup, whatever state it is in. */
  async stopGroup(): Promise<void> {
    if (!this.child.pid) return;
    const pgid = this.child.pid;
    if (!groupAlive(pgid)) return;
    process.kill(-pgid, 'SIGTERM');
    const deadline = Date.now() + 10_000;
    while (groupAlive(pgid) && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 100));
    if (groupAlive(pgid)) process.kill(-pgid, 'SIGKILL');
  }
}
