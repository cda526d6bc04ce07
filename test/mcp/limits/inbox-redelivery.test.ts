import { readFileSync } from 'node:fs';
import { readFile, rm } from 'node:fs/promises';
import { connect } from 'node:net';
import { join } from 'node:path';
import { normalizeWebhook, signWebhookPayload } from 'whatsapp-business-core';
import { Inbox } from '../../../mcp/src/inbox/inbox';
import { createWebhookHandler, startWebhookListener } from '../../../mcp/src/inbox/webhook';
import type { WebhookListener } from '../../../mcp/src/inbox/webhook';
import { mountSmallTmpfs, type SmallTmpfs } from '../helpers/small-tmpfs';

/**
 * Meta redelivers an event it got no 200 for, sometimes while the first delivery is still being
 * written. Before the fix the duplicate was answered 200 at once ("already stored"), and if the
 * first write then failed (a full disk) the event was lost although Meta had its 200. Real files
 * on a real 64 kB tmpfs (mounting needs root, as in CI; without it the test fails, never skips).
 */

const APP_SECRET = 'redelivery-app-secret';
let disk: SmallTmpfs;
let mountPoint: string;
let inbox: Inbox;
let listener: WebhookListener;

beforeAll(async () => {
  disk = await mountSmallTmpfs('wa-mcp-redeliver-');
  mountPoint = disk.path;
  inbox = await Inbox.open({ file: join(mountPoint, 'inbox.jsonl') });
  listener = await startWebhookListener(createWebhookHandler(inbox, { appSecret: APP_SECRET, verifyToken: null }, () => undefined));
});
afterAll(async () => {
  await listener?.close();
  await inbox?.close();
  await disk?.unmount();
});

function webhook(id: string): string {
  return JSON.stringify({
    object: 'whatsapp_business_account',
    entry: [{ id: '200000000000001', changes: [{ field: 'messages', value: { messaging_product: 'whatsapp', metadata: { display_phone_number: '15550000001', phone_number_id: '100000000000001' }, contacts: [{ profile: { name: 'A' }, wa_id: '5511912345678' }], messages: [{ from: '5511912345678', id, timestamp: '1763715600', type: 'text', text: { body: `event ${id} `.padEnd(5000, 'x') } }] } }] }],
  });
}

/** Leaves no free space on the tmpfs (a record is over one 4 kB page, so it never fits in a page's slack). */
function fillDisk(): Promise<void> {
  return disk.fillLeaving(0);
}

const storedCount = (file: string, id: string): number => file.split('\n').filter((line) => line.includes(`"${id}"`)).length;

/**
 * Posts the same body on `copies` raw sockets at once: every request is sent but its last byte, then
 * all last bytes go out together, so the copies reach the inbox in the same instant. Resolves with
 * each status code.
 */
function postCopiesAtOnce(body: string, copies: number): Promise<number[]> {
  const target = new URL(listener.url);
  const raw = Buffer.from(body, 'utf8');
  const head = `POST /webhook HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\nX-Hub-Signature-256: ${signWebhookPayload(body, APP_SECRET)}\r\nContent-Length: ${raw.length}\r\nConnection: close\r\n\r\n`;
  const sockets = Array.from({ length: copies }, () => connect(Number(target.port), target.hostname));
  const statuses = sockets.map(
    (socket) =>
      new Promise<number>((resolve, reject) => {
        let received = '';
        socket.on('data', (chunk: Buffer) => (received += chunk.toString('latin1')));
        socket.on('error', reject);
        socket.on('close', () => resolve(Number(/^HTTP\/1\.1 (\d{3})/.exec(received)?.[1] ?? 0)));
      }),
  );
  const ready = sockets.map((socket) => new Promise<void>((resolve) => socket.once('connect', () => socket.write(Buffer.concat([Buffer.from(head), raw.subarray(0, raw.length - 1)]), () => resolve()))));
  return Promise.all(ready)
    .then(() => new Promise((resolve) => setTimeout(resolve, 200)))
    .then(() => {
      for (const socket of sockets) socket.write(raw.subarray(raw.length - 1));
      return Promise.all(statuses);
    });
}

it('three copies of one event at once on a full disk: all three get 5xx; once there is room, a redelivery is stored once', async () => {
  await fillDisk();
  try {
    const statuses = await postCopiesAtOnce(webhook('wamid.REDELIVER1'), 3);
    expect(statuses).toHaveLength(3);
    for (const status of statuses) expect(status).toBeGreaterThanOrEqual(500);
    expect(storedCount(await readFile(join(mountPoint, 'inbox.jsonl'), 'utf8'), 'wamid.REDELIVER1')).toBe(0);
  } finally {
    await rm(join(mountPoint, 'filler'), { force: true });
  }
  const again = webhook('wamid.REDELIVER1');
  const response = await fetch(listener.url, { method: 'POST', headers: { 'content-type': 'application/json', 'x-hub-signature-256': signWebhookPayload(again, APP_SECRET) }, body: again });
  expect(response.status).toBe(200);
  expect(storedCount(await readFile(join(mountPoint, 'inbox.jsonl'), 'utf8'), 'wamid.REDELIVER1')).toBe(1);
}, 20000);

it('in the inbox itself: copies appended in the same instant on a full disk all fail (none reported stored or duplicate)', async () => {
  await fillDisk();
  try {
    const events = normalizeWebhook(webhook('wamid.REDELIVER2'));
    const outcomes = await Promise.allSettled([inbox.ingest(events), inbox.ingest(events), inbox.ingest(events)]);
    expect(outcomes.map((outcome) => outcome.status)).toEqual(['rejected', 'rejected', 'rejected']);
  } finally {
    await rm(join(mountPoint, 'filler'), { force: true });
  }
  expect((await inbox.ingest(normalizeWebhook(webhook('wamid.REDELIVER2')))).stored).toBe(1);
});

it('with room on the disk, a duplicate is answered only once the first copy is in the file', async () => {
  const file = join(mountPoint, 'inbox.jsonl');
  const events = normalizeWebhook(webhook('wamid.REDELIVER3'));
  const first = inbox.ingest(events);
  // What the file holds at the moment the duplicate is told "already stored".
  const duplicate = inbox.ingest(events).then((result) => ({ result, copies: storedCount(readFileSync(file, 'utf8'), 'wamid.REDELIVER3') }));
  const [firstResult, duplicateOutcome] = await Promise.all([first, duplicate]);
  expect(firstResult.stored).toBe(1);
  expect(duplicateOutcome.result).toEqual({ stored: 0, duplicates: 1, ignored: 0 });
  expect(duplicateOutcome.copies).toBe(1);
  expect(storedCount(await readFile(file, 'utf8'), 'wamid.REDELIVER3')).toBe(1);
});
