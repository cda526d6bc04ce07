/**
 * Drives a real n8n (installed by install-n8n.sh into a cache folder) through its CLI, with the
 * `npm pack` tarball installed the way the README tells a user to: its manual-install commands,
 * run as written in a shell whose HOME is the n8n user folder (so `~/.n8n/nodes` is this
 * instance's), under the node that runs this n8n.
 * Not part of `npm test` (only type-checked there); run by test/e2e-n8n/run.sh.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, type AddressInfo } from 'node:net';
import { homedir, tmpdir } from 'node:os';
import { delimiter, join } from 'node:path';

export const PACKAGE_NAME = 'n8n-nodes-whatsapp-business';

/**
 * The README's manual install (section "Install"), exactly as written there; test/readme/ keeps the
 * two equal. The tarball path is the only thing replaced.
 */
export const README_N8N_INSTALL = [
  'mkdir -p ~/.n8n/nodes && cd ~/.n8n/nodes',
  'npm install --legacy-peer-deps /path/to/n8n-nodes-whatsapp-business-0.1.0.tgz',
] as const;
export const README_TARBALL_PLACEHOLDER = '/path/to/n8n-nodes-whatsapp-business-0.1.0.tgz';

/** Single-quoted for sh. */
export function shellQuote(value: string): string {
  return `'${value.replace(/'/g, `'\\''`)}'`;
}

export interface N8nInstall {
  version: string;
  /** The folder holding node_modules/n8n. */
  dir: string;
  /** A folder with the `node` binary n8n needs (Node 24 for 2.4x); undefined = this process's node. */
  nodeBin?: string;
}

export interface CliResult {
  code: number | null;
  stdout: string;
  stderr: string;
}

/** Reads the install from the environment run.sh sets. */
export function installFromEnv(): N8nInstall {
  const dir = process.env.N8N_E2E_DIR;
  const version = process.env.N8N_E2E_VERSION;
  if (!dir || !version) throw new Error('N8N_E2E_DIR and N8N_E2E_VERSION must be set (run test/e2e-n8n/run.sh)');
  return { dir, version, nodeBin: process.env.N8N_E2E_NODE_BIN || undefined };
}

export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as AddressInfo;
      server.close(() => resolve(port));
    });
  });
}

function run(command: string, args: string[], env: NodeJS.ProcessEnv, timeoutMs: number): Promise<CliResult> {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { env, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`${args.join(' ')} timed out after ${timeoutMs} ms\n${stdout}\n${stderr}`));
    }, timeoutMs);
    child.on('error', (error) => {
      clearTimeout(timer);
      reject(error);
    });
    child.on('close', (code) => {
      clearTimeout(timer);
      resolve({ code, stdout, stderr });
    });
  });
}

/** One n8n instance: a fresh user folder, its own port and encryption key. */
export class N8nInstance {
  readonly userFolder: string;
  readonly port: number;
  private server: ChildProcess | null = null;
  private serverLog = '';

  constructor(
    readonly install: N8nInstall,
    port: number,
    userFolder = mkdtempSync(join(tmpdir(), `n8n-e2e-${install.version}-`)),
  ) {
    this.port = port;
    this.userFolder = userFolder;
  }

  get baseUrl(): string {
    return `http://127.0.0.1:${this.port}`;
  }

  get nodeBinary(): string {
    return this.install.nodeBin ? join(this.install.nodeBin, 'node') : process.execPath;
  }

  env(): NodeJS.ProcessEnv {
    const path = this.install.nodeBin ? `${this.install.nodeBin}${delimiter}${process.env.PATH ?? ''}` : process.env.PATH;
    return {
      PATH: path,
      HOME: process.env.HOME,
      TMPDIR: process.env.TMPDIR,
      CI: 'true',
      NODE_ENV: 'production',
      N8N_USER_FOLDER: this.userFolder,
      N8N_ENCRYPTION_KEY: 'e2e-encryption-key-not-secret',
      N8N_DIAGNOSTICS_ENABLED: 'false',
      N8N_PERSONALIZATION_ENABLED: 'false',
      N8N_VERSION_NOTIFICATIONS_ENABLED: 'false',
      N8N_TEMPLATES_ENABLED: 'false',
      N8N_LOG_LEVEL: 'info',
      N8N_PORT: String(this.port),
      N8N_LISTEN_ADDRESS: '127.0.0.1',
      N8N_HOST: '127.0.0.1',
      N8N_PROTOCOL: 'http',
      WEBHOOK_URL: `${this.baseUrl}/`,
      N8N_SECURE_COOKIE: 'false',
      N8N_COMMUNITY_PACKAGES_ENABLED: 'true',
      N8N_RUNNERS_ENABLED: 'false',
      N8N_ENFORCE_SETTINGS_FILE_PERMISSIONS: 'false',
      DB_SQLITE_POOL_SIZE: '2',
      N8N_BLOCK_ENV_ACCESS_IN_NODE: 'false',
      N8N_GIT_NODE_DISABLE_BARE_REPOS: 'true',
    };
  }

  /** The package, installed with the README's manual-install commands (no node_modules of its own). */
  async installPackage(tarball: string): Promise<string> {
    const script = ['set -e', ...README_N8N_INSTALL.map((line) => line.split(README_TARBALL_PLACEHOLDER).join(shellQuote(tarball)))].join('\n');
    const env = { ...this.env(), HOME: this.userFolder, npm_config_cache: join(this.userFolder, '.npm-cache'), npm_config_update_notifier: 'false', npm_config_userconfig: join(homedir(), '.npmrc') };
    const result = await run('bash', ['-c', script], env, 300_000);
    if (result.code !== 0) throw new Error(`the README's n8n install failed (exit ${result.code})\n--- stdout\n${result.stdout}\n--- stderr\n${result.stderr}`);
    const target = join(this.userFolder, '.n8n', 'nodes', 'node_modules', PACKAGE_NAME);
    if (!existsSync(join(target, 'package.json'))) throw new Error(`the README's n8n install left no ${target}\n${result.stdout}\n${result.stderr}`);
    if (existsSync(join(target, 'node_modules'))) throw new Error(`${target} has a node_modules folder`);
    const nodesFolder = readdirSync(join(this.userFolder, '.n8n', 'nodes', 'node_modules')).filter((name) => !name.startsWith('.'));
    if (nodesFolder.join(',') !== PACKAGE_NAME) throw new Error(`the install added more than the package (peers?): ${nodesFolder.join(', ')}`);
    return target;
  }

  installedFiles(packageDir: string): string[] {
    const walk = (dir: string, prefix = ''): string[] =>
      readdirSync(dir, { withFileTypes: true }).flatMap((entry) =>
        entry.isDirectory() ? walk(join(dir, entry.name), `${prefix}${entry.name}/`) : [`${prefix}${entry.name}`],
      );
    return walk(packageDir);
  }

  async cli(args: string[], timeoutMs = 180_000): Promise<CliResult> {
    const bin = join(this.install.dir, 'node_modules', 'n8n', 'bin', 'n8n');
    return run(this.nodeBinary, [bin, ...args], this.env(), timeoutMs);
  }

  async cliOk(args: string[], timeoutMs?: number): Promise<CliResult> {
    const result = await this.cli(args, timeoutMs);
    if (result.code !== 0) {
      throw new Error(`n8n ${args.join(' ')} exited with ${result.code}\n--- stdout\n${result.stdout}\n--- stderr\n${result.stderr}`);
    }
    return result;
  }

  async importJson(kind: 'credentials' | 'workflow', data: unknown): Promise<CliResult> {
    const file = join(this.userFolder, `import-${kind}-${Date.now()}.json`);
    writeFileSync(file, JSON.stringify(data, null, 2));
    return this.cliOk([`import:${kind}`, `--input=${file}`]);
  }

  /** `n8n execute --id --rawOutput`; returns the parsed run data (the JSON printed after the logs). */
  async execute(workflowId: string, timeoutMs = 300_000): Promise<{ runData: ExecutionResult; result: CliResult; wallMs: number }> {
    const started = Date.now();
    const result = await this.cli(['execute', `--id=${workflowId}`, '--rawOutput'], timeoutMs);
    const wallMs = Date.now() - started;
    const parsed = parseExecuteOutput(result.stdout);
    if (!parsed) {
      throw new Error(`n8n execute --id=${workflowId} printed no run data (exit ${result.code})\n--- stdout\n${result.stdout}\n--- stderr\n${result.stderr}`);
    }
    return { runData: parsed, result, wallMs };
  }

  /** `n8n start` in the background; resolves when the HTTP server answers /healthz. */
  async start(timeoutMs = 120_000): Promise<void> {
    const bin = join(this.install.dir, 'node_modules', 'n8n', 'bin', 'n8n');
    const child = spawn(this.nodeBinary, [bin, 'start'], { env: this.env(), stdio: ['ignore', 'pipe', 'pipe'] });
    this.server = child;
    child.stdout?.on('data', (chunk: Buffer) => (this.serverLog += chunk.toString()));
    child.stderr?.on('data', (chunk: Buffer) => (this.serverLog += chunk.toString()));
    const deadline = Date.now() + timeoutMs;
    while (Date.now() < deadline) {
      if (child.exitCode !== null) throw new Error(`n8n start exited with ${child.exitCode}\n${this.serverLog}`);
      try {
        const response = await fetch(`${this.baseUrl}/healthz/readiness`);
        if (response.ok) return;
      } catch {
        // not listening yet
      }
      await new Promise((resolve) => setTimeout(resolve, 300));
    }
    throw new Error(`n8n start not ready after ${timeoutMs} ms\n${this.serverLog}`);
  }

  get log(): string {
    return this.serverLog;
  }

  async stop(): Promise<void> {
    const child = this.server;
    this.server = null;
    if (!child || child.exitCode !== null) return;
    await new Promise<void>((resolve) => {
      const timer = setTimeout(() => {
        child.kill('SIGKILL');
      }, 15_000);
      child.once('exit', () => {
        clearTimeout(timer);
        resolve();
      });
      child.kill('SIGTERM');
    });
  }

  cleanup(): void {
    rmSync(this.userFolder, { recursive: true, force: true });
  }
}

