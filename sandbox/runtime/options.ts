import { readFileSync } from 'node:fs';
import { normalizePhoneNumber } from 'whatsapp-business-core';
import { OptionError, type OptionName } from './option-error';

export interface SandboxOptions {
  /** Default 0: the OS picks a free port (in-process use). The CLI defaults to 8089. */
  port?: number;
  /** Default '127.0.0.1'. */
  host?: string;
  /**
   * A host name (no port) the control API (/_sandbox) also answers to, besides loopback names and
   * `host`: for a sandbox reached as e.g. `sandbox` from another container. Default: none.
   */
  publicHost?: string;
  /** Bearer token clients must send. Default 'sandbox-token'. */
  token?: string;
  /** Default '100000000000001'. */
  phoneNumberId?: string;
  /** Default '200000000000001'. */
  wabaId?: string;
  /** Default '15550000001'. */
  displayPhoneNumber?: string;
  /** Default 'WhatsApp Sandbox'. */
  verifiedName?: string;
  /** Enforce the 24 h customer service window. Default true. */
  window?: boolean;
  /** When non-empty, sends to anyone else are rejected with 131030. */
  allowedRecipients?: string[];
  /** Templates are created PENDING and become APPROVED after this many ms. Default 0 (approved on the next tick). */
  approveAfterMs?: number;
  /** Webhook receiver; webhooks are sent only when a callback URL and appSecret are both set. */
  callbackUrl?: string;
  appSecret?: string;
  /** Default 'sandbox-verify-token'. */
  verifyToken?: string;
  /** Messages per second per phone number. Default 80; 0 = unlimited. */
  mps?: number;
  /** Messages to one user per 6 s window. Default 45 (Meta's burst ceiling); 0 = unlimited. */
  pairRate?: number;
  /** Pause between the sent / delivered / read webhooks of one message. Default 0. */
  statusDelayMs?: number;
  /** Extra delivery attempts after a failed webhook POST. Default 3 (backoff 100 ms * 2^n). */
  webhookRetries?: number;
  /**
   * The Meta app the sandbox pretends to be. Default '300000000000001'. Its app access token is
   * `<appId>|<appSecret>` (so app-level routes need appSecret) and `/{appId}/subscriptions` manages
   * the app's webhook subscription.
   */
  appId?: string;
  /** Every Graph API answer (not the control API) waits this many ms first. Default 0. */
  latencyMs?: number;
  /**
   * How long a request body may wait for room in the memory budget for bodies before it is
   * answered 503 with Retry-After. Default 30000 (at least 1).
   */
  bodyWaitMs?: number;
  /** How long a request body may go without a byte before it is answered 408. Default 60000 (at least 1). */
  bodyIdleMs?: number;
  /**
   * Which API the sandbox speaks. cloud (default): Meta's Graph API. maton: Maton's gateway
   * (/whatsapp-business/{Graph path}) and connection API on the same port, keyed by `token`.
   * onprem: the WhatsApp On-Premises client (/v1/...), logging in with `username`/`password`.
   * itnio: the ITNIO API (/wa/...), signed with `apiKey`/`apiSecret`, for the ITNIO app `appId`.
   */
  flavor?: SandboxFlavor;
  /** onprem: the admin login. Defaults 'admin' / 'sandbox-password'. */
  username?: string;
  password?: string;
  /** onprem: the core app answers "not ready" (1011) for this long after start. Default 0. */
  startupDelayMs?: number;
  /** onprem: how long a login token stays valid. Default 7 days, as on the real client. */
  loginTtlMs?: number;
  /** itnio: the Api-Key and secret requests must be signed with. Defaults 'sandbox-api-key' / 'sandbox-api-secret'. */
  apiKey?: string;
  apiSecret?: string;
  /** itnio: how far a request's Timestamp may be from the sandbox's clock before -16. Default 300 s. */
  timestampToleranceS?: number;
  /** maton: requests per second per API key before 429 (default 10, Maton's limit; 0 = unlimited). */
  gatewayRps?: number;
  /** maton: id of the ACTIVE connection the sandbox starts with. */
  connectionId?: string;
  /** Serve HTTPS with this PEM certificate and key (file paths) instead of plain HTTP. */
  tlsCert?: string;
  tlsKey?: string;
  /** Receives one line per request and per webhook event. Default: silent. */
  log?: (line: string) => void;
}

export const SANDBOX_FLAVORS = ['cloud', 'maton', 'onprem', 'itnio'] as const;
export type SandboxFlavor = (typeof SANDBOX_FLAVORS)[number];

