import { homedir } from 'node:os';
import { isAbsolute, join, resolve } from 'node:path';
import { normalizePhoneNumber, withoutTrailingSlashes } from 'whatsapp-business-core';
import { ConfigError } from './config-error';
import { providerSettings, webhookToken } from './provider-env';
import { TOOLSETS, toolsetLines } from './tools/toolsets';

/**
 * Operator configuration: environment variables (names fixed, documented in the README) and
 * command-line flags. Nothing here can be changed by the agent at run time.
 */

export type ProviderSettings =
  | { kind: 'sandbox' }
  | {
      kind: 'cloud';
      accessToken: string;
      phoneNumberId?: string;
      wabaId?: string;
      apiVersion?: string;
      baseUrl?: string;
    }
  | {
      kind: 'maton';
      apiKey: string;
      connectionId?: string;
      gatewayUrl?: string;
      controlUrl?: string;
      phoneNumberId?: string;
      wabaId?: string;
      apiVersion?: string;
    }
  | {
      kind: 'onprem';
      baseUrl: string;
      username: string;
      password: string;
      insecureTls: boolean;
      templateNamespace?: string;
    }
  | {
      kind: 'itnio';
      apiKey: string;
      apiSecret: string;
      appId: string;
      businessPhone: string;
      baseUrl?: string;
    };

export type ProviderKind = ProviderSettings['kind'];

export interface HttpSettings {
  host: string;
  port: number;
  /** Bearer token MCP clients must send; null: generate one (loopback only). */
  authToken: string | null;
  /** Extra Host names accepted besides loopback names and the bind address. */
  allowedHosts: string[];
  /** Extra Origins (scheme://host[:port]) accepted besides loopback origins. */
  allowedOrigins: string[];
}

export interface PolicySettings {
  /** Normalized digits; null when no allow-list is configured (every recipient allowed). */
  allowedRecipients: string[] | null;
  readOnly: boolean;
  /** Tool and toolset names to offer; null offers every tool. */
  tools: string[] | null;
  dryRun: boolean;
  auditBodies: boolean;
  /** Messages per minute to one recipient; 0 = unlimited. */
  perRecipientPerMinute: number;
  /** Side effects per minute in total; 0 = unlimited. */
  globalPerMinute: number;
}

export interface McpConfig {
  transport: 'stdio' | 'http';
  http: HttpSettings;
  provider: ProviderSettings;
  /** For the inbox webhook (/webhook in HTTP mode) with a real Meta app. */
  appSecret: string | null;
  verifyToken: string | null;
  /**
   * Shared token the unsigned webhooks of On-Premises and ITNIO must carry (`?token=` or the
   * Basic-auth password); null: /webhook refuses them.
   */
  webhookToken: string | null;
  policy: PolicySettings;
  dataDir: string;
  /** Directory upload_media may read files from (by relative path); null: uploads take base64 only. */
  uploadDir: string | null;
  /** Downloads up to this size are returned inline; bigger ones are saved under the data dir. */
  maxInlineMediaBytes: number;
}

export type ConfigOutcome = { kind: 'config'; config: McpConfig } | { kind: 'help' } | { kind: 'version' };

export { ConfigError };

export const DEFAULT_PORT = 8787;
export const DEFAULT_HOST = '127.0.0.1';
export const DEFAULT_RATE_PER_RECIPIENT = 10;
export const DEFAULT_RATE_GLOBAL = 60;
export const DEFAULT_MAX_INLINE_MEDIA_BYTES = 1024 * 1024;
export { PROVIDER_KINDS, MIN_WEBHOOK_TOKEN_LENGTH } from './provider-env';

export function defaultDataDir(): string {
  return join(homedir(), '.whatsapp-business-mcp');
}

type Env = Readonly<Record<string, string | undefined>>;

const BOOLEAN_FLAGS = new Set(['--http', '--read-only', '--dry-run', '--audit-bodies', '--help', '--version']);
const VALUE_FLAGS = new Set([
  '--port',
  '--host',
  '--auth-token',
  '--tools',
  '--data-dir',
  '--allowed-hosts',
  '--allowed-origins',
  '--rate-limit-recipient',
  '--rate-limit-global',
  '--upload-dir',
  '--max-inline-media-bytes',
]);

function readFlags(argv: readonly string[]): Map<string, string | true> {
  const flags = new Map<string, string | true>();
  for (let i = 0; i < argv.length; i += 1) {
    const arg = argv[i];
    const eq = arg.indexOf('=');
    const name = eq > 0 ? arg.slice(0, eq) : arg;
    if (BOOLEAN_FLAGS.has(name)) {
      if (eq > 0) throw new ConfigError(`${name} takes no value`);
      flags.set(name, true);
      continue;
    }
    if (!VALUE_FLAGS.has(name)) throw new ConfigError(`unknown option ${JSON.stringify(name)} (see --help)`);
    let value: string | undefined;
    if (eq > 0) value = arg.slice(eq + 1);
    else {
      value = argv[i + 1];
      i += 1;
    }
    if (value === undefined || (eq < 0 && value.startsWith('--'))) throw new ConfigError(`${name} needs a value`);
    flags.set(name, value);
  }
  return flags;
}