export interface NodeRun {
  startTime: number;
  executionTime: number;
  executionStatus?: string;
  error?: { message?: string; description?: string };
  data?: { main?: Array<Array<{ json: Record<string, unknown>; binary?: Record<string, BinaryRef> }> | null> };
}

export interface BinaryRef {
  mimeType?: string;
  fileName?: string;
  fileSize?: string;
  data?: string;
  id?: string;
}

export interface ExecutionResult {
  data: { resultData: { runData: Record<string, NodeRun[]>; error?: { message?: string }; lastNodeExecuted?: string } };
  status?: string;
  finished?: boolean;
}

/** The run data is the first line of stdout that parses as an object with `data.resultData`. */
export function parseExecuteOutput(stdout: string): ExecutionResult | null {
  const start = stdout.indexOf('{');
  for (let at = start; at >= 0; at = stdout.indexOf('{', at + 1)) {
    // Try the longest JSON text starting here (run data may span many lines).
    const end = stdout.lastIndexOf('}');
    for (let stop = end; stop > at; stop = stdout.lastIndexOf('}', stop - 1)) {
      try {
        const value = JSON.parse(stdout.slice(at, stop + 1)) as ExecutionResult;
        if (value && typeof value === 'object' && value.data?.resultData) return value;
        break;
      } catch {
        // shorter
      }
      if (end - stop > 2_000_000) break;
    }
  }
  return null;
}

/** The items of a node's first run, first output. */
export function itemsOf(execution: ExecutionResult, nodeName: string): Array<{ json: Record<string, unknown>; binary?: Record<string, BinaryRef> }> {
  const runs = execution.data.resultData.runData[nodeName];
  if (!runs || runs.length === 0) throw new Error(`node "${nodeName}" did not run; ran: ${Object.keys(execution.data.resultData.runData).join(', ')}`);
  const first = runs[0];
  if (first.error) throw new Error(`node "${nodeName}" failed: ${first.error.message} ${first.error.description ?? ''}`);
  return first.data?.main?.[0] ?? [];
}
