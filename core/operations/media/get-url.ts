import { mediaIdInput } from '../../schemas/operation-inputs';
import { mediaInfo } from '../../schemas/operation-results';
import { defineOperation } from '../define';

export const getMediaUrl = defineOperation({
  name: 'media.getUrl',
  resource: 'media',
  title: 'Get media URL',
  description:
    'Returns the download URL, MIME type, size and SHA-256 of a media id. The URL expires after 5 minutes and only ' +
    'works with the access token; use media.download to get the file itself.',
  input: mediaIdInput,
  result: mediaInfo,
  annotations: { readOnly: true, destructive: false, idempotent: true },
  requires: ['getMediaInfo'],
  execute: (provider, input) => provider.getMediaInfo(input),
});
