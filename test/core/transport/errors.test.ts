import { createHash } from 'node:crypto';
import { createProvider, hintForMetaCode, operations, WhatsAppApiError } from 'whatsapp-business-core';
import type { Provider } from 'whatsapp-business-core';
import { recordingClock } from '../../helpers/recording-clock';
import { json, metaError, raw, reset, startScriptedServer } from '../../helpers/scripted-server';
import type { ScriptedServer, Step } from '../../helpers/scripted-server';

const TOKEN = 'EAAG-very-secret-token-0987654321';
const TEXT = { to: '16505551234', type: 'text', text: { body: 'hello' } };

let server: ScriptedServer;
let provider: Provider;

async function setup(steps: Step[]): Promise<void> {
  server = await startScriptedServer(steps);
  provider = createProvider({
    provider: 'cloud',
    accessToken: TOKEN,
    baseUrl: server.url,
    phoneNumberId: '100000000000001',
    retry: { maxRetries: 0 },
    clock: recordingClock(),
  });
}

afterEach(async () => {
  await provider?.close();
  await server?.close();
});

async function sendFailure(): Promise<WhatsAppApiError> {
  try {
    await operations['message.send'].run(provider, TEXT);
  } catch (error) {
    return error as WhatsAppApiError;
  }
  throw new Error('expected the send to fail');
}

describe("Meta's error envelope", () => {
  it('becomes one error carrying provider, status, code, subcode, title, details, fbtrace id and hint', async () => {
    await setup([
      json(400, {
        error: {
          message: '(#131030) Recipient phone number not in allowed list',
          type: 'OAuthException',
          code: 131030,
          error_subcode: 2494055,
          error_data: { messaging_product: 'whatsapp', details: 'Recipient phone number not in allowed list: Add recipient phone number to recipient list and try again.' },
          fbtrace_id: 'AvyB8nM0rXl9YVVxgFvrmBp',
        },
      }),
    ]);
    const error = await sendFailure();
    expect(error).toBeInstanceOf(WhatsAppApiError);
    expect(error.toJSON()).toMatchObject({
      kind: 'api',
      provider: 'cloud',
      httpStatus: 400,
      metaCode: 131030,
      metaSubcode: 2494055,
      title: 'Recipient phone number not in allowed list',
      details: 'Recipient phone number not in allowed list: Add recipient phone number to recipient list and try again.',
      fbtraceId: 'AvyB8nM0rXl9YVVxgFvrmBp',
      retryable: false,
    });
    expect(error.message).toBe(
      'Meta Cloud API error 131030: Recipient phone number not in allowed list: Recipient phone number not in allowed list: Add recipient phone number to recipient list and try again.',
    );
    expect(error.hint).toMatch(/allowed list/);
  });

  it.each([
    [131047, /template/],
    [131030, /allowed list/],
    [132000, /number of parameters/],
    [132001, /does not exist in this language or is not approved/],
    [132012, /wrong format/],
    [190, /token is invalid or expired/],
    [131056, /Too many messages to this user/],
    [130429, /throughput/],
  ])('has a one-line hint for code %i', (code, pattern) => {
    const hint = hintForMetaCode(code);
    expect(hint).toMatch(pattern);
    expect(hint).not.toContain('\n');
  });

  it('reports an HTML error page by its title, without the markup', async () => {
    await setup([raw(502, 'text/html', '<html><head><title>502 Bad Gateway</title></head><body><h1>oops</h1></body></html>')]);
    const error = await sendFailure();
    expect(error.message).toBe('Meta Cloud API answered HTTP 502 without an error object (text/html: "502 Bad Gateway")');
    expect(error.metaCode).toBeNull();
  });

  it('handles an error without error_data or a numeric code', async () => {
    await setup([json(400, { error: { message: 'Something odd' } })]);
    const error = await sendFailure();
    expect(error).toMatchObject({ metaCode: null, details: null, title: 'Something odd', hint: null });
  });
});

