import { randomBytes } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { join } from 'node:path';
import { createProvider } from 'whatsapp-business-core';
import type { Provider, ProviderConfig, ProviderName } from 'whatsapp-business-core';
import { startSandbox } from 'whatsapp-sandbox';
import type { RunningSandbox, SandboxOptions } from 'whatsapp-sandbox';
import type { McpConfig } from './config';
import { lockDataDir } from './data-dir-lock';
import { Inbox } from './inbox/inbox';
import { UnrecognizedWebhooks } from './inbox/unrecognized';
import { createWebhookHandler, startWebhookListener } from './inbox/webhook';
import type { WebhookFormat, WebhookListener, WebhookSecrets } from './inbox/webhook';
import { RecipientAllowList } from './policy/allowlist';
import { createAuditor } from './policy/audit';
import type { Auditor } from './policy/audit';
import { RateLimiter } from './policy/rate-limit';
import { createSecretScrubber } from './policy/redact';
import { configErrorFromCore, isCoreConfigError, providerConfigFor, providerLabelFor, providerSecrets } from './provider-setup';
import type { ToolDefinition } from './tools/define';
import { allTools, offeredTools, providerNameOf, unavailableTools } from './tools/index';
import { simulateCurlLine } from './tools/simulate';
import { serverInstructions } from './instructions';

export interface RuntimeOptions {
  /**
   * Where the embedded sandbox should send its webhooks (HTTP mode: this server's own /webhook).
   * Without it, a loopback listener is started for them.
   */
  webhookUrl?: string;
  /** Diagnostics (stderr by default). */
  log?: (message: string) => void;
  /** Audit lines (stderr by default). */
  auditSink?: (line: string) => void;
  /** More secrets to keep out of results (the MCP auth token). */
  extraSecrets?: readonly string[];
  /** Extra options for the embedded sandbox (tests). */
  sandbox?: Partial<SandboxOptions>;
  now?: () => number;
  /** How often whatsapp_wait_for_reply reports progress (default 5 s). */
  progressIntervalMs?: number;
}

/** Everything a server instance needs; shared by every per-request server in HTTP mode. */
export interface Runtime {
  readonly config: McpConfig;
  readonly provider: Provider;
  /** The provider's configuration, for dry runs (same requests, a recording transport). */
  readonly providerConfig: ProviderConfig;
  /** Whose API the server speaks (cloud for the embedded sandbox). */
  readonly providerName: ProviderName;
  /** "embedded sandbox", "Meta Cloud API", "Maton gateway"... */
  readonly providerLabel: string;
  readonly sandbox: RunningSandbox | null;
  readonly inbox: Inbox;
  /** Where the inbox gets webhooks from, in words. */
  readonly inboxSource: string;
  readonly webhookSecrets: WebhookSecrets;
  /** How /webhook authenticates and reads POSTs for this provider. */
  readonly webhookFormat: WebhookFormat;
  /** Token-checked webhook bodies that held no message or status (On-Premises, ITNIO); null for Meta's. */
  readonly unrecognized: UnrecognizedWebhooks | null;
  /** Handles /webhook requests (GET handshake; POSTs signed by Meta, or carrying WHATSAPP_WEBHOOK_TOKEN). */
  readonly webhookHandler: (req: IncomingMessage, res: ServerResponse) => void;
  readonly allowList: RecipientAllowList;
  readonly rateLimiter: RateLimiter;
  readonly auditor: Auditor;
  /** Removes configured secrets from text. */
  readonly scrub: (text: string) => string;
  readonly tools: readonly ToolDefinition[];
  /** Tools the provider cannot run, with why and what to use instead (a call to one says so). */
  readonly unavailable: ReadonlyMap<string, string>;
  readonly instructions: string;
  /** How often waiting tools report progress. */
  readonly progressIntervalMs: number;
  log(message: string): void;
  close(): Promise<void>;
}

const stderrLog = (message: string): void => {
  process.stderr.write(`[whatsapp-business-mcp] ${message}\n`);
};

function secret(): string {
  return randomBytes(24).toString('base64url');
}

/** What the operator should know about the provider set-up: variables that have no effect, sunsets. */
export function configurationNotices(config: McpConfig): string[] {
  const kind = config.provider.kind;
  const notices: string[] = [];
  if (kind === 'onprem') {
    notices.push(
      'WhatsApp On-Premises API: Meta stopped delivering messages to and from On-Premises numbers on 2025-10-23; this works only against a client that is still running (lab or legacy set-ups).',
    );
  }
  if (kind === 'onprem' || kind === 'itnio') {
    if (config.appSecret !== null) notices.push(`WHATSAPP_APP_SECRET is not used with ${kind}: its webhooks are not signed by Meta; /webhook checks WHATSAPP_WEBHOOK_TOKEN instead.`);
    if (config.webhookToken === null && config.transport === 'http') notices.push(`/webhook refuses ${kind} webhooks until WHATSAPP_WEBHOOK_TOKEN is set.`);
  } else if (config.webhookToken !== null) {
    notices.push(`WHATSAPP_WEBHOOK_TOKEN is not used with ${kind}: Meta signs its webhooks, checked with WHATSAPP_APP_SECRET.`);
  }
  return notices;
}

/**
 * Builds the provider (the embedded sandbox when none is configured), the inbox and its webhook
 * receiver, the policy objects and the tool list. Close it to stop the sandbox and listeners.
 */
