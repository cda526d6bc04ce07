import type { SendMessageInput } from '../schemas/message/send-message';
import type {
  BusinessProfileGetInput,
  BusinessProfileUpdateInput,
  MarkReadInput,
  MediaIdInput,
  MediaUploadInput,
  PhoneNumberGetInput,
  PhoneNumberListInput,
  TemplateCreateInput,
  TemplateDeleteInput,
  TemplateListInput,
} from '../schemas/operation-inputs';
import type {
  BusinessProfile,
  BusinessProfileUpdateResult,
  DeleteResult,
  MediaDownloadResult,
  MediaInfo,
  MediaUploadResult,
  PhoneNumber,
  PhoneNumberListResult,
  SendMessageResult,
  SuccessResult,
  Template,
  TemplateCreateResult,
  TemplateListResult,
} from '../schemas/operation-results';

import type {
  AccountHealth,
  AccountHealthInput,
  ApplicationSettings,
  ApplicationSettingsInput,
  ApplicationSettingsUpdateInput,
  ApplicationSettingsUpdateResult,
  RegistrationCodeInput,
  RegistrationCodeResult,
  RegistrationVerifyInput,
  RegistrationVerifyResult,
} from '../schemas/account';
import type { Connection, ConnectionCreateInput, ConnectionIdInput, ConnectionListInput, ConnectionListResult } from '../schemas/connection';
import type { ContactCheckInput, ContactCheckResult } from '../schemas/contact';

export type ProviderName = 'cloud' | 'maton' | 'onprem' | 'itnio';

/**
 * What a provider can do, one method per primitive. Inputs are already validated catalogue inputs;
 * each provider turns them into its own wire dialect. A provider leaves out what its API cannot do,
 * and the catalogue derives its capabilities from the methods present.
 */
export interface ProviderCapabilities {
  sendMessage(input: SendMessageInput): Promise<SendMessageResult>;
  markRead(input: MarkReadInput): Promise<SuccessResult>;
  uploadMedia(input: MediaUploadInput): Promise<MediaUploadResult>;
  getMediaInfo(input: MediaIdInput): Promise<MediaInfo>;
  downloadMedia(input: MediaIdInput): Promise<MediaDownloadResult>;
  deleteMedia(input: MediaIdInput): Promise<DeleteResult>;
  listTemplates(input: TemplateListInput): Promise<TemplateListResult>;
  getTemplateById(input: { wabaId?: string; templateId: string }): Promise<Template>;
  createTemplate(input: TemplateCreateInput): Promise<TemplateCreateResult>;
  deleteTemplate(input: TemplateDeleteInput): Promise<DeleteResult>;
  listPhoneNumbers(input: PhoneNumberListInput): Promise<PhoneNumberListResult>;
  getPhoneNumber(input: PhoneNumberGetInput): Promise<PhoneNumber>;
  getBusinessProfile(input: BusinessProfileGetInput): Promise<BusinessProfile>;
  updateBusinessProfile(input: BusinessProfileUpdateInput): Promise<BusinessProfileUpdateResult>;

  // Maton: the OAuth connections its gateway can act through.
  listConnections(input: ConnectionListInput): Promise<ConnectionListResult>;
  createConnection(input: ConnectionCreateInput): Promise<Connection>;
  getConnection(input: ConnectionIdInput): Promise<Connection>;
  deleteConnection(input: ConnectionIdInput): Promise<DeleteResult>;

  // On-Premises: the self-hosted client's own account, settings and contact lookup.
  getHealth(input: AccountHealthInput): Promise<AccountHealth>;
  requestRegistrationCode(input: RegistrationCodeInput): Promise<RegistrationCodeResult>;
  verifyRegistrationCode(input: RegistrationVerifyInput): Promise<RegistrationVerifyResult>;
  getApplicationSettings(input: ApplicationSettingsInput): Promise<ApplicationSettings>;
  updateApplicationSettings(input: ApplicationSettingsUpdateInput): Promise<ApplicationSettingsUpdateResult>;
  checkContacts(input: ContactCheckInput): Promise<ContactCheckResult>;
}

export type Capability = keyof ProviderCapabilities;
/** The validated input a capability takes, and what it resolves to. */
export type CapabilityInput<K extends Capability> = Parameters<ProviderCapabilities[K]>[0];
export type CapabilityResult<K extends Capability> = Awaited<ReturnType<ProviderCapabilities[K]>>;

export interface Provider extends Partial<ProviderCapabilities> {
  readonly name: ProviderName;
  /** Human name used in messages, e.g. "Meta Cloud API". */
  readonly label: string;
  /** Releases connections; the provider is unusable afterwards. */
  close(): Promise<void>;
}
