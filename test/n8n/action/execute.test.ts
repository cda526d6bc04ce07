/** The node's execute() and loadOptions against the sandbox, through a fake n8n context doing real HTTP. */
import { n8nErrorTitle } from '../helpers/n8n-error-title';
import type { IDataObject, INodeExecutionData } from 'n8n-workflow';
import { NodeApiError, NodeOperationError } from 'n8n-workflow';
import { startSandbox } from 'whatsapp-sandbox';
import type { RunningSandbox } from 'whatsapp-sandbox';
import { WhatsAppBusiness } from '../../../nodes/WhatsAppBusiness/WhatsAppBusiness.node';
import { getPhoneNumbers, getTemplates } from '../../../nodes/WhatsAppBusiness/methods/loadOptions';
import { JPEG_BYTES, PDF_BYTES } from '../../fixtures/media-bytes';
import { binaryItem, fakeContext } from '../helpers/execute-context';
import type { FakeContextOptions } from '../helpers/execute-context';

const CUSTOMER = '16505551234';
let sandbox: RunningSandbox;
const node = new WhatsAppBusiness();

beforeAll(async () => {
  sandbox = await startSandbox({ port: 0, window: false, mps: 0, pairRate: 0, latencyMs: 5 });
});
afterAll(() => sandbox.close());

const credentials = () => ({ accessToken: sandbox.token, businessAccountId: sandbox.wabaId, apiVersion: 'v23.0', baseUrl: sandbox.url });

function run(parameters: IDataObject | IDataObject[], extra: Partial<FakeContextOptions> = {}) {
  const fake = fakeContext({ parameters, credentials: credentials(), ...extra });
  return { fake, output: node.execute.call(fake.context) };
}

async function execute(parameters: IDataObject | IDataObject[], extra: Partial<FakeContextOptions> = {}): Promise<INodeExecutionData[]> {
  return (await run(parameters, extra).output)[0];
}

interface Logged {
  id: string;
  to: string;
  type: string;
  payload: IDataObject;
}

async function sent(): Promise<Logged[]> {
  const response = await fetch(`${sandbox.url}/_sandbox/messages`);
  return ((await response.json()) as { data: Logged[] }).data;
}

async function lastSent(): Promise<Logged> {
  const all = await sent();
  return all[all.length - 1];
}

const message = (parameters: IDataObject): IDataObject => ({
  authentication: 'cloudApi',
  resource: 'message',
  operation: 'send',
  phoneNumberId: sandbox.phoneNumberId,
  to: CUSTOMER,
  ...parameters,
});

