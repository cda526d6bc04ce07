import { inspect } from 'node:util';
import { createProvider, operations, WhatsAppNetworkError } from 'whatsapp-business-core';
import type { Transport } from 'whatsapp-business-core';
import { recordingClock } from '../../helpers/recording-clock';

const TOKEN = 'EAAG-object-secret-token-555555';

describe('no credential in objects that get logged or serialized', () => {
  it('a provider serializes and inspects without its token', async () => {
    const provider = createProvider({ provider: 'cloud', accessToken: TOKEN, phoneNumberId: '100000000000001', wabaId: '200000000000001' });
    expect(JSON.stringify(provider)).not.toContain(TOKEN);
    expect(inspect(provider, { depth: 10, showHidden: true })).not.toContain(TOKEN);
    expect(JSON.parse(JSON.stringify(provider))).toEqual({ name: 'cloud', label: 'Meta Cloud API', phoneNumberId: '100000000000001', wabaId: '200000000000001' });
    await provider.close();
  });

  it("a custom transport's own error (carrying the request headers) is reduced to a redacted network error", async () => {
    const leaky: Transport = {
      async request(request) {
        const error = new Error(`request failed with headers ${JSON.stringify(request.headers)}`);
        Object.assign(error, { config: { headers: request.headers } });
        throw error;
      },
    };
    const provider = createProvider({ provider: 'cloud', accessToken: TOKEN, phoneNumberId: '1', transport: leaky, clock: recordingClock(), retry: { maxRetries: 0 } });
    const error = await operations['message.send'].run(provider, { to: '16505551234', type: 'text', text: { body: 'hi' } }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(WhatsAppNetworkError);
    expect(error).toMatchObject({ failure: 'other', requestMayHaveReachedServer: true, retryable: false });
    expect(error).not.toHaveProperty('config');
    expect(error).not.toHaveProperty('cause');
    const everything = `${(error as Error).message} ${JSON.stringify(error)} ${inspect(error, { depth: 10 })}`;
    expect(everything).not.toContain(TOKEN);
  });

  it.each([
    ['a token in a numeric field, with a parenthesis', { retry: { maxRetries: `EAAB)${TOKEN}` } }],
    ['a token as the provider name', { provider: TOKEN }],
    ['a token in an unknown field', { [TOKEN]: true }],
    ['a token as the base URL', { baseUrl: TOKEN }],
  ])('configuration errors never echo values: %s', (_name, overrides) => {
    let message = '';
    try {
      createProvider({ provider: 'cloud', accessToken: 'another-token-value', ...overrides } as never);
    } catch (error) {
      message = `${(error as Error).message} ${JSON.stringify(error)}`;
    }
    expect(message).toMatch(/Invalid cloud provider configuration|Unknown provider/);
    expect(message).not.toContain(TOKEN);
    expect(message).not.toContain('another-token-value');
  });

  it('rejects a misspelled configuration field instead of ignoring it', () => {
    expect(() => createProvider({ provider: 'cloud', accessToken: 'x-token', phonenumberId: '1' } as never)).toThrow(/phonenumberId: unknown field/);
  });
});
