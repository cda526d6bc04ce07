import { updateDisplayOptions } from 'n8n-workflow';
import { bind, toJson } from '../../helpers/binding';
import { connectionIdInput, connectionIdProperty } from './connectionId.description';

export const description = updateDisplayOptions({ show: { resource: ['connection'], operation: ['get'] } }, [connectionIdProperty]);

export const toInput = connectionIdInput;

export const action = bind({
  operation: 'connection.get',
  toInput,
  toOutput: (result) => [{ json: toJson(result) }],
});