describe('message.send', () => {
  test('text: the sandbox receives exactly the payload; simplified output, paired with the item', async () => {
    const [item] = await execute(message({ messageType: 'text', textBody: 'Hello *there*', previewUrl: true, additionalFields: { replyTo: 'wamid.PREV', bizOpaqueCallbackData: 'order-42' } }));
    const logged = await lastSent();
    expect(logged.payload).toEqual({
      messaging_product: 'whatsapp',
      recipient_type: 'individual',
      to: CUSTOMER,
      type: 'text',
      text: { body: 'Hello *there*', preview_url: true },
      context: { message_id: 'wamid.PREV' },
      biz_opaque_callback_data: 'order-42',
    });
    expect(item).toEqual({ json: { messageId: logged.id, to: CUSTOMER, waId: CUSTOMER, status: 'accepted' }, pairedItem: { item: 0 } });
  });

  test('raw output when Simplify is off', async () => {
    const [item] = await execute(message({ messageType: 'text', textBody: 'Raw', simplify: false }));
    expect(item.json).toMatchObject({ status: 'accepted', phoneNumberId: sandbox.phoneNumberId, to: CUSTOMER });
  });

  const cases: [string, IDataObject, IDataObject][] = [
    ['image by link', { messageType: 'image', mediaSource: 'link', mediaLink: 'https://example.com/a.jpg', caption: 'Receipt' }, { image: { link: 'https://example.com/a.jpg', caption: 'Receipt' } }],
    ['audio voice note', { messageType: 'audio', mediaSource: 'link', mediaLink: 'https://example.com/a.ogg', voice: true }, { audio: { link: 'https://example.com/a.ogg', voice: true } }],
    ['video', { messageType: 'video', mediaSource: 'link', mediaLink: 'https://example.com/a.mp4' }, { video: { link: 'https://example.com/a.mp4' } }],
    ['document', { messageType: 'document', mediaSource: 'link', mediaLink: 'https://example.com/a.pdf', filename: 'a.pdf' }, { document: { link: 'https://example.com/a.pdf', filename: 'a.pdf' } }],
    ['sticker', { messageType: 'sticker', mediaSource: 'link', mediaLink: 'https://example.com/a.webp' }, { sticker: { link: 'https://example.com/a.webp' } }],
    ['location', { messageType: 'location', latitude: 52.52, longitude: 13.405, locationName: 'Shop', locationAddress: 'Alexanderplatz 1' }, { location: { latitude: 52.52, longitude: 13.405, name: 'Shop', address: 'Alexanderplatz 1' } }],
    ['contacts', { messageType: 'contacts', contacts: { contact: [{ formattedName: 'Ana Silva', firstName: 'Ana', phone: '+5511912345678' }] } }, { contacts: [{ name: { formatted_name: 'Ana Silva', first_name: 'Ana' }, phones: [{ phone: '+5511912345678' }] }] }],
    ['reply buttons', { messageType: 'interactiveButtons', headerType: 'text', headerText: 'Order 42', bodyText: 'Pick up today?', footerText: 'Shop', replyButtons: { button: [{ id: 'yes', title: 'Yes' }, { id: 'no', title: 'No' }, { id: 'later', title: 'Later' }] } },
      { interactive: { type: 'button', header: { type: 'text', text: 'Order 42' }, body: { text: 'Pick up today?' }, footer: { text: 'Shop' }, action: { buttons: [
        { type: 'reply', reply: { id: 'yes', title: 'Yes' } }, { type: 'reply', reply: { id: 'no', title: 'No' } }, { type: 'reply', reply: { id: 'later', title: 'Later' } }] } } }],
    ['list', { messageType: 'interactiveList', bodyText: 'Choose', listButtonText: 'Options', listRows: { row: [{ section: 'Fast', id: 'express', title: 'Express' }, { section: 'Cheap', id: 'std', title: 'Standard', description: '5 days' }] } },
      { interactive: { type: 'list', body: { text: 'Choose' }, action: { button: 'Options', sections: [{ title: 'Fast', rows: [{ id: 'express', title: 'Express' }] }, { title: 'Cheap', rows: [{ id: 'std', title: 'Standard', description: '5 days' }] }] } } }],
    ['CTA URL', { messageType: 'interactiveCtaUrl', headerType: 'none', bodyText: 'Track it', ctaDisplayText: 'Track', ctaUrl: 'https://example.com/t/1' },
      { interactive: { type: 'cta_url', body: { text: 'Track it' }, action: { name: 'cta_url', parameters: { display_text: 'Track', url: 'https://example.com/t/1' } } } }],
    ['location request', { messageType: 'interactiveLocationRequest', bodyText: 'Where are you?' }, { interactive: { type: 'location_request_message', body: { text: 'Where are you?' }, action: { name: 'send_location' } } }],
    ['reaction', { messageType: 'reaction', reactionMessageId: 'wamid.REACT', emoji: '👍' }, { reaction: { message_id: 'wamid.REACT', emoji: '👍' } }],
  ];
  test.each(cases)('%s reaches the sandbox as Meta expects', async (_name, parameters, expected) => {
    const [item] = await execute(message(parameters));
    const logged = await lastSent();
    expect(logged.payload).toMatchObject(expected);
    expect(item.json.messageId).toBe(logged.id);
  });

  test('an image from a binary property is uploaded first, then sent by its media id', async () => {
    const [item] = await execute(message({ messageType: 'image', mediaSource: 'binary', binaryPropertyName: 'photo' }), {
      items: [binaryItem(JPEG_BYTES, 'image/jpeg', 'photo.jpg', 'photo')],
    });
    const logged = await lastSent();
    const mediaId = (logged.payload.image as IDataObject).id as string;
    expect(mediaId).toEqual(expect.any(String));
    const download = await execute({ authentication: 'cloudApi', resource: 'media', operation: 'download', mediaId });
    expect(Buffer.from(download[0].binary?.data.data ?? '', 'base64').equals(JPEG_BYTES)).toBe(true);
    expect(item.pairedItem).toEqual({ item: 0 });
  });
});

