import type { IDataObject } from 'n8n-workflow';
import { startSandbox, type RunningSandbox } from 'whatsapp-sandbox';
import { hookContext, startTriggerServer, type ContextOptions, type RecordedCall, type TriggerServer } from '../helpers/webhook-context';
import { APP_SECRET, VERIFY_TOKEN, parameters, trigger } from './payloads';

const APP_ID = '300000000000001';
const CUSTOMER = '15551234567';
// A 1x1 PNG.
const PNG = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==', 'base64');

function sandboxCredentials(sandbox: RunningSandbox) {
  return {
    whatsAppWebhookApi: { appId: sandbox.appId, appSecret: APP_SECRET, verifyToken: VERIFY_TOKEN, baseUrl: sandbox.url, apiVersion: 'v23.0' },
    whatsAppCloudApi: { accessToken: sandbox.token, businessAccountId: sandbox.wabaId, baseUrl: sandbox.url, apiVersion: 'v23.0' },
  };
}

async function inbound(sandbox: RunningSandbox, body: Record<string, unknown>): Promise<{ messageId: string; mediaId?: string }> {
  const response = await fetch(`${sandbox.url}/_sandbox/inbound`, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify(body) });
  expect(response.status).toBe(200);
  return (await response.json()) as { messageId: string; mediaId?: string };
}

