import { mediaIdInput } from '../../schemas/operation-inputs';
import { mediaDownloadResult } from '../../schemas/operation-results';
import { defineOperation } from '../define';

export const downloadMedia = defineOperation({
  name: 'media.download',
  resource: 'media',
  title: 'Download media',
  description:
    'Downloads the file behind a media id (for example an image a customer sent) and returns its bytes and MIME type, ' +
    "checked against the provider's SHA-256 when it gives one. Media ids from webhooks expire after 7 days.",
  input: mediaIdInput,
  result: mediaDownloadResult,
  annotations: { readOnly: true, destructive: false, idempotent: true },
  requires: ['downloadMedia'],
  execute: (provider, input) => provider.downloadMedia(input),
});
