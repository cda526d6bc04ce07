import { WhatsAppConfigError } from '../errors/other-errors';
import { isJsonObject } from '../json';
import { createCloudProvider } from './cloud-provider';
import type { CloudProviderConfig } from './cloud-provider';
import type { Provider } from './provider';

/** Configuration of any provider, told apart by `provider`. Maton, On-Premises and ITNIO join here. */
export type ProviderConfig = CloudProviderConfig;

export function createProvider(config: ProviderConfig): Provider {
  const kind: unknown = isJsonObject(config) ? config.provider : undefined;
  switch (kind) {
    case 'cloud':
      return createCloudProvider(config);
    default:
      throw new WhatsAppConfigError(`Unknown provider ${JSON.stringify(kind)}: expected "cloud"`, null);
  }
}
