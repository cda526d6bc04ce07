import { WhatsAppConfigError } from '../../errors/other-errors';
import type { Provider } from '../provider';
import type { OnPremProviderConfig } from './onprem-config';

// PLACEHOLDER (replaced in this session by the provider's implementation).
export function createOnPremProvider(config: OnPremProviderConfig): Provider {
  throw new WhatsAppConfigError(`${config.provider} provider: not built yet`, 'onprem');
}
