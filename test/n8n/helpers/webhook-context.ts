/**
 * Hand-rolled n8n contexts for webhook triggers: IWebhookFunctions (a request with rawBody, headers
 * and query; a response that records status and body) and IHookFunctions (checkExists, create,
 * delete). Static data is a plain object the test keeps across calls, as n8n keeps it across
 * executions. httpRequestWithAuthentication does real HTTP (to a sandbox) after adding the
 * credential's own authentication, like n8n does (the provider credentials through their own
 * classes, see n8n-http.ts), and records each call without its token.
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type {
  IBinaryData,
  IDataObject,
  IHookFunctions,
  IHttpRequestOptions,
  INode,
  INodeExecutionData,
  IWebhookFunctions,
  IWebhookResponseData,
} from 'n8n-workflow';
import { credentialsHelper } from './n8n-http';

export type Credentials = Record<string, IDataObject>;

export interface RecordedCall {
  credentialType: string;
  method: string;
  /** Path and query without access_token. */
  path: string;
  status: number;
}

export interface ContextOptions {
  parameters?: Record<string, unknown>;
  credentials?: Credentials;
  /** Kept by the test and passed to every context of the same node. */
  staticData?: IDataObject;
  webhookUrl?: string;
  workflowId?: string;
  nodeId?: string;
  /** The node's typeVersion (default 1, as a workflow saved before version 2). */
  typeVersion?: number;
  /** Every Graph call made through httpRequestWithAuthentication is pushed here. */
  calls?: RecordedCall[];
}

export interface WebhookRequest {
  webhookName: 'setup' | 'default';
  rawBody?: Buffer | string;
  headers?: Record<string, string>;
  query?: Record<string, unknown>;
}

export interface RecordedResponse {
  status: number | null;
  contentType: string | null;
  body: string | null;
}

export const NODE_ID = '8e2f5c1a-0000-4000-8000-000000000001';
export const WORKFLOW_ID = 'wf-trigger-test';

function node(options: ContextOptions): INode {
  return {
    id: options.nodeId ?? NODE_ID,
    name: 'WhatsApp Business Trigger',
    type: 'n8n-nodes-whatsapp-business.whatsAppBusinessTrigger',
    typeVersion: options.typeVersion ?? 1,
    position: [0, 0],
    parameters: {},
  };
}

function authenticate(credentialType: string, credentials: IDataObject, url: URL, headers: Record<string, string>): void {
  if (credentialType === 'whatsAppWebhookApi') {
    url.searchParams.set('access_token', `${String(credentials.appId)}|${String(credentials.appSecret)}`);
  } else if (credentialType === 'whatsAppCloudApi') {
    headers.authorization = `Bearer ${String(credentials.accessToken)}`;
  } else {
    throw new Error(`the fake context does not know how to authenticate ${credentialType}`);
  }
}

function credentialsOf(options: ContextOptions, type: string): IDataObject {
  const credentials = options.credentials?.[type];
  if (credentials === undefined) throw new Error(`Node does not have credentials of type "${type}"`);
  return credentials;
}

