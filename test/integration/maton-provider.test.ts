import { inspect } from 'node:util';
import {
  createMatonProvider,
  createProvider,
  operations,
  PROVIDER_SUPPORT,
  UndiciTransport,
  WhatsAppApiError,
  WhatsAppUnsupportedError,
} from 'whatsapp-business-core';
import type { Capability, Provider } from 'whatsapp-business-core';
import { startSandbox } from 'whatsapp-sandbox';
import type { RunningSandbox } from 'whatsapp-sandbox';
import { JPEG_BYTES } from '../fixtures/media-bytes';
import { customerWrites, sentMessages } from './helpers/sandbox-provider';

const KEY = 'maton-integration-key-7f3a9c2e41';
const CUSTOMER = '16505551234';

let sandbox: RunningSandbox;
let provider: Provider;

function maton(overrides: Record<string, unknown> = {}): Provider {
  return createMatonProvider({
    provider: 'maton',
    apiKey: KEY,
    gatewayUrl: sandbox.url,
    controlUrl: sandbox.url,
    phoneNumberId: sandbox.phoneNumberId,
    wabaId: sandbox.wabaId,
    transport: new UndiciTransport(),
    ...overrides,
  } as never);
}

/** Every capability there is: the type makes this list complete (a new capability fails to compile here). */
const EVERY_CAPABILITY: Record<Capability, true> = {
  sendMessage: true,
  markRead: true,
  uploadMedia: true,
  getMediaInfo: true,
  downloadMedia: true,
  deleteMedia: true,
  listTemplates: true,
  getTemplateById: true,
  createTemplate: true,
  deleteTemplate: true,
  listPhoneNumbers: true,
  getPhoneNumber: true,
  getBusinessProfile: true,
  updateBusinessProfile: true,
  listConnections: true,
  createConnection: true,
  getConnection: true,
  deleteConnection: true,
  getHealth: true,
  requestRegistrationCode: true,
  verifyRegistrationCode: true,
  getApplicationSettings: true,
  updateApplicationSettings: true,
  checkContacts: true,
};

async function failure(promise: Promise<unknown>): Promise<WhatsAppApiError> {
  return promise.then(
    () => {
      throw new Error('expected a failure');
    },
    (error: unknown) => error as WhatsAppApiError,
  );
}

function everything(value: unknown): string {
  return `${value instanceof Error ? value.message : ''} ${JSON.stringify(value)} ${inspect(value, { depth: 10, showHidden: true })}`;
}

beforeAll(async () => {
  sandbox = await startSandbox({ port: 0, flavor: 'maton', token: KEY, gatewayRps: 0, mps: 0, pairRate: 0 });
  provider = maton();
  await customerWrites(sandbox, { from: CUSTOMER, name: 'Ana', text: 'Hi there' });
});
afterAll(async () => {
  await provider.close();
  await sandbox.close();
});

