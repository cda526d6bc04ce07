import type { IDataObject } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';
import { bind, toJson } from '../../helpers/binding';
import { bool, str } from '../../helpers/params';
import type { ParamReader } from '../../helpers/params';
import { simplifyPhoneNumber } from '../../helpers/simplify';
import { phoneNumberIdProperty, simplifyProperty } from '../common.description';

export const description = updateDisplayOptions({ show: { resource: ['phoneNumber'], operation: ['get'] } }, [
  { ...phoneNumberIdProperty, displayName: 'Phone Number Name or ID' },
  simplifyProperty,
]);

export function toInput(get: ParamReader): IDataObject {
  return { phoneNumberId: str(get, 'phoneNumberId').trim() };
}

export const action = bind({
  operation: 'phoneNumber.get',
  toInput,
  toOutput: (result, get) => [{ json: bool(get, 'simplify', true) ? simplifyPhoneNumber(result) : toJson(result) }],
});