/** n8n's httpRequestWithAuthentication, as far as the trigger and core's n8n transport use it. */
function httpRequestWithAuthentication(options: ContextOptions) {
  const providers = credentialsHelper({ credentials: options.credentials ?? {}, node: node(options) });
  return async (credentialType: string, request: IHttpRequestOptions): Promise<unknown> => {
    // The provider credentials sign requests themselves, through n8n's own flow.
    if (credentialType !== 'whatsAppWebhookApi' && credentialType !== 'whatsAppCloudApi') {
      const response = await providers.httpRequestWithAuthentication(credentialType, request);
      const shown = new URL(request.url);
      options.calls?.push({ credentialType, method: request.method ?? 'GET', path: `${shown.pathname}${shown.search}`, status: (response as { statusCode?: number }).statusCode ?? 200 });
      return response;
    }
    const url = new URL(request.url);
    for (const [key, value] of Object.entries(request.qs ?? {})) url.searchParams.set(key, String(value));
    const headers: Record<string, string> = {};
    for (const [key, value] of Object.entries(request.headers ?? {})) headers[key.toLowerCase()] = String(value);
    authenticate(credentialType, credentialsOf(options, credentialType), url, headers);
    let body: string | Buffer | undefined;
    if (typeof request.body === 'string' || Buffer.isBuffer(request.body)) body = request.body;
    else if (request.body !== undefined) {
      body = JSON.stringify(request.body);
      headers['content-type'] ??= 'application/json';
    }
    const response = await fetch(url, { method: request.method ?? 'GET', headers, body, redirect: 'manual' });
    const bytes = Buffer.from(await response.arrayBuffer());
    const shown = new URL(url);
    shown.searchParams.delete('access_token');
    options.calls?.push({ credentialType, method: request.method ?? 'GET', path: `${shown.pathname}${shown.search}`, status: response.status });
    if (!request.ignoreHttpStatusErrors && response.status >= 400) throw new Error(`Request failed with status code ${response.status}`);
    const parsed: unknown = request.encoding === 'arraybuffer' ? bytes : request.json ? JSON.parse(bytes.toString('utf8')) : bytes.toString('utf8');
    if (!request.returnFullResponse) return parsed;
    const responseHeaders: Record<string, string> = {};
    response.headers.forEach((value, key) => (responseHeaders[key] = value));
    return { statusCode: response.status, headers: responseHeaders, body: parsed };
  };
}

async function prepareBinaryData(data: Buffer, fileName?: string, mimeType?: string): Promise<IBinaryData> {
  return { data: data.toString('base64'), mimeType: mimeType ?? 'application/octet-stream', fileName, fileSize: String(data.length) };
}

function common(options: ContextOptions, staticData: IDataObject) {
  return {
    getNode: () => node(options),
    getWorkflow: () => ({ id: options.workflowId ?? WORKFLOW_ID, name: 'Trigger test', active: true }),
    getMode: () => 'trigger',
    getNodeParameter: (name: string, fallback?: unknown) => (options.parameters?.[name] !== undefined ? options.parameters[name] : fallback),
    getCredentials: async (type: string) => credentialsOf(options, type),
    getWorkflowStaticData: () => staticData,
    getNodeWebhookUrl: () => options.webhookUrl ?? 'https://n8n.example.com/webhook/abc/webhook',
  };
}

export interface FakeWebhookContext {
  context: IWebhookFunctions;
  response: RecordedResponse;
}

/** An IWebhookFunctions for one request. */
export function webhookContext(options: ContextOptions, request: WebhookRequest): FakeWebhookContext {
  const staticData = options.staticData ?? {};
  const recorded: RecordedResponse = { status: null, contentType: null, body: null };
  const responseObject = {
    status(code: number) {
      recorded.status = code;
      return responseObject;
    },
    type(contentType: string) {
      recorded.contentType = contentType;
      return responseObject;
    },
    send(body: string) {
      recorded.body = body;
      return responseObject;
    },
  };
  const headers: Record<string, string> = {};
  for (const [key, value] of Object.entries(request.headers ?? {})) headers[key.toLowerCase()] = value;
  const requestObject = { rawBody: request.rawBody, headers, query: request.query ?? {} };
  const context = {
    ...common(options, staticData),
    getWebhookName: () => request.webhookName,
    getRequestObject: () => requestObject,
    getResponseObject: () => responseObject,
    getHeaderData: () => headers,
    getQueryData: () => request.query ?? {},
    getBodyData: () => (typeof request.rawBody === 'undefined' ? {} : JSON.parse(request.rawBody.toString())),
    helpers: {
      httpRequestWithAuthentication: httpRequestWithAuthentication(options),
      prepareBinaryData,
      returnJsonArray: (items: IDataObject | IDataObject[]) => (Array.isArray(items) ? items : [items]).map((json) => ({ json })),
    },
  };
  return { context: context as unknown as IWebhookFunctions, response: recorded };
}

