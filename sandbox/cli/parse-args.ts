import { normalizePhoneNumber } from 'whatsapp-business-core';
import type { SandboxOptions } from '../runtime/options';

export const CLI_DEFAULT_PORT = 8089;

export type CliCommand =
  | { kind: 'help' }
  | { kind: 'run'; options: SandboxOptions }
  | { kind: 'error'; message: string };

class UsageError extends Error {}

type FlagHandler = (options: SandboxOptions, value: string, flag: string) => void;

const VALUE_FLAGS: Record<string, FlagHandler> = {
  '--port': (options, value, flag) => {
    options.port = wholeNumber(flag, value, 65535);
  },
  '--host': (options, value, flag) => {
    options.host = nonEmpty(flag, value);
  },
  '--token': (options, value, flag) => {
    options.token = nonEmpty(flag, value);
  },
  '--phone-number-id': (options, value, flag) => {
    options.phoneNumberId = numericId(flag, value);
  },
  '--waba-id': (options, value, flag) => {
    options.wabaId = numericId(flag, value);
  },
  '--allow': (options, value, flag) => {
    options.allowedRecipients = phoneList(flag, value);
  },
  '--approve-after': (options, value, flag) => {
    options.approveAfterMs = wholeNumber(flag, value);
  },
  '--callback-url': (options, value, flag) => {
    options.callbackUrl = httpUrl(flag, value);
  },
  '--app-secret': (options, value, flag) => {
    options.appSecret = nonEmpty(flag, value);
  },
  '--verify-token': (options, value, flag) => {
    options.verifyToken = nonEmpty(flag, value);
  },
  '--mps': (options, value, flag) => {
    options.mps = wholeNumber(flag, value);
  },
  '--pair-rate': (options, value, flag) => {
    options.pairRate = wholeNumber(flag, value);
  },
  '--status-delay': (options, value, flag) => {
    options.statusDelayMs = wholeNumber(flag, value);
  },
};

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
      if (flag === '--no-window') {
        if (equals >= 0) throw new UsageError('--no-window takes no value');
        options.window = false;
        continue;
      }
      const handler = VALUE_FLAGS[flag];
      if (handler === undefined) throw new UsageError(`unknown flag ${flag} (see --help)`);
      let value: string;
      if (equals >= 0) {
        value = arg.slice(equals + 1);
      } else {
        const next = argv[i + 1];
        if (next === undefined || next.startsWith('--')) throw new UsageError(`${flag} needs a value`);
        value = next;
        i += 1;
      }
      handler(options, value, flag);
    }
  } catch (error) {
    if (error instanceof UsageError) return { kind: 'error', message: error.message };
    throw error;
  }
  return { kind: 'run', options };
}

function wholeNumber(flag: string, value: string, max = Number.MAX_SAFE_INTEGER): number {
  const number = Number(value);
  if (!/^\d+$/.test(value) || number > max) {
    throw new UsageError(`${flag} expects a whole number between 0 and ${max} (got '${value}')`);
  }
  return number;
}

function nonEmpty(flag: string, value: string): string {
  if (value.trim() === '') throw new UsageError(`${flag} must not be empty`);
  return value;
}

function numericId(flag: string, value: string): string {
  if (!/^\d{1,20}$/.test(value)) throw new UsageError(`${flag} expects a numeric id like 100000000000001 (got '${value}')`);
  return value;
}

function phoneList(flag: string, value: string): string[] {
  const numbers = value.split(',').map((number) => number.trim()).filter((number) => number !== '');
  if (numbers.length === 0) throw new UsageError(`${flag} expects comma-separated phone numbers`);
  return numbers.map((number) => {
    const normalized = normalizePhoneNumber(number);
    if (!normalized.ok) throw new UsageError(`${flag}: '${number}' ${normalized.reason}`);
    return normalized.digits;
  });
}

function httpUrl(flag: string, value: string): string {
  let url: URL | null = null;
  try {
    url = new URL(value);
  } catch {
    url = null;
  }
  if (url === null || (url.protocol !== 'http:' && url.protocol !== 'https:')) {
    throw new UsageError(`${flag} expects an http(s) URL (got '${value}')`);
  }
  return value;
}
