import { LIMITS } from 'whatsapp-business-core';
import { chars, issue, sendAccepted, sendRejected } from './helpers';

describe('text messages', () => {
  it('has the documented body limit', () => {
    expect(LIMITS.text.body).toBe(4096);
  });

  it.each([1, 4096])('accepts a body of %i characters and passes it on unchanged', async (length) => {
    const sent = await sendAccepted({ type: 'text', text: { body: chars(length) } });
    expect(sent).toMatchObject({ type: 'text', text: { body: chars(length) } });
  });

  it('counts characters as code points (4096 emoji are 4096 characters)', async () => {
    const body = '😀'.repeat(4096);
    const sent = await sendAccepted({ type: 'text', text: { body } });
    expect(sent).toMatchObject({ text: { body } });
  });

  it('rejects 4097 characters naming the limit and the length', async () => {
    await sendRejected({ type: 'text', text: { body: chars(4097) } }, issue('text.body', 'at most 4096 characters (got 4097)'));
  });

  it.each([
    ['empty', ''],
    ['whitespace-only', ' \n\t  '],
  ])('rejects an %s body', async (_label, body) => {
    await sendRejected({ type: 'text', text: { body } }, issue('text.body', 'must not be empty'));
  });

  it('requires the body', async () => {
    await sendRejected({ type: 'text', text: {} }, issue('text.body', 'required'));
  });

  it('requires the text object', async () => {
    await sendRejected({ type: 'text' }, issue('text', 'required'));
  });

  it.each([true, false])('accepts previewUrl %p', async (previewUrl) => {
    const sent = await sendAccepted({ type: 'text', text: { body: 'https://example.com', previewUrl } });
    expect(sent).toMatchObject({ text: { previewUrl } });
  });

  it.each([
    ['yes', 'must be a boolean (got "yes")'],
    [1, 'must be a boolean (got 1)'],
  ])('rejects previewUrl %p', async (previewUrl, rule) => {
    await sendRejected({ type: 'text', text: { body: 'x', previewUrl } }, issue('text.previewUrl', rule));
  });

  it('rejects unknown fields inside text', async () => {
    await sendRejected({ type: 'text', text: { body: 'x', preview_url: true } }, issue('text.preview_url', 'unknown field'));
  });
});

describe('media messages', () => {
  const LINK = 'https://example.com/media/file';

  describe.each(['image', 'video', 'document'] as const)('%s caption', (type) => {
    it('accepts 1024 characters', async () => {
      const sent = await sendAccepted({ type, [type]: { link: LINK, caption: chars(1024) } });
      expect(sent).toMatchObject({ type, [type]: { link: LINK, caption: chars(1024) } });
    });

    it('rejects 1025 characters', async () => {
      await sendRejected(
        { type, [type]: { link: LINK, caption: chars(1025) } },
        issue(`${type}.caption`, 'at most 1024 characters (got 1025)'),
      );
    });

    it('rejects an empty caption', async () => {
      await sendRejected({ type, [type]: { link: LINK, caption: '  ' } }, issue(`${type}.caption`, 'must not be empty'));
    });
  });

  describe.each(['image', 'video', 'audio', 'document', 'sticker'] as const)('%s source', (type) => {
    it('accepts an uploaded media id', async () => {
      const sent = await sendAccepted({ type, [type]: { id: '1234567890' } });
      expect(sent).toMatchObject({ type, [type]: { id: '1234567890' } });
    });

    it.each(['https://example.com/a.bin', 'http://example.com/a.bin'])('accepts the link %s', async (link) => {
      const sent = await sendAccepted({ type, [type]: { link } });
      expect(sent).toMatchObject({ [type]: { link } });
    });

    it('rejects neither id nor link', async () => {
      await sendRejected({ type, [type]: {} }, issue(type, 'needs either "id" (uploaded media) or "link" (http(s) URL)'));
    });

    it('rejects both id and link', async () => {
      await sendRejected({ type, [type]: { id: '1234567890', link: LINK } }, issue(type, 'give either "id" or "link", not both'));
    });

    it.each(['ftp://example.com/a.bin', 'javascript:alert(1)', 'not-a-url', 'file:///etc/passwd', '//example.com/a.bin'])(
      'rejects the link %j',
      async (link) => {
        await sendRejected({ type, [type]: { link } }, issue(`${type}.link`, 'must be an http(s) URL'));
      },
    );

    it('rejects an empty id', async () => {
      await sendRejected({ type, [type]: { id: ' ' } }, issue(`${type}.id`, 'must not be empty'));
    });
  });

  it('accepts a document filename', async () => {
    const sent = await sendAccepted({ type: 'document', document: { link: LINK, filename: 'invoice.pdf' } });
    expect(sent).toMatchObject({ document: { filename: 'invoice.pdf' } });
  });

  it('rejects an empty document filename', async () => {
    await sendRejected({ type: 'document', document: { link: LINK, filename: '' } }, issue('document.filename', 'must not be empty'));
  });

  it.each(['image', 'video'] as const)('%s has no filename', async (type) => {
    await sendRejected({ type, [type]: { link: LINK, filename: 'a.bin' } }, issue(`${type}.filename`, 'unknown field'));
  });

  it.each([true, false])('accepts audio voice %p', async (voice) => {
    const sent = await sendAccepted({ type: 'audio', audio: { id: '1234567890', voice } });
    expect(sent).toMatchObject({ audio: { id: '1234567890', voice } });
  });

  it('rejects a non-boolean audio voice', async () => {
    await sendRejected({ type: 'audio', audio: { id: '1', voice: 'true' } }, issue('audio.voice', 'must be a boolean (got "true")'));
  });

  it('rejects a caption on audio as an unknown field', async () => {
    await sendRejected({ type: 'audio', audio: { id: '1', caption: 'hi' } }, issue('audio.caption', 'unknown field'));
  });

  it('rejects a caption on a sticker as an unknown field', async () => {
    await sendRejected({ type: 'sticker', sticker: { id: '1', caption: 'hi' } }, issue('sticker.caption', 'unknown field'));
  });

  it('rejects voice on non-audio media', async () => {
    await sendRejected({ type: 'video', video: { id: '1', voice: true } }, issue('video.voice', 'unknown field'));
  });

  it('requires the media object of the chosen type', async () => {
    await sendRejected({ type: 'image', video: { id: '1' } }, issue('image', 'required'), issue('video', 'unknown field'));
  });
});
