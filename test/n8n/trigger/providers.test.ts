/**
 * The trigger for the other sources: On-Premises (flat, unsigned payloads, normalized like Meta's;
 * a shared secret in the URL or as the Basic password; automatic setup through the client's
 * application settings), ITNIO (pass-through: Meta-shaped bodies normalized, anything else one raw
 * item; the same shared secret) and Meta through Maton (signed as always; the WABA subscribed
 * through the gateway).
 */
import type { IDataObject } from 'n8n-workflow';
import { NodeHelpers } from 'n8n-workflow';
import { signWebhookPayload } from 'whatsapp-business-core';
import { startSandbox, type RunningSandbox } from 'whatsapp-sandbox';
import { hookContext, startTriggerServer, webhookContext, type ContextOptions, type RecordedCall, type TriggerServer } from '../helpers/webhook-context';
import { META_AUTHENTICATIONS } from '../../../nodes/WhatsAppBusinessTrigger/source';
import { AUTHENTICATIONS } from '../../../nodes/shared/provider';
import { trigger } from './payloads';

const CUSTOMER = '15551234567';
const SECRET = 'shared-webhook-secret-9f2c';

function triggerParameters(authentication: string, overrides: Record<string, unknown> = {}): Record<string, unknown> {
  return { authentication, setupMode: 'manual', events: ['messages', 'statuses', 'errors'], statusValues: [], messageTypes: [], phoneNumberIds: '', options: {}, ...overrides };
}

async function post(url: string, body: string, headers: Record<string, string> = {}): Promise<number> {
  const response = await fetch(url, { method: 'POST', headers: { 'Content-Type': 'application/json', ...headers }, body });
  await response.arrayBuffer();
  return response.status;
}

const basic = (user: string, password: string) => ({ Authorization: `Basic ${Buffer.from(`${user}:${password}`).toString('base64')}` });

/** A flat On-Premises inbound text, as the client posts it. */
function flatText(id: string, text: string): string {
  return JSON.stringify({
    contacts: [{ profile: { name: 'Ada' }, wa_id: CUSTOMER }],
    messages: [{ from: CUSTOMER, id, timestamp: '1750000000', type: 'text', text: { body: text } }],
  });
}

