/**
 * A server that repeats a credential in any field of its error answer (fbtrace_id, error_data,
 * error_user_msg...) must never get it shown: not in the message, a field, toJSON, String(err),
 * util.inspect or the stack. Real HTTP against a scripted server on 127.0.0.1, for every provider.
 */
import { inspect } from 'node:util';
import { NodeApiError } from 'n8n-workflow';
import { createCloudProvider, createItnioProvider, createMatonProvider, createOnPremProvider, operations, UndiciTransport, WhatsAppError, WhatsAppValidationError } from 'whatsapp-business-core';
import type { Provider } from 'whatsapp-business-core';
import { shortenedAtWord } from '../../core/errors/body-text';
import { createRedactor } from '../../core/redact';
import { toNodeError } from '../../nodes/shared/errors';
import { recordingClock } from '../helpers/recording-clock';
import { json, startScriptedServer } from '../helpers/scripted-server';
import type { ScriptedServer, Step } from '../helpers/scripted-server';

const CLOUD_TOKEN = 'EAAG-echoed-cloud-token-6d2f8a1c';
const MATON_KEY = 'maton-echoed-api-key-3b7e9f20';
const USERNAME = 'echo-admin';
const PASSWORD = 'Echo-Pa55word-41ac';
const LOGIN_TOKEN = 'onprem-echoed-login-token-8e0d2b';
const ITNIO_KEY = 'itnio-echoed-key-5521';
const ITNIO_SECRET = 'itnio-echoed-secret-0c9d7a';
const TEXT = { to: '16505551234', type: 'text', text: { body: 'hello' } };
/** Where core cuts Maton's own error text (SERVER_TEXT_MAX in maton-errors.ts). */
const MATON_TEXT_CUT = 200;

/** A Graph error envelope that repeats `secret` in every field a server can fill. */
function graphEnvelopeEchoing(secret: string, code = 100): Record<string, unknown> {
  return {
    error: {
      message: `(#${code}) Invalid parameter near ${secret}`,
      type: `OAuthException ${secret}`,
      code,
      error_subcode: 2494010,
      error_user_title: `Title with ${secret}`,
      error_user_msg: `User message with ${secret}`,
      error_data: { messaging_product: 'whatsapp', details: `Details with access_token=${secret}` },
      fbtrace_id: secret,
      is_transient: false,
    },
  };
}

/** Every way an error reaches a user, a log or an agent. */
function surfaces(error: WhatsAppError): Record<string, string> {
  return {
    message: error.message,
    string: String(error),
    json: JSON.stringify(error),
    toJSON: JSON.stringify(error.toJSON()),
    inspect: inspect(error, { depth: 8 }),
    stack: String(error.stack),
    title: String(error.title),
    details: String(error.details),
    fbtraceId: String(error.fbtraceId),
    hint: String(error.hint),
  };
}

function expectRedacted(error: unknown, secrets: readonly string[]): void {
  expect(error).toBeInstanceOf(WhatsAppError);
  for (const [where, text] of Object.entries(surfaces(error as WhatsAppError))) {
    for (const secret of secrets) expect({ where, leaked: text.includes(secret) }).toEqual({ where, leaked: false });
  }
}

async function failure(run: Promise<unknown>): Promise<WhatsAppError> {
  try {
    await run;
  } catch (error) {
    return error as WhatsAppError;
  }
  throw new Error('expected the call to fail');
}

let server: ScriptedServer | null = null;
let provider: Provider | null = null;

async function serve(steps: Step[]): Promise<string> {
  server = await startScriptedServer(steps);
  return server.url;
}

afterEach(async () => {
  await provider?.close();
  await server?.close();
  provider = null;
  server = null;
});

