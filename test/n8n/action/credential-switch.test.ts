/**
 * A user switches the credential of an existing workflow and changes nothing else. What the
 * workflow holds is what n8n saved: the parameters that differ from their defaults (NodeHelpers
 * with returnDefaults false, as the editor saves), loaded back with the defaults of what is now
 * shown (returnDefaults true, as n8n's Workflow does before running). The same parameter names
 * must carry over, and a choice the new provider lacks must stay and fail with core's "... is not
 * supported by <provider>" and the alternative, never turn into another choice or be dropped.
 */
import type { IDataObject, INodeParameters, INodeProperties, INodePropertyOptions } from 'n8n-workflow';
import { NodeHelpers, NodeOperationError } from 'n8n-workflow';
import { startSandbox } from 'whatsapp-sandbox';
import type { RunningSandbox } from 'whatsapp-sandbox';
import { WhatsAppBusiness } from '../../../nodes/WhatsAppBusiness/WhatsAppBusiness.node';
import type { AuthenticationName } from '../../../nodes/shared/provider';
import { fakeContext } from '../helpers/execute-context';
import type { FakeContextOptions } from '../helpers/execute-context';

const node = new WhatsAppBusiness();
const description = node.description;
const NODE = { typeVersion: 1 };
const CUSTOMER = '16505551234';

/** What the editor stores for a node: only the values that differ from the defaults shown. */
function saved(parameters: INodeParameters): INodeParameters {
  return NodeHelpers.getNodeParameters(description.properties, parameters, false, false, NODE, description) ?? {};
}

/** What n8n runs: the stored values plus the defaults of what is shown for them. */
function loaded(parameters: INodeParameters): INodeParameters {
  return NodeHelpers.getNodeParameters(description.properties, parameters, true, false, NODE, description) ?? {};
}

/** A workflow built with `from`, saved, its credential switched to `to`, loaded as n8n would run it. */
function switched(from: AuthenticationName, to: AuthenticationName, parameters: INodeParameters): INodeParameters {
  return loaded({ ...saved(loaded({ ...parameters, authentication: from })), authentication: to });
}

async function failure(parameters: INodeParameters, extra: Partial<FakeContextOptions> = {}): Promise<{ error: Error; requests: number }> {
  const fake = fakeContext({ parameters: parameters as IDataObject, providerCredentials: extra.providerCredentials ?? {}, ...extra });
  const error = await node.execute.call(fake.context).then(
    () => {
      throw new Error('expected the node to fail');
    },
    (thrown: unknown) => thrown as Error,
  );
  return { error, requests: fake.calls.length + fake.requests.length };
}

const ITNIO = { apiKey: 'switch-key-1', apiSecret: 'switch-secret-1', appId: 'Sw1tch', businessPhone: '15550000001', baseUrl: 'http://127.0.0.1:9' };
const ONPREM = { baseUrl: 'http://127.0.0.1:9/v1', username: 'admin', password: 'switch-pw-1', readinessTimeout: 0, token: 'not-used' };

describe('the selectors of every credential share their defaults', () => {
  test('each property name that has one copy per credential group has one default', () => {
    const byName = new Map<string, INodeProperties[]>();
    for (const property of description.properties) byName.set(property.name, [...(byName.get(property.name) ?? []), property]);
    const copies = [...byName.entries()].filter(([, properties]) => properties.length > 1 && properties.some((property) => property.displayOptions?.show?.authentication));
    expect(copies.map(([name]) => name)).toEqual(expect.arrayContaining(['messageType', 'mediaSource']));
    for (const [name, properties] of copies) {
      // Operation selectors differ per resource; within one resource every copy has the same default.
      const groups = new Map<string, unknown[]>();
      for (const property of properties) {
        const key = JSON.stringify(property.displayOptions?.show?.resource ?? null);
        groups.set(key, [...(groups.get(key) ?? []), property.default]);
      }
      for (const defaults of groups.values()) expect([name, new Set(defaults).size]).toEqual([name, 1]);
    }
  });
});

