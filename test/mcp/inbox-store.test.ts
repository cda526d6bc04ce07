import { appendFile, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { normalizeWebhook } from 'whatsapp-business-core';
import { Inbox } from '../../mcp/src/inbox/inbox';
import { JsonlStore } from '../../mcp/src/inbox/store';
import type { InboxRecord } from '../../mcp/src/inbox/records';
import { CUSTOMER_SERVICE_WINDOW_MS as WINDOW_MS } from 'whatsapp-business-core';

let dir: string;
let file: string;
beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'wa-mcp-inbox-'));
  file = join(dir, 'nested', 'inbox.jsonl');
});
afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

const T0 = Date.UTC(2026, 10, 21, 9, 0, 0);

/** A Meta `messages` webhook body with one inbound text. */
function inboundBody(id: string, from: string, text: string, seconds = T0 / 1000): string {
  return JSON.stringify({
    object: 'whatsapp_business_account',
    entry: [
      {
        id: '200000000000001',
        changes: [
          {
            field: 'messages',
            value: {
              messaging_product: 'whatsapp',
              metadata: { display_phone_number: '15550000001', phone_number_id: '100000000000001' },
              contacts: [{ profile: { name: 'Ana' }, wa_id: from }],
              messages: [{ from, id, timestamp: String(seconds), type: 'text', text: { body: text } }],
            },
          },
        ],
      },
    ],
  });
}

function statusBody(id: string, recipient: string, status: string, errors?: unknown[]): string {
  return JSON.stringify({
    object: 'whatsapp_business_account',
    entry: [
      {
        id: '200000000000001',
        changes: [
          {
            field: 'messages',
            value: {
              messaging_product: 'whatsapp',
              metadata: { display_phone_number: '15550000001', phone_number_id: '100000000000001' },
              statuses: [{ id, recipient_id: recipient, status, timestamp: String(T0 / 1000 + 5), ...(errors ? { errors } : {}) }],
            },
          },
        ],
      },
    ],
  });
}

describe('the JSON-lines store', () => {
  it('survives a restart: records are read back, in order, and the file stays one record per line', async () => {
    const seen: InboxRecord[] = [];
    const store = await JsonlStore.open(file, { onRecord: (r) => seen.push(r) });
    const record = (key: string): InboxRecord => ({ t: 'read', key, at: T0, phoneNumberId: null, messageId: key });
    expect(await store.append(record('a'))).toBe(true);
    expect(await store.append(record('b'))).toBe(true);
    expect(await store.append(record('a'))).toBe(false);
    await store.close();
    expect((await readFile(file, 'utf8')).trim().split('\n')).toHaveLength(2);

    const reread: InboxRecord[] = [];
    const again = await JsonlStore.open(file, { onRecord: (r) => reread.push(r) });
    expect(reread.map((r) => r.key)).toEqual(['a', 'b']);
    expect(again.has('a')).toBe(true);
    await again.close();
  });

  it('skips and reports corrupt lines without failing, and repairs a torn last line', async () => {
    const good = (key: string) => JSON.stringify({ t: 'read', key, at: T0, phoneNumberId: null, messageId: key });
    await writeFile(join(dir, 'inbox.jsonl'), `${good('one')}\n{not json\n${JSON.stringify({ t: 'in', key: 'x' })}\n${good('two')}\n{"t":"read","key":"torn`);
    const logs: string[] = [];
    const keys: string[] = [];
    const store = await JsonlStore.open(join(dir, 'inbox.jsonl'), { log: (m) => logs.push(m), onRecord: (r) => keys.push(r.key) });
    expect(keys).toEqual(['one', 'two']);
    expect(store.corruptLines).toBe(3);
    expect(logs).toEqual([
      expect.stringMatching(/skipped line 2 .*not valid JSON/),
      expect.stringMatching(/skipped line 3 .*not an inbox record/),
      expect.stringMatching(/skipped line 5 .*not valid JSON/),
    ]);
    // The torn line was closed, so the next record starts on its own line.
    await store.append({ t: 'read', key: 'three', at: T0, phoneNumberId: null, messageId: 'three' });
    await store.close();
    const reopened: string[] = [];
    await (await JsonlStore.open(join(dir, 'inbox.jsonl'), { onRecord: (r) => reopened.push(r.key) })).close();
    expect(reopened).toEqual(['one', 'two', 'three']);
  });

  it('two processes sharing a data dir: appends do not interleave and each sees the other\'s records', async () => {
    const a: string[] = [];
    const b: string[] = [];
    const storeA = await JsonlStore.open(file, { onRecord: (r) => a.push(r.key) });
    const storeB = await JsonlStore.open(file, { onRecord: (r) => b.push(r.key) });
    await Promise.all(
      Array.from({ length: 50 }, (_, i) => (i % 2 === 0 ? storeA : storeB).append({ t: 'read', key: `k${i}`, at: T0 + i, phoneNumberId: null, messageId: `m${i}` })),
    );
    await storeA.sync();
    await storeB.sync();
    expect(new Set(a)).toEqual(new Set(b));
    expect(a).toHaveLength(50);
    const lines = (await readFile(file, 'utf8')).trim().split('\n');
    expect(lines).toHaveLength(50);
    for (const line of lines) expect(() => JSON.parse(line)).not.toThrow();
    await storeA.close();
    await storeB.close();
  });

  it('a record another process appends after a partial write is read once complete', async () => {
    const keys: string[] = [];
    const store = await JsonlStore.open(file, { onRecord: (r) => keys.push(r.key) });
    const line = JSON.stringify({ t: 'read', key: 'late', at: T0, phoneNumberId: null, messageId: 'late' });
    await appendFile(file, line.slice(0, 10));
    expect(await store.sync()).toBe(0);
    await appendFile(file, `${line.slice(10)}\n`);
    expect(await store.sync()).toBe(1);
    expect(keys).toEqual(['late']);
    await store.close();
  });
});

