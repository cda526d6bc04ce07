import { createHash } from 'node:crypto';
import { operations } from 'whatsapp-business-core';
import { PDF_BYTES } from '../fixtures/media-bytes';
import { customerWrites, sandboxWithProvider } from './helpers/sandbox-provider';
import type { SandboxWithProvider } from './helpers/sandbox-provider';

let env: SandboxWithProvider;
beforeAll(async () => {
  env = await sandboxWithProvider();
});
afterAll(() => env.close());

describe('media through the Cloud provider', () => {
  it('uploads, describes, downloads (checksum verified) and deletes a file', async () => {
    const { mediaId } = await operations['media.upload'].run(env.provider, { data: PDF_BYTES, mimeType: 'application/pdf', filename: 'invoice.pdf' });
    const info = await operations['media.getUrl'].run(env.provider, { mediaId });
    expect(info).toMatchObject({
      mediaId,
      mimeType: 'application/pdf',
      fileSize: PDF_BYTES.length,
      sha256: createHash('sha256').update(PDF_BYTES).digest('hex'),
    });
    expect(info.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\//);

    const file = await operations['media.download'].run(env.provider, { mediaId });
    expect(Buffer.from(file.data).equals(PDF_BYTES)).toBe(true);
    expect(file).toMatchObject({ mimeType: 'application/pdf', fileSize: PDF_BYTES.length, sha256Verified: true });

    await expect(operations['media.delete'].run(env.provider, { mediaId })).resolves.toEqual({ deleted: true });
    await expect(operations['media.getUrl'].run(env.provider, { mediaId })).rejects.toMatchObject({ kind: 'api', metaCode: 100, metaSubcode: 33 });
  });

  it('downloads the photo a customer sent, as the file itself', async () => {
    const photo = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==', 'base64');
    const { mediaId } = await customerWrites(env.sandbox, { from: '491701234567', type: 'image', image: { data: photo.toString('base64'), mimeType: 'image/png', caption: 'broken part' } });
    const file = await operations['media.download'].run(env.provider, { mediaId: mediaId ?? '' });
    expect(Buffer.from(file.data).equals(photo)).toBe(true);
    expect(file.mimeType).toBe('image/png');
  });

  it('refuses an oversize upload before sending anything', async () => {
    await expect(
      operations['media.upload'].run(env.provider, { data: new Uint8Array(5 * 1024 * 1024 + 1), mimeType: 'image/jpeg', filename: 'big.jpg' }),
    ).rejects.toMatchObject({ kind: 'validation', message: 'data: at most 5242880 bytes for image (got 5242881)' });
  });
});
