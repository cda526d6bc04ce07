/** Node parameters → catalogue input, as pure functions: every operation and message type. */
import type { IDataObject } from 'n8n-workflow';
import { operations, parseInput } from 'whatsapp-business-core';
import type { OperationName } from 'whatsapp-business-core';
import type { ItemIO } from '../../../nodes/WhatsAppBusiness/helpers/binding';
import type { ParamReader } from '../../../nodes/WhatsAppBusiness/helpers/params';
import { ACTIONS } from '../../../nodes/WhatsAppBusiness/actions/router';
import { listSections } from '../../../nodes/WhatsAppBusiness/actions/message/send.operation';
import { parseTemplateChoice } from '../../../nodes/WhatsAppBusiness/actions/message/sendTemplate.operation';
import { mapConcurrent, toConcurrency } from '../../../nodes/WhatsAppBusiness/helpers/concurrency';

function reader(parameters: IDataObject): ParamReader {
  return (name, fallback) => {
    const value = name.split('.').reduce<unknown>((at, key) => (typeof at === 'object' && at !== null ? (at as IDataObject)[key] : undefined), parameters);
    return value === undefined ? fallback : value;
  };
}

const uploads: { property: string; phoneNumberId: string | undefined }[] = [];
const io: ItemIO = {
  itemIndex: 0,
  readBinary: async (property) => ({ data: new Uint8Array([0xff, 0xd8, 0xff, 0xd9]), mimeType: 'image/jpeg', fileName: `${property}.jpg` }),
  uploadBinary: async (property, phoneNumberId) => {
    uploads.push({ property, phoneNumberId });
    return { mediaId: 'uploaded-1', fileName: 'report.pdf' };
  },
  writeBinary: async () => ({}),
};

async function mapped(resource: string, operation: string, parameters: IDataObject): Promise<unknown> {
  return ACTIONS[resource][operation].toInput(reader(parameters), io);
}

/** The mapping is what core accepts (parsing it must not throw). */
function accepted(operation: OperationName, input: unknown): void {
  expect(() => parseInput(operations[operation].input, input)).not.toThrow();
}

const send = (parameters: IDataObject) => mapped('message', 'send', { phoneNumberId: '100000000000001', to: '+1 650 555 1234', ...parameters });

