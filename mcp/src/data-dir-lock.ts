import { readFileSync, unlinkSync } from 'node:fs';
import { mkdir, open, readFile, unlink } from 'node:fs/promises';
import { join } from 'node:path';

/** Refused because another live server process holds the data dir. */
export class DataDirInUse extends Error {
  constructor(
    readonly dataDir: string,
    readonly pid: number,
  ) {
    super(
      `another whatsapp-business-mcp process (pid ${pid}) is already using the data dir ${dataDir}. ` +
        'Two servers on one data dir would store every webhook twice (and an embedded sandbox would empty the other\'s inbox): ' +
        'stop that process, or give this one its own directory with --data-dir or WHATSAPP_MCP_DATA_DIR.',
    );
    this.name = 'DataDirInUse';
  }
}

export interface DataDirLock {
  readonly file: string;
  release(): Promise<void>;
}

export const LOCK_FILE_NAME = 'server.lock';

/** Whether a process with this pid exists (EPERM: it exists but belongs to someone else). */
function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

function pidIn(text: string): number | null {
  const pid = Number.parseInt(text.trim(), 10);
  return Number.isSafeInteger(pid) && pid > 0 ? pid : null;
}

/**
 * Takes the data dir for this process: the lock file is created exclusively with our pid inside.
 * A lock left by a process that no longer runs is taken over; one held by a live process refuses
 * the start. The lock is removed on release and, as a last resort, when the process exits.
 */
export async function lockDataDir(dataDir: string): Promise<DataDirLock> {
  await mkdir(dataDir, { recursive: true, mode: 0o700 });
  const file = join(dataDir, LOCK_FILE_NAME);
  const mine = `${process.pid}\n`;
  // Two attempts: a stale lock is removed once; if someone else then wins the exclusive create, they hold it.
  for (let attempt = 0; attempt < 3; attempt += 1) {
    try {
      const handle = await open(file, 'wx', 0o600);
      try {
        await handle.writeFile(mine);
      } finally {
        await handle.close();
      }
      return holdLock(file, mine);
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
    }
    const holder = pidIn(await readFile(file, 'utf8').catch(() => ''));
    // An empty file: a starting process between its create and its write; treat as held unless it stays empty.
    if (holder === null) {
      await new Promise((resolve) => setTimeout(resolve, 100));
      const again = pidIn(await readFile(file, 'utf8').catch(() => ''));
      if (again !== null && alive(again)) throw new DataDirInUse(dataDir, again);
    } else if (alive(holder)) {
      throw new DataDirInUse(dataDir, holder);
    }
    await unlink(file).catch(() => undefined);
  }
  throw new Error(`could not take the lock file ${file}: it keeps reappearing`);
}

function holdLock(file: string, mine: string): DataDirLock {
  let released = false;
  const stillMine = (): boolean => {
    try {
      return readFileSync(file, 'utf8') === mine;
    } catch {
      return false;
    }
  };
  // A process that ends without closing the runtime (an uncaught error, process.exit) still frees the dir.
  const onExit = (): void => {
    if (released || !stillMine()) return;
    try {
      unlinkSync(file);
    } catch {
      // already gone
    }
  };
  process.once('exit', onExit);
  return {
    file,
    async release() {
      if (released) return;
      released = true;
      process.off('exit', onExit);
      if (stillMine()) await unlink(file).catch(() => undefined);
    },
  };
}
