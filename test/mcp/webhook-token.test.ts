import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Inbox } from '../../mcp/src/inbox/inbox';
import { UnrecognizedWebhooks } from '../../mcp/src/inbox/unrecognized';
import { createWebhookHandler, startWebhookListener } from '../../mcp/src/inbox/webhook';
import type { WebhookFormat, WebhookListener } from '../../mcp/src/inbox/webhook';

const TOKEN = 'CANARY-webhook-token-31d7c0a9';
const CUSTOMER = '16315551234';

/** What an On-Premises client posts: flat, no entry/changes, no messaging_product, unsigned. */
const onPremMessage = JSON.stringify({
  contacts: [{ profile: { name: 'Kerry Fisher' }, wa_id: CUSTOMER }],
  messages: [{ from: CUSTOMER, id: 'ABGGFlA5FpafAgo6EhVTYRRyhYmp', timestamp: '1763715600', type: 'text', text: { body: 'Hello from on-prem' } }],
});
const onPremStatus = JSON.stringify({
  statuses: [{ id: 'gBEGkYiEB1VXAglK1ZEqA1YKPrU', recipient_id: CUSTOMER, status: 'delivered', timestamp: '1763715660', type: 'message' }],
});
const onPremError = JSON.stringify({ errors: [{ code: 1013, title: 'User is not valid' }] });

let dir: string;
let inbox: Inbox;
let unrecognized: UnrecognizedWebhooks;
let logs: string[];
const listeners: WebhookListener[] = [];

async function listen(format: WebhookFormat, token: string | null = TOKEN, verifyToken: string | null = null): Promise<string> {
  const listener = await startWebhookListener(
    createWebhookHandler(inbox, { appSecret: null, verifyToken, webhookToken: token }, (m) => logs.push(m), { format, provider: format === 'onprem' ? 'onprem' : 'itnio', unrecognized }),
  );
  listeners.push(listener);
  return listener.url;
}

function post(url: string, body: string, headers: Record<string, string> = {}): Promise<Response> {
  return fetch(url, { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body });
}

function basic(user: string, password: string): Record<string, string> {
  return { authorization: `Basic ${Buffer.from(`${user}:${password}`).toString('base64')}` };
}

beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'wa-mcp-webhook-token-'));
  inbox = await Inbox.open({ file: join(dir, 'inbox.jsonl') });
  logs = [];
  unrecognized = new UnrecognizedWebhooks(join(dir, 'unrecognized-webhooks.jsonl'), (m) => logs.push(m));
});
afterEach(async () => {
  for (const listener of listeners.splice(0)) await listener.close();
  await inbox.close();
  await rm(dir, { recursive: true, force: true });
});

describe('/webhook for the On-Premises API (flat payload, shared token)', () => {
  it('refuses a POST without the token, or with a wrong one, with 401 and stores nothing', async () => {
    const url = await listen('onprem');
    const missing = await post(url, onPremMessage);
    expect(missing.status).toBe(401);
    expect(missing.headers.get('www-authenticate')).toMatch(/^Basic /);
    expect((await post(`${url}?token=${TOKEN}x`, onPremMessage)).status).toBe(401);
    expect((await post(`${url}?token=short`, onPremMessage)).status).toBe(401);
    expect((await post(url, onPremMessage, basic('wa', 'not-the-token'))).status).toBe(401);
    // A token in the user name part does not count: it is the password that is compared.
    expect((await post(url, onPremMessage, basic(TOKEN, 'x'))).status).toBe(401);
    expect((await post(url, onPremMessage, { authorization: `Bearer ${TOKEN}` })).status).toBe(401);
    expect(inbox.size).toBe(0);
    expect(logs.join('\n')).toMatch(/refused a POST with a missing token \(401\)/);
    expect(logs.join('\n')).toMatch(/refused a POST with a wrong token \(401\)/);
    expect(logs.join('\n')).not.toContain(TOKEN);
  });

  it('stores the flat message with ?token=, once even when redelivered; statuses too', async () => {
    const url = await listen('onprem');
    const first = await post(`${url}?token=${TOKEN}`, onPremMessage);
    expect(first.status).toBe(200);
    expect(await first.json()).toEqual({ stored: 1, duplicates: 0, ignored: 0, unrecognized: 0 });
    expect(await (await post(`${url}?token=${TOKEN}`, onPremMessage)).json()).toEqual({ stored: 0, duplicates: 1, ignored: 0, unrecognized: 0 });
    expect(inbox.conversation(CUSTOMER, 10)).toMatchObject({ name: 'Kerry Fisher', messages: [expect.objectContaining({ messageId: 'ABGGFlA5FpafAgo6EhVTYRRyhYmp', text: 'Hello from on-prem' })] });
    expect(await (await post(`${url}?token=${TOKEN}`, onPremStatus)).json()).toEqual({ stored: 1, duplicates: 0, ignored: 0, unrecognized: 0 });
  });

  it('accepts the token as the Basic-auth password (https://user:token@host/webhook in the client settings)', async () => {
    const url = await listen('onprem');
    const answer = await post(url, onPremMessage, basic('whatsapp', TOKEN));
    expect(answer.status).toBe(200);
    expect(inbox.size).toBe(1);
  });

  it('says what the client reported as an error, and keeps what core could not read', async () => {
    const url = await listen('onprem');
    expect(await (await post(`${url}?token=${TOKEN}`, onPremError)).json()).toEqual({ stored: 0, duplicates: 0, ignored: 1, unrecognized: 0 });
    expect(logs.join('\n')).toMatch(/webhook \(onprem\): the provider reported error 1013: User is not valid/);
    const odd = await post(`${url}?token=${TOKEN}`, JSON.stringify({ messages: ['not an object'] }));
    expect(await odd.json()).toMatchObject({ stored: 0, unrecognized: 1 });
    const kept = JSON.parse((await readFile(unrecognized.file, 'utf8')).trim()) as Record<string, unknown>;
    expect(kept).toMatchObject({ provider: 'onprem', reason: 'an event core could not read', body: 'not an object' });
  });

  it('answers 503 without WHATSAPP_WEBHOOK_TOKEN (never accepts unsigned events), 405 for GET, 413 when too big', async () => {
    const bare = await listen('onprem', null);
    const refused = await post(bare, onPremMessage);
    expect(refused.status).toBe(503);
    expect(await refused.text()).toMatch(/WHATSAPP_WEBHOOK_TOKEN/);
    const url = await listen('onprem');
    expect((await fetch(`${url}?token=${TOKEN}`)).status).toBe(405);
    expect((await post(`${url}?token=${TOKEN}`, 'x'.repeat(3 * 1024 * 1024 + 1))).status).toBe(413);
    expect(inbox.size).toBe(0);
  });
});

