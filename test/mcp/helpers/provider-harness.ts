import type { IncomingMessage, ServerResponse } from 'node:http';
import { startSandbox } from 'whatsapp-sandbox';
import type { RunningSandbox, SandboxOptions } from 'whatsapp-sandbox';
import { startWebhookListener } from '../../../mcp/src/inbox/webhook';
import { startHarness } from './harness';
import type { Harness, HarnessOptions } from './harness';

export type Flavor = 'maton' | 'onprem' | 'itnio';

/** Credentials the flavored sandboxes accept; canary-like so a leak is easy to spot. */
export const MATON_KEY = 'CANARY-maton-api-key-5d1c7e';
export const ONPREM_USERNAME = 'admin';
export const ONPREM_PASSWORD = 'CANARY-onprem-password-8a2f';
export const ITNIO_KEY = 'CANARYitnioKey3b9d';
export const ITNIO_SECRET = 'CANARY-itnio-secret-e41f';
export const ITNIO_APP_ID = 'DGziZf5u';
export const APP_SECRET = 'CANARY-app-secret-0c3d92';
export const VERIFY_TOKEN = 'CANARY-verify-token-a7e0';
export const WEBHOOK_TOKEN = 'CANARY-webhook-token-6f19b2';
export const TEMPLATE_NAMESPACE = 'c3a8f2e1_7d4b_4f0e_9a61_2b5c8d9e0f13';
export const SECRETS = [MATON_KEY, ONPREM_PASSWORD, ITNIO_KEY, ITNIO_SECRET, APP_SECRET, VERIFY_TOKEN, WEBHOOK_TOKEN];

export interface SandboxMessage {
  id: string;
  to: string;
  type: string;
  payload: Record<string, unknown>;
  status: string;
}

export interface ProviderHarness extends Harness {
  flavor: Flavor;
  /** The flavored sandbox standing in for the provider. */
  sandbox: RunningSandbox;
  /** The loopback listener routed to the server's /webhook handler. */
  webhookUrl: string;
  /** What the sandbox accepted, as its control API lists it. */
  sentMessages(): Promise<SandboxMessage[]>;
}

export interface ProviderHarnessOptions extends HarnessOptions {
  /** Passed to the flavored sandbox, after the defaults. */
  sandbox?: Partial<SandboxOptions>;
  /** Added to (or overriding) the environment the flavor is configured with. */
  env?: Record<string, string>;
}

function sandboxOptions(flavor: Flavor, listenerUrl: string): SandboxOptions {
  switch (flavor) {
    case 'maton':
      // Maton forwards Meta's webhooks untouched: signed with the app secret, as for the Cloud API.
      return { flavor, token: MATON_KEY, callbackUrl: listenerUrl, appSecret: APP_SECRET, verifyToken: VERIFY_TOKEN };
    case 'onprem':
      return { flavor, username: ONPREM_USERNAME, password: ONPREM_PASSWORD, callbackUrl: `${listenerUrl}?token=${WEBHOOK_TOKEN}` };
    case 'itnio':
      // The sandbox's Meta-shaped webhooks (and Meta's URL handshake) stand in for ITNIO's unpublished callbacks.
      return {
        flavor,
        apiKey: ITNIO_KEY,
        apiSecret: ITNIO_SECRET,
        appId: ITNIO_APP_ID,
        callbackUrl: `${listenerUrl}?token=${WEBHOOK_TOKEN}`,
        appSecret: APP_SECRET,
        verifyToken: VERIFY_TOKEN,
      };
  }
}

/** The server configured through the environment names an operator uses for the flavor's provider. */
export function providerEnv(flavor: Flavor, sandbox: RunningSandbox): Record<string, string> {
  switch (flavor) {
    case 'maton':
      return {
        WHATSAPP_PROVIDER: 'maton',
        MATON_API_KEY: MATON_KEY,
        MATON_GATEWAY_URL: sandbox.url,
        MATON_CONTROL_URL: sandbox.url,
        WHATSAPP_PHONE_NUMBER_ID: sandbox.phoneNumberId,
        WHATSAPP_WABA_ID: sandbox.wabaId,
        WHATSAPP_APP_SECRET: APP_SECRET,
        WHATSAPP_VERIFY_TOKEN: VERIFY_TOKEN,
      };
    case 'onprem':
      return {
        WHATSAPP_PROVIDER: 'onprem',
        WHATSAPP_ONPREM_BASE_URL: `${sandbox.url}/v1`,
        WHATSAPP_ONPREM_USERNAME: ONPREM_USERNAME,
        WHATSAPP_ONPREM_PASSWORD: ONPREM_PASSWORD,
        WHATSAPP_ONPREM_TEMPLATE_NAMESPACE: TEMPLATE_NAMESPACE,
        WHATSAPP_WEBHOOK_TOKEN: WEBHOOK_TOKEN,
      };
    case 'itnio':
      return {
        WHATSAPP_PROVIDER: 'itnio',
        ITNIO_API_KEY: ITNIO_KEY,
        ITNIO_API_SECRET: ITNIO_SECRET,
        ITNIO_APP_ID: ITNIO_APP_ID,
        ITNIO_BUSINESS_PHONE: '15550000001',
        ITNIO_BASE_URL: sandbox.url,
        WHATSAPP_WEBHOOK_TOKEN: WEBHOOK_TOKEN,
        WHATSAPP_VERIFY_TOKEN: VERIFY_TOKEN,
      };
  }
}

/**
 * A flavored sandbox started in-process, and the MCP server configured for that provider through
 * its environment variables, driven by a real SDK Client. The sandbox's webhooks reach the
 * server's /webhook handler through a loopback listener.
 */
export async function startProviderHarness(flavor: Flavor, options: ProviderHarnessOptions = {}): Promise<ProviderHarness> {
  let handler: ((req: IncomingMessage, res: ServerResponse) => void) | null = null;
  const listener = await startWebhookListener((req, res) => {
    if (handler === null) res.writeHead(503).end();
    else handler(req, res);
  });
  let sandbox: RunningSandbox | null = null;
  try {
    sandbox = await startSandbox({ port: 0, ...sandboxOptions(flavor, listener.url), ...options.sandbox });
    const running = sandbox;
    const harness = await startHarness({
      ...options,
      sandbox: undefined,
      env: { ...providerEnv(flavor, running), ...options.env },
      onRuntime: (runtime) => {
        handler = runtime.webhookHandler;
        options.onRuntime?.(runtime);
      },
    });
    const close = harness.close;
    return {
      ...harness,
      flavor,
      sandbox: running,
      webhookUrl: listener.url,
      async customerWrites(body) {
        const response = await fetch(`${running.url}/_sandbox/inbound`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
        if (response.status !== 200) throw new Error(`inbound failed: ${response.status} ${await response.text()}`);
        const answer = (await response.json()) as { messageId: string; mediaId?: string };
        await running.webhooksIdle();
        return answer;
      },
      async sentMessages() {
        const response = await fetch(`${running.url}/_sandbox/messages`);
        return ((await response.json()) as { data: SandboxMessage[] }).data;
      },
      async close() {
        await close();
        await running.close();
        await listener.close();
      },
    };
  } catch (error) {
    await sandbox?.close();
    await listener.close();
    throw error;
  }
}
