import { spawn } from 'node:child_process';
import type { ChildProcess } from 'node:child_process';
import { join } from 'node:path';

/** The built server (npm test runs `tsc -b` first), as users start it. */
export const BIN = join(__dirname, '..', '..', '..', 'mcp', 'bin', 'whatsapp-business-mcp.js');

export interface SpawnedServer {
  child: ChildProcess;
  /** e.g. http://127.0.0.1:43121 (HTTP mode only) */
  url: string;
  stderr(): string;
  /** Resident memory now, and its peak so far (kB), from /proc. */
  memory(): { rssKb: number; peakKb: number };
  stop(): Promise<number | null>;
}

/** Starts the built server over HTTP on a free loopback port and waits for its endpoint line. */
export async function spawnHttpServer(args: string[], env: Record<string, string>): Promise<SpawnedServer> {
  const child = spawn(process.execPath, [BIN, '--http', '--port', '0', ...args], { env: { PATH: process.env.PATH ?? '', ...env }, stdio: ['ignore', 'ignore', 'pipe'] });
  let stderr = '';
  child.stderr?.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  const url = await new Promise<string>((resolve, reject) => {
    const timer = setInterval(() => {
      const match = /MCP endpoint: (http:\/\/127\.0\.0\.1:\d+)\/mcp/.exec(stderr);
      if (match !== null) {
        clearInterval(timer);
        resolve(match[1]);
      }
    }, 20);
    void exited.then((code) => {
      clearInterval(timer);
      reject(new Error(`server exited (${code}) before listening: ${stderr}`));
    });
  });
  return {
    child,
    url,
    stderr: () => stderr,
    memory() {
      const status = require('node:fs').readFileSync(`/proc/${child.pid}/status`, 'utf8') as string;
      const field = (name: string): number => Number(new RegExp(`^${name}:\\s+(\\d+) kB`, 'm').exec(status)?.[1] ?? NaN);
      return { rssKb: field('VmRSS'), peakKb: field('VmHWM') };
    },
    async stop() {
      if (child.exitCode === null) child.kill('SIGTERM');
      return exited;
    },
  };
}
