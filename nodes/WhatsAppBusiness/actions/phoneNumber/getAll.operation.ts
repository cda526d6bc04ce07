import type { IDataObject } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';
import { bind, toJson } from '../../helpers/binding';
import { bool } from '../../helpers/params';
import { simplifyPhoneNumber } from '../../helpers/simplify';
import { simplifyProperty } from '../common.description';

export const description = updateDisplayOptions({ show: { resource: ['phoneNumber'], operation: ['getAll'] } }, [simplifyProperty]);

/** The WABA comes from the credential. */
export function toInput(): IDataObject {
  return {};
}

export const action = bind({
  operation: 'phoneNumber.list',
  toInput,
  toOutput: (result, get) => {
    const simplify = bool(get, 'simplify', true);
    return result.phoneNumbers.map((phone) => ({ json: simplify ? simplifyPhoneNumber(phone) : toJson(phone) }));
  },
});