describe('message.sendTemplate and template management', () => {
  test('create (simple fields) → getAll → get → send with positional parameters, header and buttons → delete', async () => {
    const [created] = await execute({
      authentication: 'cloudApi', resource: 'template', operation: 'create', templateName: 'order_ready', templateLanguage: 'en_US', category: 'UTILITY',
      componentsMode: 'fields', componentHeader: 'Order {{1}}', componentBody: 'Hi {{1}}, your order {{2}} is ready.', componentExamples: '42, Ana, 42', componentFooter: 'Shop',
    });
    expect(created.json).toMatchObject({ id: expect.any(String), status: 'PENDING', category: 'UTILITY' });
    await sandbox.webhooksIdle();

    const listed = await execute({ authentication: 'cloudApi', resource: 'template', operation: 'getAll', returnAll: true, filters: { name: 'order_ready' } });
    expect(listed.map((item) => item.json)).toEqual([
      { id: created.json.id, name: 'order_ready', language: 'en_US', status: 'APPROVED', category: 'UTILITY', parameterFormat: 'POSITIONAL', body: 'Hi {{1}}, your order {{2}} is ready.', header: 'Order {{1}}' },
    ]);
    const [byName] = await execute({ authentication: 'cloudApi', resource: 'template', operation: 'get', getBy: 'name', templateName: 'order_ready', simplify: false });
    expect(byName.json).toMatchObject({ id: created.json.id, components: expect.any(Array) });

    await execute(message({
      operation: 'sendTemplate', template: 'order_ready|en_US',
      templateHeaderType: 'text', templateHeaderText: '42',
      bodyParameters: { parameter: [{ type: 'text', text: 'Ana' }, { type: 'text', text: '42' }] },
    }));
    expect((await lastSent()).payload).toMatchObject({
      type: 'template',
      template: { name: 'order_ready', language: { code: 'en_US' }, components: [
        { type: 'header', parameters: [{ type: 'text', text: '42' }] },
        { type: 'body', parameters: [{ type: 'text', text: 'Ana' }, { type: 'text', text: '42' }] }] },
    });

    const [deleted] = await execute({ authentication: 'cloudApi', resource: 'template', operation: 'delete', templateName: 'order_ready' });
    expect(deleted.json).toEqual({ deleted: true });
  });

  test('named body parameters and a quick-reply button parameter (JSON components)', async () => {
    await execute({
      authentication: 'cloudApi', resource: 'template', operation: 'create', templateName: 'welcome_named', templateLanguage: 'en_US', category: 'MARKETING', componentsMode: 'json',
      componentsJson: JSON.stringify([
        { type: 'BODY', text: 'Hi {{first_name}}, welcome!', example: { body_text_named_params: [{ param_name: 'first_name', example: 'Ana' }] } },
        { type: 'BUTTONS', buttons: [{ type: 'QUICK_REPLY', text: 'Stop' }] },
      ]),
    });
    await sandbox.webhooksIdle();
    await execute(message({
      operation: 'sendTemplate', template: 'welcome_named|en_US',
      namedBodyParameters: { parameter: [{ name: 'first_name', type: 'text', text: 'Ana' }] },
      templateButtons: { button: [{ index: 0, subType: 'quick_reply', value: 'STOP' }] },
    }));
    expect((await lastSent()).payload).toMatchObject({
      template: { name: 'welcome_named', components: [
        { type: 'body', parameters: [{ type: 'text', text: 'Ana', parameter_name: 'first_name' }] },
        { type: 'button', sub_type: 'quick_reply', index: '0', parameters: [{ type: 'payload', payload: 'STOP' }] }] },
    });
  });
});