describe('Maton provider: what it can do', () => {
  it('has exactly the capabilities PROVIDER_SUPPORT declares for Maton (no downloadMedia)', () => {
    const present = (Object.keys(EVERY_CAPABILITY) as Capability[]).filter((capability) => typeof provider[capability] === 'function');
    expect(present.sort()).toEqual([...PROVIDER_SUPPORT.maton.capabilities].sort());
    expect('downloadMedia' in provider).toBe(false);
  });

  it('media.download is refused before any request, with the alternative in the hint', async () => {
    const error = await operations['media.download'].run(provider, { mediaId: '1234567890' }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(WhatsAppUnsupportedError);
    expect(error).toMatchObject({ kind: 'unsupported', message: 'media.download is not supported by Maton gateway' });
    expect((error as WhatsAppUnsupportedError).hint).toMatch(/Meta Cloud API credential/);
  });

  it('createProvider({provider: "maton"}) builds the same provider', async () => {
    const built = createProvider({ provider: 'maton', apiKey: KEY, gatewayUrl: sandbox.url, controlUrl: sandbox.url, phoneNumberId: sandbox.phoneNumberId });
    try {
      expect(built.name).toBe('maton');
      await expect(operations['phoneNumber.get'].run(built, {})).resolves.toMatchObject({ id: sandbox.phoneNumberId });
    } finally {
      await built.close();
    }
  });
});

describe('Maton provider: Graph operations through the gateway', () => {
  it.each([
    ['a text', { to: CUSTOMER, type: 'text', text: { body: 'Hello through Maton' } }],
    ['a template', { to: CUSTOMER, type: 'template', template: { name: 'hello_world', language: 'en_US' } }],
    [
      'an interactive button',
      { to: CUSTOMER, type: 'interactive', interactive: { type: 'button', body: { text: 'Proceed?' }, action: { buttons: [{ id: 'yes', title: 'Yes' }, { id: 'no', title: 'No' }] } } },
    ],
    [
      'an interactive list',
      {
        to: CUSTOMER,
        type: 'interactive',
        interactive: { type: 'list', body: { text: 'Choose' }, action: { button: 'Options', sections: [{ title: 'A', rows: [{ id: 'a1', title: 'First' }] }] } },
      },
    ],
  ])('sends %s message; the sandbox records it', async (_name, input) => {
    const result = await operations['message.send'].run(provider, input);
    expect(result).toMatchObject({ status: 'accepted', to: CUSTOMER, phoneNumberId: sandbox.phoneNumberId });
    const received = (await sentMessages(sandbox)).find((message) => message.id === result.messageId);
    expect(received?.to).toBe(CUSTOMER);
  });

  it('uploads media, reads its URL, sends it by id and deletes it', async () => {
    const { mediaId } = await operations['media.upload'].run(provider, { data: JPEG_BYTES, mimeType: 'image/jpeg', filename: 'photo.jpg' });
    expect(mediaId).toMatch(/^\d+$/);
    await expect(operations['media.getUrl'].run(provider, { mediaId })).resolves.toMatchObject({ mediaId, mimeType: 'image/jpeg' });
    await expect(operations['message.send'].run(provider, { to: CUSTOMER, type: 'image', image: { id: mediaId } })).resolves.toMatchObject({ status: 'accepted' });
    await expect(operations['media.delete'].run(provider, { mediaId })).resolves.toEqual({ deleted: true });
  });

  it('lists templates, reads the business profile and the phone numbers', async () => {
    const templates = await operations['template.list'].run(provider, {});
    expect(templates.templates.map((template) => template.name)).toContain('hello_world');
    await expect(operations['businessProfile.update'].run(provider, { about: 'Via Maton' })).resolves.toMatchObject({ updated: true });
    await expect(operations['businessProfile.get'].run(provider, {})).resolves.toMatchObject({ about: 'Via Maton' });
    const numbers = await operations['phoneNumber.list'].run(provider, {});
    expect(numbers.phoneNumbers.map((number) => number.id)).toContain(sandbox.phoneNumberId);
    await expect(operations['phoneNumber.get'].run(provider, {})).resolves.toMatchObject({ id: sandbox.phoneNumberId });
  });

  it("a Graph error passed through keeps Meta's code and hint (template missing: 132001, even as HTTP 404)", async () => {
    const error = await failure(operations['message.send'].run(provider, { to: CUSTOMER, type: 'template', template: { name: 'no_such_template', language: 'en_US' } }));
    expect(error).toBeInstanceOf(WhatsAppApiError);
    expect(error).toMatchObject({ httpStatus: 404, metaCode: 132001, provider: 'maton', hint: expect.stringMatching(/does not exist in this language/) });
    expect(error.message).toMatch(/^Maton gateway error 132001/);
  });

  it('a free-form send outside the 24 h window is accepted, then fails with 131047 (as on Meta)', async () => {
    const stranger = '16505559876';
    const result = await operations['message.send'].run(provider, { to: stranger, type: 'text', text: { body: 'Hi' } });
    await sandbox.webhooksIdle();
    const record = (await sentMessages(sandbox)).find((message) => message.id === result.messageId);
    expect(record).toMatchObject({ status: 'failed', errors: [expect.objectContaining({ code: 131047 })] });
  });
});

describe('Maton provider: connections', () => {
  it('lists the starting ACTIVE connection, filtered by app and status', async () => {
    const all = await operations['connection.list'].run(provider, {});
    expect(all.count).toBeGreaterThanOrEqual(1);
    expect(all.connections[0]).toMatchObject({ status: 'ACTIVE', app: 'whatsapp-business', metadata: {} });
    const pending = await operations['connection.list'].run(provider, { status: 'PENDING' });
    expect(pending.connections.every((connection) => connection.status === 'PENDING')).toBe(true);
    const other = await operations['connection.list'].run(provider, { app: 'slack' });
    expect(other).toEqual({ connections: [], count: 0 });
  });

  it('create (PENDING with a url), authorize by opening the url, get (ACTIVE), use it, delete; then it is refused with the hint', async () => {
    const created = await operations['connection.create'].run(provider, {});
    expect(created).toMatchObject({ status: 'PENDING', app: 'whatsapp-business', url: expect.stringContaining('/_maton/authorize?connection=') });
    expect(created.createdAt).toEqual(expect.any(String));

    const pendingUse = maton({ connectionId: created.connectionId });
    try {
      const early = await failure(operations['phoneNumber.get'].run(pendingUse, {}));
      expect(early).toMatchObject({ httpStatus: 400, metaCode: null, retryable: false });
      expect(early.message).toMatch(/missing WhatsApp Business connection or invalid request/);
      expect(early.message).toMatch(/not ACTIVE/);

      const page = await fetch(created.url ?? '');
      expect(page.status).toBe(200);
      await page.text();
      await expect(operations['connection.get'].run(provider, { connectionId: created.connectionId })).resolves.toMatchObject({
        connectionId: created.connectionId,
        status: 'ACTIVE',
      });
      await expect(operations['phoneNumber.get'].run(pendingUse, {})).resolves.toMatchObject({ id: sandbox.phoneNumberId });
      const active = await operations['connection.list'].run(provider, { status: 'ACTIVE' });
      expect(active.connections.map((connection) => connection.connectionId)).toContain(created.connectionId);

      await expect(operations['connection.delete'].run(provider, { connectionId: created.connectionId })).resolves.toEqual({ deleted: true });
      const gone = await failure(operations['message.send'].run(pendingUse, { to: CUSTOMER, type: 'text', text: { body: 'Hi' } }));
      expect(gone).toMatchObject({ httpStatus: 400, retryable: false });
      expect(gone.hint).toContain(created.connectionId);
      expect(gone.hint).toMatch(/connection\.list/);
      expect(gone.hint).toMatch(/connection\.create/);
      const missing = await failure(operations['connection.get'].run(provider, { connectionId: created.connectionId }));
      expect(missing).toMatchObject({ httpStatus: 404, message: expect.stringContaining(`Maton connection ${created.connectionId} not found`) });
    } finally {
      await pendingUse.close();
    }
  });

  it('an unknown Maton-Connection is a 400 with the hint', async () => {
    const unknown = maton({ connectionId: '00000000-0000-4000-8000-00000000dead' });
    try {
      const error = await failure(operations['phoneNumber.get'].run(unknown, {}));
      expect(error).toMatchObject({ kind: 'api', httpStatus: 400, metaCode: null, retryable: false });
      expect(error.hint).toMatch(/ACTIVE one from connection\.list/);
    } finally {
      await unknown.close();
    }
  });
});

describe('Maton provider: a wrong API key', () => {
  const WRONG = 'maton-wrong-key-5b6c7d8e9f';

  it.each([
    ['the gateway', (p: Provider) => operations['message.send'].run(p, { to: CUSTOMER, type: 'text', text: { body: 'Hi' } })],
    ['the connection API', (p: Provider) => operations['connection.list'].run(p, {})],
  ])('is a 401 from %s with the hint, and the key appears nowhere', async (_where, run) => {
    const wrong = maton({ apiKey: WRONG });
    try {
      const error = await failure(run(wrong));
      expect(error).toMatchObject({ kind: 'api', httpStatus: 401, retryable: false, hint: expect.stringContaining('maton.ai/settings') });
      expect(error.message).toMatch(/^Maton API key invalid or missing/);
      expect(everything(error)).not.toContain(WRONG);
      expect(everything(error)).not.toContain(KEY);
      expect(everything(wrong)).not.toContain(WRONG);
      expect(everything(provider)).not.toContain(KEY);
    } finally {
      await wrong.close();
    }
  });
});
