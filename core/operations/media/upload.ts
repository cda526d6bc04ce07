import { mediaUploadInput } from '../../schemas/operation-inputs';
import { mediaUploadResult } from '../../schemas/operation-results';
import { defineOperation } from '../define';

export const uploadMedia = defineOperation({
  name: 'media.upload',
  resource: 'media',
  title: 'Upload media',
  description:
    'Uploads a file (image, video, audio, document or sticker) and returns a media id to send it by id. The MIME type ' +
    'and size are checked against WhatsApp limits first (image 5 MB, video and audio 16 MB, document 100 MB, sticker ' +
    '100 KB static / 500 KB animated). Uploaded media is kept for 30 days.',
  input: mediaUploadInput,
  result: mediaUploadResult,
  annotations: { readOnly: false, destructive: false, idempotent: false },
  requires: ['uploadMedia'],
  execute: (provider, input) => provider.uploadMedia(input),
});
