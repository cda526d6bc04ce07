import { startSandbox, type RunningSandbox } from 'whatsapp-sandbox';
import { parseCliArgs } from '../../sandbox/cli/parse-args';
import { SandboxClient } from './helpers/client';
import { WebhookReceiver, type WebhookEnvelope } from './helpers/webhook-receiver';

const APP_ID = '300000000000007';
const APP_SECRET = 'app-secret-for-tests';
const APP_TOKEN = `${APP_ID}|${APP_SECRET}`;

interface SubscriptionsBody {
  data: { object: string; callback_url: string; active: boolean; fields: { name: string; version: string }[] }[];
}

describe('app subscriptions (/{app-id}/subscriptions)', () => {
  let sandbox: RunningSandbox;
  let client: SandboxClient;
  let receiver: WebhookReceiver;
  let dashboard: WebhookReceiver;

  beforeAll(async () => {
    receiver = await new WebhookReceiver({ appSecret: APP_SECRET, verifyToken: 'app-verify' }).start();
    dashboard = await new WebhookReceiver({ appSecret: APP_SECRET, verifyToken: 'sandbox-verify-token' }).start();
    sandbox = await startSandbox({ port: 0, appId: APP_ID, appSecret: APP_SECRET, window: false, webhookRetries: 0 });
    client = new SandboxClient(sandbox);
  });

  afterEach(async () => {
    await sandbox.webhooksIdle();
    await client.control('POST', 'reset');
    receiver.posts.length = 0;
    receiver.handshakes.length = 0;
  });

  afterAll(async () => {
    await sandbox.close();
    await receiver.close();
    await dashboard.close();
  });

  const subscriptions = (method: string, body?: unknown, token: string | null = APP_TOKEN, query = '') =>
    client.request(method, `${client.graphUrl(`${APP_ID}/subscriptions`)}${query}`, body, { token });

  it('exposes the app id and answers GET /{app-id} with the app token or the user token', async () => {
    expect(sandbox.appId).toBe(APP_ID);
    const viaApp = await client.request('GET', `${client.graphUrl(APP_ID)}?fields=id,name&access_token=${encodeURIComponent(APP_TOKEN)}`, undefined, { token: null });
    expect(viaApp).toMatchObject({ status: 200, body: { id: APP_ID, name: 'WhatsApp Sandbox App' } });
    expect((await client.graph('GET', APP_ID)).status).toBe(200);
  });

  it('takes only the app token on the subscriptions edge (query or bearer)', async () => {
    expect((await subscriptions('GET')).status).toBe(200);
    const viaQuery = await client.request('GET', `${client.graphUrl(`${APP_ID}/subscriptions`)}?access_token=${encodeURIComponent(APP_TOKEN)}`, undefined, { token: null });
    expect(viaQuery.status).toBe(200);
    const user = await subscriptions('GET', undefined, sandbox.token);
    expect(user.status).toBe(400);
    expect(user.body).toMatchObject({ error: { code: 15, type: 'OAuthException', message: '(#15) This method must be called with an app access_token.' } });
    expect((await subscriptions('GET', undefined, `${APP_ID}|wrong`)).status).toBe(401);
    expect((await subscriptions('GET', undefined, null)).status).toBe(401);
  });

  it('verifies the callback with the handshake before subscribing, and refuses a failing one with code 2200', async () => {
    const refused = await subscriptions('POST', { object: 'whatsapp_business_account', callback_url: receiver.url, verify_token: 'wrong', fields: ['messages'] });
    expect(refused.status).toBe(400);
    expect(refused.body).toMatchObject({ error: { code: 2200, type: 'OAuthException' } });
    expect((refused.body as { error: { message: string } }).error.message).toContain('Callback verification failed');
    expect(receiver.handshakes).toEqual([expect.objectContaining({ mode: 'subscribe', verifyToken: 'wrong' })]);
    expect(((await subscriptions('GET')).body as SubscriptionsBody).data).toEqual([]);

    const accepted = await subscriptions('POST', { object: 'whatsapp_business_account', callback_url: receiver.url, verify_token: 'app-verify', fields: ['messages'] });
    expect(accepted).toMatchObject({ status: 200, body: { success: true } });
    expect(((await subscriptions('GET')).body as SubscriptionsBody).data).toEqual([
      { object: 'whatsapp_business_account', callback_url: receiver.url, active: true, fields: [{ name: 'messages', version: 'v23.0' }] },
    ]);
  });

  it('accepts form-encoded bodies with comma-separated fields, adds fields, and deletes fields or everything', async () => {
    const form = new URLSearchParams({
      object: 'whatsapp_business_account',
      callback_url: receiver.url,
      verify_token: 'app-verify',
      fields: 'messages,message_template_status_update',
    }).toString();
    const reply = await client.request('POST', client.graphUrl(`${APP_ID}/subscriptions`), undefined, {
      token: APP_TOKEN,
      rawBody: form,
      headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
    });
    expect(reply.status).toBe(200);
    await subscriptions('POST', { object: 'whatsapp_business_account', callback_url: receiver.url, verify_token: 'app-verify', fields: '["account_update"]' });
    const names = () => subscriptions('GET').then((r) => (r.body as SubscriptionsBody).data[0]?.fields.map((field) => field.name));
    expect(await names()).toEqual(['messages', 'message_template_status_update', 'account_update']);
    await subscriptions('DELETE', undefined, APP_TOKEN, '?object=whatsapp_business_account&fields=account_update');
    expect(await names()).toEqual(['messages', 'message_template_status_update']);
    expect((await subscriptions('DELETE', undefined, APP_TOKEN, '?object=whatsapp_business_account')).body).toEqual({ success: true });
    expect(((await subscriptions('GET')).body as SubscriptionsBody).data).toEqual([]);
  });

  it('rejects unknown objects, fields and missing parameters', async () => {
    const base = { object: 'whatsapp_business_account', callback_url: receiver.url, verify_token: 'app-verify', fields: ['messages'] };
    expect((await subscriptions('POST', { ...base, object: 'page' })).body).toMatchObject({ error: { code: 100 } });
    expect((await subscriptions('POST', { ...base, fields: ['nope'] })).body).toMatchObject({ error: { code: 100 } });
    expect((await subscriptions('POST', { ...base, fields: [] })).body).toMatchObject({ error: { code: 100 } });
    expect((await subscriptions('POST', { ...base, callback_url: undefined })).body).toMatchObject({ error: { code: 100 } });
    expect((await subscriptions('POST', { ...base, callback_url: 'ftp://x' })).body).toMatchObject({ error: { code: 100 } });
    expect(receiver.handshakes).toHaveLength(0);
  });

  it('delivers signed webhooks to the app callback only once the WABA is subscribed, and only for subscribed fields', async () => {
    await subscriptions('POST', { object: 'whatsapp_business_account', callback_url: receiver.url, verify_token: 'app-verify', fields: ['messages'] });
    await client.inbound({ from: '15551234567', text: 'before the WABA subscription' });
    await sandbox.webhooksIdle();
    expect(receiver.posts).toHaveLength(0);

    expect((await client.graph('POST', `${sandbox.wabaId}/subscribed_apps`)).status).toBe(200);
    const apps = await client.graph('GET', `${sandbox.wabaId}/subscribed_apps`);
    expect(apps.body).toMatchObject({ data: [{ whatsapp_business_api_data: { id: APP_ID } }] });
    await client.inbound({ from: '15551234567', text: 'after' });
    await receiver.waitForPosts(1);
    expect(receiver.posts[0].signatureValid).toBe(true);
    expect(receiver.payloads<WebhookEnvelope>()[0].entry[0].changes[0].value.messages?.[0]).toMatchObject({ text: { body: 'after' } });

    // message_template_status_update is not subscribed: the approval of a new template goes nowhere.
    const created = await client.graph('POST', `${sandbox.wabaId}/message_templates`, {
      name: 'app_sub_test',
      language: 'en_US',
      category: 'UTILITY',
      components: [{ type: 'BODY', text: 'Hello' }],
    });
    expect(created.status).toBe(200);
    await sandbox.webhooksIdle();
    expect(receiver.payloads<WebhookEnvelope>().map((payload) => payload.entry[0].changes[0].field)).toEqual(['messages']);
  });

  it('takes precedence over the callbackUrl option while it exists', async () => {
    const both = await startSandbox({ port: 0, appId: APP_ID, appSecret: APP_SECRET, callbackUrl: dashboard.url, window: false, webhookRetries: 0 });
    const other = new SandboxClient(both);
    try {
      await other.inbound({ from: '15551234567', text: 'to the dashboard URL' });
      await dashboard.waitForPosts(1);
      await other.graph('POST', `${both.wabaId}/subscribed_apps`);
      await other.request('POST', other.graphUrl(`${APP_ID}/subscriptions`), { object: 'whatsapp_business_account', callback_url: receiver.url, verify_token: 'app-verify', fields: 'messages' }, { token: APP_TOKEN });
      await other.inbound({ from: '15551234567', text: 'to the app subscription' });
      await receiver.waitForPosts(1);
      expect(dashboard.posts).toHaveLength(1);
    } finally {
      await both.close();
    }
  });

  it('has no app token without an app secret', async () => {
    const bare = await startSandbox({ port: 0 });
    try {
      const reply = await fetch(`${bare.url}/v23.0/${bare.appId}/subscriptions?access_token=${encodeURIComponent(`${bare.appId}|`)}`);
      expect(reply.status).toBe(401);
    } finally {
      await bare.close();
    }
  });
});