describe('switching the credential of a saved workflow', () => {
  test('Cloud API "Template > Get Many" (saved without its operation, the default) stays Get Many with ITNIO and fails naming the ITNIO console', async () => {
    const stored = saved(loaded({ authentication: 'cloudApi', resource: 'template', operation: 'getAll' }));
    expect(stored.operation).toBeUndefined();
    const parameters = switched('cloudApi', 'itnioApi', { resource: 'template', operation: 'getAll' });
    expect(parameters).toMatchObject({ authentication: 'itnioApi', resource: 'template', operation: 'getAll' });
    const { error, requests } = await failure(parameters, { providerCredentials: { itnioApi: ITNIO } });
    expect(error).toBeInstanceOf(NodeOperationError);
    expect(error.message).toBe('template.list is not supported by ITNIO API');
    expect(String((error as NodeOperationError).description)).toMatch(/ITNIO console/);
    expect(requests).toBe(0);
  });

  test('a reaction (hidden for ITNIO) keeps its type and fields and fails with the alternative, before any request', async () => {
    const parameters = switched('cloudApi', 'itnioApi', { resource: 'message', operation: 'send', phoneNumberId: '1', to: CUSTOMER, messageType: 'reaction', reactionMessageId: 'wamid.X', emoji: '👍' });
    expect(parameters).toMatchObject({ messageType: 'reaction', reactionMessageId: 'wamid.X', emoji: '👍' });
    // The editor shows the kept value as not offered: it is not among the ITNIO selector's options.
    const shown = description.properties.filter((property) => property.name === 'messageType' && NodeHelpers.displayParameter(parameters, property, NODE, description));
    expect(shown).toHaveLength(1);
    expect((shown[0].options as INodePropertyOptions[]).map((option) => option.value)).not.toContain('reaction');
    const { error, requests } = await failure(parameters, { providerCredentials: { itnioApi: ITNIO } });
    expect(error).toBeInstanceOf(NodeOperationError);
    expect(error.message).toBe('message.send of a reaction message is not supported by ITNIO API');
    expect(String((error as NodeOperationError).description)).toMatch(/send a text reply instead/);
    expect(requests).toBe(0);
  });

  test('a call-to-action URL (hidden for On-Premises) fails with the alternative', async () => {
    const parameters = switched('cloudApi', 'onPremisesApi', {
      resource: 'message',
      operation: 'send',
      to: CUSTOMER,
      messageType: 'interactiveCtaUrl',
      bodyText: 'Track it',
      ctaDisplayText: 'Track',
      ctaUrl: 'https://example.com/o/1',
    });
    expect(parameters).toMatchObject({ messageType: 'interactiveCtaUrl', ctaUrl: 'https://example.com/o/1' });
    const { error, requests } = await failure(parameters, { providerCredentials: { whatsAppOnPremisesApi: ONPREM } });
    expect(error.message).toBe('message.send of a interactive.cta_url message is not supported by WhatsApp On-Premises API');
    expect(String((error as NodeOperationError).description)).toMatch(/put the link in a text message/);
    expect(requests).toBe(0);
  });

  test('media from a binary field (ITNIO takes links only) is refused, saying to send by link, before any request', async () => {
    const parameters = switched('cloudApi', 'itnioApi', { resource: 'message', operation: 'send', to: CUSTOMER, messageType: 'image', mediaSource: 'binary', binaryPropertyName: 'photo' });
    expect(parameters).toMatchObject({ mediaSource: 'binary', binaryPropertyName: 'photo' });
    const photo = { data: Buffer.from([0xff, 0xd8, 0xff]).toString('base64'), mimeType: 'image/jpeg', fileName: 'p.jpg' };
    const { error, requests } = await failure(parameters, { providerCredentials: { itnioApi: ITNIO }, items: [{ json: {}, binary: { photo } }] });
    expect(error.message).toBe('media.upload is not supported by ITNIO API');
    expect(String((error as NodeOperationError).description)).toMatch(/send it by link/);
    expect(requests).toBe(0);
  });

  test('media by id (ITNIO takes links only) is a validation error naming the field and "link"', async () => {
    const parameters = switched('cloudApi', 'itnioApi', { resource: 'message', operation: 'send', to: CUSTOMER, messageType: 'document', mediaSource: 'id', mediaId: '123' });
    expect(parameters).toMatchObject({ mediaSource: 'id', mediaId: '123' });
    const { error, requests } = await failure(parameters, { providerCredentials: { itnioApi: ITNIO } });
    expect(error).toBeInstanceOf(NodeOperationError);
    expect(error.message).toMatch(/document\.id/);
    expect(error.message).toMatch(/use "link"/);
    expect(requests).toBe(0);
  });

  test('Media > Download (hidden for Maton) keeps its operation and fails naming the Cloud API credential', async () => {
    const parameters = switched('cloudApi', 'matonApi', { resource: 'media', operation: 'download', mediaId: '42', binaryPropertyName: 'file' });
    expect(parameters).toMatchObject({ resource: 'media', operation: 'download', mediaId: '42' });
    const maton = { apiKey: 'switch-maton-key', connectionId: '', businessAccountId: '1', apiVersion: 'v23.0', gatewayUrl: 'http://127.0.0.1:9', controlUrl: 'http://127.0.0.1:9' };
    const { error, requests } = await failure(parameters, { providerCredentials: { matonApi: maton } });
    expect(error.message).toBe('media.download is not supported by Maton gateway');
    expect(String((error as NodeOperationError).description)).toMatch(/Meta Cloud API credential/);
    expect(requests).toBe(0);
  });

  test('an operation of a resource the provider lacks is kept, and running it says so', async () => {
    const parameters = switched('cloudApi', 'itnioApi', { resource: 'phoneNumber', operation: 'get', phoneNumberId: '1' });
    expect(parameters).toMatchObject({ resource: 'phoneNumber', operation: 'get' });
    const { error } = await failure(parameters, { providerCredentials: { itnioApi: ITNIO } });
    expect(error.message).toBe('phoneNumber.get is not supported by ITNIO API');
    expect(String((error as NodeOperationError).description)).toMatch(/ITNIO console/);
  });

  test('every message parameter keeps its name and value across credentials (only the sender picker is the credential\'s)', () => {
    const parameters: INodeParameters = {
      resource: 'message',
      operation: 'send',
      phoneNumberId: '100000000000001',
      to: CUSTOMER,
      messageType: 'interactiveButtons',
      headerType: 'text',
      headerText: 'Order 42',
      bodyText: 'Shall we ship it?',
      footerText: 'Reply below',
      replyButtons: { button: [{ id: 'yes', title: 'Yes' }, { id: 'no', title: 'No' }] },
      additionalFields: { replyTo: 'wamid.Q', bizOpaqueCallbackData: 'order-42' },
      simplify: false,
    };
    const cloud = switched('cloudApi', 'cloudApi', parameters);
    for (const to of ['matonApi', 'onPremisesApi', 'itnioApi'] as const) {
      const { phoneNumberId, authentication, ...rest } = switched('cloudApi', to, parameters);
      const { phoneNumberId: cloudSender, authentication: cloudAuthentication, ...cloudRest } = cloud;
      expect([to, rest]).toEqual([to, cloudRest]);
      expect([authentication, cloudAuthentication, cloudSender]).toEqual([to, 'cloudApi', '100000000000001']);
      // On-Premises and ITNIO send from the credential's one number: the Cloud sender is not shown, so not kept.
      expect(phoneNumberId).toBe(to === 'matonApi' ? '100000000000001' : undefined);
    }
  });
});

