import { randomBytes } from 'node:crypto';
import { readFileSync, unlinkSync } from 'node:fs';
import { link, mkdir, open, readFile, unlink, writeFile } from 'node:fs/promises';
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

/** Who holds a lock: the pid, and what tells that pid's process from a later one given the same pid. */
export interface LockHolder {
  pid: number;
  /** Start time of the process (clock ticks after boot, field 22 of /proc/<pid>/stat); null where unknown. */
  start: string | null;
  /** The kernel's boot id; null where unknown. A lock from an earlier boot is always stale. */
  boot: string | null;
}

/** Lock files this process holds: a second lock on one of them from within the process is refused too. */
const heldHere = new Set<string>();

/** Whether a process with this pid exists (EPERM: it exists but belongs to someone else). */
function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/** The start time of a running process, or null (no /proc, or no such process). */
export function processStartTime(pid: number): string | null {
  let stat: string;
  try {
    stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
  } catch {
    return null;
  }
  // The command name (field 2) is in parentheses and may hold spaces or ')': fields restart after the last ')'.
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  const start = fields[22 - 3];
  return start !== undefined && /^\d+$/.test(start) ? start : null;
}

export function currentBootId(): string | null {
  try {
    const id = readFileSync('/proc/sys/kernel/random/boot_id', 'utf8').trim();
    return id === '' ? null : id;
  } catch {
    return null;
  }
}

/**
 * The lock file's text: the pid alone on the first line (what earlier versions read), then this
 * process's identity and a nonce that makes the text unique to this lock.
 */
function lockText(holder: LockHolder, nonce: string): string {
  return `${holder.pid}\n${JSON.stringify({ ...holder, nonce })}\n`;
}

/** The holder a lock file names, or null when it names none (empty, or being written by an older version). */
export function parseLock(text: string): LockHolder | null {
  const [first, second] = text.split('\n');
  const pid = Number.parseInt((first ?? '').trim(), 10);
  if (!Number.isSafeInteger(pid) || pid <= 0) return null;
  let start: string | null = null;
  let boot: string | null = null;
  try {
    const identity = JSON.parse(second ?? '') as { start?: unknown; boot?: unknown };
    if (typeof identity.start === 'string') start = identity.start;
    if (typeof identity.boot === 'string') boot = identity.boot;
  } catch {
    // a lock of an earlier version: the pid alone
  }
  return { pid, start, boot };
}

/**
 * Whether the lock's holder is gone. Pids are reused (in a container the server is pid 1 at every
 * start), so a live pid is the holder only if its start time and the boot match what the lock
 * recorded; our own pid is never the holder, as this process is only now taking the lock.
 */
export function isStale(holder: LockHolder): boolean {
  if (holder.pid === process.pid) return true;
  const boot = currentBootId();
  if (holder.boot !== null && boot !== null && holder.boot !== boot) return true;
  if (!alive(holder.pid)) return true;
  const start = processStartTime(holder.pid);
  return holder.start !== null && start !== null && holder.start !== start;
}

/** The lock file's text and identity (device and inode, read through one handle), or null when it is gone. */
async function readLock(file: string): Promise<{ text: string; dev: number; ino: number } | null> {
  let handle;
  try {
    handle = await open(file, 'r');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return null;
    throw error;
  }
  try {
    const { dev, ino } = await handle.stat();
    return { text: await handle.readFile('utf8'), dev, ino };
  } finally {
    await handle.close();
  }
}

const isCode = (error: unknown, code: string): boolean => (error as NodeJS.ErrnoException).code === code;

const pause = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * Takes the data dir for this process. The lock is written whole to a temporary file first and
 * linked to server.lock (link fails if the name exists, so it is never seen half-written and of
 * several starters exactly one creates it). A lock held by a live process refuses the start. A
 * stale one is removed only by the starter that claims it: the claim is a file named after the
 * stale lock's inode, created with link (one winner), and the winner removes server.lock only if
 * it is still that very file (same inode and text). So no starter ever removes a lock another one
 * has just taken, and two servers starting over one stale lock cannot both run. The lock is removed
 * on release and, as a last resort, when the process exits.
 */
export async function lockDataDir(dataDir: string): Promise<DataDirLock> {
  await mkdir(dataDir, { recursive: true, mode: 0o700 });
  const file = join(dataDir, LOCK_FILE_NAME);
  if (heldHere.has(file)) throw new DataDirInUse(dataDir, process.pid);
  const nonce = randomBytes(8).toString('hex');
  const mine = lockText({ pid: process.pid, start: processStartTime(process.pid), boot: currentBootId() }, nonce);
  const temp = join(dataDir, `${LOCK_FILE_NAME}.${nonce}.new`);
  await writeFile(temp, mine, { mode: 0o600 });
  try {
    for (let attempt = 0; attempt < 100; attempt += 1) {
      try {
        await link(temp, file);
        return holdLock(file, mine);
      } catch (error) {
        if (!isCode(error, 'EEXIST')) throw error;
      }
      const seen = await readLock(file);
      if (seen === null) continue;
      let holder = parseLock(seen.text);
      if (holder === null) {
        // An earlier version creates the file empty, then writes its pid: give it a moment.
        await pause(100);
        const again = await readLock(file);
        if (again === null || again.ino !== seen.ino || again.text !== seen.text) continue;
        holder = parseLock(again.text);
      }
      if (holder !== null && !isStale(holder)) throw new DataDirInUse(dataDir, holder.pid);
      const claim = join(dataDir, `${LOCK_FILE_NAME}.${seen.ino}.takeover`);
      try {
        await link(temp, claim);
      } catch (error) {
        if (!isCode(error, 'EEXIST')) throw error;
        const claimant = parseLock(await readFile(claim, 'utf8').catch(() => ''));
        // Another starter is removing this stale lock: see what it leaves. One that died meanwhile leaves a claim to clear.
        if (claimant !== null && !isStale(claimant)) await pause(20);
        else await unlink(claim).catch(() => undefined);
        continue;
      }
      try {
        const now = await readLock(file);
        if (now !== null && now.dev === seen.dev && now.ino === seen.ino && now.text === seen.text) await unlink(file);
      } finally {
        await unlink(claim).catch(() => undefined);
      }
    }
    throw new Error(`could not take the lock file ${file}: it keeps changing`);
  } finally {
    await unlink(temp).catch(() => undefined);
  }
}

function holdLock(file: string, mine: string): DataDirLock {
  heldHere.add(file);
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
      heldHere.delete(file);
      process.off('exit', onExit);
      if (stillMine()) await unlink(file).catch(() => undefined);
    },
  };
}