describe('message.send mapping: every message type', () => {
  const cases: [string, IDataObject, IDataObject][] = [
    ['text', { messageType: 'text', textBody: 'Hi there', previewUrl: true }, { type: 'text', text: { body: 'Hi there', previewUrl: true } }],
    ['text without preview', { messageType: 'text', textBody: 'Hi', previewUrl: false }, { type: 'text', text: { body: 'Hi' } }],
    ['image by link', { messageType: 'image', mediaSource: 'link', mediaLink: ' https://example.com/a.jpg ', caption: 'Receipt' }, { type: 'image', image: { link: 'https://example.com/a.jpg', caption: 'Receipt' } }],
    ['video by id', { messageType: 'video', mediaSource: 'id', mediaId: '987', caption: '' }, { type: 'video', video: { id: '987' } }],
    ['audio voice note', { messageType: 'audio', mediaSource: 'link', mediaLink: 'https://example.com/a.ogg', voice: true }, { type: 'audio', audio: { link: 'https://example.com/a.ogg', voice: true } }],
    ['document with filename', { messageType: 'document', mediaSource: 'link', mediaLink: 'https://example.com/a.pdf', filename: 'invoice.pdf', caption: 'Invoice' }, { type: 'document', document: { link: 'https://example.com/a.pdf', caption: 'Invoice', filename: 'invoice.pdf' } }],
    ['sticker', { messageType: 'sticker', mediaSource: 'id', mediaId: '555' }, { type: 'sticker', sticker: { id: '555' } }],
    ['location', { messageType: 'location', latitude: 52.52, longitude: 13.405, locationName: 'Shop', locationAddress: '' }, { type: 'location', location: { latitude: 52.52, longitude: 13.405, name: 'Shop' } }],
    ['contacts', { messageType: 'contacts', contacts: { contact: [{ formattedName: 'Ana Silva', firstName: 'Ana', phone: '+55 11 91234-5678', waId: '5511912345678', email: 'ana@example.com', company: 'ACME', url: 'https://acme.example', birthday: '1990-01-31' }] } },
      { type: 'contacts', contacts: [{ name: { formattedName: 'Ana Silva', firstName: 'Ana' }, phones: [{ phone: '+55 11 91234-5678', waId: '5511912345678' }], emails: [{ email: 'ana@example.com' }], org: { company: 'ACME' }, urls: [{ url: 'https://acme.example' }], birthday: '1990-01-31' }] }],
    ['reply buttons with image header', { messageType: 'interactiveButtons', headerType: 'image', headerMediaSource: 'link', headerMedia: 'https://example.com/h.jpg', bodyText: 'Pick one', footerText: 'Shop', replyButtons: { button: [{ id: 'yes', title: 'Yes' }, { id: 'no', title: 'No' }] } },
      { type: 'interactive', interactive: { type: 'button', header: { type: 'image', image: { link: 'https://example.com/h.jpg' } }, body: { text: 'Pick one' }, footer: { text: 'Shop' }, action: { buttons: [{ id: 'yes', title: 'Yes' }, { id: 'no', title: 'No' }] } } }],
    ['reply buttons with document header by id', { messageType: 'interactiveButtons', headerType: 'document', headerMediaSource: 'id', headerMedia: '42', headerFilename: 'a.pdf', bodyText: 'Doc', replyButtons: { button: [{ id: 'ok', title: 'OK' }] } },
      { type: 'interactive', interactive: { type: 'button', header: { type: 'document', document: { id: '42', filename: 'a.pdf' } }, body: { text: 'Doc' }, action: { buttons: [{ id: 'ok', title: 'OK' }] } } }],
    ['list grouped into sections', { messageType: 'interactiveList', listHeaderText: 'Shipping', bodyText: 'Choose', listButtonText: 'Options', listRows: { row: [
      { section: 'Fast', id: 'express', title: 'Express', description: 'Next day' }, { section: 'Cheap', id: 'standard', title: 'Standard', description: '' }, { section: 'Fast', id: 'same', title: 'Same day' }] } },
      { type: 'interactive', interactive: { type: 'list', header: { type: 'text', text: 'Shipping' }, body: { text: 'Choose' }, action: { button: 'Options', sections: [
        { title: 'Fast', rows: [{ id: 'express', title: 'Express', description: 'Next day' }, { id: 'same', title: 'Same day' }] }, { title: 'Cheap', rows: [{ id: 'standard', title: 'Standard' }] }] } } }],
    ['CTA URL with text header', { messageType: 'interactiveCtaUrl', headerType: 'text', headerText: 'Parcel', bodyText: 'Track it', ctaDisplayText: 'Track', ctaUrl: 'https://example.com/t/1' },
      { type: 'interactive', interactive: { type: 'cta_url', header: { type: 'text', text: 'Parcel' }, body: { text: 'Track it' }, action: { displayText: 'Track', url: 'https://example.com/t/1' } } }],
    ['location request', { messageType: 'interactiveLocationRequest', bodyText: 'Where are you?' }, { type: 'interactive', interactive: { type: 'location_request', body: { text: 'Where are you?' } } }],
    ['reaction', { messageType: 'reaction', reactionMessageId: 'wamid.X', emoji: '👍' }, { type: 'reaction', reaction: { messageId: 'wamid.X', emoji: '👍' } }],
    ['reaction removal', { messageType: 'reaction', reactionMessageId: 'wamid.X', emoji: '' }, { type: 'reaction', reaction: { messageId: 'wamid.X' } }],
  ];
  test.each(cases)('%s', async (_name, parameters, expected) => {
    const input = await send(parameters);
    expect(input).toEqual({ to: '+1 650 555 1234', phoneNumberId: '100000000000001', ...expected });
    accepted('message.send', input);
  });

  test('reply-to and callback data go into the envelope', async () => {
    const input = await send({ messageType: 'text', textBody: 'Hi', additionalFields: { replyTo: 'wamid.PREV', bizOpaqueCallbackData: 'order-42' } });
    expect(input).toMatchObject({ replyTo: 'wamid.PREV', bizOpaqueCallbackData: 'order-42' });
    accepted('message.send', input);
  });

  test('binary media is uploaded first (with the sender number) and sent by id; a document keeps the file name', async () => {
    uploads.length = 0;
    const input = await send({ messageType: 'document', mediaSource: 'binary', binaryPropertyName: 'file' });
    expect(uploads).toEqual([{ property: 'file', phoneNumberId: '100000000000001' }]);
    expect(input).toMatchObject({ type: 'document', document: { id: 'uploaded-1', filename: 'report.pdf' } });
  });

  test('an unknown message type is left for core to reject, naming the field', async () => {
    const input = await send({ messageType: 'carousel' });
    expect(() => parseInput(operations['message.send'].input, input)).toThrow(/type/);
  });

  test('list rows without sections form one untitled section', () => {
    expect(listSections([{ id: 'a', title: 'A' }, { id: 'b', title: 'B' }])).toEqual([{ rows: [{ id: 'a', title: 'A' }, { id: 'b', title: 'B' }] }]);
  });
});

