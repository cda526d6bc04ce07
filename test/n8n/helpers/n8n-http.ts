/**
 * n8n's request helpers as far as the nodes and credentials use them, for the credential types
 * of the providers (Maton, On-Premises, ITNIO): httpRequest (axios-like: JSON bodies, Basic auth,
 * skipSslCertificateValidation, encoding, returnFullResponse, ignoreHttpStatusErrors, an error
 * with `response` on a non-2xx) and httpRequestWithAuthentication following n8n-core's own flow:
 * the credential class's preAuthentication (when its expirable field is empty, or after a 401),
 * its authenticate (function, or generic with `={{...}}` expressions), the request, and on a
 * thrown 401 one re-login and retry; other failures become NodeApiError with the HTTP error as
 * cause. Real HTTP (undici), credentials loaded from credentials/. Calls are recorded without
 * any header.
 */
import type { ICredentialDataDecryptedObject, ICredentialType, IDataObject, IHttpRequestHelper, IHttpRequestOptions, INode, INodeProperties } from 'n8n-workflow';
import { NodeApiError } from 'n8n-workflow';
import { Agent, fetch } from 'undici';
import { ItnioApi } from '../../../credentials/ItnioApi.credentials';
import { MatonApi } from '../../../credentials/MatonApi.credentials';
import { WhatsAppCloudApi } from '../../../credentials/WhatsAppCloudApi.credentials';
import { WhatsAppOnPremisesApi } from '../../../credentials/WhatsAppOnPremisesApi.credentials';
import { WhatsAppWebhookApi } from '../../../credentials/WhatsAppWebhookApi.credentials';

export const CREDENTIAL_TYPES: Record<string, ICredentialType> = Object.fromEntries(
  [new WhatsAppCloudApi(), new WhatsAppWebhookApi(), new MatonApi(), new WhatsAppOnPremisesApi(), new ItnioApi()].map((type) => [type.name, type]),
);

export interface HttpCall {
  credentialType: string | null;
  method: string;
  /** Path and query. */
  path: string;
  status: number;
}

export interface N8nHttpOptions {
  /** Credential data by type; preAuthentication writes its token here, as n8n stores it. */
  credentials: Record<string, IDataObject>;
  node: INode;
  calls?: HttpCall[];
  /** Counts of preAuthentication runs by credential type. */
  logins?: Record<string, number>;
}

/** Evaluates `={{ expression }}` parts with $credentials, as n8n's expression engine would for these simple cases. */
export function resolveExpression(value: unknown, credentials: IDataObject): unknown {
  if (typeof value !== 'string' || !value.startsWith('=')) return value;
  const template = value.slice(1);
  const whole = /^\{\{([\s\S]*)\}\}$/.exec(template.trim());
  // eslint-disable-next-line @typescript-eslint/no-implied-eval
  const evaluate = (expression: string): unknown => new Function('$credentials', `return (${expression});`)(credentials);
  if (whole !== null && !whole[1].includes('}}')) return evaluate(whole[1]);
  return template.replace(/\{\{([\s\S]*?)\}\}/g, (_match, expression: string) => String(evaluate(expression)));
}

function resolveDeep(value: unknown, credentials: IDataObject): unknown {
  if (Array.isArray(value)) return value.map((item) => resolveDeep(item, credentials));
  if (typeof value === 'object' && value !== null && !Buffer.isBuffer(value)) {
    return Object.fromEntries(Object.entries(value).map(([key, item]) => [key, resolveDeep(item, credentials)]));
  }
  return resolveExpression(value, credentials);
}

const insecure = new Agent({ connect: { rejectUnauthorized: false } });

export interface HttpError extends Error {
  response: { status: number; statusText: string; headers: Record<string, string>; data: unknown };
}

/** n8n-core's httpRequest over real HTTP. */
export async function httpRequest(request: IHttpRequestOptions, record?: (call: Omit<HttpCall, 'credentialType'>) => void): Promise<unknown> {
  const target = new URL(request.baseURL ? `${request.baseURL.replace(/\/+$/, '')}${request.url}` : request.url);
  for (const [key, value] of Object.entries(request.qs ?? {})) if (value !== undefined && value !== null) target.searchParams.set(key, String(value));
  const headers: Record<string, string> = {};
  for (const [key, value] of Object.entries(request.headers ?? {})) if (value !== undefined && value !== null) headers[key.toLowerCase()] = String(value);
  if (request.auth) headers.authorization = `Basic ${Buffer.from(`${request.auth.username}:${request.auth.password}`).toString('base64')}`;
  let body: string | Buffer | undefined;
  if (typeof request.body === 'string' || Buffer.isBuffer(request.body)) body = request.body;
  else if (request.body !== undefined && request.body !== null && Object.keys(request.body as object).length > 0) {
    body = JSON.stringify(request.body);
    headers['content-type'] ??= 'application/json';
  }
  const method = request.method ?? 'GET';
  const response = await fetch(target, {
    method,
    headers,
    body: method === 'GET' ? undefined : body,
    redirect: 'manual',
    dispatcher: request.skipSslCertificateValidation === true ? insecure : undefined,
  });
  const bytes = Buffer.from(await response.arrayBuffer());
  record?.({ method, path: `${target.pathname}${target.search}`, status: response.status });
  let data: unknown = bytes;
  if (request.encoding !== 'arraybuffer') {
    const text = bytes.toString('utf8');
    try {
      data = JSON.parse(text);
    } catch {
      data = text;
    }
  }
  const responseHeaders: Record<string, string> = {};
  response.headers.forEach((value, key) => (responseHeaders[key] = value));
  if (!request.ignoreHttpStatusErrors && (response.status < 200 || response.status > 299)) {
    const error = new Error(`Request failed with status code ${response.status}`) as HttpError;
    error.response = { status: response.status, statusText: response.statusText, headers: responseHeaders, data };
    throw error;
  }
  if (!request.returnFullResponse) return data;
  return { statusCode: response.status, statusMessage: response.statusText, headers: responseHeaders, body: data };
}

