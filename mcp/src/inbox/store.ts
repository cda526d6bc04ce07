import { mkdir, open, truncate } from 'node:fs/promises';
import type { FileHandle } from 'node:fs/promises';
import { dirname } from 'node:path';
import { appendDurably } from './durable-append';
import { inboxRecord } from './records';
import type { InboxRecord } from './records';

export interface StoreOptions {
  /** Start from an empty file (the embedded sandbox starts empty too). */
  reset?: boolean;
  /** Told about skipped lines; never about their content. */
  log?: (message: string) => void;
  /** Receives every unique record: loaded, appended, or written by another process. */
  onRecord: (record: InboxRecord) => void;
}

const NEWLINE = 0x0a;

/**
 * The inbox as a JSON-lines file. Each record is one fsynced `write` to a file opened with O_APPEND
 * (one server process per data dir holds it: see data-dir-lock.ts); a write that fails is cut
 * back, so a record is either wholly stored or not at all (and the caller is told). A
 * line that does not parse is skipped and reported, never fatal. Records are de-duplicated by key,
 * so a webhook Meta delivers twice is stored once.
 */
export class JsonlStore {
  private readonly keys = new Set<string>();
  /** Records being written, by key: a duplicate arriving meanwhile waits for (and shares) the outcome. */
  private readonly pending = new Map<string, Promise<void>>();
  private offset = 0;
  private lineNumber = 0;
  private writing: Promise<void> = Promise.resolve();
  private syncing: Promise<number> | null = null;
  private closed = false;
  /** Lines skipped because they were not valid records. */
  corruptLines = 0;

  private constructor(
    readonly file: string,
    private readonly handle: FileHandle,
    private readonly options: StoreOptions,
  ) {}

  static async open(file: string, options: StoreOptions): Promise<JsonlStore> {
    await mkdir(dirname(file), { recursive: true, mode: 0o700 });
    const handle = await open(file, 'a+', 0o600);
    if (options.reset) await truncate(file, 0);
    const store = new JsonlStore(file, handle, options);
    try {
      await store.readNew();
      await store.repairTail();
    } catch (error) {
      await handle.close();
      throw error;
    }
    return store;
  }

  has(key: string): boolean {
    return this.keys.has(key);
  }

  get size(): number {
    return this.keys.size;
  }

  /**
   * Stores a record unless one with the same key exists; resolves when it is written (true) or
   * when the same key's record already is (false). A record with this key still being written is
   * awaited, not counted as stored: a redelivery is answered only once the first copy is durable,
   * and fails with it (the sender then redelivers), so no 200 is given for an event that is lost.
   */
  async append(record: InboxRecord): Promise<boolean> {
    if (this.closed) throw new Error('the inbox is closed');
    if (this.keys.has(record.key)) return false;
    const inFlight = this.pending.get(record.key);
    if (inFlight !== undefined) {
      await inFlight;
      return false;
    }
    const line = Buffer.from(`${JSON.stringify(record)}\n`, 'utf8');
    const write = this.writing.then(() => appendDurably(this.handle, line, this.file));
    this.writing = write.catch(() => undefined);
    // The key is known only once the line is durable; until then duplicates wait on this promise.
    const stored = write.then(
      () => {
        this.pending.delete(record.key);
        this.keys.add(record.key);
        this.options.onRecord(record);
      },
      (error: unknown) => {
        // Not stored: a later redelivery writes it again.
        this.pending.delete(record.key);
        throw error;
      },
    );
    this.pending.set(record.key, stored);
    await stored;
    return true;
  }

  /** Reads records other processes appended since the last read; resolves to how many were new. */
  sync(): Promise<number> {
    this.syncing ??= this.readNew().finally(() => {
      this.syncing = null;
    });
    return this.syncing;
  }

  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    await this.writing;
    await this.syncing;
    await this.handle.close();
  }

  /** A crash mid-write can leave a last line without its newline; close it so the next append starts clean. */
  private async repairTail(): Promise<void> {
    const { size } = await this.handle.stat();
    if (size === 0) return;
    const last = Buffer.alloc(1);
    await this.handle.read(last, 0, 1, size - 1);
    if (last[0] !== NEWLINE) {
      await this.handle.write(Buffer.from('\n'), 0, 1, null);
      await this.readNew();
    }
  }

  private async readNew(): Promise<number> {
    const { size } = await this.handle.stat();
    if (size < this.offset) {
      // The file was truncated: read it again from the start (keys keep duplicates out).
      this.offset = 0;
      this.lineNumber = 0;
    }
    if (size === this.offset) return 0;
    const buffer = Buffer.alloc(size - this.offset);
    const { bytesRead } = await this.handle.read(buffer, 0, buffer.length, this.offset);
    const chunk = buffer.subarray(0, bytesRead);
    const end = chunk.lastIndexOf(NEWLINE);
    if (end < 0) return 0;
    let added = 0;
    let start = 0;
    while (start <= end) {
      const stop = chunk.indexOf(NEWLINE, start);
      this.lineNumber += 1;
      const text = chunk.subarray(start, stop).toString('utf8').trim();
      start = stop + 1;
      if (text !== '' && this.accept(text)) added += 1;
    }
    this.offset += end + 1;
    return added;
  }

  private accept(text: string): boolean {
    let record: InboxRecord;
    try {
      const parsed = inboxRecord.safeParse(JSON.parse(text));
      if (!parsed.success) throw new Error(`not an inbox record (${parsed.error.issues[0]?.path.join('.') || 'shape'})`);
      record = parsed.data;
    } catch (error) {
      this.corruptLines += 1;
      const reason = error instanceof SyntaxError ? 'not valid JSON' : error instanceof Error ? error.message : 'unreadable';
      this.options.log?.(`inbox: skipped line ${this.lineNumber} of ${this.file}: ${reason}`);
      return false;
    }
    // A line of our own still being written is counted once, when its write completes.
    if (this.keys.has(record.key) || this.pending.has(record.key)) return false;
    this.keys.add(record.key);
    this.options.onRecord(record);
    return true;
  }
}
