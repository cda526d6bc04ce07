/**
 * A small fake of n8n's IExecuteFunctions / ILoadOptionsFunctions for the node's unit tests: node
 * parameters per item, a credential pointing at a sandbox, and httpRequestWithAuthentication doing
 * real HTTP (global fetch) with the credential's bearer header, honouring the request options the
 * node's transport passes. Provider credentials (Maton, On-Premises, ITNIO) go through the
 * credential classes and n8n's own login / sign / retry flow (n8n-http.ts). Recorded requests
 * never keep the Authorization header.
 */
import type {
  IBinaryData,
  IDataObject,
  IExecuteFunctions,
  IHttpRequestOptions,
  ILoadOptionsFunctions,
  INode,
  INodeExecutionData,
} from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';
import { credentialsHelper } from './n8n-http';
import type { HttpCall } from './n8n-http';

export interface FakeCredentials {
  accessToken: string;
  businessAccountId: string;
  apiVersion?: string;
  baseUrl: string;
}

export interface RecordedRequest {
  method: string;
  url: string;
  status: number;
}

export interface FakeContextOptions {
  /** Parameters of each item (one entry per item), or one set shared by `items`. */
  parameters: IDataObject | IDataObject[];
  items?: INodeExecutionData[];
  /** The Cloud API credential (signed here with its bearer token). */
  credentials?: FakeCredentials;
  /**
   * Credentials of the other types by name (matonApi, whatsAppOnPremisesApi, itnioApi): signed by
   * the credential classes themselves, through n8n's own flow (see n8n-http.ts).
   */
  providerCredentials?: Record<string, IDataObject>;
  continueOnFail?: boolean;
}

export interface FakeContext {
  context: IExecuteFunctions;
  loadOptions: ILoadOptionsFunctions;
  requests: RecordedRequest[];
  /** Most HTTP requests in flight at once. */
  maxInFlight: () => number;
  /** Requests through provider credentials (and their logins), without headers. */
  calls: HttpCall[];
  /** preAuthentication runs by credential type. */
  logins: Record<string, number>;
}

export const NODE: INode = {
  id: 'fake-node-id',
  name: 'WhatsApp Business',
  type: 'n8n-nodes-whatsapp-business.whatsAppBusiness',
  typeVersion: 1,
  position: [0, 0],
  parameters: {},
};

function lookup(parameters: IDataObject, path: string): unknown {
  let value: unknown = parameters;
  for (const key of path.split('.')) {
    if (typeof value !== 'object' || value === null) return undefined;
    value = (value as IDataObject)[key];
  }
  return value;
}

function withQuery(url: string, qs: IDataObject | undefined): string {
  if (qs === undefined) return url;
  const target = new URL(url);
  for (const [key, value] of Object.entries(qs)) if (value !== undefined && value !== null) target.searchParams.set(key, String(value));
  return target.toString();
}

export function binaryItem(data: Buffer, mimeType: string, fileName: string, property = 'data'): INodeExecutionData {
  const binary: IBinaryData = { data: data.toString('base64'), mimeType, fileName, fileSize: String(data.length) };
  return { json: {}, binary: { [property]: binary } };
}

