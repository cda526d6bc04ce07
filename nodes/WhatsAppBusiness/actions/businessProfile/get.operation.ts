import type { IDataObject } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';
import { bind, toJson } from '../../helpers/binding';
import { bool, optStr } from '../../helpers/params';
import type { ParamReader } from '../../helpers/params';
import { simplifyBusinessProfile } from '../../helpers/simplify';
import { phoneNumberIdProperty, simplifyProperty } from '../common.description';

export const description = updateDisplayOptions({ show: { resource: ['businessProfile'], operation: ['get'] } }, [
  { ...phoneNumberIdProperty, displayName: 'Phone Number Name or ID' },
  simplifyProperty,
]);

export function toInput(get: ParamReader): IDataObject {
  const phoneNumberId = optStr(get, 'phoneNumberId');
  return phoneNumberId === undefined ? {} : { phoneNumberId };
}

export const action = bind({
  operation: 'businessProfile.get',
  toInput,
  toOutput: (result, get) => [{ json: bool(get, 'simplify', true) ? simplifyBusinessProfile(result) : toJson(result) }],
});