function text(value: string | undefined): string | undefined {
  const trimmed = value?.trim();
  return trimmed === undefined || trimmed === '' ? undefined : trimmed;
}

function wholeNumber(name: string, raw: string, max: number): number {
  if (!/^\d+$/.test(raw.trim()) || Number(raw) > max) throw new ConfigError(`${name} must be a whole number between 0 and ${max} (got ${JSON.stringify(raw)})`);
  return Number(raw);
}

function list(raw: string | undefined): string[] {
  return (raw ?? '')
    .split(',')
    .map((item) => item.trim())
    .filter((item) => item !== '');
}

function allowList(raw: string | undefined): string[] | null {
  if (raw === undefined || raw.trim() === '') return null;
  const digits = list(raw).map((entry) => {
    const normalized = normalizePhoneNumber(entry);
    // Fail closed: an unreadable entry stops the server rather than being skipped.
    if (!normalized.ok) throw new ConfigError(`WHATSAPP_ALLOWED_RECIPIENTS: ${JSON.stringify(entry)} ${normalized.reason}`);
    return normalized.digits;
  });
  if (digits.length === 0) throw new ConfigError('WHATSAPP_ALLOWED_RECIPIENTS is set but lists no phone number');
  return [...new Set(digits)];
}

function toolSelection(raw: string | undefined, knownTools: readonly string[]): string[] | null {
  if (raw === undefined) return null;
  const names = list(raw);
  if (names.length === 0) throw new ConfigError('--tools needs at least one tool or toolset name');
  const known = new Set<string>([...knownTools, ...Object.keys(TOOLSETS), 'all']);
  const unknown = names.filter((name) => !known.has(name));
  if (unknown.length > 0) {
    throw new ConfigError(`--tools: unknown ${unknown.map((n) => JSON.stringify(n)).join(', ')}; toolsets: ${Object.keys(TOOLSETS).join(', ')}, all; or tool names such as whatsapp_send_text`);
  }
  return names.includes('all') ? null : names;
}

function isLoopbackHost(host: string): boolean {
  const h = host.replace(/^\[|\]$/g, '').toLowerCase();
  return h === 'localhost' || h === '::1' || /^127(\.\d{1,3}){3}$/.test(h);
}

export { isLoopbackHost };

/**
 * Reads flags and environment. Throws ConfigError for anything unusable, so the server never
 * starts with a policy it did not understand.
 */
export function parseConfig(argv: readonly string[], env: Env, knownTools: readonly string[]): ConfigOutcome {
  const flags = readFlags(argv);
  if (flags.has('--help')) return { kind: 'help' };
  if (flags.has('--version')) return { kind: 'version' };
  const str = (name: string): string | undefined => {
    const value = flags.get(name);
    return typeof value === 'string' ? value : undefined;
  };
  const httpMode = flags.has('--http');
  for (const name of ['--port', '--host', '--auth-token', '--allowed-hosts', '--allowed-origins']) {
    if (!httpMode && flags.has(name)) throw new ConfigError(`${name} applies to HTTP mode only: add --http`);
  }
  const host = text(str('--host')) ?? DEFAULT_HOST;
  const port = str('--port') === undefined ? DEFAULT_PORT : wholeNumber('--port', str('--port') ?? '', 65535);
  const authToken = text(str('--auth-token')) ?? text(env.MCP_AUTH_TOKEN) ?? null;
  if (httpMode && authToken !== null && authToken.length < 16) throw new ConfigError('the MCP auth token (--auth-token or MCP_AUTH_TOKEN) must be at least 16 characters');
  if (httpMode && authToken === null && !isLoopbackHost(host)) {
    throw new ConfigError(`refusing to listen on ${host} without a bearer token: set MCP_AUTH_TOKEN or --auth-token (a generated token is used on loopback only)`);
  }
  const rawDataDir = text(str('--data-dir'));
  const rawUploadDir = text(str('--upload-dir'));
  const config: McpConfig = {
    transport: httpMode ? 'http' : 'stdio',
    http: {
      host,
      port,
      authToken,
      allowedHosts: list(str('--allowed-hosts')).map((h) => h.toLowerCase()),
      allowedOrigins: list(str('--allowed-origins')).map((o) => withoutTrailingSlashes(o.toLowerCase())),
    },
    provider: providerSettings(env),
    appSecret: text(env.WHATSAPP_APP_SECRET) ?? null,
    verifyToken: text(env.WHATSAPP_VERIFY_TOKEN) ?? null,
    webhookToken: webhookToken(env),
    policy: {
      allowedRecipients: allowList(env.WHATSAPP_ALLOWED_RECIPIENTS),
      readOnly: flags.has('--read-only'),
      tools: toolSelection(str('--tools'), knownTools),
      dryRun: flags.has('--dry-run'),
      auditBodies: flags.has('--audit-bodies'),
      perRecipientPerMinute:
        str('--rate-limit-recipient') === undefined ? DEFAULT_RATE_PER_RECIPIENT : wholeNumber('--rate-limit-recipient', str('--rate-limit-recipient') ?? '', 100_000),
      globalPerMinute:
        str('--rate-limit-global') === undefined ? DEFAULT_RATE_GLOBAL : wholeNumber('--rate-limit-global', str('--rate-limit-global') ?? '', 1_000_000),
    },
    dataDir: rawDataDir === undefined ? defaultDataDir() : resolve(rawDataDir),
    uploadDir: rawUploadDir === undefined ? null : isAbsolute(rawUploadDir) ? rawUploadDir : resolve(rawUploadDir),
    maxInlineMediaBytes:
      str('--max-inline-media-bytes') === undefined
        ? DEFAULT_MAX_INLINE_MEDIA_BYTES
        : wholeNumber('--max-inline-media-bytes', str('--max-inline-media-bytes') ?? '', 20 * 1024 * 1024),
  };
  return { kind: 'config', config };
}

