import { WhatsAppConfigError } from '../errors/other-errors';
import type { Transport } from '../transport/transport';
import type { Clock } from './clock';

export interface DefaultTransportOptions {
  requestTimeoutMs?: number;
  /** Accept self-signed TLS certificates (a provider asks for it only when its configuration says so). */
  insecureTls?: boolean;
}

export interface HostDefaults {
  transport: (options: DefaultTransportOptions) => Transport;
  clock: Clock;
}

let registered: HostDefaults | undefined;

/**
 * Registers the HTTP client and timers providers use when none are passed. The package entry
 * (index.ts) registers undici and the system clock; the portable entry registers nothing, because
 * the n8n nodes bundle it and n8n allows neither undici nor timers in node code: there every
 * provider is built with an explicit transport and clock.
 */
export function registerHostDefaults(defaults: HostDefaults): void {
  registered = defaults;
}

function missing(provider: string, field: string, what: string): WhatsAppConfigError {
  return new WhatsAppConfigError(`Invalid ${provider} provider configuration: ${field}: required (this build has no built-in ${what})`, provider);
}

export function defaultTransport(options: DefaultTransportOptions, provider: string): Transport {
  if (registered === undefined) throw missing(provider, 'transport', 'HTTP client');
  return registered.transport(options);
}

export function defaultClock(provider: string): Clock {
  if (registered === undefined) throw missing(provider, 'clock', 'clock');
  return registered.clock;
}
