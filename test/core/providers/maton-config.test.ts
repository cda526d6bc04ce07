import { inspect } from 'node:util';
import { createMatonProvider, createProvider, DEFAULT_MATON_REQUESTS_PER_SECOND, operations, WhatsAppConfigError } from 'whatsapp-business-core';
import type { Transport, TransportRequest } from 'whatsapp-business-core';
import { recordingClock } from '../../helpers/recording-clock';

const KEY = 'maton-config-secret-key-31415926';

/** Records requests and answers every one with an empty connection list / a sent message. */
function recorder(): Transport & { requests: TransportRequest[] } {
  const requests: TransportRequest[] = [];
  const encoder = new TextEncoder();
  return {
    requests,
    async request(request) {
      requests.push(request);
      const body = request.url.includes('/connections') ? { connections: [] } : { messages: [{ id: 'wamid.1' }], contacts: [{ wa_id: '16505551234' }] };
      return { status: 200, headers: { 'content-type': 'application/json' }, body: encoder.encode(JSON.stringify(body)) };
    },
  };
}

function configMessage(config: Record<string, unknown>): string {
  try {
    createProvider(config as never);
  } catch (error) {
    expect(error).toBeInstanceOf(WhatsAppConfigError);
    return `${(error as Error).message} ${JSON.stringify(error)} ${inspect(error)}`;
  }
  throw new Error('expected a configuration error');
}

describe('Maton provider configuration', () => {
  const withKey = (overrides: Record<string, unknown>) => ({ apiKey: KEY, ...overrides });
  it.each([
    ['no API key', {}, /apiKey: required/],
    ['a blank API key', withKey({ apiKey: '   ' }), /apiKey: must not be empty/],
    ['an API key with transportAuthenticates', withKey({ transportAuthenticates: true, transport: recorder() }), /apiKey: must be left out when transportAuthenticates is true/],
    ['transportAuthenticates without a transport', { transportAuthenticates: true }, /transport: required when transportAuthenticates is true/],
    ['a gateway URL that is no URL', withKey({ gatewayUrl: 'gateway.maton.ai' }), /gatewayUrl: must be an http\(s\) URL/],
    ['a control URL that is no URL', withKey({ controlUrl: 'ftp://ctrl.maton.ai' }), /controlUrl: must be an http\(s\) URL/],
    ['a negative rate', withKey({ maxRequestsPerSecond: -1 }), /maxRequestsPerSecond: must be at least 0/],
    ['a rate given as text', withKey({ maxRequestsPerSecond: '8' }), /maxRequestsPerSecond/],
    ['a connection id with a line break', withKey({ connectionId: 'abc\r\nX-Evil: 1' }), /connectionId: must be a Maton connection id/],
    ['a non-numeric phone number id', withKey({ phoneNumberId: 'my-phone' }), /phoneNumberId: must be a numeric id/],
    ['a bad API version', withKey({ apiVersion: '23' }), /apiVersion: must look like v23\.0/],
    ['a misspelled field', withKey({ connectionID: 'x' }), /connectionID: unknown field/],
  ])('rejects %s, naming the field and rule', (_name, fields, rule) => {
    const message = configMessage({ provider: 'maton', ...fields });
    expect(message).toMatch(/Invalid maton provider configuration/);
    expect(message).toMatch(rule);
    expect(message).not.toContain(KEY);
  });

  it.each([
    ['the key as the gateway URL', { gatewayUrl: KEY }],
    ['the key as the connection id', { connectionId: `${KEY} ` }],
    ['the key as a field name', { [KEY]: true }],
    ['the key in a numeric field', { maxRequestsPerSecond: KEY }],
  ])('never echoes values: %s', (_name, overrides) => {
    const message = configMessage({ provider: 'maton', apiKey: 'another-maton-key-value', ...overrides });
    expect(message).not.toContain(KEY);
    expect(message).not.toContain('another-maton-key-value');
  });

  it('has defaults: Maton gateway and control hosts, 8 requests/s, no connection id; the key is in neither JSON nor inspect', async () => {
    const provider = createMatonProvider({ provider: 'maton', apiKey: KEY, transport: recorder() });
    expect(DEFAULT_MATON_REQUESTS_PER_SECOND).toBe(8);
    expect(JSON.parse(JSON.stringify(provider))).toEqual({
      name: 'maton',
      label: 'Maton gateway',
      gatewayUrl: 'https://gateway.maton.ai',
      connectionId: null,
      phoneNumberId: null,
      wabaId: null,
      maxRequestsPerSecond: 8,
    });
    expect(inspect(provider, { depth: 10, showHidden: true })).not.toContain(KEY);
    expect(JSON.stringify(provider)).not.toContain(KEY);
    await provider.close();
  });
});