export async function createRuntime(config: McpConfig, options: RuntimeOptions = {}): Promise<Runtime> {
  const log = options.log ?? stderrLog;
  const cleanups: (() => Promise<void>)[] = [];
  const closeAll = async (): Promise<void> => {
    for (const cleanup of cleanups.reverse()) await cleanup().catch(() => undefined);
  };
  try {
    const settings = config.provider;
    const embedded = settings.kind === 'sandbox';
    const providerName = providerNameOf(config);
    const tokenWebhooks = settings.kind === 'onprem' || settings.kind === 'itnio';
    const webhookSecrets: WebhookSecrets = embedded
      ? { appSecret: secret(), verifyToken: secret() }
      : { appSecret: config.appSecret, verifyToken: config.verifyToken, webhookToken: config.webhookToken };
    const webhookFormat: WebhookFormat = settings.kind === 'onprem' ? 'onprem' : settings.kind === 'itnio' ? 'pass-through' : 'meta';
    const defaultPhoneNumberId = settings.kind === 'cloud' || settings.kind === 'maton' ? (settings.phoneNumberId ?? null) : null;

    // One server per data dir: a second would store every webhook again, and with the embedded
    // sandbox empty the first one's inbox file.
    const lock = await lockDataDir(config.dataDir);
    cleanups.push(() => lock.release());

    // The embedded sandbox starts empty on every run, and so does its inbox (kept apart from a real one).
    const inbox = await Inbox.open({
      file: join(config.dataDir, embedded ? 'sandbox-inbox.jsonl' : 'inbox.jsonl'),
      reset: embedded,
      authoritative: embedded,
      phoneNumberId: defaultPhoneNumberId,
      log,
      now: options.now,
    });
    cleanups.push(() => inbox.close());
    if (inbox.corruptLines > 0) log(`inbox: ${inbox.corruptLines} corrupt line(s) skipped in ${inbox.file}`);
    const unrecognized = tokenWebhooks ? new UnrecognizedWebhooks(join(config.dataDir, 'unrecognized-webhooks.jsonl'), log, options.now) : null;
    const webhookHandler = createWebhookHandler(inbox, webhookSecrets, log, { format: webhookFormat, provider: providerName, unrecognized });

    const allowList = new RecipientAllowList(config.policy.allowedRecipients);
    let sandbox: RunningSandbox | null = null;
    let providerConfig: ProviderConfig;
    let inboxSource: string;
    if (settings.kind === 'sandbox') {
      let callbackUrl = options.webhookUrl;
      if (callbackUrl === undefined) {
        const listener: WebhookListener = await startWebhookListener(webhookHandler);
        cleanups.push(() => listener.close());
        callbackUrl = listener.url;
      }
      sandbox = await startSandbox({
        port: 0,
        host: '127.0.0.1',
        token: secret(),
        callbackUrl,
        appSecret: webhookSecrets.appSecret ?? undefined,
        verifyToken: webhookSecrets.verifyToken ?? undefined,
        ...options.sandbox,
      });
      const running = sandbox;
      cleanups.push(() => running.close());
      providerConfig = { provider: 'cloud', accessToken: sandbox.token, baseUrl: sandbox.url, phoneNumberId: sandbox.phoneNumberId, wabaId: sandbox.wabaId };
      inboxSource = 'embedded sandbox (simulated customers; nothing leaves this machine)';
      log(`embedded sandbox at ${sandbox.url}: a simulated WhatsApp Cloud API; nothing leaves this machine.`);
      log(`simulate a customer: ${simulateCurlLine(sandbox.url, allowList)}`);
    } else {
      providerConfig = providerConfigFor(settings);
      const receiving = config.transport === 'http' && (tokenWebhooks ? config.webhookToken !== null : webhookSecrets.appSecret !== null && webhookSecrets.verifyToken !== null);
      inboxSource = receiving
        ? `webhooks received on this server's /webhook${tokenWebhooks ? ' (with WHATSAPP_WEBHOOK_TOKEN)' : ''}`
        : 'no webhook receiver in this process (only messages sent from here, and what another server process writes to the same data dir)';
      for (const notice of configurationNotices(config)) log(notice);
    }
    let provider: Provider;
    try {
      provider = createProvider(providerConfig);
    } catch (error) {
      // Core names its configuration fields; the operator set environment variables.
      throw isCoreConfigError(error) && !embedded ? configErrorFromCore(error, providerName) : error;
    }
    const created = provider;
    cleanups.push(() => created.close());

    const scrub = createSecretScrubber([
      ...providerSecrets(settings),
      config.appSecret,
      config.verifyToken,
      config.webhookToken,
      config.http.authToken,
      webhookSecrets.appSecret,
      webhookSecrets.verifyToken,
      sandbox?.token,
      ...(options.extraSecrets ?? []),
    ]);
    const rateLimiter = new RateLimiter(config.policy.perRecipientPerMinute, config.policy.globalPerMinute, options.now);
    const auditor = createAuditor({ sink: options.auditSink ?? ((line) => process.stderr.write(line)), bodies: config.policy.auditBodies, scrub });
    const known = allTools(config);
    const tools = offeredTools(known, provider, config.policy);
    const unavailable = unavailableTools(known, provider);
    const providerLabel = embedded ? 'embedded sandbox' : providerLabelFor(providerName);
    const instructions = serverInstructions({ config, providerLabel, inboxSource, allowList, tools, sandboxUrl: sandbox?.url ?? null });

    let closing: Promise<void> | null = null;
    return {
      config,
      provider,
      providerConfig,
      providerName,
      providerLabel,
      sandbox,
      inbox,
      inboxSource,
      webhookSecrets,
      webhookFormat,
      unrecognized,
      webhookHandler,
      allowList,
      rateLimiter,
      auditor,
      scrub,
      tools,
      unavailable,
      instructions,
      progressIntervalMs: options.progressIntervalMs ?? 5000,
      log,
      close: () => (closing ??= closeAll()),
    };
  } catch (error) {
    await closeAll();
    throw error;
  }
}