describe('On-Premises source', () => {
  let sandbox: RunningSandbox;
  let server: TriggerServer;
  let options: ContextOptions;
  const PASSWORD = 'onprem-trigger-pw';
  let onprem: IDataObject;

  beforeAll(async () => {
    options = { parameters: triggerParameters('onPremisesApi'), staticData: {} };
    server = await startTriggerServer(trigger, () => options);
    sandbox = await startSandbox({ port: 0, flavor: 'onprem', username: 'admin', password: PASSWORD, window: false, webhookRetries: 0, callbackUrl: `${server.url}?token=${SECRET}` });
    onprem = { baseUrl: `${sandbox.url}/v1`, username: 'admin', password: PASSWORD, ignoreSslIssues: false, readinessTimeout: 5, webhookSecret: SECRET, token: '' };
    options.credentials = { whatsAppOnPremisesApi: onprem };
    options.webhookUrl = server.url;
  });

  afterAll(async () => {
    await sandbox.close();
    await server.close();
  });

  it('the client\'s flat inbound webhook (with ?token=) becomes one normalized item', async () => {
    const response = await fetch(`${sandbox.url}/_sandbox/inbound`, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify({ from: CUSTOMER, name: 'Ada', text: 'Hi on-prem' }) });
    expect(response.status).toBe(200);
    const { messageId } = (await response.json()) as { messageId: string };
    await server.waitForExecutions(1);
    expect(server.executions[0]).toHaveLength(1);
    expect(server.executions[0][0].json).toMatchObject({ kind: 'message', messageId, from: CUSTOMER, contactName: 'Ada', type: 'text', text: 'Hi on-prem', phoneNumberId: null });
  });

  it('statuses of a sent message arrive as status items', async () => {
    const login = await fetch(`${sandbox.url}/v1/users/login`, { method: 'POST', headers: basic('admin', PASSWORD) });
    const token = ((await login.json()) as { users: { token: string }[] }).users[0].token;
    const sent = await fetch(`${sandbox.url}/v1/messages`, {
      method: 'POST',
      headers: { Authorization: `Bearer ${token}`, 'Content-Type': 'application/json' },
      body: JSON.stringify({ to: CUSTOMER, type: 'text', text: { body: 'Hello' } }),
    });
    const id = ((await sent.json()) as { messages: { id: string }[] }).messages[0].id;
    await sandbox.webhooksIdle();
    const statuses = server.executions.flat().filter((item) => item.json.kind === 'status' && item.json.messageId === id);
    // The client's defaults post delivered and read, not sent.
    expect(statuses.map((item) => item.json.status)).toEqual(['delivered', 'read']);
  });

  it('refuses with 401, and starts nothing, a request without the secret or with a wrong one', async () => {
    const before = server.executions.length;
    expect(await post(server.url, flatText('w1', 'no token'))).toBe(401);
    expect(await post(`${server.url}?token=wrong`, flatText('w2', 'wrong token'))).toBe(401);
    expect(await post(server.url, flatText('w3', 'wrong basic'), basic('client', 'wrong'))).toBe(401);
    expect(await post(`${server.url}?token=${SECRET.slice(0, -1)}`, flatText('w4', 'prefix'))).toBe(401);
    expect(server.executions).toHaveLength(before);
  });

  it('accepts the secret as ?token= or as the HTTP Basic password', async () => {
    const before = server.executions.length;
    expect(await post(`${server.url}?token=${SECRET}`, flatText('ok1', 'query'))).toBe(200);
    expect(await post(server.url, flatText('ok2', 'basic'), basic('whatsapp', SECRET))).toBe(200);
    await server.waitForExecutions(before + 2);
    expect(server.executions.slice(before).map((items) => items[0].json.text)).toEqual(['query', 'basic']);
  });

  it('without a Webhook Secret in the credential every request is accepted; filters and de-duplication apply as for Meta', async () => {
    const open = { ...options, credentials: { whatsAppOnPremisesApi: { ...onprem, webhookSecret: '' } }, parameters: triggerParameters('onPremisesApi', { events: ['messages'] }) };
    const first = webhookContext(open, { webhookName: 'default', rawBody: Buffer.from(flatText('open-1', 'no secret needed')) });
    const result = await trigger.webhook.call(first.context);
    expect(result.workflowData?.[0].map((item) => item.json.text)).toEqual(['no secret needed']);
    const repeat = webhookContext(open, { webhookName: 'default', rawBody: Buffer.from(flatText('open-1', 'no secret needed')) });
    expect(await trigger.webhook.call(repeat.context)).toEqual({});
    const statusOnly = webhookContext(open, { webhookName: 'default', rawBody: Buffer.from(JSON.stringify({ statuses: [{ id: 'gBE1', status: 'read', timestamp: '1750000001', recipient_id: CUSTOMER, type: 'message' }] })) });
    expect(await trigger.webhook.call(statusOnly.context)).toEqual({});
  });

  it('downloads inbound media with the On-Premises credential', async () => {
    const PNG = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==', 'base64');
    options.parameters = triggerParameters('onPremisesApi', { options: { downloadMedia: true, binaryPropertyName: 'file' } });
    try {
      const before = server.executions.length;
      const response = await fetch(`${sandbox.url}/_sandbox/inbound`, {
        method: 'POST',
        headers: { 'Content-Type': 'application/json' },
        body: JSON.stringify({ from: CUSTOMER, type: 'image', image: { data: PNG.toString('base64'), mimeType: 'image/png' } }),
      });
      expect(response.status).toBe(200);
      await server.waitForExecutions(before + 1);
      const [item] = server.executions[before];
      expect(item.json).toMatchObject({ kind: 'message', type: 'image' });
      expect(item.json.mediaError).toBeUndefined();
      expect(Buffer.from(String(item.binary?.file.data), 'base64')).toEqual(PNG);
    } finally {
      options.parameters = triggerParameters('onPremisesApi');
    }
  });

  it('manual setup registers nothing', async () => {
    const calls: RecordedCall[] = [];
    const staticData: IDataObject = {};
    const hook = hookContext({ ...options, staticData, calls });
    await expect(trigger.webhookMethods.default.checkExists.call(hook)).resolves.toBe(false);
    await expect(trigger.webhookMethods.default.create.call(hook)).resolves.toBe(true);
    await expect(trigger.webhookMethods.default.checkExists.call(hook)).resolves.toBe(true);
    await expect(trigger.webhookMethods.default.delete.call(hook)).resolves.toBe(true);
    expect(staticData).toEqual({});
    expect(calls).toEqual([]);
  });

  it('automatic setup points the client\'s webhook URL here (with the secret) and puts the previous one back', async () => {
    const login = await fetch(`${sandbox.url}/v1/users/login`, { method: 'POST', headers: basic('admin', PASSWORD) });
    const token = ((await login.json()) as { users: { token: string }[] }).users[0].token;
    const setUrl = (url: string) =>
      fetch(`${sandbox.url}/v1/settings/application`, { method: 'PATCH', headers: { Authorization: `Bearer ${token}`, 'Content-Type': 'application/json' }, body: JSON.stringify({ webhooks: { url } }) });
    const currentUrl = async (): Promise<string | undefined> => {
      const body = (await (await fetch(`${sandbox.url}/v1/settings/application`, { headers: { Authorization: `Bearer ${token}` } })).json()) as { settings?: { application?: { webhooks?: { url?: string } } } };
      return body.settings?.application?.webhooks?.url;
    };
    expect((await setUrl('https://old.example.com/hook')).status).toBeLessThan(300);
    expect(await currentUrl()).toBe('https://old.example.com/hook');

    const staticData: IDataObject = {};
    const webhookUrl = 'https://n8n.example.com/webhook/abc/webhook';
    const hook = hookContext({ ...options, parameters: triggerParameters('onPremisesApi', { setupMode: 'automatic' }), staticData, webhookUrl });
    const methods = trigger.webhookMethods.default;
    await expect(methods.checkExists.call(hook)).resolves.toBe(false);
    await expect(methods.create.call(hook)).resolves.toBe(true);
    expect(await currentUrl()).toBe(`${webhookUrl}?token=${SECRET}`);
    expect(staticData).toEqual({ setupMode: 'automatic', callbackUrl: webhookUrl, previousWebhookUrl: 'https://old.example.com/hook' });
    expect(JSON.stringify(staticData)).not.toContain(SECRET);
    await expect(methods.checkExists.call(hook)).resolves.toBe(true);
    await expect(methods.delete.call(hook)).resolves.toBe(true);
    expect(await currentUrl()).toBe('https://old.example.com/hook');
    expect(staticData).toEqual({});

    // The client only posts to https: an http n8n URL is refused before anything changes.
    const plain = hookContext({ ...options, parameters: triggerParameters('onPremisesApi', { setupMode: 'automatic' }), staticData: {}, webhookUrl: 'http://localhost:5678/webhook/abc/webhook' });
    await expect(methods.create.call(plain)).rejects.toThrow('only posts to https URLs');
    expect(await currentUrl()).toBe('https://old.example.com/hook');
    // Put the test server back for the other tests.
    await setUrl(`${server.url}?token=${SECRET}`).catch(() => undefined);
  });
});

