/**
 * Helpers for the trigger suites in a real n8n (trigger-*.e2e.ts): a collector the workflows post
 * their items to, signed webhook POSTs as Meta sends them, and the workflow and credential JSON.
 */
import { createHmac } from 'node:crypto';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { N8nInstance, freePort, type N8nInstall } from './harness';

/**
 * The harness's n8n with its own task-broker port: n8n 2.x starts a task broker on 5679 even with
 * runners off, so a second n8n on the machine (another suite, another checkout) would make
 * `n8n start` exit with "port 5679 is already in use".
 */
export class IsolatedN8n extends N8nInstance {
  private constructor(install: N8nInstall, port: number, private readonly brokerPort: number) {
    super(install, port);
  }

  static async create(install: N8nInstall): Promise<IsolatedN8n> {
    return new IsolatedN8n(install, await freePort(), await freePort());
  }

  override env(): NodeJS.ProcessEnv {
    return { ...super.env(), N8N_RUNNERS_BROKER_PORT: String(this.brokerPort) };
  }
}

export interface Collected {
  workflow: string;
  item: Record<string, unknown>;
}

export interface Collector {
  url: string;
  bodies: Collected[];
  close(): Promise<void>;
}

/** Receives what the workflows' HTTP Request node posts: one body per execution item. Listens on 127.0.0.1. */
export async function startCollector(): Promise<Collector> {
  const bodies: Collected[] = [];
  const server: Server = createServer((req, res) => {
    let text = '';
    req.on('data', (chunk: Buffer) => (text += chunk.toString()));
    req.on('end', () => {
      try {
        bodies.push(JSON.parse(text) as Collected);
      } catch {
        bodies.push({ workflow: 'unparseable', item: { text } });
      }
      res.writeHead(200, { 'content-type': 'application/json' }).end('{"ok":true}');
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/collect`,
    bodies,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

export async function waitFor<T>(what: string, probe: () => T | undefined | Promise<T | undefined>, timeoutMs = 30_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
}

export const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

/** POSTs a body signed with the app secret, as Meta does. */
export async function postSigned(url: string, body: string, appSecret: string): Promise<number> {
  const signature = `sha256=${createHmac('sha256', appSecret).update(body).digest('hex')}`;
  const response = await fetch(url, { method: 'POST', headers: { 'Content-Type': 'application/json', 'X-Hub-Signature-256': signature }, body });
  await response.arrayBuffer();
  return response.status;
}

/** A Meta webhook body with messages and statuses for one phone number. */
export function metaBody(phoneNumberId: string, value: { messages?: unknown[]; statuses?: unknown[] }): string {
  return JSON.stringify({
    object: 'whatsapp_business_account',
    entry: [
      {
        id: '200000000000001',
        changes: [
          {
            field: 'messages',
            value: {
              messaging_product: 'whatsapp',
              metadata: { display_phone_number: '15550000001', phone_number_id: phoneNumberId },
              contacts: [{ profile: { name: 'E2E Customer' }, wa_id: '15550100009' }],
              ...value,
            },
          },
        ],
      },
    ],
  });
}

export function textMessage(id: string, text: string): Record<string, unknown> {
  return { from: '15550100009', id, timestamp: String(Math.floor(Date.now() / 1000)), type: 'text', text: { body: text } };
}

export interface TriggerWorkflowOptions {
  id: string;
  webhookId: string;
  /** Posted with each item, to tell workflows apart at the collector. */
  label: string;
  collectorUrl: string;
  typeVersion: number;
  events: string[];
  webhookCredentialId: string;
  cloudCredentialId: string;
}

/** Trigger (manual setup: nothing registered at Meta) -> HTTP Request posting each item to the collector. */
export function triggerWorkflow(options: TriggerWorkflowOptions): Record<string, unknown> {
  return {
    id: options.id,
    name: `E2E trigger ${options.label}`,
    active: false,
    nodes: [
      {
        id: `${options.id}-trigger`,
        name: 'WhatsApp Business Trigger',
        type: 'n8n-nodes-whatsapp-business.whatsAppBusinessTrigger',
        typeVersion: options.typeVersion,
        position: [0, 0],
        webhookId: options.webhookId,
        parameters: { authentication: 'cloudApi', setupMode: 'manual', events: options.events, options: {} },
        credentials: {
          whatsAppWebhookApi: { id: options.webhookCredentialId, name: 'E2E Webhook' },
          whatsAppCloudApi: { id: options.cloudCredentialId, name: 'E2E Cloud API' },
        },
      },
      {
        id: `${options.id}-collect`,
        name: 'Collect',
        type: 'n8n-nodes-base.httpRequest',
        typeVersion: 4.2,
        position: [300, 0],
        parameters: {
          method: 'POST',
          url: options.collectorUrl,
          sendBody: true,
          specifyBody: 'json',
          jsonBody: `={{ JSON.stringify({ workflow: '${options.label}', item: $json }) }}`,
          options: {},
        },
      },
    ],
    connections: { 'WhatsApp Business Trigger': { main: [[{ node: 'Collect', type: 'main', index: 0 }]] } },
    settings: { executionOrder: 'v1' },
    pinData: {},
  };
}

/** The two credentials a Cloud API trigger needs; the Cloud API one is not called in manual setup. */
export function triggerCredentials(ids: { webhook: string; cloud: string }, appSecret: string, unusedBaseUrl: string): unknown[] {
  return [
    {
      id: ids.webhook,
      name: 'E2E Webhook',
      type: 'whatsAppWebhookApi',
      data: { appId: '300000000000001', appSecret, verifyToken: 'e2e-verify', apiVersion: 'v23.0', baseUrl: unusedBaseUrl },
    },
    {
      id: ids.cloud,
      name: 'E2E Cloud API',
      type: 'whatsAppCloudApi',
      data: { accessToken: 'e2e-unused-token', businessAccountId: '200000000000001', apiVersion: 'v23.0', baseUrl: unusedBaseUrl },
    },
  ];
}
