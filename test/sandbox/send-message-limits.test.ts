import { startSandbox, type RunningSandbox } from 'whatsapp-sandbox';
import { expectGraphError, SandboxClient } from './helpers/client';
import { OGG_BYTES } from '../fixtures/media-bytes';

const base = { messaging_product: 'whatsapp', to: '15551234567' };
const buttons = (count: number): Record<string, unknown>[] =>
  Array.from({ length: count }, (_, i) => ({ type: 'reply', reply: { id: `b${i}`, title: `Button ${i}` } }));
const buttonMessage = (action: Record<string, unknown>, extra: Record<string, unknown> = {}): Record<string, unknown> => ({
  ...base,
  type: 'interactive',
  interactive: { type: 'button', body: { text: 'Pick' }, action, ...extra },
});
const rows = (count: number, prefix = 'r'): Record<string, unknown>[] =>
  Array.from({ length: count }, (_, i) => ({ id: `${prefix}${i}`, title: `Row ${i}` }));
const listMessage = (action: Record<string, unknown>, extra: Record<string, unknown> = {}): Record<string, unknown> => ({
  ...base,
  type: 'interactive',
  interactive: { type: 'list', body: { text: 'Choose' }, action, ...extra },
});

type Case = [label: string, message: Record<string, unknown>, code: number, details: RegExp];