describe('message.markRead, media, phone numbers, business profile', () => {
  test('mark an inbound message read with the typing indicator', async () => {
    const inbound = await fetch(`${sandbox.url}/_sandbox/inbound`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ from: CUSTOMER, text: 'Hi' }) });
    const { messageId } = (await inbound.json()) as { messageId: string };
    const [item] = await execute({ authentication: 'cloudApi', resource: 'message', operation: 'markRead', phoneNumberId: sandbox.phoneNumberId, messageId, typingIndicator: true });
    expect(item).toEqual({ json: { success: true }, pairedItem: { item: 0 } });
  });

  test('upload → getUrl → download (bytes equal) → delete', async () => {
    const [uploaded] = await execute({ authentication: 'cloudApi', resource: 'media', operation: 'upload', phoneNumberId: sandbox.phoneNumberId, binaryPropertyName: 'data' }, {
      items: [binaryItem(PDF_BYTES, 'application/pdf', 'invoice.pdf')],
    });
    const mediaId = uploaded.json.mediaId as string;
    expect(mediaId).toEqual(expect.any(String));
    const [info] = await execute({ authentication: 'cloudApi', resource: 'media', operation: 'getUrl', mediaId });
    expect(info.json).toMatchObject({ mediaId, mimeType: 'application/pdf', fileSize: PDF_BYTES.length, url: expect.stringContaining('http') });
    const [downloaded] = await execute({ authentication: 'cloudApi', resource: 'media', operation: 'download', mediaId, binaryPropertyName: 'file' });
    expect(downloaded.json).toMatchObject({ mediaId, mimeType: 'application/pdf', fileSize: PDF_BYTES.length, sha256Verified: true, fileName: `${mediaId}.pdf` });
    expect(Buffer.from(downloaded.binary?.file.data ?? '', 'base64').equals(PDF_BYTES)).toBe(true);
    expect(downloaded.binary?.file).toMatchObject({ mimeType: 'application/pdf', fileName: `${mediaId}.pdf` });
    const [deleted] = await execute({ authentication: 'cloudApi', resource: 'media', operation: 'delete', mediaId });
    expect(deleted.json).toEqual({ deleted: true });
  });

  test('phone numbers: get many and get', async () => {
    const all = await execute({ authentication: 'cloudApi', resource: 'phoneNumber', operation: 'getAll' });
    expect(all).toEqual([{ json: expect.objectContaining({ id: sandbox.phoneNumberId }), pairedItem: { item: 0 } }]);
    const [one] = await execute({ authentication: 'cloudApi', resource: 'phoneNumber', operation: 'get', phoneNumberId: sandbox.phoneNumberId, simplify: false });
    expect(one.json).toMatchObject({ id: sandbox.phoneNumberId, messagingLimitTier: expect.anything() });
  });

  test('business profile: update then get', async () => {
    const [updated] = await execute({ authentication: 'cloudApi', resource: 'businessProfile', operation: 'update', phoneNumberId: sandbox.phoneNumberId, updateFields: { about: 'Open 9-5', websites: 'https://a.example' } });
    expect(updated.json).toEqual({ updated: true, fields: expect.arrayContaining(['about', 'websites']) });
    const [profile] = await execute({ authentication: 'cloudApi', resource: 'businessProfile', operation: 'get', phoneNumberId: sandbox.phoneNumberId });
    expect(profile.json).toMatchObject({ about: 'Open 9-5', websites: ['https://a.example'] });
  });
});

