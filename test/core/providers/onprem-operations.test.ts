import { createProvider, operations, PROVIDER_SUPPORT, WhatsAppValidationError } from 'whatsapp-business-core';
import type { Capability, ProviderCapabilities } from 'whatsapp-business-core';
import { PNG_BYTES } from '../../fixtures/media-bytes';
import {
  apiRequests,
  control,
  CUSTOMER,
  customerWrites,
  NAMESPACE,
  onPremSetup,
  PASSWORD,
  registrationCode,
  requestCount,
  sentMessages,
  thrown,
  USERNAME,
} from './onprem-helpers';
import type { OnPremSetup } from './onprem-helpers';

const ALL_CAPABILITIES: readonly Capability[] = [
  'sendMessage', 'markRead', 'uploadMedia', 'getMediaInfo', 'downloadMedia', 'deleteMedia', 'listTemplates', 'getTemplateById',
  'createTemplate', 'deleteTemplate', 'listPhoneNumbers', 'getPhoneNumber', 'getBusinessProfile', 'updateBusinessProfile',
  'listConnections', 'createConnection', 'getConnection', 'deleteConnection', 'getHealth', 'requestRegistrationCode',
  'verifyRegistrationCode', 'getApplicationSettings', 'updateApplicationSettings', 'checkContacts',
] satisfies (keyof ProviderCapabilities)[];

let setup: OnPremSetup;

beforeAll(async () => {
  setup = await onPremSetup();
});

afterAll(async () => {
  await setup.close();
});

describe('On-Premises provider: identity', () => {
  it('has exactly the capabilities PROVIDER_SUPPORT lists for onprem', () => {
    const present = ALL_CAPABILITIES.filter((capability) => typeof (setup.provider as Partial<ProviderCapabilities>)[capability] === 'function');
    expect([...present].sort()).toEqual([...PROVIDER_SUPPORT.onprem.capabilities].sort());
    expect(setup.provider.name).toBe('onprem');
    expect(setup.provider.label).toBe(PROVIDER_SUPPORT.onprem.label);
  });

  it('is built by createProvider, with /v1 added to the base URL', async () => {
    const provider = createProvider({ provider: 'onprem', baseUrl: `${setup.sandbox.url}/`, username: USERNAME, password: PASSWORD });
    try {
      expect(provider.name).toBe('onprem');
      expect(JSON.parse(JSON.stringify(provider))).toMatchObject({ name: 'onprem', baseUrl: `${setup.sandbox.url}/v1` });
      const health = await operations['account.getHealth'].run(provider, {});
      expect(health).toMatchObject({ ready: true, gatewayStatus: 'connected' });
    } finally {
      await provider.close();
    }
  });
});