export const USAGE = `whatsapp-business-mcp: MCP server for the WhatsApp Business Platform

Usage: whatsapp-business-mcp [options]

Transport
  (default)                    stdio (for Claude Desktop, Cursor, VS Code...)
  --http                       Streamable HTTP on /mcp, plus the inbox webhook on /webhook
  --port <n>                   HTTP port (default ${DEFAULT_PORT})
  --host <addr>                HTTP bind address (default ${DEFAULT_HOST})
  --auth-token <token>         bearer token clients must send (or MCP_AUTH_TOKEN; on loopback
                               one is generated and stored in the data dir when neither is set)
  --allowed-hosts <h1,h2>      extra Host names to accept (behind a reverse proxy)
  --allowed-origins <o1,o2>    extra browser Origins to accept

Policy (operator only; the agent cannot change it)
  --read-only                  offer only tools without side effects
  --tools <list>               toolsets and tool names to offer (comma-separated), toolsets:
${toolsetLines().map((line) => `                                 ${line}`).join('\n')}
  --dry-run                    validate side effects and return the exact request; send nothing
  --rate-limit-recipient <n>   messages per minute to one recipient (default ${DEFAULT_RATE_PER_RECIPIENT}, 0 = off)
  --rate-limit-global <n>      side effects per minute in total (default ${DEFAULT_RATE_GLOBAL}, 0 = off)
  --audit-bodies               include message content in the audit lines on stderr
  WHATSAPP_ALLOWED_RECIPIENTS  comma-separated phone numbers; when set, nobody else can be messaged

Data
  --data-dir <dir>             inbox and generated token (default ~/.whatsapp-business-mcp)
  --upload-dir <dir>           let whatsapp_upload_media read files from this directory (off by default)
  --max-inline-media-bytes <n> downloads up to n bytes are returned inline (default ${DEFAULT_MAX_INLINE_MEDIA_BYTES})

Provider (environment; see the README for each provider)
  WHATSAPP_PROVIDER            sandbox (default: an embedded simulator, nothing leaves the machine),
                               cloud, maton, onprem or itnio
  cloud    WHATSAPP_ACCESS_TOKEN, WHATSAPP_PHONE_NUMBER_ID, WHATSAPP_WABA_ID, WHATSAPP_API_VERSION, WHATSAPP_BASE_URL
  maton    MATON_API_KEY, MATON_CONNECTION_ID, MATON_GATEWAY_URL, MATON_CONTROL_URL,
           WHATSAPP_PHONE_NUMBER_ID, WHATSAPP_WABA_ID, WHATSAPP_API_VERSION
  onprem   WHATSAPP_ONPREM_BASE_URL, WHATSAPP_ONPREM_USERNAME, WHATSAPP_ONPREM_PASSWORD,
           WHATSAPP_ONPREM_INSECURE_TLS (true/false), WHATSAPP_ONPREM_TEMPLATE_NAMESPACE
           (Meta stopped delivering for On-Premises numbers on 2025-10-23)
  itnio    ITNIO_API_KEY, ITNIO_API_SECRET, ITNIO_APP_ID, ITNIO_BUSINESS_PHONE, ITNIO_BASE_URL
  WHATSAPP_APP_SECRET, WHATSAPP_VERIFY_TOKEN   inbox webhook, cloud and maton (Meta signs it; HTTP mode)
  WHATSAPP_WEBHOOK_TOKEN       inbox webhook, onprem and itnio (unsigned: ?token= or Basic-auth password)

  --help, --version
`;
