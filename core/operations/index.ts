import { getAccountHealth } from './account/get-health';
import { getApplicationSettings } from './account/get-settings';
import { requestRegistrationCode } from './account/request-code';
import { updateApplicationSettings } from './account/update-settings';
import { verifyRegistrationCode } from './account/verify-code';
import { getBusinessProfile } from './business-profile/get';
import { createConnection } from './connection/create';
import { deleteConnection } from './connection/delete';
import { getConnection } from './connection/get';
import { listConnections } from './connection/list';
import { checkContacts } from './contact/check';
import { updateBusinessProfile } from './business-profile/update';
import { supports } from './define';
import type { Operation } from './define';
import { deleteMedia } from './media/delete';
import { downloadMedia } from './media/download';
import { getMediaUrl } from './media/get-url';
import { uploadMedia } from './media/upload';
import { markRead } from './message/mark-read';
import { sendMessage } from './message/send';
import { getPhoneNumber } from './phone-number/get';
import { listPhoneNumbers } from './phone-number/list';
import { createTemplate } from './template/create';
import { deleteTemplate } from './template/delete';
import { getTemplate } from './template/get';
import { listTemplates } from './template/list';
import type { Provider } from '../providers/provider';

/** The operation catalogue: every operation both faces offer, keyed by name. */
export const operations = {
  'message.send': sendMessage,
  'message.markRead': markRead,
  'media.upload': uploadMedia,
  'media.getUrl': getMediaUrl,
  'media.download': downloadMedia,
  'media.delete': deleteMedia,
  'template.list': listTemplates,
  'template.get': getTemplate,
  'template.create': createTemplate,
  'template.delete': deleteTemplate,
  'phoneNumber.list': listPhoneNumbers,
  'phoneNumber.get': getPhoneNumber,
  'businessProfile.get': getBusinessProfile,
  'businessProfile.update': updateBusinessProfile,
  'connection.list': listConnections,
  'connection.create': createConnection,
  'connection.get': getConnection,
  'connection.delete': deleteConnection,
  'account.getHealth': getAccountHealth,
  'account.requestCode': requestRegistrationCode,
  'account.verifyCode': verifyRegistrationCode,
  'account.getSettings': getApplicationSettings,
  'account.updateSettings': updateApplicationSettings,
  'contact.check': checkContacts,
} as const;

export type OperationName = keyof typeof operations;

export function listOperations(): Operation[] {
  return Object.values(operations) as Operation[];
}

/** Names of the operations `provider` can run (what faces should offer for it). */
export function operationsSupportedBy(provider: Provider): OperationName[] {
  return (Object.keys(operations) as OperationName[]).filter((name) => supports(provider, operations[name].requires));
}
