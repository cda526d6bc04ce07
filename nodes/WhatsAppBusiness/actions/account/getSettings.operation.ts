import type { IDataObject, INodeProperties } from 'n8n-workflow';
import { bind } from '../../helpers/binding';
import { settingsItem } from './settings-output';

/** Nothing to choose: the client is the credential's. */
export const description: INodeProperties[] = [];

export function toInput(): IDataObject {
  return {};
}

export const action = bind({
  operation: 'account.getSettings',
  toInput,
  // The webhook URL's secret (?token=, a URL password) is masked: see settings-output.ts.
  toOutput: (result) => [{ json: settingsItem(result) }],
});
