import type { IDataObject, INodeProperties } from 'n8n-workflow';
import { str } from '../../helpers/params';
import type { ParamReader } from '../../helpers/params';

export const connectionIdProperty: INodeProperties = {
  displayName: 'Connection ID',
  name: 'connectionId',
  type: 'string',
  required: true,
  default: '',
  placeholder: 'e.g. 5a4d1b0e-0000-4000-8000-000000000001',
  description: 'The ID of a Maton connection (from Get Many or Create)',
};

export function connectionIdInput(get: ParamReader): IDataObject {
  return { connectionId: str(get, 'connectionId').trim() };
}
