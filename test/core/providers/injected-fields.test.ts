/**
 * Every provider checks an injected transport and clock the same way (one shared field each), so
 * a clock that would fail only at the first retry (no random()) is refused when the provider is built.
 */
import { createProvider, WhatsAppConfigError } from 'whatsapp-business-core';
import type { ProviderConfig } from 'whatsapp-business-core';

const transport = { request: async () => ({ status: 200, headers: {}, body: new Uint8Array() }) };
const BASES: readonly ProviderConfig[] = [
  { provider: 'cloud', accessToken: 'cloud-token-0001' },
  { provider: 'maton', apiKey: 'maton-key-0001' },
  { provider: 'onprem', baseUrl: 'https://onprem.invalid:9090', username: 'admin', password: 'Onprem-Pa55!' },
  { provider: 'itnio', apiKey: 'itnio-key-0001', apiSecret: 'itnio-secret-0001', appId: 'DGziZf5u', businessPhone: '91856321412' },
];

function configError(config: unknown): string {
  try {
    createProvider(config as ProviderConfig);
  } catch (error) {
    expect(error).toBeInstanceOf(WhatsAppConfigError);
    return (error as Error).message;
  }
  throw new Error('expected a configuration error');
}

describe.each(BASES.map((base) => [base.provider, base] as const))('%s', (_name, base) => {
  test('a clock without random() is refused when the provider is built', () => {
    expect(configError({ ...base, transport, clock: { now: () => 0, sleep: async () => undefined } })).toMatch(/clock: must have now\(\), sleep\(\) and random\(\)/);
  });

  test('a transport without request() is refused', () => {
    expect(configError({ ...base, transport: { send: () => null } })).toMatch(/transport: must have a request\(\) method/);
  });

  test('a complete clock and transport are accepted', async () => {
    const provider = createProvider({ ...base, transport, clock: { now: () => 0, sleep: async () => undefined, random: () => 0.5 } } as ProviderConfig);
    expect(provider.name).toBe(base.provider);
    await provider.close();
  });
});
