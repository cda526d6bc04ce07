import { mkdir, open } from 'node:fs/promises';
import { dirname } from 'node:path';
import { appendDurably } from './durable-append';

/**
 * Webhook bodies the server accepted (the token matched) but could not read as messages or
 * statuses: ITNIO callbacks that are not Meta-shaped (their format is not published), and events
 * core could not normalize. They are kept, one JSON line each, in a file of the data dir (mode
 * 0600), and each one is mentioned on stderr, so nothing a provider sends disappears silently.
 */
export class UnrecognizedWebhooks {
  #count = 0;
  #writing: Promise<void> = Promise.resolve();

  constructor(
    readonly file: string,
    private readonly log: (message: string) => void,
    private readonly now: () => number = Date.now,
  ) {}

  /** How many were kept by this process. */
  get count(): number {
    return this.#count;
  }

  async record(provider: string, reason: string, body: unknown): Promise<void> {
    await mkdir(dirname(this.file), { recursive: true, mode: 0o700 });
    const line = JSON.stringify({ receivedAt: new Date(this.now()).toISOString(), provider, reason, body });
    // On disk (fsynced, never torn) before the webhook is answered 200; one write at a time, so a
    // failed one is cut back without touching another's line.
    const write = this.#writing.then(async () => {
      const handle = await open(this.file, 'a', 0o600);
      try {
        await appendDurably(handle, Buffer.from(`${line}\n`, 'utf8'), this.file);
      } finally {
        await handle.close();
      }
    });
    this.#writing = write.catch(() => undefined);
    await write;
    this.#count += 1;
    this.log(`webhook: kept an unrecognized ${provider} payload (${reason}) in ${this.file}`);
  }
}