export function fakeContext(options: FakeContextOptions): FakeContext {
  const perItem = Array.isArray(options.parameters) ? options.parameters : null;
  const items: INodeExecutionData[] = options.items ?? (perItem ?? [options.parameters]).map(() => ({ json: {} }));
  const paramsOf = (itemIndex: number): IDataObject => (perItem ? (perItem[itemIndex] ?? perItem[0]) : (options.parameters as IDataObject));
  const requests: RecordedRequest[] = [];
  let inFlight = 0;
  let maxInFlight = 0;

  const getParameter = (name: string, itemIndex: number, fallback?: unknown): unknown => {
    const value = lookup(paramsOf(itemIndex), name);
    if (value !== undefined) return value;
    if (fallback !== undefined) return fallback;
    throw new Error(`Could not get parameter "${name}"`);
  };

  const calls: HttpCall[] = [];
  const logins: Record<string, number> = {};
  const providerHelper = credentialsHelper({ credentials: options.providerCredentials ?? {}, node: NODE, calls, logins });

  async function httpRequestWithAuthentication(credentialType: string, request: IHttpRequestOptions): Promise<unknown> {
    if (credentialType !== 'whatsAppCloudApi' || options.credentials === undefined) {
      inFlight += 1;
      maxInFlight = Math.max(maxInFlight, inFlight);
      try {
        return await providerHelper.httpRequestWithAuthentication(credentialType, request);
      } finally {
        inFlight -= 1;
      }
    }
    const headers: Record<string, string> = {};
    for (const [key, value] of Object.entries(request.headers ?? {})) if (value !== undefined) headers[key] = String(value);
    headers.Authorization = `Bearer ${options.credentials.accessToken}`;
    let body: string | Uint8Array | undefined;
    if (typeof request.body === 'string' || Buffer.isBuffer(request.body)) body = request.body;
    else if (request.body !== undefined && request.body !== null) {
      body = JSON.stringify(request.body);
      headers['content-type'] ??= 'application/json';
    }
    const url = withQuery(request.url, request.qs);
    inFlight += 1;
    maxInFlight = Math.max(maxInFlight, inFlight);
    let response: Response;
    try {
      response = await fetch(url, { method: request.method ?? 'GET', headers, body });
    } finally {
      inFlight -= 1;
    }
    requests.push({ method: request.method ?? 'GET', url, status: response.status });
    const bytes = Buffer.from(await response.arrayBuffer());
    let parsed: unknown = bytes;
    if (request.encoding !== 'arraybuffer') {
      const text = bytes.toString('utf8');
      try {
        parsed = JSON.parse(text);
      } catch {
        parsed = text;
      }
    }
    if (!request.ignoreHttpStatusErrors && response.status >= 400) throw new Error(`Request failed with status code ${response.status}`);
    if (!request.returnFullResponse) return parsed;
    return { statusCode: response.status, statusMessage: response.statusText, headers: Object.fromEntries(response.headers.entries()), body: parsed };
  }

  const assertBinaryData = (itemIndex: number, property: string): IBinaryData => {
    const binary = items[itemIndex]?.binary?.[property];
    if (binary === undefined) throw new NodeOperationError(NODE, `This operation expects the node's input data to contain a binary file '${property}', but none was found [item ${itemIndex}]`, { itemIndex });
    return binary;
  };

  const helpers = {
    httpRequestWithAuthentication,
    assertBinaryData,
    getBinaryDataBuffer: async (itemIndex: number, property: string) => Buffer.from(assertBinaryData(itemIndex, property).data, 'base64'),
    prepareBinaryData: async (data: Buffer, fileName?: string, mimeType?: string): Promise<IBinaryData> => ({
      data: data.toString('base64'),
      mimeType: mimeType ?? 'application/octet-stream',
      fileName,
      fileSize: String(data.length),
    }),
    returnJsonArray: (data: IDataObject | IDataObject[]) => (Array.isArray(data) ? data : [data]).map((json) => ({ json })),
    constructExecutionMetaData: (data: INodeExecutionData[], meta: { itemData: { item: number } }) => data.map((item) => ({ ...item, pairedItem: meta.itemData })),
  };

  const base = {
    getNode: () => NODE,
    getCredentials: async (type: string) => {
      if (type === 'whatsAppCloudApi' && options.credentials !== undefined) return { ...options.credentials };
      const stored = options.providerCredentials?.[type];
      if (stored === undefined) throw new Error(`Node does not have credentials of type "${type}"`);
      // A copy, as n8n decrypts one per call; the stored object keeps what preAuthentication wrote.
      return { ...stored };
    },
    continueOnFail: () => options.continueOnFail === true,
    getInputData: () => items,
  };
  const context = { ...base, helpers, getNodeParameter: getParameter } as unknown as IExecuteFunctions;
  const loadOptions = {
    ...base,
    helpers,
    getNodeParameter: (name: string, fallback?: unknown) => getParameter(name, 0, fallback),
  } as unknown as ILoadOptionsFunctions;
  return { context, loadOptions, requests, maxInFlight: () => maxInFlight, calls, logins };
}
