/**
 * A provider shows its base URLs (toJSON, inspect) and appends paths to them, so a URL carrying
 * credentials or a query is refused when the provider is built, without repeating what it held.
 */
import { inspect } from 'node:util';
import { createProvider, WhatsAppConfigError } from 'whatsapp-business-core';
import type { ProviderConfig } from 'whatsapp-business-core';

const transport = { request: async () => ({ status: 200, headers: {}, body: new Uint8Array() }) };
const SECRET = 'Url-Pa55word-in-the-url';
const CASES: readonly (readonly [string, ProviderConfig, string])[] = [
  ['cloud', { provider: 'cloud', accessToken: 'cloud-token-0001', transport }, 'baseUrl'],
  ['maton', { provider: 'maton', apiKey: 'maton-key-0001', transport }, 'gatewayUrl'],
  ['maton', { provider: 'maton', apiKey: 'maton-key-0001', transport }, 'controlUrl'],
  ['onprem', { provider: 'onprem', baseUrl: 'https://wa.example.com:9090', username: 'admin', password: 'Onprem-Pa55!', transport }, 'baseUrl'],
  ['itnio', { provider: 'itnio', apiKey: 'itnio-key-0001', apiSecret: 'itnio-secret-0001', appId: 'DGziZf5u', businessPhone: '91856321412', transport }, 'baseUrl'],
];

function configError(config: unknown): WhatsAppConfigError {
  try {
    createProvider(config as ProviderConfig);
  } catch (error) {
    expect(error).toBeInstanceOf(WhatsAppConfigError);
    return error as WhatsAppConfigError;
  }
  throw new Error('expected a configuration error');
}

describe.each(CASES.map(([name, base, field]) => [`${name} ${field}`, base, field] as const))('%s', (_label, base, field) => {
  test.each([
    ['a user name and password', `https://admin:${SECRET}@host.example.com:9090`],
    ['a query', `https://host.example.com/?access_token=${SECRET}`],
    ['a fragment', `https://host.example.com/#${SECRET}`],
  ])('with %s is refused, naming the field and not the value', (_what, url) => {
    const error = configError({ ...base, [field]: url });
    expect(error.message).toContain(`${field}: must be a base URL without user name, password, query or fragment`);
    expect(`${error.message} ${JSON.stringify(error)} ${inspect(error)}`).not.toContain(SECRET);
  });

  test('a plain URL with a port, a path and a trailing slash is accepted', async () => {
    const provider = createProvider({ ...base, [field]: 'https://host.example.com:9090/prefix/' } as ProviderConfig);
    expect(provider.name).toBe(base.provider);
    await provider.close();
  });
});