describe('ITNIO source (pass-through)', () => {
  let server: TriggerServer;
  let options: ContextOptions;

  beforeAll(async () => {
    options = {
      parameters: triggerParameters('itnioApi', { events: ['messages'] }),
      staticData: {},
      credentials: { itnioApi: { apiKey: 'k', apiSecret: 's', appId: 'Abc123', businessPhone: '15550000001', baseUrl: 'http://127.0.0.1:9', webhookSecret: SECRET } },
    };
    server = await startTriggerServer(trigger, () => options);
  });
  afterAll(() => server.close());

  it('a body not in Meta\'s shape is one raw item, whatever the filters', async () => {
    const before = server.executions.length;
    const body = { msgId: '10415ecbd0c848ebb7d5a3fe53269df6', status: 'DELIVRD', recipient: CUSTOMER, time: '2026-11-21T08:00:00Z' };
    expect(await post(`${server.url}?token=${SECRET}`, JSON.stringify(body))).toBe(200);
    await server.waitForExecutions(before + 1);
    expect(server.executions[before]).toEqual([{ json: { kind: 'raw', body } }]);
    // Text that is not JSON is kept as text.
    expect(await post(`${server.url}?token=${SECRET}`, 'status=ok&id=42', { 'Content-Type': 'text/plain' })).toBe(200);
    await server.waitForExecutions(before + 2);
    expect(server.executions[before + 1]).toEqual([{ json: { kind: 'raw', body: 'status=ok&id=42' } }]);
  });

  it('a body with nothing in it (JSON null, empty) is still one raw item: ITNIO callbacks are never dropped', async () => {
    for (const body of ['null', '', '[]']) {
      const { context } = webhookContext({ ...options, parameters: triggerParameters('itnioApi', { events: ['statuses'], statusValues: ['failed'] }) }, { webhookName: 'default', rawBody: Buffer.from(body), query: { token: SECRET } });
      const result = await trigger.webhook.call(context);
      expect([body, result.workflowData?.[0]]).toEqual([body, [{ json: { kind: 'raw', body: body === '' ? '' : JSON.parse(body) } }]]);
    }
  });

  it('a Meta-shaped body becomes one normalized item per event, filtered', async () => {
    const before = server.executions.length;
    const meta = {
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
                contacts: [{ profile: { name: 'Ada' }, wa_id: CUSTOMER }],
                messages: [
                  { from: CUSTOMER, id: 'wamid.ITNIO1', timestamp: '1750000000', type: 'text', text: { body: 'one' } },
                  { from: CUSTOMER, id: 'wamid.ITNIO2', timestamp: '1750000001', type: 'text', text: { body: 'two' } },
                ],
                statuses: [{ id: 'wamid.OUT', status: 'read', timestamp: '1750000002', recipient_id: CUSTOMER }],
              },
            },
          ],
        },
      ],
    };
    expect(await post(server.url, JSON.stringify(meta), basic('itnio', SECRET))).toBe(200);
    await server.waitForExecutions(before + 1);
    // Only messages were asked for: the status is filtered out.
    expect(server.executions[before].map((item) => [item.json.kind, item.json.messageId, item.json.text])).toEqual([
      ['message', 'wamid.ITNIO1', 'one'],
      ['message', 'wamid.ITNIO2', 'two'],
    ]);
  });

  it('refuses with 401 a request without the secret', async () => {
    const before = server.executions.length;
    expect(await post(server.url, JSON.stringify({ any: 'thing' }))).toBe(401);
    expect(await post(`${server.url}?token=nope`, JSON.stringify({ any: 'thing' }))).toBe(401);
    expect(server.executions).toHaveLength(before);
  });

  it('is always manual: activation registers nothing', async () => {
    const staticData: IDataObject = {};
    const hook = hookContext({ ...options, staticData, parameters: triggerParameters('itnioApi', { setupMode: 'automatic' }) });
    await expect(trigger.webhookMethods.default.create.call(hook)).resolves.toBe(true);
    expect(staticData).toMatchObject({ setupMode: 'manual' });
    await expect(trigger.webhookMethods.default.checkExists.call(hook)).resolves.toBe(true);
    await expect(trigger.webhookMethods.default.delete.call(hook)).resolves.toBe(true);
    expect(staticData).toEqual({});
  });
});

