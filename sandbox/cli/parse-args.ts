import type { OptionName } from '../runtime/option-error';
import type { SandboxFlavor, SandboxOptions } from '../runtime/options';

export const CLI_DEFAULT_PORT = 8089;

export type CliCommand =
  | { kind: 'help' }
  | { kind: 'run'; options: SandboxOptions }
  | { kind: 'error'; message: string };

class UsageError extends Error {}

type NumberOption = 'port' | 'approveAfterMs' | 'mps' | 'pairRate' | 'statusDelayMs' | 'latencyMs' | 'startupDelayMs' | 'loginTtlMs' | 'timestampToleranceS' | 'gatewayRps';
type StringOption =
  | 'host' | 'publicHost' | 'token' | 'phoneNumberId' | 'wabaId' | 'callbackUrl' | 'appSecret' | 'verifyToken' | 'appId'
  | 'username' | 'password' | 'apiKey' | 'apiSecret' | 'connectionId' | 'tlsCert' | 'tlsKey';

/**
 * Which option each flag sets. The CLI checks only syntax (a number is a number, a list is a
 * list); whether a value works is decided once, by the options validation, whose errors the CLI
 * rewrites with these flag names.
 */
const NUMBER_FLAGS: Readonly<Record<string, NumberOption>> = {
  '--port': 'port',
  '--approve-after': 'approveAfterMs',
  '--mps': 'mps',
  '--pair-rate': 'pairRate',
  '--status-delay': 'statusDelayMs',
  '--latency-ms': 'latencyMs',
  '--startup-delay-ms': 'startupDelayMs',
  '--login-ttl-ms': 'loginTtlMs',
  '--timestamp-tolerance-s': 'timestampToleranceS',
  '--gateway-rps': 'gatewayRps',
};
const STRING_FLAGS: Readonly<Record<string, StringOption>> = {
  '--host': 'host',
  '--public-host': 'publicHost',
  '--token': 'token',
  '--phone-number-id': 'phoneNumberId',
  '--waba-id': 'wabaId',
  '--callback-url': 'callbackUrl',
  '--app-secret': 'appSecret',
  '--verify-token': 'verifyToken',
  '--app-id': 'appId',
  '--username': 'username',
  '--password': 'password',
  '--api-key': 'apiKey',
  '--api-secret': 'apiSecret',
  '--connection-id': 'connectionId',
  '--tls-cert': 'tlsCert',
  '--tls-key': 'tlsKey',
};
const FLAVOR_FLAG = '--flavor';
const ALLOW_FLAG = '--allow';
const NO_WINDOW_FLAG = '--no-window';

/** The flag that sets an option, to name it in errors; options the CLI cannot set keep their name. */
export function flagFor(option: OptionName): string {
  if (option === 'allowedRecipients') return ALLOW_FLAG;
  if (option === 'window') return NO_WINDOW_FLAG;
  if (option === 'flavor') return FLAVOR_FLAG;
  const flags = { ...NUMBER_FLAGS, ...STRING_FLAGS };
  return Object.keys(flags).find((flag) => flags[flag] === option) ?? option;
}

/** Parses `--flag value` and `--flag=value`; every error names the flag. */
export function parseCliArgs(argv: readonly string[]): CliCommand {
  const options: SandboxOptions = { port: CLI_DEFAULT_PORT };
  try {
    for (let i = 0; i < argv.length; i += 1) {
      const arg = argv[i];
      if (arg === '--help' || arg === '-h') return { kind: 'help' };
      if (!arg.startsWith('--')) throw new UsageError(`unexpected argument '${arg}' (flags start with --; see --help)`);
      const equals = arg.indexOf('=');
      const flag = equals < 0 ? arg : arg.slice(0, equals);
      if (flag === NO_WINDOW_FLAG) {
        if (equals >= 0) throw new UsageError(`${NO_WINDOW_FLAG} takes no value`);
        options.window = false;
        continue;
      }
      if (!Object.hasOwn(NUMBER_FLAGS, flag) && !Object.hasOwn(STRING_FLAGS, flag) && flag !== ALLOW_FLAG && flag !== FLAVOR_FLAG) {
        throw new UsageError(`unknown flag ${flag} (see --help)`);
      }
      let value: string;
      if (equals >= 0) {
        value = arg.slice(equals + 1);
      } else {
        const next = argv[i + 1];
        if (next === undefined || next.startsWith('--')) throw new UsageError(`${flag} needs a value`);
        value = next;
        i += 1;
      }
      if (value === '') throw new UsageError(`${flag} needs a value`);
      setOption(options, flag, value);
    }
  } catch (error) {
    if (error instanceof UsageError) return { kind: 'error', message: error.message };
    throw error;
  }
  return { kind: 'run', options };
}

function setOption(options: SandboxOptions, flag: string, value: string): void {
  if (Object.hasOwn(NUMBER_FLAGS, flag)) {
    const number = Number(value);
    if (value.trim() === '' || !Number.isFinite(number)) throw new UsageError(`${flag} expects a number (got '${value}')`);
    options[NUMBER_FLAGS[flag]] = number;
    return;
  }
  if (Object.hasOwn(STRING_FLAGS, flag)) {
    options[STRING_FLAGS[flag]] = value;
    return;
  }
  if (flag === FLAVOR_FLAG) {
    // Checked (and named in errors) by the options validation, like every other value.
    options.flavor = value as SandboxFlavor;
    return;
  }
  const numbers = value.split(',').map((number) => number.trim()).filter((number) => number !== '');
  if (numbers.length === 0) throw new UsageError(`${flag} expects comma-separated phone numbers`);
  options.allowedRecipients = numbers;
}