describe('a switched workflow runs (ITNIO sandbox)', () => {
  let sandbox: RunningSandbox;
  const credentials = { apiKey: 'switch-run-key', apiSecret: 'switch-run-secret', appId: 'SwRun1', businessPhone: '15550000001' };
  beforeAll(async () => {
    sandbox = await startSandbox({ port: 0, flavor: 'itnio', apiKey: credentials.apiKey, apiSecret: credentials.apiSecret, appId: credentials.appId, window: false, mps: 0, pairRate: 0 });
  });
  afterAll(() => sandbox.close());

  test("a Cloud API text with a sender and a reply-to goes out through ITNIO (the sender is the credential's)", async () => {
    const parameters = switched('cloudApi', 'itnioApi', {
      resource: 'message',
      operation: 'send',
      phoneNumberId: '100000000000001',
      to: CUSTOMER,
      messageType: 'text',
      textBody: 'Your order shipped',
      additionalFields: { replyTo: 'wamid.ORIGINAL' },
    });
    const fake = fakeContext({ parameters: parameters as IDataObject, providerCredentials: { itnioApi: { ...credentials, baseUrl: sandbox.url } } });
    const [[item]] = await node.execute.call(fake.context);
    expect(item.json).toMatchObject({ to: CUSTOMER, status: 'accepted' });
    const response = await fetch(`${sandbox.url}/_sandbox/messages`);
    const { data } = (await response.json()) as { data: { payload: IDataObject }[] };
    expect(data[data.length - 1].payload).toMatchObject({ recipient: CUSTOMER, type: 'text', text: { body: 'Your order shipped' }, context: { refMessageId: 'wamid.ORIGINAL' } });
  });
});
