/**
 * The n8n transport's options for the providers: skipSslCertificateValidation only when asked,
 * bytes both ways, the second send that makes n8n log in again after a 401 (only for credentials
 * with an expirable token), and HTTP answers carried inside n8n's errors.
 */
import type { IAllExecuteFunctions, IHttpRequestOptions } from 'n8n-workflow';
import { NodeApiError, NodeOperationError } from 'n8n-workflow';
import { WhatsAppNetworkError } from 'whatsapp-business-core';
import { answerInside, n8nTransport } from '../../../nodes/shared/n8n-transport';
import { WhatsAppBusiness } from '../../../nodes/WhatsAppBusiness/WhatsAppBusiness.node';
import { NODE, fakeContext } from '../helpers/execute-context';

type Answer = { statusCode: number; headers: Record<string, string>; body: unknown } | Error;

function stubContext(answers: Answer[]): { context: IAllExecuteFunctions; sent: IHttpRequestOptions[] } {
  const sent: IHttpRequestOptions[] = [];
  const context = {
    helpers: {
      httpRequestWithAuthentication: async (_type: string, options: IHttpRequestOptions) => {
        sent.push(options);
        const answer = answers.shift();
        if (answer === undefined) throw new Error('no more answers');
        if (answer instanceof Error) throw answer;
        return answer;
      },
    },
  } as unknown as IAllExecuteFunctions;
  return { context, sent };
}

/** The HTTP client's error for a non-2xx answer (axios keeps the answer in `response`). */
function clientError(status: number, body: unknown): Error {
  return Object.assign(new Error(`Request failed with status code ${status}`), {
    response: { status, headers: { 'content-type': 'application/json' }, data: Buffer.from(JSON.stringify(body)) },
  });
}

/** As n8n throws it: a NodeApiError around the client's error, which keeps the status (httpCode) but not the answer. */
function httpError(status: number, body: unknown): NodeApiError {
  return new NodeApiError(NODE, clientError(status, body) as never);
}

const ok = (body: string) => ({ statusCode: 200, headers: { 'Content-Type': 'application/json' }, body: Buffer.from(body) });

describe('n8nTransport', () => {
  test('sends bytes (a raw file body stays a Buffer), reads bytes, and never skips TLS checks unless asked', async () => {
    const { context, sent } = stubContext([ok('{"media":[{"id":"m1"}]}')]);
    const response = await n8nTransport(context, 'whatsAppOnPremisesApi').request({
      method: 'POST',
      url: 'https://wa.example.com:9090/v1/media',
      headers: { 'content-type': 'image/jpeg' },
      body: new Uint8Array([0xff, 0xd8, 0xff]),
    });
    expect(Buffer.isBuffer(sent[0].body)).toBe(true);
    expect([...(sent[0].body as Buffer)]).toEqual([0xff, 0xd8, 0xff]);
    expect(sent[0]).toMatchObject({ encoding: 'arraybuffer', ignoreHttpStatusErrors: true, json: false, headers: { 'content-type': 'image/jpeg' } });
    expect(sent[0].skipSslCertificateValidation).toBeUndefined();
    expect(response).toMatchObject({ status: 200, headers: { 'content-type': 'application/json' } });
    expect(Buffer.from(response.body).toString('utf8')).toBe('{"media":[{"id":"m1"}]}');
  });

  test('skipSslCertificateValidation when the user chose it', async () => {
    const { context, sent } = stubContext([ok('{}')]);
    await n8nTransport(context, 'whatsAppOnPremisesApi', { skipSslCertificateValidation: true }).request({ method: 'GET', url: 'https://wa.example.com/v1/health', headers: {} });
    expect(sent[0].skipSslCertificateValidation).toBe(true);
  });

  test('a 401 is returned as is, unless the credential has an expirable token', async () => {
    const refused = { statusCode: 401, headers: {}, body: Buffer.from('{"errors":[{"code":1005}]}') };
    const plain = stubContext([refused]);
    expect((await n8nTransport(plain.context, 'matonApi').request({ method: 'GET', url: 'https://x/a', headers: {} })).status).toBe(401);
    expect(plain.sent).toHaveLength(1);

    const renewing = stubContext([refused, ok('{"messages":[{"id":"x"}]}')]);
    const answer = await n8nTransport(renewing.context, 'whatsAppOnPremisesApi', { reauthenticateOn401: true }).request({ method: 'POST', url: 'https://x/v1/messages', headers: {}, body: '{}' });
    expect(answer.status).toBe(200);
    // The second send lets n8n throw on the 401, which is what makes it log in again.
    expect(renewing.sent.map((options) => options.ignoreHttpStatusErrors)).toEqual([true, false]);
  });

  test('after the re-login, a refusal of the request itself comes back with its status', async () => {
    const { context } = stubContext([{ statusCode: 401, headers: {}, body: Buffer.from('') }, httpError(400, { errors: [{ code: 1009, title: 'Parameter value is not valid' }] })]);
    const answer = await n8nTransport(context, 'whatsAppOnPremisesApi', { reauthenticateOn401: true }).request({ method: 'POST', url: 'https://x/v1/messages', headers: {}, body: '{}' });
    expect(answer.status).toBe(400);
  });

  test('a refused login (thrown by n8n before the request) is the login\'s answer; a network failure stays one', async () => {
    const login = stubContext([httpError(401, { errors: [{ code: 1005, title: 'Access denied' }] })]);
    expect((await n8nTransport(login.context, 'whatsAppOnPremisesApi').request({ method: 'GET', url: 'https://x/v1/health', headers: {} })).status).toBe(401);
    const down = stubContext([Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:9'), { code: 'ECONNREFUSED' })]);
    await expect(n8nTransport(down.context, 'whatsAppOnPremisesApi').request({ method: 'GET', url: 'https://x/v1/health', headers: {} })).rejects.toBeInstanceOf(WhatsAppNetworkError);
  });

  test('answerInside: the whole answer from the client\'s error, the status from n8n\'s, else null', () => {
    const whole = answerInside(clientError(503, { a: 1 }));
    expect(whole).toMatchObject({ status: 503, headers: { 'content-type': 'application/json' } });
    expect(Buffer.from(whole?.body ?? []).toString('utf8')).toBe('{"a":1}');
    // n8n 2.8 drops the client's error: the status stays, and n8n's own words stand in for the body.
    const wrapped = httpError(503, { a: 1 });
    const fromWrapped = answerInside(wrapped);
    expect(fromWrapped).toMatchObject({ status: 503, headers: { 'content-type': 'text/plain' } });
    expect(Buffer.from(fromWrapped?.body ?? []).toString('utf8')).toBe(String(wrapped.description ?? wrapped.message));
    expect(answerInside(new Error('socket hang up'))).toBeNull();
    expect(answerInside(null)).toBeNull();
  });
});

describe('an operation the credential\'s provider lacks', () => {
  test('Cloud API: connection.list fails before any request, naming Maton as the place for it', async () => {
    const fake = fakeContext({
      parameters: { authentication: 'cloudApi', resource: 'connection', operation: 'getAll' },
      credentials: { accessToken: 't', businessAccountId: '1', baseUrl: 'http://127.0.0.1:9' },
    });
    const error = await new WhatsAppBusiness().execute.call(fake.context).then(
      () => null,
      (failure: unknown) => failure as NodeOperationError,
    );
    expect(error).toBeInstanceOf(NodeOperationError);
    expect(error?.message).toBe('connection.list is not supported by Meta Cloud API');
    expect(String(error?.description)).toContain('Maton only manages connections');
    expect(fake.requests).toEqual([]);
  });
});
