import { WhatsAppConfigError } from '../../errors/other-errors';
import type { Provider } from '../provider';
import type { ItnioProviderConfig } from './itnio-config';

// PLACEHOLDER (replaced in this session by the provider's implementation).
export function createItnioProvider(config: ItnioProviderConfig): Provider {
  throw new WhatsAppConfigError(`${config.provider} provider: not built yet`, 'itnio');
}
