/**
 * A small fake of n8n's IExecuteFunctions / ILoadOptionsFunctions for the node's unit tests: node
 * parameters per item, a credential pointing at a sandbox, and httpRequestWithAuthentication doing
 * real HTTP (global fetch) with the credential's bearer header, honouring the request options the
 * node's transport passes. Recorded requests never keep the Authorization header.
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
  credentials: FakeCredentials;
  continueOnFail?: boolean;
}

export interface FakeContext {
  context: IExecuteFunctions;
  loadOptions: ILoadOptionsFunctions;
  requests: RecordedRequest[];
  /** Most HTTP requests in flight at once. */
  maxInFlight: () => number;
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

  async function httpRequestWithAuthentication(credentialType: string, request: IHttpRequestOptions): Promise<unknown> {
    if (credentialType !== 'whatsAppCloudApi') throw new Error(`Unexpected credential type ${credentialType}`);
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
      if (type !== 'whatsAppCloudApi') throw new Error(`Unexpected credential type ${type}`);
      return { ...options.credentials };
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
  return { context, loadOptions, requests, maxInFlight: () => maxInFlight };
}
