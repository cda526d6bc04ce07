import { createHash } from 'node:crypto';
import { startSandbox, type RunningSandbox } from 'whatsapp-sandbox';
import { expectGraphError, SandboxClient, type GraphErrorBody } from './helpers/client';
import { JPEG_BYTES, PDF_BYTES } from '../fixtures/media-bytes';

interface MediaInfo {
  messaging_product: string;
  url: string;
  mime_type: string;
  sha256: string;
  file_size: number;
  id: string;
}

/** A multipart body written by hand, to control quoting and line endings exactly. */
function multipart(boundary: string, parts: { headers: string[]; content: Buffer }[]): Buffer {
  const chunks: Buffer[] = [Buffer.from('preamble to ignore\r\n')];
  for (const part of parts) {
    chunks.push(Buffer.from(`--${boundary}\r\n${part.headers.join('\r\n')}\r\n\r\n`), part.content, Buffer.from('\r\n'));
  }
  chunks.push(Buffer.from(`--${boundary}--\r\n`));
  return Buffer.concat(chunks);
}

const field = (name: string, value: string): { headers: string[]; content: Buffer } => ({
  headers: [`Content-Disposition: form-data; name="${name}"`],
  content: Buffer.from(value),
});
const file = (filename: string, contentType: string | null, content: Buffer): { headers: string[]; content: Buffer } => ({
  headers: [`Content-Disposition: form-data; name="file"; filename="${filename}"`, ...(contentType === null ? [] : [`Content-Type: ${contentType}`])],
  content,
});

