import { WhatsAppConfigError } from '../errors/other-errors';
import { isJsonObject } from '../json';
import { createCloudProvider } from './cloud-provider';
import type { CloudProviderConfig } from './cloud-provider';
import { createItnioProvider } from './itnio/itnio-provider';
import type { ItnioProviderConfig } from './itnio/itnio-config';
import { createMatonProvider } from './maton/maton-provider';
import type { MatonProviderConfig } from './maton/maton-config';
import { createOnPremProvider } from './onprem/onprem-provider';
import type { OnPremProviderConfig } from './onprem/onprem-config';
import type { Provider } from './provider';

/** Configuration of any provider, told apart by `provider`. */
export type ProviderConfig = CloudProviderConfig | MatonProviderConfig | OnPremProviderConfig | ItnioProviderConfig;

export function createProvider(config: ProviderConfig): Provider {
  const kind: unknown = isJsonObject(config) ? config.provider : undefined;
  switch (kind) {
    case 'cloud':
      return createCloudProvider(config as CloudProviderConfig);
    case 'maton':
      return createMatonProvider(config as MatonProviderConfig);
    case 'onprem':
      return createOnPremProvider(config as OnPremProviderConfig);
    case 'itnio':
      return createItnioProvider(config as ItnioProviderConfig);
    default: {
      // Echo only what looks like a provider name; anything else might be a misplaced credential.
      const shown = typeof kind === 'string' && /^[a-z_-]{1,20}$/.test(kind) ? ` "${kind}"` : '';
      throw new WhatsAppConfigError(`Unknown provider${shown}: expected "cloud", "maton", "onprem" or "itnio"`, null);
    }
  }
}