describe('message.sendTemplate mapping', () => {
  test('positional body parameters (text, currency, date), media header by id, button parameters', async () => {
    const input = await mapped('message', 'sendTemplate', {
      phoneNumberId: '100000000000001',
      to: '15551234567',
      template: 'order_update|en_US',
      bodyParameters: { parameter: [{ type: 'text', text: 'Ana' }, { type: 'currency', text: '$10.99', code: 'USD', amount1000: 10990 }, { type: 'date_time', text: 'May 1' }] },
      templateHeaderType: 'image',
      templateHeaderSource: 'id',
      templateHeaderMedia: '777',
      templateButtons: { button: [{ index: 0, subType: 'url', value: 'track/42' }, { index: 1, subType: 'quick_reply', value: 'STOP' }, { index: 2, subType: 'copy_code', value: 'SAVE10' }] },
    });
    expect(input).toEqual({
      to: '15551234567',
      phoneNumberId: '100000000000001',
      type: 'template',
      template: {
        name: 'order_update',
        language: 'en_US',
        header: { type: 'image', image: { id: '777' } },
        body: [
          { type: 'text', text: 'Ana' },
          { type: 'currency', fallbackValue: '$10.99', code: 'USD', amount1000: 10990 },
          { type: 'date_time', fallbackValue: 'May 1' },
        ],
        buttons: [
          { type: 'url', index: 0, text: 'track/42' },
          { type: 'quick_reply', index: 1, payload: 'STOP' },
          { type: 'copy_code', index: 2, code: 'SAVE10' },
        ],
      },
    });
    accepted('message.send', input);
  });

  test('named body parameters, document header by link, text and location headers', async () => {
    const base = { to: '15551234567', template: 'welcome|pt_BR', namedBodyParameters: { parameter: [{ name: 'first_name', text: 'Ana' }, { name: 'order', type: 'text', text: 42 }] } };
    const doc = await mapped('message', 'sendTemplate', { ...base, templateHeaderType: 'document', templateHeaderSource: 'link', templateHeaderMedia: 'https://example.com/a.pdf', templateHeaderFilename: 'a.pdf' });
    expect(doc).toMatchObject({ template: { name: 'welcome', language: 'pt_BR', header: { type: 'document', document: { link: 'https://example.com/a.pdf', filename: 'a.pdf' } }, body: [{ type: 'text', text: 'Ana', name: 'first_name' }, { type: 'text', text: '42', name: 'order' }] } });
    accepted('message.send', doc);
    const text = await mapped('message', 'sendTemplate', { ...base, templateHeaderType: 'text', templateHeaderText: 'Hello', templateHeaderName: 'greeting' });
    expect(text).toMatchObject({ template: { header: { type: 'text', text: 'Hello', name: 'greeting' } } });
    const location = await mapped('message', 'sendTemplate', { ...base, templateHeaderType: 'location', templateHeaderLatitude: 1.5, templateHeaderLongitude: 2.5, templateHeaderLocationName: 'HQ' });
    expect(location).toMatchObject({ template: { header: { type: 'location', location: { latitude: 1.5, longitude: 2.5, name: 'HQ' } } } });
    accepted('message.send', location);
  });

  test('the picker value splits at the last "|"', () => {
    expect(parseTemplateChoice('hello_world|en_US')).toEqual({ name: 'hello_world', language: 'en_US' });
    expect(parseTemplateChoice('hello_world')).toEqual({ name: 'hello_world', language: '' });
  });
});

