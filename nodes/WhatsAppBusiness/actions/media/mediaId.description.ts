import type { IDataObject, INodeProperties } from 'n8n-workflow';
import { str } from '../../helpers/params';
import type { ParamReader } from '../../helpers/params';

export const mediaIdProperty: INodeProperties = {
  displayName: 'Media ID',
  name: 'mediaId',
  type: 'string',
  required: true,
  default: '',
  description: 'The ID of uploaded media, or of media a customer sent (from the trigger; valid for 7 days)',
};

export function mediaIdInput(get: ParamReader): IDataObject {
  return { mediaId: str(get, 'mediaId').trim() };
}
