import { MEDIA_RULES, STATIC_STICKER_MAX_BYTES } from 'whatsapp-business-core';
import type { MediaKind } from 'whatsapp-business-core';
import { accepted, expectIssues, issue } from './helpers';

const KB = 1024;
const MB = 1024 * KB;

const upload = (data: unknown, mimeType: string, filename = 'file.bin') => ({ data, mimeType, filename });

/** A RIFF/WEBP container of `size` bytes: simple `VP8 ` (static) or `VP8X` with the animation flag. */
function webp(size: number, animated: boolean): Uint8Array {
  const bytes = new Uint8Array(size);
  const ascii = (offset: number, text: string) => [...text].forEach((char, i) => (bytes[offset + i] = char.charCodeAt(0)));
  ascii(0, 'RIFF');
  new DataView(bytes.buffer).setUint32(4, size - 8, true);
  ascii(8, 'WEBP');
  if (animated) {
    ascii(12, 'VP8X');
    bytes[16] = 10; // chunk size
    bytes[20] = 0x02; // animation flag
  } else {
    ascii(12, 'VP8 ');
  }
  return bytes;
}

/** Every MIME type with the size limit that applies to it (stickers as static WebP here). */
const mimeLimits: [MediaKind, string, number][] = (Object.keys(MEDIA_RULES) as MediaKind[]).flatMap((kind) =>
  MEDIA_RULES[kind].mimeTypes.map((mime): [MediaKind, string, number] => [kind, mime, kind === 'sticker' ? STATIC_STICKER_MAX_BYTES : MEDIA_RULES[kind].maxBytes]),
);

describe('media.upload limits table', () => {
  it('matches the documented sizes', () => {
    expect(MEDIA_RULES.audio.maxBytes).toBe(16 * MB);
    expect(MEDIA_RULES.document.maxBytes).toBe(100 * MB);
    expect(MEDIA_RULES.image.maxBytes).toBe(5 * MB);
    expect(MEDIA_RULES.video.maxBytes).toBe(16 * MB);
    expect(MEDIA_RULES.sticker.maxBytes).toBe(500 * KB);
    expect(STATIC_STICKER_MAX_BYTES).toBe(100 * KB);
  });

  it('covers every documented MIME type', () => {
    expect(mimeLimits.map(([, mime]) => mime)).toEqual(
      expect.arrayContaining([
        'audio/aac',
        'audio/amr',
        'audio/mpeg',
        'audio/mp4',
        'audio/ogg',
        'text/plain',
        'application/pdf',
        'application/msword',
        'application/vnd.ms-excel',
        'application/vnd.ms-powerpoint',
        'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
        'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
        'application/vnd.openxmlformats-officedocument.presentationml.presentation',
        'image/jpeg',
        'image/png',
        'image/webp',
        'video/mp4',
        'video/3gp',
      ]),
    );
  });
});

describe('media.upload sizes', () => {
  it.each(mimeLimits)('%s %s: accepts exactly %i bytes', async (kind, mimeType, max) => {
    const data = kind === 'sticker' ? webp(max, false) : new Uint8Array(max);
    const received = await accepted('media.upload', upload(data, mimeType));
    expect(received.mimeType).toBe(mimeType);
    expect(received.filename).toBe('file.bin');
    expect(received.data.byteLength).toBe(max);
  });

  it.each(mimeLimits)('%s %s: rejects %i + 1 bytes', async (kind, mimeType, max) => {
    const data = kind === 'sticker' ? webp(max + 1, false) : new Uint8Array(max + 1);
    await expectIssues('media.upload', upload(data, mimeType), issue('data', `at most ${max} bytes for ${kind} (got ${max + 1})`));
  });

  it('accepts a 500 KB animated WebP sticker', async () => {
    const received = await accepted('media.upload', upload(webp(500 * KB, true), 'image/webp', 'sticker.webp'));
    expect(received.data.byteLength).toBe(500 * KB);
  });

  it('rejects an animated WebP sticker one byte over 500 KB', async () => {
    await expectIssues(
      'media.upload',
      upload(webp(500 * KB + 1, true), 'image/webp'),
      issue('data', `at most ${500 * KB} bytes for sticker (got ${500 * KB + 1})`),
    );
  });

  it('holds a WebP without the animation flag to the static limit', async () => {
    const data = webp(200 * KB, true);
    data[20] = 0x10; // VP8X with only the alpha flag
    await expectIssues('media.upload', upload(data, 'image/webp'), issue('data', `at most ${100 * KB} bytes for sticker (got ${200 * KB})`));
  });

  it('accepts a Buffer', async () => {
    const received = await accepted('media.upload', upload(Buffer.from('hello'), 'text/plain', 'hello.txt'));
    expect(Buffer.from(received.data).toString()).toBe('hello');
  });
});