const cases: Case[] = [
  ['messaging_product missing', { to: '15551234567', text: { body: 'x' } }, 131008, /^messaging_product: required parameter is missing$/],
  ['messaging_product wrong', { ...base, messaging_product: 'sms', text: { body: 'x' } }, 100, /^messaging_product: unsupported value 'sms'/],
  ['to missing', { messaging_product: 'whatsapp', text: { body: 'x' } }, 131008, /^to: required parameter is missing$/],
  ['to not a phone number', { ...base, to: 'abc', text: { body: 'x' } }, 131009, /^to: must contain only digits/],
  ['to of the wrong JSON type', { ...base, to: 15551234567, text: { body: 'x' } }, 100, /^to: must be a string \(got number\)$/],
  ['unknown top-level parameter', { ...base, text: { body: 'x' }, priority: 'high' }, 100, /^priority: unknown parameter$/],
  ['unsupported type', { ...base, type: 'fax', fax: {} }, 100, /^type: unsupported value 'fax'/],
  ['content of another type', { ...base, type: 'text', text: { body: 'x' }, image: { link: 'https://e.x/a.jpg' } }, 100, /^image: not allowed in a message of type text$/],
  ['biz_opaque_callback_data too long', { ...base, text: { body: 'x' }, biz_opaque_callback_data: 'x'.repeat(513) }, 131009, /^biz_opaque_callback_data: must be at most 512 characters \(got 513\)$/],
  ['context without message_id', { ...base, text: { body: 'x' }, context: {} }, 131008, /^context\.message_id: required parameter is missing$/],
  ['text.body missing', { ...base, type: 'text', text: {} }, 131008, /^text\.body: required parameter is missing$/],
  ['text.body empty', { ...base, type: 'text', text: { body: '' } }, 131009, /^text\.body: must not be empty$/],
  ['text.body over 4096', { ...base, type: 'text', text: { body: 'a'.repeat(4097) } }, 131009, /^text\.body: must be at most 4096 characters \(got 4097\)$/],
  ['text.preview_url not boolean', { ...base, type: 'text', text: { body: 'x', preview_url: 'yes' } }, 100, /^text\.preview_url: must be a boolean \(got string\)$/],
  ['media with both id and link', { ...base, type: 'image', image: { id: '1', link: 'https://e.x/a.jpg' } }, 131009, /^image: use either id or link, not both$/],
  ['media with neither id nor link', { ...base, type: 'image', image: { caption: 'x' } }, 131008, /^image: id or link is required$/],
  ['media link not http(s)', { ...base, type: 'video', video: { link: 'ftp://e.x/a.mp4' } }, 131009, /^video\.link: must be an http or https URL/],
  ['media id never uploaded', { ...base, type: 'image', image: { id: '1234567890123456' } }, 131009, /^image\.id: no media with id '1234567890123456'/],
  ['caption over 1024', { ...base, type: 'image', image: { link: 'https://e.x/a.jpg', caption: 'c'.repeat(1025) } }, 131009, /^image\.caption: must be at most 1024 characters \(got 1025\)$/],
  ['caption on audio', { ...base, type: 'audio', audio: { link: 'https://e.x/a.mp3', caption: 'x' } }, 100, /^audio\.caption: unknown parameter$/],
  ['caption on sticker', { ...base, type: 'sticker', sticker: { link: 'https://e.x/a.webp', caption: 'x' } }, 100, /^sticker\.caption: unknown parameter$/],
  ['latitude out of range', { ...base, type: 'location', location: { latitude: 91, longitude: 0 } }, 131009, /^location\.latitude: must be between -90 and 90 \(got 91\)$/],
  ['longitude out of range', { ...base, type: 'location', location: { latitude: 0, longitude: '-180.5' } }, 131009, /^location\.longitude: must be between -180 and 180 \(got -180\.5\)$/],
  ['longitude missing', { ...base, type: 'location', location: { latitude: 0 } }, 131008, /^location\.longitude: required parameter is missing$/],
  ['latitude not numeric', { ...base, type: 'location', location: { latitude: 'north', longitude: 0 } }, 131009, /^location\.latitude: must be a number \(got 'north'\)$/],
  ['no contact cards', { ...base, type: 'contacts', contacts: [] }, 131009, /^contacts: at least 1 contact cards required \(got 0\)$/],
  ['six contact cards', { ...base, type: 'contacts', contacts: Array.from({ length: 6 }, () => ({ name: { formatted_name: 'A' } })) }, 131009, /^contacts: at most 5 contact cards \(got 6\)$/],
  ['contact without formatted_name', { ...base, type: 'contacts', contacts: [{ name: { first_name: 'A' } }] }, 131008, /^contacts\[0\]\.name\.formatted_name: required parameter is missing$/],
  ['contact birthday format', { ...base, type: 'contacts', contacts: [{ name: { formatted_name: 'A' }, birthday: '10/12/1815' }] }, 131009, /^contacts\[0\]\.birthday: must be a date in YYYY-MM-DD format/],
  ['reaction without message_id', { ...base, type: 'reaction', reaction: { emoji: '👍' } }, 131008, /^reaction\.message_id: required parameter is missing$/],
  ['reaction with two emoji', { ...base, type: 'reaction', reaction: { message_id: 'wamid.X', emoji: '👍👍' } }, 131009, /^reaction\.emoji: must be a single emoji/],
  ['reaction with text', { ...base, type: 'reaction', reaction: { message_id: 'wamid.X', emoji: 'ok' } }, 131009, /^reaction\.emoji: must be a single emoji/],
  ['interactive type unknown', { ...base, type: 'interactive', interactive: { type: 'fax_card', action: {} } }, 100, /^interactive\.type: unsupported value 'fax_card'/],
  ['button body missing', { ...base, type: 'interactive', interactive: { type: 'button', action: { buttons: buttons(1) } } }, 131008, /^interactive\.body: required parameter is missing$/],
  ['button body over 1024', buttonMessage({ buttons: buttons(1) }, { body: { text: 'b'.repeat(1025) } }), 131009, /^interactive\.body\.text: must be at most 1024 characters \(got 1025\)$/],
  ['four reply buttons', buttonMessage({ buttons: buttons(4) }), 131009, /^interactive\.action\.buttons: at most 3 buttons \(got 4\)$/],
  ['no reply buttons', buttonMessage({ buttons: [] }), 131009, /^interactive\.action\.buttons: at least 1 buttons required \(got 0\)$/],
  ['button title over 20', buttonMessage({ buttons: [{ type: 'reply', reply: { id: 'a', title: 't'.repeat(21) } }] }), 131009, /^interactive\.action\.buttons\[0\]\.reply\.title: must be at most 20 characters \(got 21\)$/],
  ['button id over 256', buttonMessage({ buttons: [{ type: 'reply', reply: { id: 'i'.repeat(257), title: 'A' } }] }), 131009, /^interactive\.action\.buttons\[0\]\.reply\.id: must be at most 256 characters/],
  ['duplicate button ids', buttonMessage({ buttons: [{ type: 'reply', reply: { id: 'a', title: 'A' } }, { type: 'reply', reply: { id: 'a', title: 'B' } }] }), 131009, /^interactive\.action\.buttons\[1\]\.reply\.id: duplicate button id 'a'/],
  ['duplicate button titles', buttonMessage({ buttons: [{ type: 'reply', reply: { id: 'a', title: 'Same' } }, { type: 'reply', reply: { id: 'b', title: 'Same' } }] }), 131009, /^interactive\.action\.buttons\[1\]\.reply\.title: duplicate button title 'Same'/],
  ['button type not reply', buttonMessage({ buttons: [{ type: 'url', reply: { id: 'a', title: 'A' } }] }), 100, /^interactive\.action\.buttons\[0\]\.type: unsupported value 'url'/],
  ['header text over 60', buttonMessage({ buttons: buttons(1) }, { header: { type: 'text', text: 'h'.repeat(61) } }), 131009, /^interactive\.header\.text: must be at most 60 characters \(got 61\)$/],
  ['footer over 60', buttonMessage({ buttons: buttons(1) }, { footer: { text: 'f'.repeat(61) } }), 131009, /^interactive\.footer\.text: must be at most 60 characters \(got 61\)$/],
  ['list header of type image', listMessage({ button: 'Open', sections: [{ rows: rows(1) }] }, { header: { type: 'image', image: { link: 'https://e.x/a.jpg' } } }), 100, /^interactive\.header\.type: header type 'image' is not allowed here/],
  ['list button over 20', listMessage({ button: 'b'.repeat(21), sections: [{ rows: rows(1) }] }), 131009, /^interactive\.action\.button: must be at most 20 characters \(got 21\)$/],
  ['eleven sections', listMessage({ button: 'Open', sections: Array.from({ length: 11 }, (_, i) => ({ title: `S${i}`, rows: rows(1, `s${i}-`) })) }), 131009, /^interactive\.action\.sections: at most 10 sections \(got 11\)$/],
  ['eleven rows in total', listMessage({ button: 'Open', sections: [{ title: 'A', rows: rows(6, 'a') }, { title: 'B', rows: rows(5, 'b') }] }), 131009, /^interactive\.action\.sections: at most 10 rows in total across all sections \(got 11\)$/],
  ['section title missing with two sections', listMessage({ button: 'Open', sections: [{ title: 'A', rows: rows(1, 'a') }, { rows: rows(1, 'b') }] }), 131008, /^interactive\.action\.sections\[1\]\.title: required when the list has more than one section$/],
  ['section title over 24', listMessage({ button: 'Open', sections: [{ title: 's'.repeat(25), rows: rows(1) }] }), 131009, /^interactive\.action\.sections\[0\]\.title: must be at most 24 characters/],
  ['row title over 24', listMessage({ button: 'Open', sections: [{ rows: [{ id: 'a', title: 't'.repeat(25) }] }] }), 131009, /^interactive\.action\.sections\[0\]\.rows\[0\]\.title: must be at most 24 characters/],
  ['row id over 200', listMessage({ button: 'Open', sections: [{ rows: [{ id: 'i'.repeat(201), title: 'A' }] }] }), 131009, /^interactive\.action\.sections\[0\]\.rows\[0\]\.id: must be at most 200 characters/],
  ['row description over 72', listMessage({ button: 'Open', sections: [{ rows: [{ id: 'a', title: 'A', description: 'd'.repeat(73) }] }] }), 131009, /^interactive\.action\.sections\[0\]\.rows\[0\]\.description: must be at most 72 characters/],
  ['row ids repeated across sections', listMessage({ button: 'Open', sections: [{ title: 'A', rows: [{ id: 'x', title: 'A' }] }, { title: 'B', rows: [{ id: 'x', title: 'B' }] }] }), 131009, /^interactive\.action\.sections\[1\]\.rows\[0\]\.id: duplicate row id 'x'/],
  ['cta_url display_text over 20', { ...base, type: 'interactive', interactive: { type: 'cta_url', body: { text: 'Go' }, action: { name: 'cta_url', parameters: { display_text: 'd'.repeat(21), url: 'https://e.x' } } } }, 131009, /^interactive\.action\.parameters\.display_text: must be at most 20 characters/],
  ['cta_url url not http(s)', { ...base, type: 'interactive', interactive: { type: 'cta_url', body: { text: 'Go' }, action: { name: 'cta_url', parameters: { display_text: 'Go', url: 'mailto:a@b.c' } } } }, 131009, /^interactive\.action\.parameters\.url: must be an http or https URL/],
  ['location request with wrong action', { ...base, type: 'interactive', interactive: { type: 'location_request_message', body: { text: 'Where?' }, action: { name: 'share' } } }, 100, /^interactive\.action\.name: unsupported value 'share'/],
];