describe('On-Premises provider: messages', () => {
  beforeAll(async () => {
    await customerWrites(setup.sandbox);
  });

  it('sends text in the On-Premises dialect: no messaging_product, recipient_type individual, preview_url at the top', async () => {
    const result = await operations['message.send'].run(setup.provider, { to: `+${CUSTOMER}`, type: 'text', text: { body: 'see https://example.com', previewUrl: true } });
    expect(result).toMatchObject({ status: 'accepted', phoneNumberId: null, to: CUSTOMER });
    expect(result.messageId).not.toMatch(/^wamid\./);
    const sent = (await sentMessages(setup.sandbox)).find((message) => message.id === result.messageId);
    expect(sent?.payload).toEqual({ recipient_type: 'individual', to: CUSTOMER, type: 'text', preview_url: true, text: { body: 'see https://example.com' } });
  });

  it('sends a reply (context.message_id), location, contacts, reply buttons and a list', async () => {
    const inbound = await customerWrites(setup.sandbox, { from: CUSTOMER, text: 'question' });
    const messages = [
      { to: CUSTOMER, type: 'text', text: { body: 'answer' }, replyTo: inbound.messageId },
      { to: CUSTOMER, type: 'location', location: { latitude: 52.52, longitude: 13.405, name: 'Office', address: 'Street 1' } },
      { to: CUSTOMER, type: 'contacts', contacts: [{ name: { formattedName: 'Ana Lima', firstName: 'Ana' }, phones: [{ phone: '+15550001111', type: 'WORK' }] }] },
      {
        to: CUSTOMER,
        type: 'interactive',
        interactive: { type: 'button', body: { text: 'Pick one' }, action: { buttons: [{ id: 'yes', title: 'Yes' }, { id: 'no', title: 'No' }] } },
      },
      {
        to: CUSTOMER,
        type: 'interactive',
        interactive: {
          type: 'list',
          body: { text: 'Menu' },
          action: { button: 'Open', sections: [{ title: 'Main', rows: [{ id: 'r1', title: 'Row 1', description: 'first' }] }] },
        },
      },
    ];
    for (const message of messages) await operations['message.send'].run(setup.provider, message);
    const payloads = (await sentMessages(setup.sandbox)).slice(-messages.length).map((message) => message.payload);
    expect(payloads[0]).toEqual({ recipient_type: 'individual', to: CUSTOMER, type: 'text', text: { body: 'answer' }, context: { message_id: inbound.messageId } });
    expect(payloads[1]).toMatchObject({ type: 'location', location: { latitude: 52.52, longitude: 13.405, name: 'Office', address: 'Street 1' } });
    expect(payloads[2]).toMatchObject({ type: 'contacts', contacts: [{ name: { formatted_name: 'Ana Lima', first_name: 'Ana' }, phones: [{ phone: '+15550001111', type: 'WORK' }] }] });
    expect(payloads[3]).toMatchObject({ type: 'interactive', interactive: { type: 'button', action: { buttons: [{ type: 'reply', reply: { id: 'yes', title: 'Yes' } }, { type: 'reply', reply: { id: 'no', title: 'No' } }] } } });
    expect(payloads[4]).toMatchObject({ type: 'interactive', interactive: { type: 'list', action: { button: 'Open' } } });
    for (const payload of payloads) expect(payload).not.toHaveProperty('messaging_product');
  });

  it('sends a template with the configured namespace and the deterministic language policy', async () => {
    const result = await operations['message.send'].run(setup.provider, { to: CUSTOMER, type: 'template', template: { name: 'hello_world', language: 'en_US' } });
    const sent = (await sentMessages(setup.sandbox)).find((message) => message.id === result.messageId);
    expect(sent?.payload).toEqual({
      recipient_type: 'individual',
      to: CUSTOMER,
      type: 'template',
      template: { namespace: NAMESPACE, name: 'hello_world', language: { policy: 'deterministic', code: 'en_US' } },
    });
  });

  it('uploads media raw, sends it by id and by link, downloads it and deletes it', async () => {
    const uploaded = await operations['media.upload'].run(setup.provider, { data: PNG_BYTES, mimeType: 'image/png', filename: 'pixel.png' });
    expect(uploaded.mediaId).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/);
    await operations['message.send'].run(setup.provider, { to: CUSTOMER, type: 'image', image: { id: uploaded.mediaId, caption: 'pixel' } });
    await operations['message.send'].run(setup.provider, { to: CUSTOMER, type: 'document', document: { link: 'https://example.com/a.pdf', filename: 'a.pdf' } });
    const payloads = (await sentMessages(setup.sandbox)).slice(-2).map((message) => message.payload);
    expect(payloads[0]).toMatchObject({ type: 'image', image: { id: uploaded.mediaId, caption: 'pixel' } });
    expect(payloads[1]).toMatchObject({ type: 'document', document: { link: 'https://example.com/a.pdf', filename: 'a.pdf' } });

    const downloaded = await operations['media.download'].run(setup.provider, { mediaId: uploaded.mediaId });
    expect(Buffer.from(downloaded.data).equals(Buffer.from(PNG_BYTES))).toBe(true);
    expect(downloaded).toMatchObject({ mediaId: uploaded.mediaId, mimeType: 'image/png', fileSize: PNG_BYTES.byteLength, sha256: null, sha256Verified: false });

    expect(await operations['media.delete'].run(setup.provider, { mediaId: uploaded.mediaId })).toEqual({ deleted: true });
    const gone = await thrown(operations['media.download'].run(setup.provider, { mediaId: uploaded.mediaId }));
    expect(gone).toMatchObject({ kind: 'api', httpStatus: 404, metaCode: 1006 });
  });

  it('marks a received message read with PUT /v1/messages/{id}', async () => {
    const inbound = await customerWrites(setup.sandbox, { from: CUSTOMER, text: 'read me' });
    const before = requestCount(setup.log, 'PUT', `/messages/${inbound.messageId}`, 200);
    expect(await operations['message.markRead'].run(setup.provider, { messageId: inbound.messageId })).toEqual({ success: true });
    expect(requestCount(setup.log, 'PUT', `/messages/${inbound.messageId}`, 200)).toBe(before + 1);
  });
});