describe('Meta source through Maton', () => {
  const APP_SECRET = 'maton-trigger-app-secret';
  let graph: RunningSandbox;
  let maton: RunningSandbox;
  let server: TriggerServer;
  let options: ContextOptions;

  beforeAll(async () => {
    options = { parameters: triggerParameters('matonApi', { setupMode: 'automatic', events: ['messages'] }), staticData: {} };
    server = await startTriggerServer(trigger, () => options);
    // The Meta app (its subscriptions) is Meta's; the WABA is reached through the Maton gateway.
    graph = await startSandbox({ port: 0, appSecret: APP_SECRET, window: false, webhookRetries: 0 });
    maton = await startSandbox({ port: 0, flavor: 'maton', token: 'maton-trigger-key', gatewayRps: 0 });
    options.credentials = {
      whatsAppWebhookApi: { appId: graph.appId, appSecret: APP_SECRET, verifyToken: 'v', baseUrl: graph.url, apiVersion: 'v23.0' },
      matonApi: { apiKey: 'maton-trigger-key', connectionId: '', businessAccountId: maton.wabaId, apiVersion: 'v23.0', gatewayUrl: maton.url, controlUrl: maton.url },
    };
    options.webhookUrl = server.url;
  });

  afterAll(async () => {
    await graph.close();
    await maton.close();
    await server.close();
  });

  it('automatic setup subscribes the WABA through the gateway; webhooks are checked with the app secret', async () => {
    const calls: RecordedCall[] = [];
    const staticData: IDataObject = {};
    const hook = hookContext({ ...options, staticData, calls });
    await expect(trigger.webhookMethods.default.create.call(hook)).resolves.toBe(true);
    expect(calls.map((call) => `${call.credentialType} ${call.method} ${call.path.split('?')[0]}`)).toEqual([
      `whatsAppWebhookApi POST /v23.0/${graph.appId}/subscriptions`,
      `matonApi GET /whatsapp-business/v23.0/${maton.wabaId}/subscribed_apps`,
      `matonApi POST /whatsapp-business/v23.0/${maton.wabaId}/subscribed_apps`,
    ]);
    expect(staticData).toMatchObject({ setupMode: 'automatic', subscribedWaba: true });

    const body = JSON.stringify({ object: 'whatsapp_business_account', entry: [{ id: maton.wabaId, changes: [{ field: 'messages', value: { messaging_product: 'whatsapp', metadata: { display_phone_number: '15550000001', phone_number_id: maton.phoneNumberId }, messages: [{ from: CUSTOMER, id: 'wamid.MATON1', timestamp: '1750000000', type: 'text', text: { body: 'via maton' } }] } }] }] });
    expect(await post(server.url, body)).toBe(401);
    const before = server.executions.length;
    expect(await post(server.url, body, { 'X-Hub-Signature-256': signWebhookPayload(body, APP_SECRET) })).toBe(200);
    await server.waitForExecutions(before + 1);
    expect(server.executions[before][0].json).toMatchObject({ kind: 'message', messageId: 'wamid.MATON1', text: 'via maton' });

    calls.length = 0;
    await expect(trigger.webhookMethods.default.delete.call(hook)).resolves.toBe(true);
    expect(calls.map((call) => `${call.credentialType} ${call.method} ${call.path.split('?')[0]}`)).toContain(`matonApi DELETE /whatsapp-business/v23.0/${maton.wabaId}/subscribed_apps`);
  });
});

