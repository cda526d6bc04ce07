import { applicationSettings, applicationSettingsInput } from '../../schemas/account';
import { defineOperation } from '../define';

export const getApplicationSettings = defineOperation({
  name: 'account.getSettings',
  resource: 'account',
  title: 'Get application settings',
  description: 'WhatsApp On-Premises only. Returns the client\'s application settings, including the webhook URL it posts inbound messages and statuses to.',
  input: applicationSettingsInput,
  result: applicationSettings,
  annotations: { readOnly: true, destructive: false, idempotent: true },
  requires: ['getApplicationSettings'],
  execute: (provider, input) => provider.getApplicationSettings(input),
});