describe('media.upload types and fields', () => {
  const ACCEPTED_LIST = mimeLimits.map(([, mime]) => mime).join(', ');

  it.each(['image/gif', 'video/quicktime', 'application/zip', 'audio/wav', 'image/svg+xml'])(
    'rejects the unsupported MIME type %s listing the accepted types',
    async (mimeType) => {
      await expectIssues(
        'media.upload',
        upload(new Uint8Array(10), mimeType),
        issue('mimeType', `"${mimeType}" is not a media type WhatsApp accepts (accepted: ${ACCEPTED_LIST})`),
      );
    },
  );

  it.each(['audio/ogg; codecs=opus', 'audio/ogg;codecs="opus"', 'AUDIO/OGG; CODECS=OPUS'])('accepts %j', async (mimeType) => {
    const received = await accepted('media.upload', upload(new Uint8Array(10), mimeType, 'voice.ogg'));
    expect(received.mimeType).toBe(mimeType);
  });

  it.each(['audio/ogg; codecs=vorbis', 'audio/ogg; codecs="opus,vorbis"', 'audio/ogg; codecs=flac'])('rejects %j', async (mimeType) => {
    await expectIssues('media.upload', upload(new Uint8Array(10), mimeType), issue('mimeType', 'audio/ogg is accepted only with the opus codec'));
  });

  it('accepts MIME types with parameters and in any case', async () => {
    expect((await accepted('media.upload', upload(new Uint8Array(1), 'Image/PNG'))).mimeType).toBe('Image/PNG');
    expect((await accepted('media.upload', upload(new Uint8Array(1), 'text/plain; charset=utf-8'))).mimeType).toBe('text/plain; charset=utf-8');
  });

  it('rejects empty data', async () => {
    await expectIssues('media.upload', upload(new Uint8Array(0), 'image/png'), issue('data', 'must not be empty'));
  });

  it.each([
    ['a string', 'aGVsbG8='],
    ['an array of numbers', [1, 2, 3]],
    ['an ArrayBuffer', new ArrayBuffer(4)],
    ['an object', { data: [1] }],
  ])('rejects %s as data', async (_label, data) => {
    await expectIssues('media.upload', upload(data, 'image/png'), issue('data', 'must be binary data (Uint8Array or Buffer)'));
  });

  it('requires data', async () => {
    await expectIssues('media.upload', { mimeType: 'image/png', filename: 'a.png' }, issue('data', 'must be binary data (Uint8Array or Buffer)'));
  });

  it('requires filename', async () => {
    await expectIssues('media.upload', { data: new Uint8Array(1), mimeType: 'image/png' }, issue('filename', 'required'));
  });

  it('rejects an empty filename', async () => {
    await expectIssues('media.upload', upload(new Uint8Array(1), 'image/png', ' '), issue('filename', 'must not be empty'));
  });

  it('requires mimeType', async () => {
    await expectIssues('media.upload', { data: new Uint8Array(1), filename: 'a.png' }, issue('mimeType', 'required'));
  });

  it('accepts a numeric phoneNumberId and rejects a non-numeric one', async () => {
    expect((await accepted('media.upload', { ...upload(new Uint8Array(1), 'image/png'), phoneNumberId: 106540352242922 })).phoneNumberId).toBe(
      '106540352242922',
    );
    await expectIssues('media.upload', { ...upload(new Uint8Array(1), 'image/png'), phoneNumberId: 'x' }, issue('phoneNumberId', 'must be a numeric id'));
  });
});