describe('message limits are enforced with the right code and a details string naming the field', () => {
  let sandbox: RunningSandbox;
  let client: SandboxClient;

  beforeAll(async () => {
    sandbox = await startSandbox({ port: 0, window: false, pairRate: 0, mps: 0 });
    client = new SandboxClient(sandbox);
  });
  afterAll(() => sandbox.close());

  it.each(cases)('%s', async (_label, message, code, details) => {
    expectGraphError(await client.send(message), code, details);
  });

  it('rejects a media id whose MIME belongs to another kind', async () => {
    const audioId = await client.upload(OGG_BYTES, 'audio/ogg', 'a.ogg');
    const reply = await client.send({ ...base, type: 'image', image: { id: audioId } });
    expectGraphError(reply, 131009, `image.id: media '${audioId}' is audio/ogg, which is not a valid image`);
  });

  it('rejects a deleted media id', async () => {
    const audioId = await client.upload(OGG_BYTES, 'audio/ogg', 'a.ogg');
    expect((await client.graph('DELETE', audioId)).status).toBe(200);
    expectGraphError(await client.send({ ...base, type: 'audio', audio: { id: audioId } }), 131009, /^audio\.id: no media with id/);
  });

  it('counts characters, not UTF-16 units (an emoji is one character)', async () => {
    const reply = await client.send({ ...base, type: 'text', text: { body: '😀'.repeat(4096) } });
    expect(reply.status).toBe(200);
  });

  it('accepts exactly 10 rows across sections and 3 buttons', async () => {
    expect((await client.send(listMessage({ button: 'Open', sections: [{ title: 'A', rows: rows(5, 'a') }, { title: 'B', rows: rows(5, 'b') }] }))).status).toBe(200);
    expect((await client.send(buttonMessage({ buttons: buttons(3) }))).status).toBe(200);
  });
});
