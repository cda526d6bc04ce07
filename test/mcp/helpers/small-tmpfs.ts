import { execFileSync } from 'node:child_process';
import { mkdtemp, rm, statfs, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/**
 * A real 64 kB tmpfs for full-disk tests. Mounting needs root (as in CI); without it the mount
 * throws and the test fails, it never skips.
 */
export interface SmallTmpfs {
  path: string;
  /** Fills the tmpfs so that about `free` bytes are left (0: none). */
  fillLeaving(free: number): Promise<void>;
  unmount(): Promise<void>;
}

export async function mountSmallTmpfs(prefix: string): Promise<SmallTmpfs> {
  const path = await mkdtemp(join(tmpdir(), prefix));
  execFileSync('mount', ['-t', 'tmpfs', '-o', 'size=64k', 'tmpfs', path]);
  return {
    path,
    async fillLeaving(free: number): Promise<void> {
      const { bavail, bsize } = await statfs(path);
      await writeFile(join(path, 'filler'), Buffer.alloc(Math.max(0, bavail * bsize - free)));
    },
    async unmount(): Promise<void> {
      execFileSync('umount', [path]);
      await rm(path, { recursive: true, force: true });
    },
  };
}
