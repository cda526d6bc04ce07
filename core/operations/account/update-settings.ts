import { applicationSettingsUpdateInput, applicationSettingsUpdateResult } from '../../schemas/account';
import { defineOperation } from '../define';

export const updateApplicationSettings = defineOperation({
  name: 'account.updateSettings',
  resource: 'account',
  title: 'Update application settings',
  description:
    'WhatsApp On-Premises only. Changes application settings: the webhook URL (https), which statuses are posted, ' +
    'concurrency, media auto-download and callback back-off. Settings not given are left as they are.',
  input: applicationSettingsUpdateInput,
  result: applicationSettingsUpdateResult,
  annotations: { readOnly: false, destructive: true, idempotent: true },
  requires: ['updateApplicationSettings'],
  execute: (provider, input) => provider.updateApplicationSettings(input),
});
