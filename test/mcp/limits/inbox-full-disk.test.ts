import { readFile, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { signWebhookPayload } from 'whatsapp-business-core';
import { Inbox } from '../../../mcp/src/inbox/inbox';
import { UnrecognizedWebhooks } from '../../../mcp/src/inbox/unrecognized';
import { createWebhookHandler, startWebhookListener } from '../../../mcp/src/inbox/webhook';
import type { WebhookListener } from '../../../mcp/src/inbox/webhook';
import { mountSmallTmpfs, type SmallTmpfs } from '../helpers/small-tmpfs';

/**
 * A full disk: a real 64 kB tmpfs (mounting needs root, as in CI; without it the test fails, it
 * does not skip). Every webhook answered 200 must be wholly in the file; the rest get 5xx so Meta
 * redelivers, and no torn line is left.
 */

const APP_SECRET = 'full-disk-app-secret';
let disk: SmallTmpfs;
let mountPoint: string;
let inbox: Inbox;
let listener: WebhookListener;

beforeAll(async () => {
  disk = await mountSmallTmpfs('wa-mcp-full-');
  mountPoint = disk.path;
  inbox = await Inbox.open({ file: join(mountPoint, 'inbox.jsonl') });
  listener = await startWebhookListener(createWebhookHandler(inbox, { appSecret: APP_SECRET, verifyToken: null }, () => undefined));
});
afterAll(async () => {
  await listener?.close();
  await inbox?.close();
  await disk?.unmount();
});

/** Fills the tmpfs so that only about `free` bytes are left: a few records fit, then the disk is full. */
function fillLeaving(free: number): Promise<void> {
  return disk.fillLeaving(free);
}

function webhook(n: number): string {
  const text = `message ${n} `.padEnd(1500, 'x');
  return JSON.stringify({
    object: 'whatsapp_business_account',
    entry: [{ id: '200000000000001', changes: [{ field: 'messages', value: { messaging_product: 'whatsapp', metadata: { display_phone_number: '15550000001', phone_number_id: '100000000000001' }, contacts: [{ profile: { name: 'A' }, wa_id: '5511912345678' }], messages: [{ from: '5511912345678', id: `wamid.FULL${n}`, timestamp: '1763715600', type: 'text', text: { body: text } }] } }] }],
  });
}

it('on a full disk, webhooks are answered 5xx (never 200) and every line in the file is whole', async () => {
  await fillLeaving(6 * 1024);
  const answered: { n: number; status: number }[] = [];
  for (let n = 0; n < 12; n += 1) {
    const body = webhook(n);
    const response = await fetch(listener.url, { method: 'POST', headers: { 'content-type': 'application/json', 'x-hub-signature-256': signWebhookPayload(body, APP_SECRET) }, body });
    answered.push({ n, status: response.status });
  }
  const ok = answered.filter((a) => a.status === 200).map((a) => a.n);
  const refused = answered.filter((a) => a.status !== 200);
  expect(ok.length).toBeGreaterThan(0);
  expect(refused.length).toBeGreaterThan(0);
  for (const { status } of refused) expect(status).toBeGreaterThanOrEqual(500);

  const file = await readFile(join(mountPoint, 'inbox.jsonl'), 'utf8');
  expect(file.endsWith('\n')).toBe(true);
  const lines = file.split('\n').filter((line) => line !== '');
  for (const line of lines) expect(() => JSON.parse(line)).not.toThrow();
  const stored = lines.map((line) => (JSON.parse(line) as { messageId?: string }).messageId);
  // Exactly the events answered 200 are stored, each once.
  expect(stored).toEqual(ok.map((n) => `wamid.FULL${n}`));

  // With room again, Meta's redelivery of a refused event is stored.
  await rm(join(mountPoint, 'filler'));
  const retry = webhook(refused[0].n);
  const again = await fetch(listener.url, { method: 'POST', headers: { 'content-type': 'application/json', 'x-hub-signature-256': signWebhookPayload(retry, APP_SECRET) }, body: retry });
  expect(again.status).toBe(200);
  expect(await readFile(join(mountPoint, 'inbox.jsonl'), 'utf8')).toContain(`wamid.FULL${refused[0].n}`);
});

it('the same holds for kept unrecognized payloads (ITNIO pass-through): 5xx on a full disk, no torn line', async () => {
  const token = 'a-long-shared-webhook-token-123';
  const kept = new UnrecognizedWebhooks(join(mountPoint, 'unrecognized-webhooks.jsonl'), () => undefined);
  const itnio = await startWebhookListener(createWebhookHandler(inbox, { appSecret: null, verifyToken: null, webhookToken: token }, () => undefined, { format: 'pass-through', provider: 'itnio', unrecognized: kept }));
  try {
    await fillLeaving(6 * 1024);
    const statuses: number[] = [];
    for (let n = 0; n < 12; n += 1) {
      const response = await fetch(`${itnio.url}?token=${token}`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ callback: n, note: 'y'.repeat(1500) }) });
      statuses.push(response.status);
    }
    expect(statuses).toContain(200);
    expect(statuses.some((status) => status >= 500)).toBe(true);
    expect(statuses.every((status) => status === 200 || status >= 500)).toBe(true);
    const file = await readFile(join(mountPoint, 'unrecognized-webhooks.jsonl'), 'utf8');
    const lines = file.split('\n').filter((line) => line !== '');
    expect(file.endsWith('\n')).toBe(true);
    expect(lines.map((line) => (JSON.parse(line) as { body: { callback: number } }).body.callback)).toEqual(statuses.flatMap((status, n) => (status === 200 ? [n] : [])));
  } finally {
    await itnio.close();
    await rm(join(mountPoint, 'filler'), { force: true });
  }
});
