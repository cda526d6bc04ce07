/**
 * The action node with each provider credential, against the sandbox started with the matching
 * flavor: requests signed by the credential classes themselves through n8n's own flow (Maton's
 * bearer key, On-Premises' login with re-login on 401, ITNIO's per-request signature), what the
 * sandbox received, the node's items, and the failure paths (unsupported operations and message
 * types as NodeOperationError naming the alternative, refused credentials without any secret in
 * the error).
 */
import type { IDataObject, INodeExecutionData } from 'n8n-workflow';
import { NodeApiError, NodeOperationError } from 'n8n-workflow';
import { startSandbox } from 'whatsapp-sandbox';
import type { RunningSandbox } from 'whatsapp-sandbox';
import { WhatsAppBusiness } from '../../../nodes/WhatsAppBusiness/WhatsAppBusiness.node';
import { getPhoneNumbers } from '../../../nodes/WhatsAppBusiness/methods/loadOptions';
import { JPEG_BYTES } from '../../fixtures/media-bytes';
import { binaryItem, fakeContext } from '../helpers/execute-context';
import type { FakeContext, FakeContextOptions } from '../helpers/execute-context';

const CUSTOMER = '16505551234';
const node = new WhatsAppBusiness();

interface Logged {
  id: string;
  to: string;
  type: string;
  payload: IDataObject;
}

async function sent(sandbox: RunningSandbox): Promise<Logged[]> {
  const response = await fetch(`${sandbox.url}/_sandbox/messages`);
  return ((await response.json()) as { data: Logged[] }).data;
}

async function lastSent(sandbox: RunningSandbox): Promise<Logged> {
  const all = await sent(sandbox);
  return all[all.length - 1];
}

function withCredentials(providerCredentials: Record<string, IDataObject>) {
  const run = (parameters: IDataObject | IDataObject[], extra: Partial<FakeContextOptions> = {}): { fake: FakeContext; output: Promise<INodeExecutionData[][]> } => {
    const fake = fakeContext({ parameters, providerCredentials, ...extra });
    return { fake, output: node.execute.call(fake.context) };
  };
  const execute = async (parameters: IDataObject | IDataObject[], extra: Partial<FakeContextOptions> = {}): Promise<INodeExecutionData[]> => (await run(parameters, extra).output)[0];
  const failure = async (parameters: IDataObject, extra: Partial<FakeContextOptions> = {}): Promise<Error> =>
    run(parameters, extra).output.then(
      () => {
        throw new Error('expected the node to fail');
      },
      (error: unknown) => error as Error,
    );
  return { run, execute, failure };
}

/** Everything an error shows a user or a log. */
function shown(error: Error): string {
  const details = error as Error & { description?: unknown; context?: unknown };
  return `${error.message} ${String(details.description ?? '')} ${JSON.stringify(error)}`;
}

