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
    default: {
      // Echo only what looks like a provider name; anything else might be a misplaced credential.
      const shown = typeof kind === 'string' && /^[a-z_-]{1,20}$/.test(kind) ? ` "${kind}"` : '';
      throw new WhatsAppConfigError(`Unknown provider${shown}: expected "cloud"`, null);
    }
  }
}