/** Options with defaults applied and values checked; what the rest of the sandbox reads. */
export interface SandboxConfig {
  port: number;
  host: string;
  /** Lower-cased; null when only loopback names (and `host`) reach the control API. */
  publicHost: string | null;
  token: string;
  phoneNumberId: string;
  wabaId: string;
  displayPhoneNumber: string;
  verifiedName: string;
  window: boolean;
  /** Normalized digits; null when every recipient is allowed. */
  allowedRecipients: ReadonlySet<string> | null;
  approveAfterMs: number;
  callbackUrl: string | null;
  appSecret: string | null;
  verifyToken: string;
  mps: number;
  pairRate: number;
  statusDelayMs: number;
  webhookRetries: number;
  appId: string;
  latencyMs: number;
  bodyWaitMs: number;
  bodyIdleMs: number;
  flavor: SandboxFlavor;
  username: string;
  password: string;
  startupDelayMs: number;
  loginTtlMs: number;
  apiKey: string;
  apiSecret: string;
  timestampToleranceS: number;
  gatewayRps: number;
  connectionId: string;
  /** PEM contents, both set or both null. */
  tls: { cert: string; key: string } | null;
  log: (line: string) => void;
}

const DEFAULTS = {
  port: 0,
  host: '127.0.0.1',
  token: 'sandbox-token',
  phoneNumberId: '100000000000001',
  wabaId: '200000000000001',
  displayPhoneNumber: '15550000001',
  verifiedName: 'WhatsApp Sandbox',
  verifyToken: 'sandbox-verify-token',
  mps: 80,
  pairRate: 45,
  approveAfterMs: 0,
  statusDelayMs: 0,
  webhookRetries: 3,
  appId: '300000000000001',
  latencyMs: 0,
  bodyWaitMs: 30_000,
  bodyIdleMs: 60_000,
  username: 'admin',
  password: 'sandbox-password',
  startupDelayMs: 0,
  loginTtlMs: 7 * 24 * 60 * 60 * 1000,
  apiKey: 'sandbox-api-key',
  apiSecret: 'sandbox-api-secret',
  timestampToleranceS: 300,
  gatewayRps: 10,
  connectionId: '5a4d1b0e-0000-4000-8000-000000000001',
} as const;

/** A minute is far beyond any benchmark's needs and keeps a typo from hanging every request. */
const MAX_LATENCY_MS = 60_000;

/** Throws an OptionError (a RangeError) naming the option when a value cannot work. */
export function resolveOptions(options: SandboxOptions = {}): SandboxConfig {
  const phoneNumberId = numericId('phoneNumberId', options.phoneNumberId ?? DEFAULTS.phoneNumberId);
  const wabaId = numericId('wabaId', options.wabaId ?? DEFAULTS.wabaId);
  if (phoneNumberId === wabaId) throw new OptionError((name) => `${name('phoneNumberId')} and ${name('wabaId')} must differ`);
  const flavor = options.flavor ?? 'cloud';
  if (!(SANDBOX_FLAVORS as readonly string[]).includes(flavor)) {
    throw new OptionError((name) => `${name('flavor')} must be one of ${SANDBOX_FLAVORS.join(', ')} (got '${String(flavor)}')`);
  }
  // ITNIO app ids are short alphanumeric codes ("DGziZf5u"); Meta app ids are numeric.
  const appId = flavor === 'itnio' ? alphanumericId('appId', options.appId ?? DEFAULTS.appId) : numericId('appId', options.appId ?? DEFAULTS.appId);
  if (appId === phoneNumberId || appId === wabaId) {
    throw new OptionError((name) => `${name('appId')} must differ from ${name('phoneNumberId')} and ${name('wabaId')}`);
  }
  return {
    port: wholeNumber('port', options.port ?? DEFAULTS.port, 65535),
    host: nonEmpty('host', options.host ?? DEFAULTS.host),
    publicHost: publicHost(options.publicHost),
    token: nonEmpty('token', options.token ?? DEFAULTS.token),
    phoneNumberId,
    wabaId,
    displayPhoneNumber: nonEmpty('displayPhoneNumber', options.displayPhoneNumber ?? DEFAULTS.displayPhoneNumber),
    verifiedName: nonEmpty('verifiedName', options.verifiedName ?? DEFAULTS.verifiedName),
    window: options.window ?? true,
    allowedRecipients: allowList(options.allowedRecipients),
    approveAfterMs: wholeNumber('approveAfterMs', options.approveAfterMs ?? DEFAULTS.approveAfterMs),
    callbackUrl: callbackUrl(options.callbackUrl),
    appSecret: options.appSecret === undefined || options.appSecret === '' ? null : options.appSecret,
    verifyToken: nonEmpty('verifyToken', options.verifyToken ?? DEFAULTS.verifyToken),
    mps: wholeNumber('mps', options.mps ?? DEFAULTS.mps),
    pairRate: wholeNumber('pairRate', options.pairRate ?? DEFAULTS.pairRate),
    statusDelayMs: wholeNumber('statusDelayMs', options.statusDelayMs ?? DEFAULTS.statusDelayMs),
    webhookRetries: wholeNumber('webhookRetries', options.webhookRetries ?? DEFAULTS.webhookRetries),
    appId,
    latencyMs: wholeNumber('latencyMs', options.latencyMs ?? DEFAULTS.latencyMs, MAX_LATENCY_MS),
    bodyWaitMs: positiveMs('bodyWaitMs', options.bodyWaitMs ?? DEFAULTS.bodyWaitMs),
    bodyIdleMs: positiveMs('bodyIdleMs', options.bodyIdleMs ?? DEFAULTS.bodyIdleMs),
    flavor,
    username: nonEmpty('username', options.username ?? DEFAULTS.username),
    password: nonEmpty('password', options.password ?? DEFAULTS.password),
    startupDelayMs: wholeNumber('startupDelayMs', options.startupDelayMs ?? DEFAULTS.startupDelayMs),
    loginTtlMs: wholeNumber('loginTtlMs', options.loginTtlMs ?? DEFAULTS.loginTtlMs),
    apiKey: nonEmpty('apiKey', options.apiKey ?? DEFAULTS.apiKey),
    apiSecret: nonEmpty('apiSecret', options.apiSecret ?? DEFAULTS.apiSecret),
    timestampToleranceS: wholeNumber('timestampToleranceS', options.timestampToleranceS ?? DEFAULTS.timestampToleranceS),
    gatewayRps: wholeNumber('gatewayRps', options.gatewayRps ?? DEFAULTS.gatewayRps),
    connectionId: nonEmpty('connectionId', options.connectionId ?? DEFAULTS.connectionId),
    tls: tlsFiles(options.tlsCert, options.tlsKey),
    log: options.log ?? (() => undefined),
  };
}