describe('other operations', () => {
  const cases: [string, string, IDataObject, unknown, OperationName][] = [
    ['message', 'markRead', { phoneNumberId: '100000000000001', messageId: ' wamid.IN ', typingIndicator: true }, { phoneNumberId: '100000000000001', messageId: 'wamid.IN', typingIndicator: true }, 'message.markRead'],
    ['template', 'getAll', { returnAll: true, filters: { status: 'APPROVED', name: 'order' } }, { status: 'APPROVED', name: 'order' }, 'template.list'],
    ['template', 'getAll', { returnAll: false, limit: 3 }, { limit: 3 }, 'template.list'],
    ['template', 'get', { getBy: 'name', templateName: 'hello_world', templateLanguage: 'en_US' }, { name: 'hello_world', language: 'en_US' }, 'template.get'],
    ['template', 'get', { getBy: 'id', templateId: '123456' }, { templateId: '123456' }, 'template.get'],
    ['template', 'create', { templateName: 'order_update', templateLanguage: 'en_US', category: 'UTILITY', componentsMode: 'fields', componentHeader: 'Order {{1}}', componentBody: 'Hi {{1}}, order {{2}} shipped.', componentExamples: '42, Ana, 42', componentFooter: 'Shop' },
      { name: 'order_update', language: 'en_US', category: 'UTILITY', components: [
        { type: 'HEADER', format: 'TEXT', text: 'Order {{1}}', example: { header_text: ['42'] } },
        { type: 'BODY', text: 'Hi {{1}}, order {{2}} shipped.', example: { body_text: [['Ana', '42']] } },
        { type: 'FOOTER', text: 'Shop' }] }, 'template.create'],
    ['template', 'create', { templateName: 'welcome', templateLanguage: 'en_US', category: 'MARKETING', componentsMode: 'fields', componentBody: 'Hi {{first_name}}!', componentExamples: 'Ana', allowCategoryChange: true },
      { name: 'welcome', language: 'en_US', category: 'MARKETING', allowCategoryChange: true, components: [{ type: 'BODY', text: 'Hi {{first_name}}!', example: { body_text_named_params: [{ param_name: 'first_name', example: 'Ana' }] } }] }, 'template.create'],
    ['template', 'create', { templateName: 'raw', templateLanguage: 'en_US', category: 'UTILITY', componentsMode: 'json', componentsJson: '[{"type":"BODY","text":"Hello"}]' },
      { name: 'raw', language: 'en_US', category: 'UTILITY', components: [{ type: 'BODY', text: 'Hello' }] }, 'template.create'],
    ['template', 'delete', { templateName: 'old', templateId: '' }, { name: 'old' }, 'template.delete'],
    ['template', 'delete', { templateName: 'old', templateId: '99' }, { name: 'old', templateId: '99' }, 'template.delete'],
    ['media', 'getUrl', { mediaId: ' 123 ' }, { mediaId: '123' }, 'media.getUrl'],
    ['media', 'download', { mediaId: '123' }, { mediaId: '123' }, 'media.download'],
    ['media', 'delete', { mediaId: '123' }, { mediaId: '123' }, 'media.delete'],
    ['phoneNumber', 'getAll', {}, {}, 'phoneNumber.list'],
    ['phoneNumber', 'get', { phoneNumberId: '100000000000001' }, { phoneNumberId: '100000000000001' }, 'phoneNumber.get'],
    ['businessProfile', 'get', { phoneNumberId: '100000000000001' }, { phoneNumberId: '100000000000001' }, 'businessProfile.get'],
    ['businessProfile', 'update', { phoneNumberId: '100000000000001', updateFields: { about: 'Open 9-5', websites: 'https://a.example, https://b.example', vertical: 'RETAIL', email: '' } },
      { phoneNumberId: '100000000000001', about: 'Open 9-5', websites: ['https://a.example', 'https://b.example'], vertical: 'RETAIL' }, 'businessProfile.update'],
  ];
  test.each(cases)('%s.%s %#', async (resource, operation, parameters, expected, catalogue) => {
    expect(ACTIONS[resource][operation].operation).toBe(catalogue);
    const input = await mapped(resource, operation, parameters);
    expect(input).toEqual(expected);
    accepted(catalogue, input);
  });

  test('media.upload reads the binary field (overrides for name and MIME type)', async () => {
    const input = await mapped('media', 'upload', { phoneNumberId: '100000000000001', binaryPropertyName: 'photo', uploadOptions: { fileName: 'x.jpg' } });
    expect(input).toEqual({ phoneNumberId: '100000000000001', data: new Uint8Array([0xff, 0xd8, 0xff, 0xd9]), mimeType: 'image/jpeg', filename: 'x.jpg' });
    accepted('media.upload', input);
  });

  test('every resource/operation of the node is bound to a distinct catalogue operation (send and sendTemplate share message.send)', () => {
    const bound = Object.values(ACTIONS).flatMap((ops) => Object.values(ops).map((action) => action.operation));
    expect(new Set(bound)).toEqual(new Set(Object.keys(operations)));
  });
});