describe('a credential echoed in any field of an error envelope is redacted', () => {
  it('Cloud: fbtrace_id, error_data, error_user_msg, error_user_title and message', async () => {
    const url = await serve([json(400, graphEnvelopeEchoing(CLOUD_TOKEN))]);
    provider = createCloudProvider({ provider: 'cloud', accessToken: CLOUD_TOKEN, baseUrl: url, phoneNumberId: '100000000000001', retry: { maxRetries: 0 }, clock: recordingClock() });
    const error = await failure(operations['message.send'].run(provider, TEXT));
    expect(error).toMatchObject({ kind: 'api', httpStatus: 400, metaCode: 100, metaSubcode: 2494010, fbtraceId: '[redacted]' });
    expect(error.title).toBe('Title with [redacted]');
    expect(error.details).toBe('Details with access_token=[redacted]');
    expectRedacted(error, [CLOUD_TOKEN]);
  });

  it('Maton: a Graph envelope passed through the gateway, and the token-expired (190) reading', async () => {
    for (const code of [100, 190]) {
      const url = await serve([json(400, graphEnvelopeEchoing(MATON_KEY, code))]);
      provider = createMatonProvider({ provider: 'maton', apiKey: MATON_KEY, gatewayUrl: url, controlUrl: url, phoneNumberId: '100000000000001', maxRequestsPerSecond: 0, retry: { maxRetries: 0 }, clock: recordingClock() } as never);
      const error = await failure(operations['message.send'].run(provider, TEXT));
      expect(error).toMatchObject({ kind: 'api', metaCode: code, fbtraceId: '[redacted]' });
      expectRedacted(error, [MATON_KEY]);
      await provider.close();
      await server?.close();
      provider = null;
      server = null;
    }
  });

  it("Maton: the gateway's own error naming the key", async () => {
    const url = await serve([json(401, { error: `invalid key ${MATON_KEY}`, fbtrace_id: MATON_KEY })]);
    provider = createMatonProvider({ provider: 'maton', apiKey: MATON_KEY, gatewayUrl: url, controlUrl: url, phoneNumberId: '100000000000001', maxRequestsPerSecond: 0, retry: { maxRetries: 0 }, clock: recordingClock() } as never);
    const error = await failure(operations['message.send'].run(provider, TEXT));
    expect(error).toMatchObject({ kind: 'api', httpStatus: 401 });
    expectRedacted(error, [MATON_KEY]);
  });

  it('On-Premises: title, details and href of the error list echo the password and the login token', async () => {
    const basic = Buffer.from(`${USERNAME}:${PASSWORD}`, 'utf8').toString('base64');
    const login = json(200, { users: [{ token: LOGIN_TOKEN, expires_after: '2099-01-01 00:00:00+00:00' }], meta: { api_status: 'stable', version: 'v2.41.2' } });
    const echo = json(400, {
      meta: { api_status: 'stable', version: LOGIN_TOKEN },
      errors: [
        { code: 1008, title: `Bad request from ${basic}`, details: `token ${LOGIN_TOKEN}, password ${PASSWORD}`, href: `https://example.test/?t=${LOGIN_TOKEN}` },
        { code: 1009, title: LOGIN_TOKEN, details: PASSWORD },
      ],
    });
    const url = await serve([login, echo]);
    provider = createOnPremProvider({ provider: 'onprem', baseUrl: url, username: USERNAME, password: PASSWORD, readinessTimeoutMs: 0, retry: { maxRetries: 0 }, clock: recordingClock() });
    const error = await failure(operations['message.send'].run(provider, TEXT));
    expect(error).toMatchObject({ kind: 'api', httpStatus: 400, metaCode: 1008 });
    expect(error.details).toContain('[redacted]');
    expectRedacted(error, [LOGIN_TOKEN, PASSWORD, basic]);
  });

  it("ITNIO: the reason and the status text echo the key and the secret", async () => {
    const url = await serve([json(200, { status: `-7 ${ITNIO_SECRET}`, reason: `denied for ${ITNIO_KEY} / ${ITNIO_SECRET}`, data: { fbtrace_id: ITNIO_SECRET } })]);
    provider = createItnioProvider({ provider: 'itnio', apiKey: ITNIO_KEY, apiSecret: ITNIO_SECRET, appId: 'DGziZf5u', businessPhone: '91856321412', baseUrl: url, retry: { maxRetries: 0 }, clock: recordingClock() });
    const error = await failure(operations['message.send'].run(provider, TEXT));
    expect(error).toMatchObject({ kind: 'api' });
    expect(error.details).toContain('[redacted]');
    expectRedacted(error, [ITNIO_KEY, ITNIO_SECRET]);
  });
});

describe('the n8n face: a token only n8n knows (its credential signs the requests)', () => {
  it('is redacted from every field of the node error, fbtrace_id included', async () => {
    const url = await serve([json(400, graphEnvelopeEchoing(CLOUD_TOKEN))]);
    // As in n8n: core gets no token; the transport adds the credential's header itself.
    const undici = new UndiciTransport({});
    provider = createCloudProvider({
      provider: 'cloud',
      transportAuthenticates: true,
      baseUrl: url,
      phoneNumberId: '100000000000001',
      retry: { maxRetries: 0 },
      clock: recordingClock(),
      transport: {
        request: (request) => undici.request({ ...request, headers: { ...request.headers, authorization: `Bearer ${CLOUD_TOKEN}` } }),
        close: () => undici.close(),
      },
    });
    const error = await failure(operations['message.send'].run(provider, TEXT));
    // Core could not know this token: the face's redactor removes it, from every field at once.
    expect(error.fbtraceId).toBe(CLOUD_TOKEN);
    const node = { id: 'n1', name: 'WhatsApp Business', type: 'n8n-nodes-whatsapp-business.whatsAppBusiness', typeVersion: 1, position: [0, 0] as [number, number], parameters: {} };
    const nodeError = toNodeError(node, error, 0, createRedactor([CLOUD_TOKEN]));
    expect(nodeError).toBeInstanceOf(NodeApiError);
    const shown = [nodeError.message, String(nodeError.description), JSON.stringify(nodeError), JSON.stringify((nodeError as NodeApiError).errorResponse), inspect(nodeError, { depth: 8 }), String(nodeError.stack), String(nodeError)];
    for (const text of shown) expect(text).not.toContain(CLOUD_TOKEN);
    expect(JSON.stringify((nodeError as NodeApiError).errorResponse)).toContain('"fbtrace_id":"[redacted]"');
  });

  it('redactedWith keeps the class and every non-text field, and reaches validation rules', () => {
    const validation = new WhatsAppValidationError([{ path: 'text.body', rule: `must not contain ${CLOUD_TOKEN}` }], 'cloud');
    const copy = validation.redactedWith((text) => text.split(CLOUD_TOKEN).join('[redacted]'));
    expect(copy).toBeInstanceOf(WhatsAppValidationError);
    expect(copy.issues).toEqual([{ path: 'text.body', rule: 'must not contain [redacted]' }]);
    expect(`${copy.message} ${String(copy.stack)} ${JSON.stringify(copy)}`).not.toContain(CLOUD_TOKEN);
    expect(validation.issues[0].rule).toContain(CLOUD_TOKEN);
  });
});

