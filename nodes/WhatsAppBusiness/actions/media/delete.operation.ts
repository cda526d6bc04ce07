import { updateDisplayOptions } from 'n8n-workflow';
import { bind, toJson } from '../../helpers/binding';
import { mediaIdInput, mediaIdProperty } from './mediaId.description';

export const description = updateDisplayOptions({ show: { resource: ['media'], operation: ['delete'] } }, [mediaIdProperty]);

export const toInput = mediaIdInput;

export const action = bind({
  operation: 'media.delete',
  toInput,
  toOutput: (result) => [{ json: toJson(result) }],
});
