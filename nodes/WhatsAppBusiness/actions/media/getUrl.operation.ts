import { updateDisplayOptions } from 'n8n-workflow';
import { bind, toJson } from '../../helpers/binding';
import { mediaIdInput, mediaIdProperty } from './mediaId.description';

export const description = updateDisplayOptions({ show: { resource: ['media'], operation: ['getUrl'] } }, [mediaIdProperty]);

export const toInput = mediaIdInput;

export const action = bind({
  operation: 'media.getUrl',
  toInput,
  toOutput: (result) => [{ json: toJson(result) }],
});
