import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { signWebhookPayload } from 'whatsapp-business-core';
import { Inbox } from '../../mcp/src/inbox/inbox';
import { createWebhookHandler, startWebhookListener } from '../../mcp/src/inbox/webhook';
import type { WebhookListener } from '../../mcp/src/inbox/webhook';

const APP_SECRET = 'webhook-test-app-secret';
const VERIFY_TOKEN = 'webhook-test-verify-token';
let dir: string;
let inbox: Inbox;
let listener: WebhookListener;
const logs: string[] = [];

const body = JSON.stringify({
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
            contacts: [{ profile: { name: 'Zoë' }, wa_id: '5511912345678' }],
            messages: [{ from: '5511912345678', id: 'wamid.HOOK1', timestamp: '1763715600', type: 'text', text: { body: 'Olá, tudo bem? 👋' } }],
          },
        },
      ],
    },
  ],
});

// Meta signs the body with non-ASCII escaped as \uXXXX; the raw bytes it sends are that form.
const metaBytes = body.replace(/[^\x00-\x7e]/g, (ch) => `\\u${ch.charCodeAt(0).toString(16).padStart(4, '0')}`);

function post(payload: string, signature: string | null): Promise<Response> {
  const headers: Record<string, string> = { 'content-type': 'application/json' };
  if (signature !== null) headers['x-hub-signature-256'] = signature;
  return fetch(listener.url, { method: 'POST', headers, body: payload });
}

beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'wa-mcp-webhook-'));
  inbox = await Inbox.open({ file: join(dir, 'inbox.jsonl') });
  listener = await startWebhookListener(createWebhookHandler(inbox, { appSecret: APP_SECRET, verifyToken: VERIFY_TOKEN }, (m) => logs.push(m)));
});
afterEach(async () => {
  await listener.close();
  await inbox.close();
  await rm(dir, { recursive: true, force: true });
});

describe('the inbox webhook endpoint', () => {
  it('answers Meta\'s handshake only with the verify token', async () => {
    const ok = await fetch(`${listener.url}?hub.mode=subscribe&hub.verify_token=${VERIFY_TOKEN}&hub.challenge=1158201444`);
    expect(ok.status).toBe(200);
    expect(await ok.text()).toBe('1158201444');
    const wrong = await fetch(`${listener.url}?hub.mode=subscribe&hub.verify_token=nope&hub.challenge=1158201444`);
    expect(wrong.status).toBe(403);
  });

  it('refuses a missing or wrong signature with 401 and stores nothing', async () => {
    expect((await post(metaBytes, null)).status).toBe(401);
    expect((await post(metaBytes, signWebhookPayload(metaBytes, 'another-secret'))).status).toBe(401);
    const tampered = metaBytes.replace('tudo bem', 'TUDO BEM');
    expect((await post(tampered, signWebhookPayload(metaBytes, APP_SECRET))).status).toBe(401);
    expect(inbox.size).toBe(0);
    expect(logs.join('\n')).not.toContain(APP_SECRET);
  });

  it('stores a signed delivery (non-ASCII included) once, even when Meta redelivers it', async () => {
    const first = await post(metaBytes, signWebhookPayload(metaBytes, APP_SECRET));
    expect(first.status).toBe(200);
    expect(await first.json()).toEqual({ stored: 1, duplicates: 0, ignored: 0 });
    const again = await post(metaBytes, signWebhookPayload(metaBytes, APP_SECRET));
    expect(await again.json()).toEqual({ stored: 0, duplicates: 1, ignored: 0 });
    expect(inbox.conversation('5511912345678', 10)).toMatchObject({ name: 'Zoë', messages: [expect.objectContaining({ messageId: 'wamid.HOOK1', text: 'Olá, tudo bem? 👋' })] });
  });

  it('refuses oversized bodies and other methods', async () => {
    const big = 'x'.repeat(3 * 1024 * 1024 + 1);
    expect((await post(big, signWebhookPayload(big, APP_SECRET))).status).toBe(413);
    expect((await fetch(listener.url, { method: 'PUT', body: '{}' })).status).toBe(405);
  });

  it('answers 503 when no secrets are configured (never accepts unsigned events)', async () => {
    const bare = await startWebhookListener(createWebhookHandler(inbox, { appSecret: null, verifyToken: null }, () => undefined));
    try {
      expect((await fetch(bare.url, { method: 'POST', body: metaBytes })).status).toBe(503);
      expect((await fetch(`${bare.url}?hub.mode=subscribe&hub.verify_token=x&hub.challenge=1`)).status).toBe(503);
      expect(inbox.size).toBe(0);
    } finally {
      await bare.close();
    }
  });
});
