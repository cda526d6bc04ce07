import type { INodeProperties } from 'n8n-workflow';
import { operationSelectors } from '../../helpers/selectors';
import type { OperationChoice } from '../../helpers/selectors';
import * as getHealth from './getHealth.operation';
import * as getSettings from './getSettings.operation';
import * as requestCode from './requestCode.operation';
import * as updateSettings from './updateSettings.operation';
import * as verifyCode from './verifyCode.operation';

export { getHealth, getSettings, requestCode, updateSettings, verifyCode };

/** The On-Premises client's own account: readiness, registration of its number, application settings. */
export const operationChoices: OperationChoice[] = [
  { name: 'Get Health', value: 'getHealth', action: 'Get the client health', description: 'Whether the client is connected to WhatsApp and ready to send', operation: 'account.getHealth' },
  { name: 'Get Settings', value: 'getSettings', action: 'Get the application settings', description: 'Including the webhook URL (a secret in it is masked)', operation: 'account.getSettings' },
  {
    name: 'Request Registration Code',
    value: 'requestCode',
    action: 'Request a registration code',
    description: 'First step of registering the number on this client',
    operation: 'account.requestCode',
  },
  { name: 'Update Settings', value: 'updateSettings', action: 'Update the application settings', description: 'Webhook URL, statuses, media and callback options', operation: 'account.updateSettings' },
  {
    name: 'Verify Registration Code',
    value: 'verifyCode',
    action: 'Verify a registration code',
    description: 'Second step: submit the code received by SMS or voice call',
    operation: 'account.verifyCode',
  },
];

export const description: INodeProperties[] = [
  ...operationSelectors('account', operationChoices, 'getHealth'),
  ...getHealth.description,
  ...getSettings.description,
  ...requestCode.description,
  ...verifyCode.description,
  ...updateSettings.description,
];