describe('errors, continueOnFail, pairing and concurrency', () => {
  const fourButtons = { messageType: 'interactiveButtons', bodyText: 'Too many', replyButtons: { button: [1, 2, 3, 4].map((n) => ({ id: `b${n}`, title: `B${n}` })) } };

  test('a validation error is a NodeOperationError naming the field and the item; the invalid item is never sent', async () => {
    const before = (await sent()).length;
    const error = await run([message({ messageType: 'text', textBody: 'ok' }), message(fourButtons)], { continueOnFail: false }).output.catch((e: unknown) => e);
    expect(error).toBeInstanceOf(NodeOperationError);
    const nodeError = error as NodeOperationError;
    expect(nodeError.message).toMatch(/interactive\.action\.buttons/);
    expect(nodeError.message).toMatch(/at most 3/);
    expect(nodeError.context.itemIndex).toBe(1);
    // Item 0 went out (concurrently); the invalid item never reached the API.
    expect((await sent()).length - before).toBeLessThanOrEqual(1);
    // What the README says the editor shows: n8n appends the item (from 0) when there were several.
    expect(n8nErrorTitle(nodeError, 2)).toBe('interactive.action.buttons: at most 3 reply buttons (got 4) [item 1]');
  });

  test('with a single input item, the title is the message alone', async () => {
    const error = (await run([message(fourButtons)], { continueOnFail: false }).output.catch((e: unknown) => e)) as NodeOperationError;
    expect(error.context.itemIndex).toBe(0);
    expect(n8nErrorTitle(error, 1)).toBe(error.message);
    expect(error.message).not.toMatch(/\[item/);
  });

  test('a bad token is a NodeApiError with Meta code 190 and a hint; the token is not in the error', async () => {
    const fake = fakeContext({ parameters: message({ messageType: 'text', textBody: 'x' }), credentials: { ...credentials(), accessToken: 'wrong-token-value' } });
    const error = await node.execute.call(fake.context).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(NodeApiError);
    const apiError = error as NodeApiError;
    expect(apiError.message).toMatch(/#190/);
    expect(apiError.httpCode).toBe('401');
    expect(apiError.description).toEqual(expect.any(String));
    expect(JSON.stringify({ message: apiError.message, description: apiError.description, context: apiError.context })).not.toContain('wrong-token-value');
  });

  test('a recipient outside the allow-list is a NodeApiError with code 131030', async () => {
    const strict = await startSandbox({ port: 0, window: false, allowedRecipients: ['15550000001'] });
    try {
      const fake = fakeContext({ parameters: message({ messageType: 'text', textBody: 'x', phoneNumberId: strict.phoneNumberId }), credentials: { accessToken: strict.token, businessAccountId: strict.wabaId, baseUrl: strict.url } });
      const error = await node.execute.call(fake.context).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(NodeApiError);
      expect((error as NodeApiError).message).toMatch(/#131030/);
      expect((error as NodeApiError).context.itemIndex).toBe(0);
    } finally {
      await strict.close();
    }
  });

  test('continueOnFail: failed items become error items; every item is paired, in order', async () => {
    const output = await execute([message({ messageType: 'text', textBody: 'one' }), message(fourButtons), message({ messageType: 'text', textBody: '' }), message({ messageType: 'text', textBody: 'four' })], { continueOnFail: true });
    expect(output.map((item) => item.pairedItem)).toEqual([0, 1, 2, 3].map((item) => ({ item })));
    expect(output[0].json.status).toBe('accepted');
    expect(output[1].json.error).toMatch(/interactive\.action\.buttons/);
    expect(output[1].json.issues).toEqual([expect.objectContaining({ path: 'interactive.action.buttons' })]);
    expect(output[2].json.error).toMatch(/text\.body/);
    expect(output[3].json.status).toBe('accepted');
  });

  test('continueOnFail with an API error keeps the Meta code and hint', async () => {
    const fake = fakeContext({ parameters: message({ messageType: 'text', textBody: 'x' }), credentials: { ...credentials(), accessToken: 'wrong' }, continueOnFail: true });
    const [[item]] = await node.execute.call(fake.context);
    expect(item).toMatchObject({ json: { code: 190, httpStatus: 401, kind: 'api', hint: expect.any(String), error: expect.stringMatching(/#190/) }, pairedItem: { item: 0 } });
  });

  test('items run concurrently up to the option, and the output keeps the input order', async () => {
    const recipients = Array.from({ length: 12 }, (_, i) => `1555000${String(i).padStart(4, '0')}`);
    const { fake, output } = run(recipients.map((to) => message({ to, messageType: 'text', textBody: `to ${to}`, options: { concurrency: 4 } })));
    const [items] = await output;
    expect(items.map((item) => item.json.to)).toEqual(recipients);
    expect(items.map((item) => item.pairedItem)).toEqual(recipients.map((_, item) => ({ item })));
    expect(fake.maxInFlight()).toBeGreaterThan(1);
    expect(fake.maxInFlight()).toBeLessThanOrEqual(4);
  });

  test('concurrency 1 is strictly sequential', async () => {
    const { fake, output } = run([1, 2, 3].map((n) => message({ messageType: 'text', textBody: `n${n}`, options: { concurrency: 1 } })));
    await output;
    expect(fake.maxInFlight()).toBe(1);
  });
});

describe('loadOptions', () => {
  test('phone numbers of the WABA', async () => {
    const fake = fakeContext({ parameters: { authentication: 'cloudApi' }, credentials: credentials() });
    const options = await getPhoneNumbers.call(fake.loadOptions);
    expect(options).toEqual([expect.objectContaining({ value: sandbox.phoneNumberId, name: expect.stringContaining(' - ') })]);
  });

  test('templates across pages (more than one page of 100), value name|language', async () => {
    const create = (n: number) =>
      fetch(`${sandbox.url}/v23.0/${sandbox.wabaId}/message_templates`, {
        method: 'POST',
        headers: { Authorization: `Bearer ${sandbox.token}`, 'content-type': 'application/json' },
        body: JSON.stringify({ name: `paged_${String(n).padStart(3, '0')}`, language: 'en_US', category: 'UTILITY', components: [{ type: 'BODY', text: `Paged ${n}` }] }),
      }).then((response) => expect(response.status).toBe(200));
    for (let start = 0; start < 105; start += 35) await Promise.all(Array.from({ length: 35 }, (_, i) => create(start + i)));
    await sandbox.webhooksIdle();
    const fake = fakeContext({ parameters: { authentication: 'cloudApi' }, credentials: credentials() });
    const options = await getTemplates.call(fake.loadOptions);
    const paged = options.filter((option) => String(option.value).startsWith('paged_'));
    expect(paged).toHaveLength(105);
    expect(options).toContainEqual(expect.objectContaining({ value: 'hello_world|en_US', name: 'hello_world (en_US)' }));
    expect(fake.requests.filter((request) => request.url.includes('/message_templates')).length).toBeGreaterThanOrEqual(2);
  });

  test('a failing load surfaces the API error instead of an empty list', async () => {
    const fake = fakeContext({ parameters: { authentication: 'cloudApi' }, credentials: { ...credentials(), accessToken: 'nope' } });
    await expect(getPhoneNumbers.call(fake.loadOptions)).rejects.toBeInstanceOf(NodeApiError);
  });
});