describe('the trigger\'s description', () => {
  const description = trigger.description;

  test('the written-out credentials block matches AUTHENTICATIONS: the webhook credential for Meta sources, each provider credential for its own', () => {
    const expected = [
      { name: 'whatsAppWebhookApi', required: true, displayOptions: { show: { authentication: [...META_AUTHENTICATIONS] } } },
      ...Object.entries(AUTHENTICATIONS).map(([authentication, { credential }]) => ({ name: credential, required: true, displayOptions: { show: { authentication: [authentication] } } })),
    ];
    expect(description.credentials?.map(({ displayName: _label, ...credential }) => credential)).toEqual(expected);
  });

  test('every credential shown for one authentication has its own label (n8n would label each "Credential to connect with")', () => {
    for (const authentication of Object.keys(AUTHENTICATIONS)) {
      const shown = (description.credentials ?? []).filter((credential) => credential.displayOptions?.show?.authentication?.includes(authentication));
      const labels = shown.map((credential) => credential.displayName);
      expect(labels.every((label) => typeof label === 'string' && label.length > 0)).toBe(true);
      expect(new Set(labels).size).toBe(labels.length);
    }
    const cloud = (description.credentials ?? []).filter((credential) => credential.displayOptions?.show?.authentication?.includes('cloudApi'));
    expect(cloud.map((credential) => credential.displayName)).toEqual([
      "Webhook Credential (checks Meta's signature)",
      'Cloud API Credential (automatic setup, media downloads)',
    ]);
  });

  test('Setup Mode: Automatic by default for Meta (as before), Manual by default for On-Premises, none for ITNIO', () => {
    const resolve = (authentication: string) => NodeHelpers.getNodeParameters(description.properties, { authentication }, true, false, { typeVersion: 1 }, description) ?? {};
    expect(resolve('cloudApi').setupMode).toBe('automatic');
    expect(resolve('matonApi').setupMode).toBe('automatic');
    expect(resolve('onPremisesApi').setupMode).toBe('manual');
    expect(resolve('itnioApi').setupMode).toBeUndefined();
    expect(resolve('cloudApi')).toMatchObject({ events: ['messages'], phoneNumberIds: '' });
  });
});