function wholeNumber(option: OptionName, value: number, max = Number.MAX_SAFE_INTEGER): number {
  if (!Number.isInteger(value) || value < 0 || value > max) {
    throw new OptionError((name) => `${name(option)} must be a whole number between 0 and ${max} (got ${value})`);
  }
  return value;
}

/** A duration that must not be 0 (a zero wait or idle time would refuse every body). */
function positiveMs(option: OptionName, value: number): number {
  if (!Number.isInteger(value) || value < 1 || value > MAX_TIMER_MS) {
    throw new OptionError((name) => `${name(option)} must be a whole number of ms between 1 and ${MAX_TIMER_MS} (got ${value})`);
  }
  return value;
}

/** setTimeout's largest delay; longer ones fire at once. */
const MAX_TIMER_MS = 2_147_483_647;

function nonEmpty(option: OptionName, value: string): string {
  if (value.trim() === '') throw new OptionError((name) => `${name(option)} must not be empty`);
  return value;
}

function numericId(option: OptionName, value: string): string {
  if (!/^\d{1,20}$/.test(value)) throw new OptionError((name) => `${name(option)} must be a numeric id like 100000000000001 (got '${value}')`);
  return value;
}

function alphanumericId(option: OptionName, value: string): string {
  if (!/^[A-Za-z0-9]{1,32}$/.test(value)) throw new OptionError((name) => `${name(option)} must be letters and digits like DGziZf5u (got '${value}')`);
  return value;
}

function tlsFiles(certPath: string | undefined, keyPath: string | undefined): { cert: string; key: string } | null {
  if (certPath === undefined && keyPath === undefined) return null;
  if (certPath === undefined || keyPath === undefined) {
    throw new OptionError((name) => `${name('tlsCert')} and ${name('tlsKey')} must be given together`);
  }
  const read = (option: OptionName, path: string): string => {
    try {
      return readFileSync(path, 'utf8');
    } catch {
      throw new OptionError((name) => `${name(option)}: cannot read '${path}'`);
    }
  };
  return { cert: read('tlsCert', certPath), key: read('tlsKey', keyPath) };
}

function allowList(numbers: string[] | undefined): ReadonlySet<string> | null {
  if (numbers === undefined || numbers.length === 0) return null;
  const digits = numbers.map((number) => {
    const normalized = normalizePhoneNumber(number);
    if (!normalized.ok) throw new OptionError((name) => `${name('allowedRecipients')}: '${number}' ${normalized.reason}`);
    return normalized.digits;
  });
  return new Set(digits);
}

function publicHost(value: string | undefined): string | null {
  if (value === undefined || value === '') return null;
  const name = value.trim().toLowerCase();
  if (name.length > 253 || !/^(?:[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?)(?:\.[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?)*$|^\[[0-9a-f:.]{2,45}\]$/.test(name)) {
    throw new OptionError((option) => `${option('publicHost')} must be a host name or [IPv6] address without scheme or port (got '${value}')`);
  }
  return name;
}

function callbackUrl(value: string | undefined): string | null {
  if (value === undefined || value === '') return null;
  let parsed: URL;
  try {
    parsed = new URL(value);
  } catch {
    throw new OptionError((name) => `${name('callbackUrl')} must be an absolute http(s) URL (got '${value}')`);
  }
  if (parsed.protocol !== 'http:' && parsed.protocol !== 'https:') {
    throw new OptionError((name) => `${name('callbackUrl')} must be an http or https URL (got '${value}')`);
  }
  return value;
}