describe('--latency-ms / latencyMs and --app-id', () => {
  it('delays every Graph answer but not the control API', async () => {
    // A latency far above what a loaded machine adds, so the comparison cannot flake.
    const slow = await startSandbox({ port: 0, latencyMs: 2000 });
    const client = new SandboxClient(slow);
    try {
      let started = Date.now();
      expect((await client.graph('GET', slow.phoneNumberId)).status).toBe(200);
      expect(Date.now() - started).toBeGreaterThanOrEqual(1900);
      started = Date.now();
      expect((await client.graph('GET', slow.phoneNumberId, undefined, { token: 'wrong' })).status).toBe(401);
      expect(Date.now() - started).toBeGreaterThanOrEqual(1900);
      started = Date.now();
      expect((await client.control('GET', 'messages')).status).toBe(200);
      expect(Date.now() - started).toBeLessThan(1000);
    } finally {
      await slow.close();
    }
  });

  it('closes promptly while a delayed answer is pending', async () => {
    const slow = await startSandbox({ port: 0, latencyMs: 5000 });
    const pending = fetch(`${slow.url}/v23.0/${slow.phoneNumberId}`, { headers: { Authorization: `Bearer ${slow.token}` } }).catch((error: unknown) => error);
    await new Promise((resolve) => setTimeout(resolve, 50));
    const started = Date.now();
    await slow.close();
    expect(Date.now() - started).toBeLessThan(1000);
    expect(await pending).toHaveProperty('name', 'TypeError'); // fetch failed: the connection was dropped
  });

  it('checks the options', async () => {
    await expect(startSandbox({ latencyMs: -1 })).rejects.toThrow('latencyMs must be a whole number between 0 and 60000');
    await expect(startSandbox({ latencyMs: 60_001 })).rejects.toThrow('latencyMs');
    await expect(startSandbox({ appId: 'abc' })).rejects.toThrow('appId must be a numeric id');
    await expect(startSandbox({ appId: '200000000000001' })).rejects.toThrow('appId must differ');
  });

  it('parses the CLI flags', () => {
    expect(parseCliArgs(['--latency-ms', '25', '--app-id=300000000000009'])).toEqual({
      kind: 'run',
      options: { port: 8089, latencyMs: 25, appId: '300000000000009' },
    });
    expect(parseCliArgs(['--latency-ms', 'slow'])).toEqual({ kind: 'error', message: "--latency-ms expects a number (got 'slow')" });
  });
});