describe('On-Premises provider: Cloud-only input is refused before any request', () => {
  const cases: [string, unknown, string][] = [
    ['bizOpaqueCallbackData', { to: CUSTOMER, type: 'text', text: { body: 'x' }, bizOpaqueCallbackData: 'ref-1' }, 'bizOpaqueCallbackData'],
    ['phoneNumberId', { to: CUSTOMER, type: 'text', text: { body: 'x' }, phoneNumberId: '100000000000001' }, 'phoneNumberId'],
    ['audio.voice', { to: CUSTOMER, type: 'audio', audio: { link: 'https://example.com/a.ogg', voice: true } }, 'audio.voice'],
    ['named template parameters', { to: CUSTOMER, type: 'template', template: { name: 'hello_world', language: 'en_US', body: { first_name: 'Ana' } } }, 'template.body[0].name'],
  ];
  it.each(cases)('%s', async (_name, message, path) => {
    const before = apiRequests(setup.log).length;
    const error = await thrown(operations['message.send'].run(setup.provider, message));
    expect(error).toBeInstanceOf(WhatsAppValidationError);
    expect((error as unknown as WhatsAppValidationError).issues.map((issue) => issue.path)).toContain(path);
    expect(apiRequests(setup.log)).toHaveLength(before);
  });

  it('typingIndicator on markRead and profilePictureHandle on the profile', async () => {
    const before = apiRequests(setup.log).length;
    const typing = await thrown(operations['message.markRead'].run(setup.provider, { messageId: 'abc', typingIndicator: true }));
    expect(typing).toBeInstanceOf(WhatsAppValidationError);
    expect(typing.message).toContain('typingIndicator');
    const picture = await thrown(operations['businessProfile.update'].run(setup.provider, { profilePictureHandle: '4::aW1hZ2U=' }));
    expect(picture).toBeInstanceOf(WhatsAppValidationError);
    expect(picture.message).toContain('profilePictureHandle');
    expect(apiRequests(setup.log)).toHaveLength(before);
  });

  it('reactions and call-to-action buttons are unsupported, with the alternative', async () => {
    const reaction = await thrown(operations['message.send'].run(setup.provider, { to: CUSTOMER, type: 'reaction', reaction: { messageId: 'abc', emoji: '👍' } }));
    expect(reaction).toMatchObject({ kind: 'unsupported' });
    expect(String(reaction.hint)).toContain('text reply');
  });
});

