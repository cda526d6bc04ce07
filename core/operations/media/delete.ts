import { mediaIdInput } from '../../schemas/operation-inputs';
import { deleteResult } from '../../schemas/operation-results';
import { defineOperation } from '../define';

export const deleteMedia = defineOperation({
  name: 'media.delete',
  resource: 'media',
  title: 'Delete media',
  description: 'Deletes uploaded media by id; messages already sent with it are not affected.',
  input: mediaIdInput,
  result: deleteResult,
  annotations: { readOnly: false, destructive: true, idempotent: true },
  requires: ['deleteMedia'],
  execute: (provider, input) => provider.deleteMedia(input),
});