describe('a secret the server echoes where a short description cuts the text', () => {
  /** Every prefix of the secret long enough to be recognisable (12 characters or more: shorter ones
   * such as `onprem-e` also begin file names in a stack). */
  function expectNoPrefix(text: string, secret: string): void {
    for (let length = 12; length <= secret.length; length += 1) expect({ length, leaked: text.includes(secret.slice(0, length)) }).toEqual({ length, leaked: false });
  }
  function plain(status: number, body: string): Step {
    return (_req, res) => {
      res.writeHead(status, { 'content-type': 'text/plain' });
      res.end(body);
    };
  }
  // The secret starts a few characters before the cut (120 characters of a body, 200 of Maton's
  // own text), and at the very start of the body.
  const bodies = (secret: string, cut = 120): string[] => [`${'word '.repeat(Math.floor(cut / 5) - 3)}${secret} and more text after it`, `${secret}${'x'.repeat(cut + 100)}`];

  it('Cloud and the n8n face: a non-JSON answer never shows the first part of a cut secret', async () => {
    for (const body of bodies(CLOUD_TOKEN)) {
      const url = await serve([plain(502, body)]);
      const undici = new UndiciTransport({});
      // As in n8n, where core does not know the token and cannot redact it itself.
      provider = createCloudProvider({ provider: 'cloud', transportAuthenticates: true, baseUrl: url, phoneNumberId: '100000000000001', retry: { maxRetries: 0 }, clock: recordingClock(), transport: { request: (request) => undici.request(request), close: () => undici.close() } });
      const error = await failure(operations['message.send'].run(provider, TEXT));
      expect(error).toMatchObject({ kind: 'api', httpStatus: 502 });
      for (const text of Object.values(surfaces(error))) expectNoPrefix(text, CLOUD_TOKEN);
      await provider.close();
      await server?.close();
      provider = null;
      server = null;
    }
  });

  it("Maton's own error text and On-Premises' non-JSON answer: the same", async () => {
    for (const body of bodies(MATON_KEY, MATON_TEXT_CUT)) {
      const url = await serve([plain(401, body)]);
      provider = createMatonProvider({ provider: 'maton', apiKey: MATON_KEY, gatewayUrl: url, controlUrl: url, phoneNumberId: '100000000000001', maxRequestsPerSecond: 0, retry: { maxRetries: 0 }, clock: recordingClock() } as never);
      const error = await failure(operations['message.send'].run(provider, TEXT));
      for (const text of Object.values(surfaces(error))) expectNoPrefix(text, MATON_KEY);
      await provider.close();
      await server?.close();
      provider = null;
      server = null;
    }
    for (const body of bodies(LOGIN_TOKEN)) {
      const login = json(200, { users: [{ token: LOGIN_TOKEN, expires_after: '2099-01-01 00:00:00+00:00' }], meta: { api_status: 'stable', version: 'v2.41.2' } });
      const url = await serve([login, plain(400, body)]);
      provider = createOnPremProvider({ provider: 'onprem', baseUrl: url, username: USERNAME, password: PASSWORD, readinessTimeoutMs: 0, retry: { maxRetries: 0 }, clock: recordingClock() });
      const error = await failure(operations['message.send'].run(provider, TEXT));
      for (const text of Object.values(surfaces(error))) expectNoPrefix(text, LOGIN_TOKEN);
      await provider.close();
      await server?.close();
      provider = null;
      server = null;
    }
  });

  it('keeps whole words up to the limit and says the text goes on', () => {
    expect(shortenedAtWord('short text', 120)).toBe('short text');
    expect(shortenedAtWord('alpha beta gamma', 12)).toBe('alpha beta...');
    expect(shortenedAtWord('alpha beta gamma', 10)).toBe('alpha beta...');
    expect(shortenedAtWord(`${'y'.repeat(50)} tail`, 20)).toBe('...');
  });
});