describe('the inbox', () => {
  it('stores a redelivered webhook once (core\'s dedupe key), statuses included', async () => {
    const inbox = await Inbox.open({ file, now: () => T0 });
    const body = inboundBody('wamid.IN1', '16505551234', 'Hello');
    expect(await inbox.ingest(normalizeWebhook(body))).toEqual({ stored: 1, duplicates: 0, ignored: 0 });
    expect(await inbox.ingest(normalizeWebhook(body))).toEqual({ stored: 0, duplicates: 1, ignored: 0 });
    await inbox.recordOutbound({ messageId: 'wamid.OUT1', to: '16505551234', type: 'text', summary: 'Hi!', phoneNumberId: '100000000000001' });
    for (const status of ['sent', 'delivered', 'delivered', 'read']) await inbox.ingest(normalizeWebhook(statusBody('wamid.OUT1', '16505551234', status)));
    await inbox.close();

    const reopened = await Inbox.open({ file, now: () => T0 });
    expect(reopened.size).toBe(5);
    expect(reopened.conversation('16505551234', 10)?.messages).toEqual([
      expect.objectContaining({ direction: 'inbound', messageId: 'wamid.IN1', text: 'Hello' }),
      expect.objectContaining({ direction: 'outbound', messageId: 'wamid.OUT1', text: 'Hi!', status: 'read' }),
    ]);
    await reopened.close();
  });

  it('a failed status carries Meta\'s code and core\'s hint', async () => {
    const inbox = await Inbox.open({ file, now: () => T0 });
    await inbox.recordOutbound({ messageId: 'wamid.OUT2', to: '16505551234', type: 'text', summary: 'late', phoneNumberId: null });
    await inbox.ingest(normalizeWebhook(statusBody('wamid.OUT2', '16505551234', 'sent')));
    await inbox.ingest(normalizeWebhook(statusBody('wamid.OUT2', '16505551234', 'failed', [{ code: 131047, title: 'Re-engagement message', error_data: { details: 'more than 24 hours' } }])));
    expect(inbox.conversation('16505551234', 10)?.messages[0]).toMatchObject({
      status: 'failed',
      error: { code: 131047, title: 'Re-engagement message', details: 'more than 24 hours', hint: expect.stringMatching(/template/) },
    });
    await inbox.close();
  });

  it('computes the 24 h window from the customer\'s last message; unknown without one (closed when authoritative)', async () => {
    let now = T0;
    const inbox = await Inbox.open({ file, now: () => now });
    expect(inbox.window('16505551234')).toEqual({ state: 'unknown', expiresAt: null });
    await inbox.ingest(normalizeWebhook(inboundBody('wamid.A', '16505551234', 'hi', T0 / 1000)));
    expect(inbox.window('16505551234')).toEqual({ state: 'open', expiresAt: new Date(T0 + WINDOW_MS).toISOString() });
    // Our own messages do not extend it.
    await inbox.recordOutbound({ messageId: 'wamid.B', to: '16505551234', type: 'text', summary: 'x', phoneNumberId: null });
    now = T0 + WINDOW_MS + 1;
    expect(inbox.window('16505551234')).toEqual({ state: 'closed', expiresAt: new Date(T0 + WINDOW_MS).toISOString() });
    await inbox.ingest(normalizeWebhook(inboundBody('wamid.C', '16505551234', 'again', now / 1000)));
    expect(inbox.window('16505551234').state).toBe('open');
    await inbox.close();

    const authoritative = await Inbox.open({ file: join(dir, 'other.jsonl'), authoritative: true });
    expect(authoritative.window('16505551234')).toEqual({ state: 'closed', expiresAt: null });
    await authoritative.close();
  });

  it('counts unread messages until we answer or mark them read', async () => {
    const inbox = await Inbox.open({ file });
    await inbox.ingest(normalizeWebhook(inboundBody('wamid.1', '16505551234', 'one')));
    await inbox.ingest(normalizeWebhook(inboundBody('wamid.2', '16505551234', 'two')));
    expect(inbox.list(() => true)[0]).toMatchObject({ user: '16505551234', unread: 2, lastText: 'two' });
    await inbox.recordRead('wamid.2', null);
    expect(inbox.list(() => true)[0].unread).toBe(0);
    await inbox.ingest(normalizeWebhook(inboundBody('wamid.3', '16505551234', 'three')));
    expect(inbox.list(() => true)[0].unread).toBe(1);
    await inbox.close();
  });

  it('a waiter sees a message written by another process sharing the file', async () => {
    const reader = await Inbox.open({ file, pollMs: 10 });
    const writer = await Inbox.open({ file });
    const started = Date.now();
    const waiting = reader.waitForInbound('16505551234', started - 1, () => true, { timeoutMs: 10_000 });
    await writer.ingest(normalizeWebhook(inboundBody('wamid.X', '16505551234', 'from the other process')));
    expect(await waiting).toEqual([expect.objectContaining({ from: '16505551234', text: 'from the other process' })]);
    await reader.close();
    await writer.close();
  });
});
