import { WhatsAppValidationError, operations, parseInput } from 'whatsapp-business-core';
import { accepted, chars, issue, recordingProvider, rejected, sendAccepted, sendRejected, TO } from './helpers';

const text = { type: 'text', text: { body: 'Hello' } };
const TYPES = '"text", "image", "video", "audio", "document", "sticker", "location", "contacts", "reaction", "interactive", "template"';

describe('message envelope', () => {
  it('passes the envelope fields on', async () => {
    const sent = await sendAccepted({
      ...text,
      phoneNumberId: '106540352242922',
      replyTo: 'wamid.HBgLMTY1MDM4Nzk0MzkVAgARGBJDQjZCMzlEQUE4OTJBMTE4RTUA',
      bizOpaqueCallbackData: 'order-42',
    });
    expect(sent).toEqual({
      to: TO,
      type: 'text',
      text: { body: 'Hello' },
      phoneNumberId: '106540352242922',
      replyTo: 'wamid.HBgLMTY1MDM4Nzk0MzkVAgARGBJDQjZCMzlEQUE4OTJBMTE4RTUA',
      bizOpaqueCallbackData: 'order-42',
    });
  });

  it('rejects an empty replyTo', async () => {
    await sendRejected({ ...text, replyTo: ' ' }, issue('replyTo', 'must not be empty'));
  });

  it('rejects a non-string replyTo', async () => {
    await sendRejected({ ...text, replyTo: 42 }, issue('replyTo', 'must be a string (got 42)'));
  });

  it.each([0, 1, 512])('accepts bizOpaqueCallbackData of %i characters', async (length) => {
    const sent = await sendAccepted({ ...text, bizOpaqueCallbackData: chars(length) });
    expect(sent.bizOpaqueCallbackData).toBe(chars(length));
  });

  it('rejects bizOpaqueCallbackData of 513 characters', async () => {
    await sendRejected({ ...text, bizOpaqueCallbackData: chars(513) }, issue('bizOpaqueCallbackData', 'at most 512 characters (got 513)'));
  });

  it.each([
    ['106540352242922', '106540352242922'],
    [106540352242922, '106540352242922'],
    [' 106540352242922 ', '106540352242922'],
  ])('accepts phoneNumberId %p as the id string %p', async (phoneNumberId, id) => {
    const sent = await sendAccepted({ ...text, phoneNumberId });
    expect(sent.phoneNumberId).toBe(id);
  });

  it.each(['abc', '1065-4035', '', 'me'])('rejects the non-numeric phoneNumberId %j', async (phoneNumberId) => {
    await sendRejected({ ...text, phoneNumberId }, issue('phoneNumberId', 'must be a numeric id'));
  });

  it('rejects an unknown top-level field with its path', async () => {
    await sendRejected({ ...text, recipient_type: 'individual' }, issue('recipient_type', 'unknown field'));
  });

  it('reports every unknown field on its own', async () => {
    const issues = await sendRejected({ ...text, foo: 1, bar: 2 }, issue('foo', 'unknown field'), issue('bar', 'unknown field'));
    expect(issues).toHaveLength(2);
  });

  it('rejects a message object of another type as unknown', async () => {
    await sendRejected({ ...text, image: { id: '1' } }, issue('image', 'unknown field'));
  });

  it('rejects an unknown type naming the allowed types and the bad value', async () => {
    await sendRejected({ type: 'carousel', carousel: {} }, issue('type', `must be one of ${TYPES} (got "carousel")`));
  });

  it('rejects a missing type naming the allowed types', async () => {
    await sendRejected({ text: { body: 'Hi' } }, issue('type', `required, one of ${TYPES}`));
  });

  it('rejects a non-object input', async () => {
    const error = await rejected('message.send', 'hello');
    expect(error.issues).toEqual([{ path: '', rule: 'must be an object (got "hello")' }]);
    expect(error.message).toBe('input: must be an object (got "hello")');
  });

  it('joins several issues into the message as `path: rule; path: rule`', async () => {
    const error = await rejected('message.send', { to: '123', ...text, replyTo: '' });
    expect(error.issues).toEqual(
      expect.arrayContaining([
        { path: 'to', rule: 'must have 7-15 digits including the country code (got 3)' },
        { path: 'replyTo', rule: 'must not be empty' },
      ]),
    );
    expect(error.message).toBe(error.issues.map((one) => `${one.path}: ${one.rule}`).join('; '));
    expect(error.name).toBe('WhatsAppValidationError');
  });

  it('validates before calling the provider (no call, validation error kind)', async () => {
    const provider = recordingProvider();
    await expect(operations['message.send'].run(provider, { to: TO, type: 'text', text: { body: '' } })).rejects.toBeInstanceOf(
      WhatsAppValidationError,
    );
    expect(provider.calls).toHaveLength(0);
  });

  it('parseInput throws the same error as run', () => {
    expect(() => parseInput(operations['message.send'].input, { to: TO, type: 'text', text: { body: '' } })).toThrow(
      'text.body: must not be empty',
    );
  });
});

describe('message.markRead', () => {
  it('accepts messageId with optional typingIndicator and phoneNumberId', async () => {
    const input = { messageId: 'wamid.HBgL', typingIndicator: true, phoneNumberId: 106540352242922 };
    const received = await accepted('message.markRead', input);
    expect(received).toEqual({ messageId: 'wamid.HBgL', typingIndicator: true, phoneNumberId: '106540352242922' });
  });

  it('accepts messageId alone', async () => {
    expect(await accepted('message.markRead', { messageId: 'wamid.X' })).toEqual({ messageId: 'wamid.X' });
  });

  it('requires messageId', async () => {
    const error = await rejected('message.markRead', { typingIndicator: true });
    expect(error.issues).toContainEqual({ path: 'messageId', rule: 'required' });
  });

  it('rejects an empty messageId', async () => {
    const error = await rejected('message.markRead', { messageId: '' });
    expect(error.issues).toContainEqual({ path: 'messageId', rule: 'must not be empty' });
  });

  it.each([
    ['yes', 'must be a boolean (got "yes")'],
    [1, 'must be a boolean (got 1)'],
  ])('rejects typingIndicator %p', async (typingIndicator, rule) => {
    const error = await rejected('message.markRead', { messageId: 'wamid.X', typingIndicator });
    expect(error.issues).toContainEqual({ path: 'typingIndicator', rule });
  });

  it('rejects unknown fields', async () => {
    const error = await rejected('message.markRead', { messageId: 'wamid.X', status: 'read' });
    expect(error.issues).toContainEqual({ path: 'status', rule: 'unknown field' });
  });
});