describe('Maton provider requests on the wire', () => {
  it('sends Graph calls to {gateway}/whatsapp-business/{version}/... with the bearer key and Maton-Connection', async () => {
    const transport = recorder();
    const provider = createMatonProvider({
      provider: 'maton',
      apiKey: KEY,
      connectionId: '21fd90f9-5935-43cd-b6c8-bde9d915ca80',
      phoneNumberId: '100000000000001',
      transport,
      clock: recordingClock(),
    });
    await operations['message.send'].run(provider, { to: '16505551234', type: 'text', text: { body: 'Hi' } });
    await operations['connection.list'].run(provider, { status: 'ACTIVE' });
    await operations['connection.create'].run(provider, {}).catch(() => undefined);
    const [send, list, create] = transport.requests;
    expect(send.url).toBe('https://gateway.maton.ai/whatsapp-business/v23.0/100000000000001/messages');
    expect(send.headers).toMatchObject({ authorization: `Bearer ${KEY}`, 'maton-connection': '21fd90f9-5935-43cd-b6c8-bde9d915ca80' });
    expect(list).toMatchObject({ method: 'GET', url: 'https://ctrl.maton.ai/connections?app=whatsapp-business&status=ACTIVE' });
    expect(list.headers).toMatchObject({ authorization: `Bearer ${KEY}` });
    // The connection API is about all connections: it gets no Maton-Connection.
    expect(list.headers).not.toHaveProperty('maton-connection');
    expect(create).toMatchObject({ method: 'POST', url: 'https://ctrl.maton.ai/connections', body: '{"app":"whatsapp-business"}' });
  });

  it('accepts the gateway URL with or without the /whatsapp-business prefix, and a custom API version', async () => {
    const transport = recorder();
    const provider = createMatonProvider({
      provider: 'maton',
      apiKey: KEY,
      gatewayUrl: 'https://gw.example.test/whatsapp-business/',
      controlUrl: 'https://ctrl.example.test/',
      apiVersion: 'v21.0',
      phoneNumberId: '100000000000001',
      transport,
      clock: recordingClock(),
    });
    await operations['message.send'].run(provider, { to: '16505551234', type: 'text', text: { body: 'Hi' } });
    await operations['connection.get'].run(provider, { connectionId: 'a b/c' }).catch(() => undefined);
    expect(transport.requests[0].url).toBe('https://gw.example.test/whatsapp-business/v21.0/100000000000001/messages');
    expect(transport.requests[1].url).toBe('https://ctrl.example.test/connections/a%20b%2Fc');
  });

  it('with transportAuthenticates adds no Authorization but still sends Maton-Connection (not a secret)', async () => {
    const transport = recorder();
    const provider = createProvider({
      provider: 'maton',
      transportAuthenticates: true,
      transport,
      connectionId: 'conn-1',
      phoneNumberId: '100000000000001',
      clock: recordingClock(),
    });
    await operations['message.send'].run(provider, { to: '16505551234', type: 'text', text: { body: 'Hi' } });
    await operations['connection.list'].run(provider, {});
    for (const request of transport.requests) expect(Object.keys(request.headers).map((name) => name.toLowerCase())).not.toContain('authorization');
    expect(transport.requests[0].headers).toMatchObject({ 'maton-connection': 'conn-1' });
  });

  it('does not close a transport it was given, and closes one it made', async () => {
    const close = jest.fn(async () => undefined);
    const given = createMatonProvider({ provider: 'maton', apiKey: KEY, transport: { request: recorder().request, close } });
    await given.close();
    expect(close).not.toHaveBeenCalled();
    const own = createMatonProvider({ provider: 'maton', apiKey: KEY });
    await expect(own.close()).resolves.toBeUndefined();
  });
});