/** An IHookFunctions for checkExists / create / delete. */
export function hookContext(options: ContextOptions): IHookFunctions {
  const staticData = options.staticData ?? {};
  const context = {
    ...common(options, staticData),
    getActivationMode: () => 'activate',
    getWebhookName: () => 'default',
    getWebhookDescription: () => undefined,
    helpers: { httpRequestWithAuthentication: httpRequestWithAuthentication(options) },
  };
  return context as unknown as IHookFunctions;
}

export interface WebhookNode {
  webhook(this: IWebhookFunctions): Promise<IWebhookResponseData>;
}

export interface TriggerServer {
  /** e.g. http://127.0.0.1:41234/webhook/abc/webhook */
  url: string;
  /** workflowData of every call that started an execution. */
  executions: INodeExecutionData[][];
  /** Status codes answered, in order (GET and POST). */
  answers: { method: string; status: number }[];
  waitForExecutions(count: number, timeoutMs?: number): Promise<void>;
  close(): Promise<void>;
}

/**
 * A tiny 127.0.0.1 HTTP server that does what n8n does for a live webhook: read the raw body, call
 * the node's webhook() with a context for that request, and answer (the node's own response,
 * or 200 {"message":"Webhook call received"} as n8n does for onReceived).
 */
export async function startTriggerServer(nodeType: WebhookNode, options: () => ContextOptions): Promise<TriggerServer> {
  const executions: INodeExecutionData[][] = [];
  const answers: { method: string; status: number }[] = [];
  let waiters: { count: number; resolve: () => void }[] = [];
  const handle = async (request: IncomingMessage, response: ServerResponse): Promise<void> => {
    const chunks: Buffer[] = [];
    for await (const chunk of request) chunks.push(chunk as Buffer);
    const url = new URL(request.url ?? '/', 'http://trigger.invalid');
    const query: Record<string, string> = {};
    for (const [key, value] of url.searchParams) query[key] = value;
    const headers: Record<string, string> = {};
    for (const [key, value] of Object.entries(request.headers)) if (typeof value === 'string') headers[key] = value;
    const { context, response: recorded } = webhookContext(options(), {
      webhookName: request.method === 'GET' ? 'setup' : 'default',
      rawBody: request.method === 'GET' ? undefined : Buffer.concat(chunks),
      headers,
      query,
    });
    let status = 200;
    let body = '{"message":"Webhook call received"}';
    let type = 'application/json';
    try {
      const result = await nodeType.webhook.call(context);
      if (result.noWebhookResponse) {
        status = recorded.status ?? 200;
        body = recorded.body ?? '';
        type = recorded.contentType ?? 'text/plain';
      } else if (result.workflowData !== undefined) {
        executions.push(result.workflowData[0]);
        waiters = waiters.filter((waiter) => (executions.length >= waiter.count ? (waiter.resolve(), false) : true));
      }
    } catch (error) {
      status = 500;
      body = JSON.stringify({ message: error instanceof Error ? error.message : String(error) });
    }
    answers.push({ method: request.method ?? '?', status });
    response.writeHead(status, { 'Content-Type': type });
    response.end(body);
  };
  const server: Server = createServer((request, response) => void handle(request, response));
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as AddressInfo).port;
  return {
    url: `http://127.0.0.1:${port}/webhook/abc/webhook`,
    executions,
    answers,
    waitForExecutions(count, timeoutMs = 10_000) {
      if (executions.length >= count) return Promise.resolve();
      return new Promise((resolve, reject) => {
        const timer = setTimeout(() => reject(new Error(`waited for ${count} executions, got ${executions.length}`)), timeoutMs);
        waiters.push({
          count,
          resolve: () => {
            clearTimeout(timer);
            resolve();
          },
        });
      });
    },
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