describe('secrets never leak', () => {
  const echoes: [string, Step][] = [
    ['an error message that quotes the token', metaError(400, 100, `Invalid parameter near ${TOKEN}`)],
    ['an error with the Authorization header in details', (req, res) => {
      res.writeHead(400, { 'content-type': 'application/json' });
      res.end(JSON.stringify({ error: { message: 'bad', code: 100, error_data: { details: `header was ${req.headers.authorization}` } } }));
    }],
    ['an HTML page echoing the token', raw(500, 'text/html', `<title>token ${TOKEN} rejected</title>`)],
    ['an access_token query echo', metaError(400, 190, `Invalid OAuth access token access_token=${TOKEN}`)],
  ];

  it.each(echoes)('redacts %s from the message, fields and JSON', async (_name, step) => {
    await setup([step]);
    const error = await sendFailure();
    const everything = `${error.message} ${error.stack} ${JSON.stringify(error)} ${String(error.details)} ${String(error.title)}`;
    expect(everything).not.toContain(TOKEN);
    expect(everything).toContain('[redacted]');
  });

  it('keeps the token out of network errors', async () => {
    await setup([reset]);
    const error = await sendFailure();
    expect(`${error.message} ${JSON.stringify(error)}`).not.toContain(TOKEN);
  });

  it('refuses to send the token to a media URL on a foreign host', async () => {
    await setup([json(200, { id: '555', url: 'https://evil.example.com/steal', mime_type: 'image/png', sha256: 'x', file_size: 1 })]);
    await expect(operations['media.download'].run(provider, { mediaId: '555' })).rejects.toMatchObject({ kind: 'configuration' });
    expect(server.requests).toHaveLength(1);
  });

  it('never echoes a token from an invalid configuration', () => {
    let message = '';
    try {
      createProvider({ provider: 'cloud', accessToken: TOKEN, baseUrl: `not a url ${TOKEN}`, apiVersion: TOKEN });
    } catch (error) {
      message = `${(error as Error).message} ${JSON.stringify(error)}`;
    }
    expect(message).toMatch(/baseUrl: must be an http\(s\) URL/);
    expect(message).toMatch(/apiVersion: must look like v23.0/);
    expect(message).not.toContain(TOKEN);
  });
});

describe('media download integrity', () => {
  const bytes = Buffer.from('the real file');
  const hexOf = (data: Buffer) => createHash('sha256').update(data).digest('hex');
  const info = (overrides: Record<string, unknown>): Step => (req, res) => {
    const origin = `http://${req.headers.host}`;
    res.writeHead(200, { 'content-type': 'application/json' });
    res.end(JSON.stringify({ id: '77', url: `${origin}/lookaside/77`, mime_type: 'application/pdf', file_size: bytes.length, sha256: hexOf(bytes), ...overrides }));
  };
  const download = () => operations['media.download'].run(provider, { mediaId: '77' });

  it('returns verified bytes when the checksum matches, sending the token to the provider origin', async () => {
    await setup([info({}), raw(200, 'application/pdf', bytes)]);
    const file = await download();
    expect(Buffer.from(file.data).equals(bytes)).toBe(true);
    expect(file.sha256Verified).toBe(true);
    expect(server.requests[1].headers.authorization).toBe(`Bearer ${TOKEN}`);
  });

  it('accepts the base64 form of the checksum (as webhooks carry it)', async () => {
    const base64 = Buffer.from(hexOf(bytes), 'hex').toString('base64');
    await setup([info({ sha256: base64 }), raw(200, 'application/pdf', bytes)]);
    await expect(download()).resolves.toMatchObject({ sha256Verified: true });
  });

  it('rejects bytes whose SHA-256 differs from what the provider announced', async () => {
    await setup([info({ sha256: hexOf(Buffer.from('another file')) }), raw(200, 'application/pdf', bytes)]);
    await expect(download()).rejects.toMatchObject({ kind: 'integrity', retryable: true, message: expect.stringMatching(/do not match the SHA-256/) });
  });

  it('rejects a truncated download', async () => {
    await setup([info({ sha256: null, file_size: bytes.length + 10 }), raw(200, 'application/pdf', bytes)]);
    await expect(download()).rejects.toMatchObject({ kind: 'integrity', message: expect.stringMatching(/expected 23 bytes, downloaded 13/) });
  });

  it('rejects an HTML page served in place of the file', async () => {
    await setup([info({ sha256: null, file_size: null }), raw(200, 'text/html; charset=utf-8', '<html>Login</html>')]);
    await expect(download()).rejects.toMatchObject({ kind: 'api', message: expect.stringMatching(/HTML page instead of the file/) });
  });
});