describe('provider operations (Maton connections, On-Premises account and contacts)', () => {
  const cases: [string, string, IDataObject, unknown, OperationName][] = [
    ['connection', 'getAll', { app: 'whatsapp-business', filters: { status: 'ACTIVE' } }, { app: 'whatsapp-business', status: 'ACTIVE' }, 'connection.list'],
    ['connection', 'getAll', { app: '', filters: {} }, {}, 'connection.list'],
    ['connection', 'create', { app: 'whatsapp-business' }, { app: 'whatsapp-business' }, 'connection.create'],
    ['connection', 'get', { connectionId: ' 5a4d1b0e-0000-4000-8000-000000000001 ' }, { connectionId: '5a4d1b0e-0000-4000-8000-000000000001' }, 'connection.get'],
    ['connection', 'delete', { connectionId: 'abc-1' }, { connectionId: 'abc-1' }, 'connection.delete'],
    ['account', 'getHealth', {}, {}, 'account.getHealth'],
    ['account', 'getSettings', {}, {}, 'account.getSettings'],
    ['account', 'requestCode', { countryCode: '+1', phoneNumber: '6315551234', method: 'voice', cert: 'Q2VydA==\n', pin: '' },
      { countryCode: '1', phoneNumber: '6315551234', method: 'voice', cert: 'Q2VydA==' }, 'account.requestCode'],
    ['account', 'requestCode', { countryCode: '44', phoneNumber: '7700900123', method: 'sms', cert: 'Q2VydA==', pin: '123456' },
      { countryCode: '44', phoneNumber: '7700900123', method: 'sms', cert: 'Q2VydA==', pin: '123456' }, 'account.requestCode'],
    ['account', 'verifyCode', { code: '123-456' }, { code: '123456' }, 'account.verifyCode'],
    ['account', 'updateSettings', { updateFields: { webhookUrl: 'https://n8n.example.com/webhook/x/webhook', statusSent: false, statusRead: true, maxConcurrentWebhookRequests: 12, autoDownload: ['image', 'audio'], callbackBackoffDelayMs: 3000 } },
      { webhookUrl: 'https://n8n.example.com/webhook/x/webhook', webhookStatuses: { sent: false, read: true }, maxConcurrentWebhookRequests: 12, autoDownload: ['image', 'audio'], callbackBackoffDelayMs: 3000 }, 'account.updateSettings'],
    ['contact', 'check', { contacts: '+1 (516) 283-7151, 6315551003\n+44 7700 900123', blocking: 'no_wait' },
      { contacts: ['+1 (516) 283-7151', '6315551003', '+44 7700 900123'], blocking: 'no_wait' }, 'contact.check'],
  ];
  test.each(cases)('%s.%s %#', async (resource, operation, parameters, expected, catalogue) => {
    expect(ACTIONS[resource][operation].operation).toBe(catalogue);
    const input = await mapped(resource, operation, parameters);
    expect(input).toEqual(expected);
    accepted(catalogue, input);
  });

  test('an update that changes nothing is left for core to refuse', async () => {
    const input = await mapped('account', 'updateSettings', { updateFields: {} });
    expect(input).toEqual({});
    expect(() => parseInput(operations['account.updateSettings'].input, input)).toThrow(/at least one setting/);
  });

  test('a contact list from an expression (array) is taken as is', async () => {
    expect(await mapped('contact', 'check', { contacts: ['15550001', ' 15550002 '], blocking: 'wait' })).toEqual({ contacts: ['15550001', '15550002'], blocking: 'wait' });
  });
});

describe('concurrency helper', () => {
  test('clamps the option', () => {
    expect([toConcurrency(0), toConcurrency(3.7), toConcurrency(99), toConcurrency('x')]).toEqual([1, 3, 20, 5]);
  });
  test('keeps order, bounds the tasks in flight, and stops starting tasks after a failure', async () => {
    let running = 0;
    let most = 0;
    const started: number[] = [];
    const results = await mapConcurrent(10, 3, async (i) => {
      running += 1;
      most = Math.max(most, running);
      await new Promise((resolve) => setImmediate(resolve));
      running -= 1;
      return i * 2;
    });
    expect(results).toEqual([0, 2, 4, 6, 8, 10, 12, 14, 16, 18]);
    expect(most).toBe(3);
    await expect(
      mapConcurrent(10, 1, async (i) => {
        started.push(i);
        if (i === 2) throw new Error('boom');
        return i;
      }),
    ).rejects.toThrow('boom');
    expect(started).toEqual([0, 1, 2]);
  });
});