describe('/webhook for ITNIO (pass-through, shared token)', () => {
  const metaShaped = JSON.stringify({
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
              contacts: [{ profile: { name: 'Ana' }, wa_id: '16505551234' }],
              messages: [{ from: '16505551234', id: 'wamid.ITNIO1', timestamp: '1763715600', type: 'text', text: { body: 'Olá' } }],
            },
          },
        ],
      },
    ],
  });

  it('normalizes a Meta-shaped body into the inbox (no app-secret signature needed, the token is)', async () => {
    const url = await listen('pass-through');
    expect((await post(url, metaShaped)).status).toBe(401);
    const ok = await post(`${url}?token=${TOKEN}`, metaShaped);
    expect(await ok.json()).toEqual({ stored: 1, duplicates: 0, ignored: 0, unrecognized: 0 });
    expect(inbox.conversation('16505551234', 10)?.messages).toEqual([expect.objectContaining({ messageId: 'wamid.ITNIO1', text: 'Olá' })]);
  });

  it('keeps JSON and non-JSON bodies that are not Meta-shaped in the unrecognized file, and says so on stderr', async () => {
    const url = await listen('pass-through');
    const raw = { msgId: 'itn-77', recipient: '16505551234', status: 'read' };
    expect(await (await post(`${url}?token=${TOKEN}`, JSON.stringify(raw))).json()).toEqual({ stored: 0, duplicates: 0, ignored: 0, unrecognized: 1 });
    expect((await post(`${url}?token=${TOKEN}`, 'status=read&msgId=itn-78', { 'content-type': 'application/x-www-form-urlencoded' })).status).toBe(200);
    const lines = (await readFile(unrecognized.file, 'utf8')).trim().split('\n').map((line) => JSON.parse(line) as Record<string, unknown>);
    expect(lines).toEqual([
      expect.objectContaining({ provider: 'itnio', body: raw, receivedAt: expect.any(String) }),
      expect.objectContaining({ provider: 'itnio', body: 'status=read&msgId=itn-78' }),
    ]);
    expect(logs.filter((line) => line.includes('kept an unrecognized itnio payload'))).toHaveLength(2);
    expect(unrecognized.count).toBe(2);
    expect(inbox.size).toBe(0);
  });

  it('answers Meta\'s URL handshake when WHATSAPP_VERIFY_TOKEN is set (for callbacks verified the Meta way)', async () => {
    const url = await listen('pass-through', TOKEN, 'CANARY-verify-22');
    const ok = await fetch(`${url}?token=${TOKEN}&hub.mode=subscribe&hub.verify_token=CANARY-verify-22&hub.challenge=4242`);
    expect(ok.status).toBe(200);
    expect(await ok.text()).toBe('4242');
    expect((await fetch(`${url}?hub.mode=subscribe&hub.verify_token=wrong&hub.challenge=1`)).status).toBe(403);
  });
});