describe('On-Premises provider: profile, settings, registration, contacts, health', () => {
  it('reads and updates the business profile and the About text', async () => {
    const profile = await operations['businessProfile.get'].run(setup.provider, {});
    expect(profile).toMatchObject({ about: expect.any(String), address: expect.any(String), profilePictureUrl: null, websites: expect.any(Array) });
    const update = await operations['businessProfile.update'].run(setup.provider, { description: 'Lab client', about: 'Hello from the lab' });
    expect(update).toEqual({ updated: true, fields: ['description', 'about'] });
    const after = await operations['businessProfile.get'].run(setup.provider, {});
    expect(after).toEqual({ ...profile, description: 'Lab client', about: 'Hello from the lab' });
  });

  it('reads and patches application settings with only the fields given, in the client\'s names', async () => {
    const before = await operations['account.getSettings'].run(setup.provider, {});
    expect(before.webhookUrl).toBeNull();
    expect(before.settings).toMatchObject({ callback_persist: true, webhooks: { max_concurrent_requests: 6 } });
    const result = await operations['account.updateSettings'].run(setup.provider, {
      webhookUrl: 'https://hooks.example.com/wa',
      webhookStatuses: { sent: true },
      maxConcurrentWebhookRequests: 12,
      autoDownload: ['image', 'audio'],
      callbackBackoffDelayMs: 5000,
    });
    expect(result).toEqual({ updated: true, fields: ['webhookUrl', 'webhookStatuses', 'maxConcurrentWebhookRequests', 'autoDownload', 'callbackBackoffDelayMs'] });
    const after = await operations['account.getSettings'].run(setup.provider, {});
    expect(after.webhookUrl).toBe('https://hooks.example.com/wa');
    expect(after.settings).toMatchObject({
      callback_persist: true,
      callback_backoff_delay_ms: 5000,
      media: { auto_download: ['image', 'audio'] },
      webhooks: { url: 'https://hooks.example.com/wa', max_concurrent_requests: 12, message: { sent: true, delivered: true, read: true } },
    });
  });

  it('requests a registration code (202 with the display name; 201 when already registered) and verifies it', async () => {
    const cert = Buffer.from('sandbox certificate').toString('base64');
    const already = await operations['account.requestCode'].run(setup.provider, { countryCode: '1', phoneNumber: '5550000001', method: 'sms', cert });
    expect(already).toEqual({ status: 'already_registered', verifiedName: null });
    const sent = await operations['account.requestCode'].run(setup.provider, { countryCode: '49', phoneNumber: '1701234567', method: 'voice', cert });
    expect(sent).toEqual({ status: 'code_sent', verifiedName: 'WhatsApp Sandbox' });
    const wrong = await thrown(operations['account.verifyCode'].run(setup.provider, { code: registrationCode(setup.log) === '000000' ? '111111' : '000000' }));
    expect(wrong).toMatchObject({ kind: 'api', metaCode: 1009, retryable: false });
    expect(await operations['account.verifyCode'].run(setup.provider, { code: registrationCode(setup.log) })).toEqual({ registered: true });
    const again = await operations['account.requestCode'].run(setup.provider, { countryCode: '49', phoneNumber: '1701234567', method: 'sms', cert });
    expect(again.status).toBe('already_registered');
  });

  it('checks contacts: valid ones get a wa_id, xxxx0000 numbers are invalid', async () => {
    const result = await operations['contact.check'].run(setup.provider, { contacts: ['+1 (516) 283-7151', '15550000000', 'not a number'] });
    expect(result.contacts).toEqual([
      { input: '+1 (516) 283-7151', status: 'valid', waId: '15162837151' },
      { input: '15550000000', status: 'invalid', waId: null },
      { input: 'not a number', status: 'invalid', waId: null },
    ]);
    const noWait = await operations['contact.check'].run(setup.provider, { contacts: ['+44 7700 900123'], blocking: 'no_wait' });
    expect(noWait.contacts).toEqual([{ input: '+44 7700 900123', status: 'processing', waId: null }]);
  });

  it('reports health', async () => {
    expect(await operations['account.getHealth'].run(setup.provider, {})).toEqual({
      ready: true,
      gatewayStatus: 'connected',
      nodes: [{ node: null, gatewayStatus: 'connected', role: null }],
      apiStatus: 'stable',
      version: expect.any(String),
    });
  });

  it('logged in once per provider for all of the above', () => {
    // setup.provider, and the one createProvider built.
    expect(requestCount(setup.log, 'POST', '/users/login')).toBe(2);
    expect(requestCount(setup.log, 'GET', '/health')).toBeGreaterThanOrEqual(1);
  });

  it('the control API reset restores a fresh client', async () => {
    await control(setup.sandbox, 'POST', 'reset');
    const settings = await operations['account.getSettings'].run(setup.provider, {});
    expect(settings.webhookUrl).toBeNull();
  });
});
