import type { FileHandle } from 'node:fs/promises';

/**
 * Appends one line to a file opened for appending and fsyncs it. A short or failed write (a full
 * disk) or a failed fsync cuts the file back to where the line began and throws: the caller then
 * answers 5xx (the sender redelivers), and no torn line is left for later appends to run into.
 * Only one process writes the file (the data-dir lock), so the size read first is where the line goes.
 */
export async function appendDurably(handle: FileHandle, line: Buffer, file: string): Promise<void> {
  const { size: before } = await handle.stat();
  try {
    const { bytesWritten } = await handle.write(line, 0, line.length, null);
    if (bytesWritten !== line.length) throw new Error(`short write: ${bytesWritten} of ${line.length} bytes reached ${file} (is the disk full?)`);
    await handle.datasync();
  } catch (error) {
    await handle.truncate(before).catch(() => undefined);
    throw error;
  }
}
