import { startSandbox } from 'whatsapp-sandbox';
import type { RunningSandbox } from 'whatsapp-sandbox';
import { WebhookReceiver } from './helpers/webhook-receiver';

const USERNAME = 'wa-admin';
const PASSWORD = 'Sandbox-Pa55word!';
const CUSTOMER = '15551234567';

type Json = Record<string, unknown>;

async function control(sandbox: RunningSandbox, method: string, path: string, body?: unknown): Promise<{ status: number; body: Json }> {
  const response = await fetch(`${sandbox.url}/_sandbox/${path}`, {
    method,
    headers: body === undefined ? {} : { 'content-type': 'application/json' },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  return { status: response.status, body: (await response.json()) as Json };
}

async function api(sandbox: RunningSandbox, method: string, path: string, json?: unknown): Promise<{ status: number; body: Json }> {
  const login = await fetch(`${sandbox.url}/v1/users/login`, {
    method: 'POST',
    headers: { authorization: `Basic ${Buffer.from(`${USERNAME}:${PASSWORD}`).toString('base64')}` },
  });
  const token = ((await login.json()) as { users: { token: string }[] }).users[0].token;
  const response = await fetch(`${sandbox.url}/v1${path}`, {
    method,
    headers: { authorization: `Bearer ${token}`, ...(json === undefined ? {} : { 'content-type': 'application/json' }) },
    body: json === undefined ? undefined : JSON.stringify(json),
  });
  const text = await response.text();
  return { status: response.status, body: (response.headers.get('content-type')?.includes('json') ? JSON.parse(text) : { bytes: text }) as Json };
}

describe('onprem flavor webhooks', () => {
  let receiver: WebhookReceiver;
  let other: WebhookReceiver;
  let sandbox: RunningSandbox;

  beforeEach(async () => {
    receiver = await new WebhookReceiver({ appSecret: 'unused', verifyToken: 'unused' }).start();
    other = await new WebhookReceiver({ appSecret: 'unused', verifyToken: 'unused' }).start();
    // No app secret: On-Premises webhooks are not signed.
    sandbox = await startSandbox({ port: 0, flavor: 'onprem', username: USERNAME, password: PASSWORD, callbackUrl: receiver.url });
  });

  afterEach(async () => {
    await sandbox.close();
    await receiver.close();
    await other.close();
  });

  it('a simulated customer message arrives flat and unsigned, with an On-Premises id, and no handshake', async () => {
    const inbound = await control(sandbox, 'POST', 'inbound', { from: CUSTOMER, name: 'Ana', text: 'Hello' });
    expect(inbound.status).toBe(200);
    const id = inbound.body.messageId as string;
    expect(id).not.toMatch(/^wamid/);
    const expected = {
      contacts: [{ profile: { name: 'Ana' }, wa_id: CUSTOMER }],
      messages: [{ from: CUSTOMER, id, timestamp: expect.any(String), type: 'text', text: { body: 'Hello' } }],
    };
    expect(inbound.body.webhook).toEqual(expected);
    await sandbox.webhooksIdle();
    expect(receiver.payloads()).toEqual([expected]);
    expect(receiver.posts[0].signature).toBeUndefined();
    expect(receiver.posts[0].contentType).toBe('application/json');
    expect(receiver.handshakes).toEqual([]);
    const log = await control(sandbox, 'GET', 'webhooks');
    expect((log.body.data as Json[])[0]).toMatchObject({ field: 'messages', payload: expected, delivered: true, statusCode: 200 });
  });

  it('received media carries a UUID the client\'s own media endpoint serves', async () => {
    const inbound = await control(sandbox, 'POST', 'inbound', { from: CUSTOMER, type: 'image', image: { caption: 'look' } });
    const mediaId = inbound.body.mediaId as string;
    expect(mediaId).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-/);
    const message = ((inbound.body.webhook as Json).messages as Json[])[0];
    expect(message).toMatchObject({ type: 'image', image: { id: mediaId, caption: 'look', mime_type: expect.any(String) } });
    const download = await api(sandbox, 'GET', `/media/${mediaId}`);
    expect(download.status).toBe(200);
  });

  it('statuses are flat, marked "type": "message", and follow webhooks.message (sent off by default)', async () => {
    await control(sandbox, 'POST', 'inbound', { from: CUSTOMER, text: 'Hi' });
    const first = await api(sandbox, 'POST', '/messages', { to: CUSTOMER, type: 'text', text: { body: 'one' } });
    const firstId = (first.body.messages as { id: string }[])[0].id;
    await sandbox.webhooksIdle();
    const statusesOf = (id: string): unknown[] =>
      receiver
        .payloads<{ statuses?: { id: string; status: string; type: string }[] }>()
        .flatMap((payload) => payload.statuses ?? [])
        .filter((status) => status.id === id)
        .map((status) => [status.status, status.type]);
    expect(statusesOf(firstId)).toEqual([
      ['delivered', 'message'],
      ['read', 'message'],
    ]);
    expect(receiver.payloads<Json>().every((payload) => !('entry' in payload) && !('object' in payload))).toBe(true);

    await api(sandbox, 'PATCH', '/settings/application', { webhooks: { message: { sent: true, read: false } } });
    const second = await api(sandbox, 'POST', '/messages', { to: CUSTOMER, type: 'text', text: { body: 'two' } });
    await sandbox.webhooksIdle();
    expect(statusesOf((second.body.messages as { id: string }[])[0].id)).toEqual([
      ['sent', 'message'],
      ['delivered', 'message'],
    ]);
  });

  it('webhooks go to the URL set in the application settings; a reset goes back to --callback-url', async () => {
    expect((await api(sandbox, 'PATCH', '/settings/application', { webhooks: { url: other.url } })).status).toBe(200);
    await control(sandbox, 'POST', 'inbound', { from: CUSTOMER, text: 'to the new URL' });
    await sandbox.webhooksIdle();
    expect(other.posts).toHaveLength(1);
    expect(receiver.posts).toHaveLength(0);

    await control(sandbox, 'POST', 'reset');
    await control(sandbox, 'POST', 'inbound', { from: CUSTOMER, text: 'back to the option' });
    await sandbox.webhooksIdle();
    expect(receiver.posts).toHaveLength(1);
    expect(other.posts).toHaveLength(1);
  });

  it('Cloud-only inbound fields (business-scoped user ids) are refused and nothing is posted', async () => {
    const refused = await control(sandbox, 'POST', 'inbound', { from: CUSTOMER, text: 'x', userId: 'US.13491208655302741918' });
    expect(refused.status).toBe(400);
    expect(JSON.stringify(refused.body)).toContain('userId');
    await sandbox.webhooksIdle();
    expect(receiver.posts).toHaveLength(0);
  });

  it('without any webhook URL nothing is queued', async () => {
    await api(sandbox, 'PATCH', '/settings/application', { webhooks: { url: '' } });
    await control(sandbox, 'POST', 'inbound', { from: CUSTOMER, text: 'nowhere' });
    await sandbox.webhooksIdle();
    expect(receiver.posts).toHaveLength(0);
    expect((await control(sandbox, 'GET', 'webhooks')).body.data).toEqual([]);
  });

  it('a message sent outside the window fails with 470 in the status webhook', async () => {
    const sent = await api(sandbox, 'POST', '/messages', { to: '15550001234', type: 'image', image: { link: 'https://example.com/a.png' } });
    expect(sent.status).toBe(200);
    await sandbox.webhooksIdle();
    const [payload] = receiver.payloads<{ statuses: Json[] }>();
    expect(payload.statuses[0]).toMatchObject({ status: 'failed', type: 'message', errors: [{ code: 470 }] });
  });
});
