import { WhatsAppConfigError } from '../../errors/other-errors';
import type { Provider } from '../provider';
import type { MatonProviderConfig } from './maton-config';

// PLACEHOLDER (replaced in this session by the provider's implementation).
export function createMatonProvider(config: MatonProviderConfig): Provider {
  throw new WhatsAppConfigError(`${config.provider} provider: not built yet`, 'maton');
}