describe('media upload, retrieval, download and deletion', () => {
  let sandbox: RunningSandbox;
  let client: SandboxClient;
  const mediaPath = (): string => `${sandbox.phoneNumberId}/media`;
  const uploadRaw = (boundaryHeader: string, body: Buffer) =>
    client.graph('POST', mediaPath(), undefined, { rawBody: body, headers: { 'Content-Type': `multipart/form-data; boundary=${boundaryHeader}` } });

  beforeAll(async () => {
    sandbox = await startSandbox({ port: 0 });
    client = new SandboxClient(sandbox);
  });
  afterAll(() => sandbox.close());

  it('uploads with FormData and answers a numeric id', async () => {
    const id = await client.upload(JPEG_BYTES, 'image/jpeg', 'photo.jpg');
    expect(id).toMatch(/^\d+$/);
  });

  it('keeps binary content and CRLF sequences inside the file intact, with a quoted boundary', async () => {
    const content = Buffer.concat([Buffer.from([0, 1, 2, 0xff, 0xfe]), Buffer.from('\r\n--not-the-boundary\r\n\r\n'), PDF_BYTES]);
    const boundary = 'weird boundary;with=chars';
    const body = multipart(boundary, [field('messaging_product', 'whatsapp'), field('type', 'application/pdf'), file('odd.pdf', 'application/pdf', content)]);
    const reply = await uploadRaw(`"${boundary}"`, body);
    expect(reply.status).toBe(200);
    const info = (await client.graph('GET', (reply.body as { id: string }).id)).body as MediaInfo;
    expect(info.file_size).toBe(content.length);
    expect(info.sha256).toBe(createHash('sha256').update(content).digest('hex'));
  });

  it('takes the MIME type from the type field, not the part Content-Type (quotes from curl are stripped)', async () => {
    const body = multipart('b1', [field('messaging_product', '"whatsapp"'), field('type', '"application/pdf"'), file('doc.bin', 'application/octet-stream', PDF_BYTES)]);
    const reply = await uploadRaw('b1', body);
    expect(reply.status).toBe(200);
    expect(((await client.graph('GET', (reply.body as { id: string }).id)).body as MediaInfo).mime_type).toBe('application/pdf');
  });

  it('answers GET /{media-id} with Meta\'s shape and a sandbox download URL', async () => {
    const id = await client.upload(JPEG_BYTES, 'image/jpeg', 'photo.jpg');
    const reply = await client.graph('GET', `${id}?phone_number_id=${sandbox.phoneNumberId}`);
    const info = reply.body as MediaInfo;
    expect(info).toEqual({
      messaging_product: 'whatsapp',
      url: expect.any(String),
      mime_type: 'image/jpeg',
      sha256: createHash('sha256').update(JPEG_BYTES).digest('hex'),
      file_size: JPEG_BYTES.length,
      id,
    });
    const url = new URL(info.url);
    expect(`${url.origin}${url.pathname}`).toBe(`${sandbox.url}/whatsapp_business/attachments/`);
    expect(url.searchParams.get('mid')).toBe(id);
    expect(Number(url.searchParams.get('ext'))).toBeGreaterThan(Date.now() / 1000 + 250);
    expect(url.searchParams.get('hash')).toMatch(/\S+/);
  });

  it('downloads the exact bytes with the bearer token, and refuses without it', async () => {
    const id = await client.upload(JPEG_BYTES, 'image/jpeg', 'photo.jpg');
    const { url } = (await client.graph('GET', id)).body as MediaInfo;
    const anonymous = await fetch(url);
    expect(anonymous.status).toBe(401);
    expect(((await anonymous.json()) as GraphErrorBody).error.code).toBe(190);
    const download = await fetch(url, { headers: { Authorization: `Bearer ${sandbox.token}` } });
    expect(download.status).toBe(200);
    expect(download.headers.get('content-type')).toBe('image/jpeg');
    const bytes = Buffer.from(await download.arrayBuffer());
    expect(bytes.equals(JPEG_BYTES)).toBe(true);
    expect(createHash('sha256').update(bytes).digest('hex')).toBe(((await client.graph('GET', id)).body as MediaInfo).sha256);
  });

  it('refuses a URL with a forged hash', async () => {
    const id = await client.upload(JPEG_BYTES, 'image/jpeg', 'photo.jpg');
    const url = new URL(((await client.graph('GET', id)).body as MediaInfo).url);
    url.searchParams.set('hash', 'forged');
    const reply = await fetch(url, { headers: { Authorization: `Bearer ${sandbox.token}` } });
    expect(reply.status).toBe(404);
  });

  it('checks phone_number_id ownership', async () => {
    const id = await client.upload(JPEG_BYTES, 'image/jpeg', 'photo.jpg');
    expectGraphError(await client.graph('GET', `${id}?phone_number_id=999`), 100, `phone_number_id: media '${id}' does not belong to phone number '999'`);
  });

  it('deletes media; afterwards GET is the unknown-object error and old URLs stop working', async () => {
    const id = await client.upload(JPEG_BYTES, 'image/jpeg', 'photo.jpg');
    const { url } = (await client.graph('GET', id)).body as MediaInfo;
    expect((await client.graph('DELETE', id)).body).toEqual({ success: true });
    const gone = await client.graph('GET', id);
    expect((gone.body as GraphErrorBody).error).toMatchObject({ code: 100, error_subcode: 33, type: 'GraphMethodException' });
    expect((await fetch(url, { headers: { Authorization: `Bearer ${sandbox.token}` } })).status).toBe(404);
  });

  describe('rejections', () => {
    it('a missing type and a file part without a Content-Type: 131008 naming both ways to give it', async () => {
      const reply = await uploadRaw('b9', multipart('b9', [field('messaging_product', 'whatsapp'), file('a.jpg', null, JPEG_BYTES)]));
      expectGraphError(reply, 131008, /^type: the MIME type is missing: send a type field/);
    });

    it('an empty type with an application/octet-stream file part: 131008', async () => {
      const reply = await uploadRaw('b10', multipart('b10', [field('messaging_product', 'whatsapp'), field('type', ''), file('a.jpg', 'application/octet-stream', JPEG_BYTES)]));
      expectGraphError(reply, 131008, /^type: the MIME type is missing/);
    });

    it('a missing file: 131008', async () => {
      expectGraphError(await uploadRaw('b2', multipart('b2', [field('messaging_product', 'whatsapp')])), 131008, 'file: required parameter is missing');
    });

    it('a missing messaging_product: 131008', async () => {
      expectGraphError(await uploadRaw('b3', multipart('b3', [file('a.jpg', 'image/jpeg', JPEG_BYTES)])), 131008, 'messaging_product: required parameter is missing (a form field or a query parameter)');
    });

    it('an unsupported MIME type: 131053 naming the type', async () => {
      const reply = await uploadRaw('b4', multipart('b4', [field('messaging_product', 'whatsapp'), field('type', 'image/gif'), file('a.gif', 'image/gif', JPEG_BYTES)]));
      expectGraphError(reply, 131053, /^type: unsupported MIME type 'image\/gif'/);
    });

    it('audio/ogg with a codec other than opus: 131053', async () => {
      const reply = await uploadRaw('b5', multipart('b5', [field('messaging_product', 'whatsapp'), field('type', 'audio/ogg; codecs=vorbis'), file('a.ogg', 'audio/ogg', JPEG_BYTES)]));
      expectGraphError(reply, 131053, /unsupported MIME type 'audio\/ogg; codecs=vorbis'/);
    });

    it('a file too large for its kind: 131053 with size and limit', async () => {
      const big = Buffer.alloc(5 * 1024 * 1024 + 1, 1);
      const reply = await uploadRaw('b6', multipart('b6', [field('messaging_product', 'whatsapp'), field('type', 'image/png'), file('big.png', 'image/png', big)]));
      expectGraphError(reply, 131053, 'file: 5242881 bytes is larger than the 5242880-byte limit for image (image/png)');
    });

    it('a static sticker over 100 KB: 131053', async () => {
      const sticker = Buffer.alloc(100 * 1024 + 1, 0);
      const reply = await uploadRaw('b7', multipart('b7', [field('messaging_product', 'whatsapp'), field('type', 'image/webp'), file('s.webp', 'image/webp', sticker)]));
      expectGraphError(reply, 131053, /limit for sticker/);
    });

    it('a body that is not multipart: 100', async () => {
      const reply = await client.graph('POST', mediaPath(), { messaging_product: 'whatsapp' });
      expectGraphError(reply, 100, /must be multipart\/form-data/);
    });

    it('a truncated multipart body: 100', async () => {
      const body = multipart('b8', [field('messaging_product', 'whatsapp')]).subarray(0, 40);
      expectGraphError(await uploadRaw('b8', body), 100, /malformed multipart body/);
    });
  });
});