function expirableField(type: ICredentialType): INodeProperties | undefined {
  return type.properties.find((property) => property.type === 'hidden' && property.typeOptions?.expirable === true);
}

/** n8n's credentials helper: preAuthentication, then authenticate. */
export function credentialsHelper(options: N8nHttpOptions) {
  const record = (credentialType: string | null) => (call: Omit<HttpCall, 'credentialType'>) => options.calls?.push({ credentialType, ...call });
  const helpers = { httpRequest: (request: IHttpRequestOptions) => httpRequest(request, record(null)) };

  async function preAuthentication(typeName: string, credentials: IDataObject, expired: boolean): Promise<void> {
    const type = CREDENTIAL_TYPES[typeName];
    const field = expirableField(type);
    if (field === undefined || type.preAuthentication === undefined) return;
    if (credentials[field.name] !== '' && credentials[field.name] !== undefined && !expired) return;
    if (options.logins) options.logins[typeName] = (options.logins[typeName] ?? 0) + 1;
    const output = await type.preAuthentication.call({ helpers } as unknown as IHttpRequestHelper, credentials as ICredentialDataDecryptedObject);
    if (output[field.name] !== undefined) Object.assign(credentials, output);
  }

  async function authenticate(typeName: string, credentials: IDataObject, request: IHttpRequestOptions): Promise<IHttpRequestOptions> {
    const authenticateWith = CREDENTIAL_TYPES[typeName].authenticate;
    if (authenticateWith === undefined) return request;
    if (typeof authenticateWith === 'function') return authenticateWith(credentials as ICredentialDataDecryptedObject, request);
    const out: IHttpRequestOptions & Record<string, unknown> = { ...request, headers: { ...(request.headers ?? {}) } };
    for (const [outer, values] of Object.entries(authenticateWith.properties)) {
      const target = (out[outer] ?? {}) as IDataObject;
      for (const [key, value] of Object.entries(values as IDataObject)) target[key] = String(resolveExpression(value, credentials) ?? '');
      out[outer] = target;
    }
    return out;
  }

  function stored(typeName: string): IDataObject {
    const credentials = options.credentials[typeName];
    if (credentials === undefined) throw new Error(`Node does not have credentials of type "${typeName}"`);
    return credentials;
  }

  /** n8n-core's httpRequestWithAuthentication, step for step. */
  async function httpRequestWithAuthentication(typeName: string, request: IHttpRequestOptions): Promise<unknown> {
    const credentials = stored(typeName);
    let options_ = request;
    try {
      await preAuthentication(typeName, credentials, false);
      options_ = await authenticate(typeName, credentials, options_);
      return await httpRequest(options_, record(typeName));
    } catch (error) {
      if ((error as Partial<HttpError>).response?.status === 401) {
        try {
          await preAuthentication(typeName, credentials, true);
          options_ = await authenticate(typeName, credentials, options_);
          return await httpRequest(options_, record(typeName));
        } catch (retryError) {
          throw new NodeApiError(options.node, retryError as never);
        }
      }
      throw new NodeApiError(options.node, error as never);
    }
  }

  /**
   * What n8n's "Test" button does: the credential's test request (expressions resolved, run with
   * preAuthentication as for a test), then its responseSuccessBody rules. Returns n8n's verdict.
   */
  async function testCredential(typeName: string): Promise<{ status: 'OK' | 'Error'; message: string }> {
    const type = CREDENTIAL_TYPES[typeName];
    const credentials = stored(typeName);
    if (type.test === undefined) throw new Error(`${typeName} has no test`);
    const request = resolveDeep(type.test.request, credentials) as IHttpRequestOptions;
    const skipValue: unknown = request.skipSslCertificateValidation;
    const skip = skipValue === true || skipValue === 'true';
    try {
      await preAuthentication(typeName, credentials, true);
      const signed = await authenticate(typeName, credentials, { ...request, skipSslCertificateValidation: skip, json: true });
      const body = await httpRequest(signed, record(typeName));
      for (const rule of type.test.rules ?? []) {
        if (rule.type !== 'responseSuccessBody') continue;
        const value = rule.properties.key.split('.').reduce<unknown>((at, key) => (typeof at === 'object' && at !== null ? (at as IDataObject)[key] : undefined), body);
        if (value === rule.properties.value) return { status: 'Error', message: rule.properties.message };
      }
      return { status: 'OK', message: 'Connection successful!' };
    } catch (error) {
      const status = (error as Partial<HttpError>).response?.status;
      return { status: 'Error', message: status === undefined ? (error as Error).message : `Received HTTP status code: ${status}` };
    }
  }

  return { helpers, httpRequestWithAuthentication, testCredential, authenticate, preAuthentication };
}
