import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
// The portable entry alone, as the n8n bundle loads it: no undici, no timers registered.
import { createCloudProvider, operations, toNetworkError, WhatsAppConfigError } from '../../../core/portable';
import type { Transport, TransportRequest } from '../../../core/portable';
import { recordingClock } from '../../helpers/recording-clock';

const TOKEN = 'EAAG-portable-secret-token-777777';

function recordingTransport(answer: { status: number; body: unknown }): Transport & { seen: TransportRequest[] } {
  const seen: TransportRequest[] = [];
  return {
    seen,
    async request(request) {
      seen.push(request);
      return { status: answer.status, headers: { 'content-type': 'application/json' }, body: new TextEncoder().encode(JSON.stringify(answer.body)) };
    },
  };
}

describe('the portable entry (what the n8n nodes bundle)', () => {
  it('refuses to build a provider without a transport instead of reaching for a default HTTP client', () => {
    expect(() => createCloudProvider({ provider: 'cloud', accessToken: TOKEN, clock: recordingClock() })).toThrow(WhatsAppConfigError);
    expect(() => createCloudProvider({ provider: 'cloud', accessToken: TOKEN, clock: recordingClock() })).toThrow(/transport: required/);
  });

  it('refuses to build a provider without a clock (n8n forbids timers in node code)', () => {
    const transport = recordingTransport({ status: 200, body: {} });
    expect(() => createCloudProvider({ provider: 'cloud', accessToken: TOKEN, transport })).toThrow(/clock: required/);
  });

  it('with transportAuthenticates, sends no Authorization header of its own', async () => {
    const transport = recordingTransport({ status: 200, body: { messaging_product: 'whatsapp', contacts: [{ input: '16505551234', wa_id: '16505551234' }], messages: [{ id: 'wamid.X' }] } });
    const provider = createCloudProvider({ provider: 'cloud', transportAuthenticates: true, transport, clock: recordingClock(), phoneNumberId: '100000000000001' });
    const result = await operations['message.send'].run(provider, { to: '16505551234', type: 'text', text: { body: 'hi' } });
    expect(result.messageId).toBe('wamid.X');
    expect(transport.seen).toHaveLength(1);
    expect(Object.keys(transport.seen[0].headers).map((name) => name.toLowerCase())).not.toContain('authorization');
    expect(transport.seen[0].url).toBe('https://graph.facebook.com/v23.0/100000000000001/messages');
  });

  it('without transportAuthenticates, the token is required and sent as a bearer', async () => {
    const transport = recordingTransport({ status: 200, body: { id: '200000000000001', name: 'x' } });
    expect(() => createCloudProvider({ provider: 'cloud', transport, clock: recordingClock() })).toThrow(/accessToken: required/);
    const provider = createCloudProvider({ provider: 'cloud', accessToken: TOKEN, transport, clock: recordingClock(), wabaId: '200000000000001' });
    await operations['phoneNumber.list'].run(provider, {}).catch(() => undefined);
    expect(transport.seen[0].headers.authorization).toBe(`Bearer ${TOKEN}`);
  });

  it('rejects a token together with transportAuthenticates (two sources of truth), without echoing it', () => {
    const transport = recordingTransport({ status: 200, body: {} });
    let message = '';
    try {
      createCloudProvider({ provider: 'cloud', accessToken: TOKEN, transportAuthenticates: true, transport, clock: recordingClock() });
    } catch (error) {
      message = (error as Error).message;
    }
    expect(message).toMatch(/accessToken: must be left out when transportAuthenticates is true/);
    expect(message).not.toContain(TOKEN);
  });
});

describe('network failure classification shared by transports', () => {
  it.each([
    ['ECONNREFUSED', 'connection_refused', false],
    ['ENOTFOUND', 'dns', false],
    ['ECONNABORTED', 'timeout', true],
    ['ETIMEDOUT', 'timeout', true],
    ['ECONNRESET', 'connection_reset', true],
    ['ERR_CANCELED', 'aborted', true],
    ['SOMETHING_ELSE', 'other', true],
  ])('an axios-style error with code %s is %s (may have reached the server: %s)', (code, failure, mayHaveReached) => {
    // n8n wraps the client error; the code sits on the cause.
    const error = toNetworkError(Object.assign(new Error('wrapped'), { cause: Object.assign(new Error('inner'), { code }) }), 'https://graph.facebook.com');
    expect(error.failure).toBe(failure);
    expect(error.requestMayHaveReachedServer).toBe(mayHaveReached);
    expect(error.message).toContain('https://graph.facebook.com');
  });

  it('a refused connection from a real socket is classified as never sent', async () => {
    const server = createServer();
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const { port } = server.address() as AddressInfo;
    await new Promise<void>((resolve) => server.close(() => resolve()));
    const thrown = await fetch(`http://127.0.0.1:${port}/`).catch((error: unknown) => error);
    const error = toNetworkError(thrown, `http://127.0.0.1:${port}`);
    expect(error.failure).toBe('connection_refused');
    expect(error.requestMayHaveReachedServer).toBe(false);
  });
});
