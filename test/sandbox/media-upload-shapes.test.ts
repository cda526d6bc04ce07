import { startSandbox, type RunningSandbox } from 'whatsapp-sandbox';
import { expectGraphError, SandboxClient } from './helpers/client';
import { JPEG_BYTES, PDF_BYTES } from '../fixtures/media-bytes';

/**
 * Meta documents the upload twice: the media guide sends file, type and messaging_product; the
 * OpenAPI description sends the file part (with its own Content-Type) and messaging_product only,
 * and some SDKs put messaging_product in the query string. Every documented shape is accepted.
 */
describe('media upload: every shape Meta documents', () => {
  let sandbox: RunningSandbox;
  let client: SandboxClient;

  beforeAll(async () => {
    sandbox = await startSandbox({ port: 0 });
    client = new SandboxClient(sandbox);
  });
  afterAll(() => sandbox.close());

  const upload = (form: FormData, query = '') => client.graph('POST', `${sandbox.phoneNumberId}/media${query}`, undefined, { rawBody: form });
  const mimeOf = async (id: string): Promise<string> => ((await client.graph('GET', id)).body as { mime_type: string }).mime_type;

  it("OpenAPI shape: a file part with its Content-Type and messaging_product, no type field", async () => {
    const form = new FormData();
    form.append('messaging_product', 'whatsapp');
    form.append('file', new Blob([JPEG_BYTES], { type: 'image/jpeg' }), 'photo.jpg');
    const reply = await upload(form);
    expect(reply.status).toBe(200);
    expect(await mimeOf((reply.body as { id: string }).id)).toBe('image/jpeg');
  });

  it('messaging_product in the query string instead of the form', async () => {
    const form = new FormData();
    form.append('file', new Blob([PDF_BYTES], { type: 'application/pdf' }), 'menu.pdf');
    const reply = await upload(form, '?messaging_product=whatsapp');
    expect(reply.status).toBe(200);
    expect(await mimeOf((reply.body as { id: string }).id)).toBe('application/pdf');
  });

  it('the type field decides when it and the file part disagree', async () => {
    const form = new FormData();
    form.append('messaging_product', 'whatsapp');
    form.append('type', 'image/png');
    form.append('file', new Blob([JPEG_BYTES], { type: 'image/jpeg' }), 'photo.jpg');
    const reply = await upload(form);
    expect(await mimeOf((reply.body as { id: string }).id)).toBe('image/png');
  });

  it('a wrong messaging_product in the query is refused even when the form says whatsapp', async () => {
    const form = new FormData();
    form.append('messaging_product', 'whatsapp');
    form.append('file', new Blob([JPEG_BYTES], { type: 'image/jpeg' }), 'photo.jpg');
    expectGraphError(await upload(form, '?messaging_product=instagram'), 100, "messaging_product: unsupported value 'instagram' (expected one of: whatsapp)");
  });
});