describe('Maton (sandbox --flavor maton)', () => {
  const KEY = 'maton-n8n-key-2b7e91c4d8';
  let sandbox: RunningSandbox;
  let credentials: IDataObject;
  let node: ReturnType<typeof withCredentials>;

  beforeAll(async () => {
    sandbox = await startSandbox({ port: 0, flavor: 'maton', token: KEY, window: false, mps: 0, pairRate: 0, gatewayRps: 0 });
    credentials = { apiKey: KEY, connectionId: '', businessAccountId: sandbox.wabaId, apiVersion: 'v23.0', gatewayUrl: sandbox.url, controlUrl: sandbox.url };
    node = withCredentials({ matonApi: credentials });
  });
  afterAll(() => sandbox.close());

  const maton = (parameters: IDataObject): IDataObject => ({ authentication: 'matonApi', ...parameters });

  test('sends a text through the gateway: the Graph payload arrives, the item has the message id', async () => {
    const { fake, output } = node.run(
      maton({ resource: 'message', operation: 'send', phoneNumberId: sandbox.phoneNumberId, to: CUSTOMER, messageType: 'text', textBody: 'Hello via Maton' }),
    );
    const [[item]] = await output;
    const logged = await lastSent(sandbox);
    expect(logged.payload).toEqual({ messaging_product: 'whatsapp', recipient_type: 'individual', to: CUSTOMER, type: 'text', text: { body: 'Hello via Maton' } });
    expect(item).toEqual({ json: { messageId: logged.id, to: CUSTOMER, waId: CUSTOMER, status: 'accepted' }, pairedItem: { item: 0 } });
    expect(fake.calls.map((call) => `${call.method} ${call.path.split('?')[0]} ${call.status}`)).toEqual([
      `POST /whatsapp-business/v23.0/${sandbox.phoneNumberId}/messages 200`,
    ]);
  });

  test('the sender picker lists the numbers through the gateway', async () => {
    const fake = fakeContext({ parameters: { authentication: 'matonApi' }, providerCredentials: { matonApi: credentials } });
    const options = await getPhoneNumbers.call(fake.loadOptions);
    expect(options.map((option) => option.value)).toEqual([sandbox.phoneNumberId]);
  });

  test('connections: list, create (with the URL to authorize), get, delete', async () => {
    const listed = await node.execute(maton({ resource: 'connection', operation: 'getAll', app: 'whatsapp-business', filters: { status: 'ACTIVE' } }));
    expect(listed.length).toBeGreaterThanOrEqual(1);
    expect(listed[0].json).toMatchObject({ status: 'ACTIVE', app: 'whatsapp-business' });
    expect(listed.every((item, index) => item.pairedItem !== undefined && (item.pairedItem as { item: number }).item === 0 && typeof item.json.connectionId === 'string' && index >= 0)).toBe(true);

    const [created] = await node.execute(maton({ resource: 'connection', operation: 'create', app: 'whatsapp-business' }));
    const connectionId = String(created.json.connectionId);
    expect(created.json.status).not.toBe('ACTIVE');
    expect(String(created.json.url)).toMatch(/^https?:\/\//);

    const [got] = await node.execute(maton({ resource: 'connection', operation: 'get', connectionId }));
    expect(got.json).toMatchObject({ connectionId, app: 'whatsapp-business' });

    const [deleted] = await node.execute(maton({ resource: 'connection', operation: 'delete', connectionId }));
    expect(deleted.json).toEqual({ deleted: true });
    const after = await node.execute(maton({ resource: 'connection', operation: 'getAll', app: 'whatsapp-business' }));
    expect(after.map((item) => item.json.connectionId)).not.toContain(connectionId);
  });

  test('the credential\'s Connection ID reaches the gateway (an unknown one is refused, and the error names it)', async () => {
    const unknown = withCredentials({ matonApi: { ...credentials, connectionId: 'no-such-connection-1' } });
    const error = await unknown.failure(maton({ resource: 'message', operation: 'send', phoneNumberId: sandbox.phoneNumberId, to: CUSTOMER, messageType: 'text', textBody: 'x' }));
    expect(error).toBeInstanceOf(NodeApiError);
    expect(shown(error)).toContain('no-such-connection-1');
  });

  test('media.download, hidden for Maton, fails as "not supported by Maton gateway" with the alternative', async () => {
    const error = await node.failure(maton({ resource: 'media', operation: 'download', mediaId: '123' }));
    expect(error).toBeInstanceOf(NodeOperationError);
    expect(error.message).toBe('media.download is not supported by Maton gateway');
    expect(String((error as NodeOperationError).description)).toContain('Meta Cloud API credential');
  });

  test('a wrong API key: NodeApiError with Maton\'s 401, and the key is never shown', async () => {
    const wrong = withCredentials({ matonApi: { ...credentials, apiKey: 'wrong-maton-key-5c1d9e' } });
    const error = await wrong.failure(maton({ resource: 'connection', operation: 'getAll' }));
    expect(error).toBeInstanceOf(NodeApiError);
    expect((error as NodeApiError).httpCode).toBe('401');
    expect(shown(error)).not.toContain('wrong-maton-key-5c1d9e');
    expect(shown(error)).not.toContain(KEY);
  });
});

describe('ITNIO (sandbox --flavor itnio)', () => {
  const API_KEY = 'itnio-n8n-key-8d2f';
  const API_SECRET = 'itnio-n8n-secret-4a9c7e';
  const APP_ID = 'DGziZf5u';
  let sandbox: RunningSandbox;
  let credentials: IDataObject;
  let node: ReturnType<typeof withCredentials>;
  const BUSINESS_PHONE = '15550000001';

  beforeAll(async () => {
    sandbox = await startSandbox({ port: 0, flavor: 'itnio', apiKey: API_KEY, apiSecret: API_SECRET, appId: APP_ID, window: false, mps: 0, pairRate: 0 });
    credentials = { apiKey: API_KEY, apiSecret: API_SECRET, appId: APP_ID, businessPhone: BUSINESS_PHONE, baseUrl: sandbox.url, webhookSecret: '' };
    node = withCredentials({ itnioApi: credentials });
  });
  afterAll(() => sandbox.close());

  const itnio = (parameters: IDataObject): IDataObject => ({ authentication: 'itnioApi', resource: 'message', operation: 'send', to: CUSTOMER, ...parameters });

  test('sends a text: ITNIO\'s envelope arrives signed, the item has ITNIO\'s message id', async () => {
    const { fake, output } = node.run(itnio({ messageType: 'text', textBody: 'Hello via ITNIO', additionalFields: { replyTo: 'abc123' } }));
    const [[item]] = await output;
    const logged = await lastSent(sandbox);
    expect(logged.payload).toEqual({
      appId: APP_ID,
      businessPhone: BUSINESS_PHONE,
      recipient: CUSTOMER,
      channelType: 0,
      type: 'text',
      text: { body: 'Hello via ITNIO' },
      context: { refMessageId: 'abc123' },
    });
    expect(item.json).toEqual({ messageId: logged.id, to: CUSTOMER, waId: null, status: 'accepted' });
    expect(fake.calls.map((call) => `${call.method} ${call.path} ${call.status}`)).toEqual(['POST /wa/custom/sendMsg 200']);
  });

  test('sends an interactive list', async () => {
    await node.execute(
      itnio({
        messageType: 'interactiveList',
        bodyText: 'Pick a slot',
        listButtonText: 'Slots',
        listRows: { row: [{ section: 'Today', id: 'am', title: 'Morning' }, { section: 'Today', id: 'pm', title: 'Afternoon', description: 'After 2 pm' }] },
      }),
    );
    const logged = await lastSent(sandbox);
    expect(logged.payload).toMatchObject({ type: 'interactive', recipient: CUSTOMER });
    const interactive = logged.payload.interactive as IDataObject;
    expect(interactive).toMatchObject({ type: 'list', body: { text: 'Pick a slot' } });
    expect(interactive.action).toEqual({
      button: 'Slots',
      sections: [{ title: 'Today', rows: [{ id: 'am', title: 'Morning' }, { id: 'pm', title: 'Afternoon', description: 'After 2 pm' }] }],
    });
  });

  test('sends a template (typed in: ITNIO cannot list templates) to /wa/template/sendMsg', async () => {
    const { fake, output } = node.run(
      itnio({ operation: 'sendTemplate', template: 'hello_world|en_US', templateHeaderType: 'none' }),
    );
    const [[item]] = await output;
    const logged = await lastSent(sandbox);
    expect(logged.type).toBe('template');
    expect(logged.payload).toMatchObject({ appId: APP_ID, recipient: CUSTOMER, template: { name: 'hello_world', language: { code: 'en_US' } } });
    expect(item.json.messageId).toBe(logged.id);
    expect(fake.calls.map((call) => call.path)).toEqual(['/wa/template/sendMsg']);
  });

  test('a reaction (hidden for ITNIO, e.g. from an expression) fails before any request with the alternative', async () => {
    const { fake, output } = node.run(itnio({ messageType: 'reaction', reactionMessageId: 'abc', emoji: '👍' }));
    const error = await output.then(
      () => {
        throw new Error('expected a failure');
      },
      (failure: unknown) => failure as NodeOperationError,
    );
    expect(error).toBeInstanceOf(NodeOperationError);
    expect(error.message).toBe('message.send of a reaction message is not supported by ITNIO API');
    expect(String(error.description)).toContain('send a text reply instead');
    expect(fake.calls).toEqual([]);
  });

  test('template.list (hidden for ITNIO) names the ITNIO console as the alternative', async () => {
    const error = await node.failure({ authentication: 'itnioApi', resource: 'template', operation: 'getAll' });
    expect(error).toBeInstanceOf(NodeOperationError);
    expect(error.message).toBe('template.list is not supported by ITNIO API');
    expect(String((error as NodeOperationError).description)).toMatch(/ITNIO console/);
  });

  test('a resource ITNIO lacks entirely (its Operation dropped by n8n) says so', async () => {
    const error = await node.failure({ authentication: 'itnioApi', resource: 'media' });
    expect(error).toBeInstanceOf(NodeOperationError);
    expect(error.message).toBe('The resource "media" is not supported by ITNIO API');
  });

  test('a wrong API secret: ITNIO\'s -1 as an API error, the secret never shown', async () => {
    const wrong = withCredentials({ itnioApi: { ...credentials, apiSecret: 'not-the-secret-77e1' } });
    const error = await wrong.failure(itnio({ messageType: 'text', textBody: 'x' }));
    expect(error).toBeInstanceOf(NodeApiError);
    expect(shown(error)).toMatch(/-1\b/);
    expect(shown(error)).not.toContain('not-the-secret-77e1');
    expect(shown(error)).not.toContain(API_SECRET);
  });
});

describe('WhatsApp On-Premises (sandbox --flavor onprem)', () => {
  const PASSWORD = 'onprem-n8n-password-6f0b';
  const NAMESPACE = '0ac2a9b6_8c4e_47e1_a1ab_3f8b2c94e7b1';
  let sandbox: RunningSandbox;
  let credentials: IDataObject;
  let node: ReturnType<typeof withCredentials>;

  beforeAll(async () => {
    sandbox = await startSandbox({ port: 0, flavor: 'onprem', username: 'admin', password: PASSWORD, window: false, mps: 0, pairRate: 0 });
    credentials = {
      baseUrl: `${sandbox.url}/v1`,
      username: 'admin',
      password: PASSWORD,
      ignoreSslIssues: false,
      templateNamespace: NAMESPACE,
      readinessTimeout: 5,
      webhookSecret: '',
      token: '',
    };
    node = withCredentials({ whatsAppOnPremisesApi: credentials });
  });
  afterAll(() => sandbox.close());

  const onprem = (parameters: IDataObject): IDataObject => ({ authentication: 'onPremisesApi', ...parameters });

  test('logs in once (preAuthentication), keeps the token, and sends a text in the On-Premises dialect', async () => {
    const { fake, output } = node.run(onprem({ resource: 'message', operation: 'send', to: CUSTOMER, messageType: 'text', textBody: 'Hello on-prem https://example.com', previewUrl: true }));
    const [[item]] = await output;
    expect(fake.logins).toEqual({ whatsAppOnPremisesApi: 1 });
    expect(typeof credentials.token).toBe('string');
    expect(credentials.token).not.toBe('');
    const logged = await lastSent(sandbox);
    expect(logged.payload).toMatchObject({ to: CUSTOMER, type: 'text', text: { body: 'Hello on-prem https://example.com' }, preview_url: true });
    expect(logged.payload.messaging_product).toBeUndefined();
    expect(item.json).toMatchObject({ messageId: logged.id, to: CUSTOMER, status: 'accepted' });
    // The stored token is reused: no second login.
    const again = node.run(onprem({ resource: 'message', operation: 'send', to: CUSTOMER, messageType: 'text', textBody: 'Again' }));
    await again.output;
    expect(again.fake.logins).toEqual({});
  });

  test('a refused (expired) token: n8n logs in again and the request goes through once', async () => {
    credentials.token = 'expired-or-revoked-token';
    const { fake, output } = node.run(onprem({ resource: 'message', operation: 'send', to: CUSTOMER, messageType: 'text', textBody: 'After re-login' }));
    await output;
    expect(fake.logins).toEqual({ whatsAppOnPremisesApi: 1 });
    expect(credentials.token).not.toBe('expired-or-revoked-token');
    // The first request is refused, sent again the way that makes n8n log in (refused again), then
    // n8n logs in and repeats it; everything after that uses the new token.
    const shape = fake.calls.map((call) => `${call.method} ${call.path} ${call.status}`);
    expect(shape.slice(0, 4)).toEqual([expect.stringMatching(/ 401$/), expect.stringMatching(/ 401$/), 'POST /v1/users/login 200', expect.stringMatching(/ 200$/)]);
    expect(shape.slice(4).every((line) => line.endsWith(' 200'))).toBe(true);
    expect(shape).toContain('POST /v1/messages 200');
    expect((await lastSent(sandbox)).payload).toMatchObject({ text: { body: 'After re-login' } });
  });

  test('sends a template with the credential\'s namespace', async () => {
    await node.execute(onprem({ resource: 'message', operation: 'sendTemplate', to: CUSTOMER, template: 'hello_world|en_US', templateHeaderType: 'none' }));
    const logged = await lastSent(sandbox);
    expect(logged.payload).toMatchObject({ type: 'template', template: { namespace: NAMESPACE, name: 'hello_world', language: { code: 'en_US' } } });
  });

  test('uploads a binary (raw body) and downloads it back as binary', async () => {
    const items = [binaryItem(JPEG_BYTES, 'image/jpeg', 'photo.jpg')];
    const [uploaded] = await node.execute(onprem({ resource: 'media', operation: 'upload', binaryPropertyName: 'data' }), { items });
    const mediaId = String(uploaded.json.mediaId);
    expect(mediaId).not.toBe('');
    const [downloaded] = await node.execute(onprem({ resource: 'media', operation: 'download', mediaId, binaryPropertyName: 'file' }));
    expect(downloaded.json).toMatchObject({ mediaId, mimeType: 'image/jpeg', fileSize: JPEG_BYTES.length });
    expect(Buffer.from(String(downloaded.binary?.file.data), 'base64')).toEqual(JPEG_BYTES);
  });

  test('account.getHealth reports the client ready', async () => {
    const [health] = await node.execute(onprem({ resource: 'account', operation: 'getHealth' }));
    expect(health.json).toMatchObject({ ready: true, gatewayStatus: 'connected' });
  });

  test('a reaction (hidden for On-Premises) fails with the alternative', async () => {
    const error = await node.failure(onprem({ resource: 'message', operation: 'send', to: CUSTOMER, messageType: 'reaction', reactionMessageId: 'x', emoji: '👍' }));
    expect(error).toBeInstanceOf(NodeOperationError);
    expect(error.message).toBe('message.send of a reaction message is not supported by WhatsApp On-Premises API');
    expect(String((error as NodeOperationError).description)).toMatch(/text reply/);
  });

  test('a wrong password: the login fails with the client\'s 401, the password never shown', async () => {
    const wrong = withCredentials({ whatsAppOnPremisesApi: { ...credentials, password: 'wrong-password-0d9a', token: '' } });
    const error = await wrong.failure(onprem({ resource: 'account', operation: 'getHealth' }));
    expect(error).toBeInstanceOf(NodeApiError);
    expect((error as NodeApiError).httpCode).toBe('401');
    expect(String((error as NodeApiError).description)).toMatch(/username and password/);
    expect(shown(error)).not.toContain('wrong-password-0d9a');
    expect(shown(error)).not.toContain(PASSWORD);
  });
});