async function graph(sandbox: RunningSandbox, method: string, path: string, token: string, body?: unknown): Promise<{ status: number; body: IDataObject }> {
  const response = await fetch(`${sandbox.url}/v23.0/${path}`, {
    method,
    headers: { Authorization: `Bearer ${token}`, 'Content-Type': 'application/json' },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  return { status: response.status, body: (await response.json()) as IDataObject };
}

describe('WhatsApp Business Trigger driven by the sandbox: manual mode', () => {
  let sandbox: RunningSandbox;
  let server: TriggerServer;
  let options: ContextOptions;

  beforeAll(async () => {
    options = { parameters: parameters(), staticData: {} };
    server = await startTriggerServer(trigger, () => options);
    // Manual mode: the callback URL and the verify token are configured on the "Meta" side by hand.
    sandbox = await startSandbox({ port: 0, callbackUrl: server.url, appSecret: APP_SECRET, verifyToken: VERIFY_TOKEN, window: false, webhookRetries: 0 });
    options.credentials = sandboxCredentials(sandbox);
    options.webhookUrl = server.url;
  });

  afterAll(async () => {
    await sandbox.close();
    await server.close();
  });

  it('passes the handshake, verifies the signature and emits a text message', async () => {
    const { messageId } = await inbound(sandbox, { from: CUSTOMER, name: 'Ada', text: 'Hi there' });
    await server.waitForExecutions(1);
    expect(server.answers.slice(0, 2)).toEqual([
      { method: 'GET', status: 200 },
      { method: 'POST', status: 200 },
    ]);
    expect(server.executions[0]).toHaveLength(1);
    expect(server.executions[0][0].json).toMatchObject({ kind: 'message', messageId, from: CUSTOMER, contactName: 'Ada', text: 'Hi there', phoneNumberId: sandbox.phoneNumberId });
  });

  it('emits sent, delivered and read statuses of a sent message, one item each', async () => {
    const before = server.executions.length;
    const sent = await graph(sandbox, 'POST', `${sandbox.phoneNumberId}/messages`, sandbox.token, { messaging_product: 'whatsapp', to: CUSTOMER, type: 'text', text: { body: 'Hello' } });
    expect(sent.status).toBe(200);
    await sandbox.webhooksIdle();
    await server.waitForExecutions(before + 3);
    const statuses = server.executions.slice(before).flat().map((item) => item.json.status);
    expect(statuses).toEqual(['sent', 'delivered', 'read']);
  });

  it('downloads inbound media into the binary property', async () => {
    options.parameters = parameters({ events: ['messages'], options: { downloadMedia: true, binaryPropertyName: 'photo' } });
    const before = server.executions.length;
    const { mediaId } = await inbound(sandbox, { from: CUSTOMER, type: 'image', image: { data: PNG.toString('base64'), mimeType: 'image/png', caption: 'look' } });
    await server.waitForExecutions(before + 1);
    const [item] = server.executions[before];
    expect(item.json).toMatchObject({ kind: 'message', type: 'image', text: 'look', media: { id: mediaId, mimeType: 'image/png' } });
    expect(item.json.mediaError).toBeUndefined();
    expect(item.binary?.photo).toMatchObject({ mimeType: 'image/png' });
    expect(Buffer.from(item.binary?.photo.data ?? '', 'base64').equals(PNG)).toBe(true);
  });

  it('keeps the event and reports mediaError when the download fails', async () => {
    options.parameters = parameters({ events: ['messages'], options: { downloadMedia: true } });
    const saved = options.credentials;
    options.credentials = { ...sandboxCredentials(sandbox), whatsAppCloudApi: { ...sandboxCredentials(sandbox).whatsAppCloudApi, accessToken: 'expired' } };
    try {
      const before = server.executions.length;
      await inbound(sandbox, { from: CUSTOMER, type: 'image', image: { mimeType: 'image/png' } });
      await server.waitForExecutions(before + 1);
      const [item] = server.executions[before];
      expect(item.binary).toBeUndefined();
      expect(String(item.json.mediaError)).toMatch(/190|access token/i);
      expect(String(item.json.mediaError)).not.toContain('expired');
    } finally {
      options.credentials = saved;
    }
  });

  it('starts nothing for another phone number id (HTTP 200 for Meta)', async () => {
    options.parameters = parameters({ phoneNumberIds: '999999999999999' });
    const before = server.executions.length;
    const answers = server.answers.length;
    await inbound(sandbox, { from: CUSTOMER, text: 'filtered' });
    await sandbox.webhooksIdle();
    expect(server.executions).toHaveLength(before);
    expect(server.answers.slice(answers)).toEqual([{ method: 'POST', status: 200 }]);
  });

  it('manual lifecycle: checkExists false until create stores the mode; create requires a verify token; nothing is registered', async () => {
    const calls: RecordedCall[] = [];
    const staticData: IDataObject = {};
    const hook = hookContext({ parameters: parameters(), credentials: sandboxCredentials(sandbox), staticData, webhookUrl: server.url, calls });
    await expect(trigger.webhookMethods.default.checkExists.call(hook)).resolves.toBe(false);
    await expect(trigger.webhookMethods.default.create.call(hook)).resolves.toBe(true);
    await expect(trigger.webhookMethods.default.checkExists.call(hook)).resolves.toBe(true);
    await expect(trigger.webhookMethods.default.delete.call(hook)).resolves.toBe(true);
    expect(staticData).toEqual({});
    expect(calls).toEqual([]);
    const noToken = sandboxCredentials(sandbox);
    noToken.whatsAppWebhookApi.verifyToken = '';
    const bad = hookContext({ parameters: parameters(), credentials: noToken, staticData: {}, webhookUrl: server.url });
    await expect(trigger.webhookMethods.default.create.call(bad)).rejects.toThrow('Manual setup needs a Verify Token');
  });
});

describe('WhatsApp Business Trigger driven by the sandbox: automatic mode', () => {
  let sandbox: RunningSandbox;
  let server: TriggerServer;
  let options: ContextOptions;
  const appToken = () => `${APP_ID}|${APP_SECRET}`;

  beforeAll(async () => {
    options = { parameters: parameters({ setupMode: 'automatic', events: ['messages', 'templateStatus'] }), staticData: {} };
    server = await startTriggerServer(trigger, () => options);
    // No callback URL configured: only the trigger's own registration makes webhooks flow.
    sandbox = await startSandbox({ port: 0, appSecret: APP_SECRET, window: false, webhookRetries: 0 });
    options.credentials = sandboxCredentials(sandbox);
    options.webhookUrl = server.url;
  });

  afterAll(async () => {
    await sandbox.close();
    await server.close();
  });

  it('registers the app subscription and the WABA, receives events, reports another owner, and removes both', async () => {
    const calls: RecordedCall[] = [];
    const hook = hookContext({ ...options, calls });
    const methods = trigger.webhookMethods.default;

    await expect(methods.checkExists.call(hook)).resolves.toBe(false);
    await expect(methods.create.call(hook)).resolves.toBe(true);
    expect(calls.map((call) => `${call.credentialType} ${call.method} ${call.path} ${call.status}`)).toEqual([
      `whatsAppWebhookApi GET /v23.0/${APP_ID}/subscriptions 200`,
      `whatsAppWebhookApi POST /v23.0/${APP_ID}/subscriptions 200`,
      `whatsAppCloudApi GET /v23.0/${sandbox.wabaId}/subscribed_apps 200`,
      `whatsAppCloudApi POST /v23.0/${sandbox.wabaId}/subscribed_apps 200`,
    ]);
    // Meta's handshake reached the trigger during the POST and was answered with the derived token.
    expect(server.answers[0]).toEqual({ method: 'GET', status: 200 });
    expect(options.staticData).toMatchObject({ setupMode: 'automatic', callbackUrl: server.url, wabaId: sandbox.wabaId, subscribedWaba: true });
    await expect(methods.checkExists.call(hook)).resolves.toBe(true);

    const subscriptions = await graph(sandbox, 'GET', `${APP_ID}/subscriptions`, appToken());
    expect(subscriptions.body.data).toEqual([
      {
        object: 'whatsapp_business_account',
        callback_url: server.url,
        active: true,
        fields: [
          { name: 'message_template_quality_update', version: 'v23.0' },
          { name: 'message_template_status_update', version: 'v23.0' },
          { name: 'messages', version: 'v23.0' },
          { name: 'template_category_update', version: 'v23.0' },
        ],
      },
    ]);

    const { messageId } = await inbound(sandbox, { from: CUSTOMER, text: 'automatic' });
    await server.waitForExecutions(1);
    expect(server.executions[0][0].json).toMatchObject({ kind: 'message', messageId, text: 'automatic' });

    // A second workflow (another URL) cannot take the app over.
    const other = hookContext({ ...options, staticData: {}, webhookUrl: 'http://127.0.0.1:9/webhook/other/webhook' });
    const error: unknown = await methods.checkExists.call(other).catch((caught: unknown) => caught);
    expect(error).toMatchObject({ message: `The Meta app ${APP_ID} already sends its WhatsApp webhooks to another URL: ${server.url}` });
    expect(String((error as { description?: string }).description)).toContain('"Manual"');
    // ...and its deactivation leaves our subscription alone.
    await expect(methods.delete.call(other)).resolves.toBe(true);
    await expect(methods.checkExists.call(hook)).resolves.toBe(true);

    // More events than subscribed: checkExists asks for a new registration, which adds the fields.
    const wider = hookContext({ ...options, parameters: parameters({ setupMode: 'automatic', events: ['messages', 'accountUpdates'] }) });
    await expect(methods.checkExists.call(wider)).resolves.toBe(false);

    calls.length = 0;
    await expect(methods.delete.call(hook)).resolves.toBe(true);
    expect(calls.map((call) => `${call.method} ${call.path} ${call.status}`)).toEqual([
      `GET /v23.0/${APP_ID}/subscriptions 200`,
      `DELETE /v23.0/${APP_ID}/subscriptions?object=whatsapp_business_account 200`,
      `DELETE /v23.0/${sandbox.wabaId}/subscribed_apps 200`,
    ]);
    expect((await graph(sandbox, 'GET', `${APP_ID}/subscriptions`, appToken())).body.data).toEqual([]);
    expect((await graph(sandbox, 'GET', `${sandbox.wabaId}/subscribed_apps`, sandbox.token)).body.data).toEqual([]);
    // The setup is forgotten; the memory of emitted events stays (a reactivation must not re-emit).
    expect(Object.keys(options.staticData ?? {})).toEqual(['emittedEvents']);
    await expect(methods.checkExists.call(hook)).resolves.toBe(false);
  });

  it('leaves a WABA subscription it did not make', async () => {
    await graph(sandbox, 'POST', `${sandbox.wabaId}/subscribed_apps`, sandbox.token);
    const staticData: IDataObject = {};
    const hook = hookContext({ ...options, staticData });
    await trigger.webhookMethods.default.create.call(hook);
    expect(staticData.subscribedWaba).toBe(false);
    await trigger.webhookMethods.default.delete.call(hook);
    expect((await graph(sandbox, 'GET', `${sandbox.wabaId}/subscribed_apps`, sandbox.token)).body.data).toHaveLength(1);
    await graph(sandbox, 'DELETE', `${sandbox.wabaId}/subscribed_apps`, sandbox.token);
  });

  it('surfaces a refused registration (Meta\'s handshake failed) as a node error', async () => {
    // Nothing listens there, so the sandbox's verification GET fails and it answers code 2200.
    const hook = hookContext({ ...options, staticData: {}, webhookUrl: 'http://127.0.0.1:9/webhook/gone/webhook' });
    const failed: unknown = await trigger.webhookMethods.default.create.call(hook).catch((caught: unknown) => caught);
    expect(failed).toMatchObject({ message: 'Registering the webhook URL with the Meta app failed (Meta error #2200, HTTP 400)', httpCode: '400' });
    expect(String((failed as { description?: string }).description)).toContain('Callback verification failed');
    const wrongSecret = sandboxCredentials(sandbox);
    wrongSecret.whatsAppWebhookApi.appSecret = 'not-the-app-secret';
    const refused = hookContext({ ...options, staticData: {}, credentials: wrongSecret });
    const error: unknown = await trigger.webhookMethods.default.create.call(refused).catch((caught: unknown) => caught);
    expect(error).toMatchObject({ httpCode: '401' });
    expect(JSON.stringify(error)).not.toContain('not-the-app-secret');
  });

  it('refuses an http webhook URL for Meta before calling anything', async () => {
    const calls: RecordedCall[] = [];
    const meta = sandboxCredentials(sandbox);
    meta.whatsAppWebhookApi.baseUrl = 'https://graph.facebook.com';
    const hook = hookContext({ ...options, staticData: {}, credentials: meta, calls, webhookUrl: 'http://localhost:5678/webhook/abc/webhook' });
    await expect(trigger.webhookMethods.default.create.call(hook)).rejects.toThrow('Meta only sends webhooks to https URLs');
    expect(calls).toEqual([]);
  });
});
