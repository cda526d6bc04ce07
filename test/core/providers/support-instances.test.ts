/**
 * PROVIDER_SUPPORT is what the faces trust without building a provider (n8n's operation lists, the
 * MCP tool list, the README matrix). These tests hold it to real instances of every provider, in
 * both authentication modes: the capabilities are exactly the methods present, and every message
 * kind declared gets past validation to the wire while every other kind is refused before it.
 */
import {
  createProvider,
  listOperations,
  MESSAGE_KINDS,
  operations,
  PROVIDER_NAMES,
  PROVIDER_SUPPORT,
  WhatsAppNetworkError,
  WhatsAppUnsupportedError,
} from 'whatsapp-business-core';
import type { Capability, MessageKind, Provider, ProviderConfig, ProviderName, Transport, TransportRequest } from 'whatsapp-business-core';
import { recordingClock } from '../../helpers/recording-clock';

const SENTINEL = 'reached-the-wire';

/** Fails every request, recording it: a request made means validation let the message through. */
function wireStop(): Transport & { requests: TransportRequest[] } {
  const requests: TransportRequest[] = [];
  return {
    requests,
    request: async (request) => {
      requests.push(request);
      throw new Error(SENTINEL);
    },
  };
}

const common = { retry: { maxRetries: 0 }, clock: recordingClock() };

/** A configuration of each provider, with its own credentials or with a transport that authenticates. */
function configOf(name: ProviderName, transport: Transport, transportAuthenticates: boolean): ProviderConfig {
  const auth = transportAuthenticates ? { transportAuthenticates: true } : null;
  switch (name) {
    case 'cloud':
      return { provider: 'cloud', ...(auth ?? { accessToken: 'cloud-token-0001' }), phoneNumberId: '1234567890', wabaId: '987654321', transport, ...common };
    case 'maton':
      return { provider: 'maton', ...(auth ?? { apiKey: 'maton-key-0001' }), phoneNumberId: '1234567890', wabaId: '987654321', maxRequestsPerSecond: 0, transport, ...common };
    case 'onprem':
      return {
        provider: 'onprem',
        baseUrl: 'https://onprem.invalid:9090',
        ...(auth ?? { username: 'admin', password: 'Onprem-Pa55!' }),
        templateNamespace: 'ns_0001',
        readinessTimeoutMs: 0,
        transport,
        ...common,
      };
    case 'itnio':
      return { provider: 'itnio', ...(auth ?? { apiKey: 'itnio-key-0001', apiSecret: 'itnio-secret-0001' }), appId: 'DGziZf5u', businessPhone: '91856321412', transport, ...common };
  }
}

/** One message of each kind that every provider offering the kind can carry (links, names, titles). */
const TO = '16505551234';
const SAMPLES: Readonly<Record<MessageKind, Record<string, unknown>>> = {
  text: { type: 'text', text: { body: 'hello' } },
  image: { type: 'image', image: { link: 'https://example.com/a.png', caption: 'A' } },
  video: { type: 'video', video: { link: 'https://example.com/a.mp4' } },
  audio: { type: 'audio', audio: { link: 'https://example.com/a.mp3' } },
  document: { type: 'document', document: { link: 'https://example.com/a.pdf', filename: 'a.pdf' } },
  sticker: { type: 'sticker', sticker: { link: 'https://example.com/a.webp' } },
  location: { type: 'location', location: { latitude: 1.5, longitude: 2.5, name: 'Shop', address: 'Main St 1' } },
  contacts: { type: 'contacts', contacts: [{ name: { formattedName: 'Ana B', firstName: 'Ana' } }] },
  reaction: { type: 'reaction', reaction: { messageId: 'wamid.X', emoji: '👍' } },
  'interactive.button': {
    type: 'interactive',
    interactive: { type: 'button', body: { text: 'Pick' }, action: { buttons: [{ id: 'y', title: 'Yes' }] } },
  },
  'interactive.list': {
    type: 'interactive',
    interactive: { type: 'list', body: { text: 'Pick' }, action: { button: 'Open', sections: [{ title: 'All', rows: [{ id: 'r', title: 'Row' }] }] } },
  },
  'interactive.cta_url': {
    type: 'interactive',
    interactive: { type: 'cta_url', body: { text: 'Open' }, action: { displayText: 'Go', url: 'https://example.com' } },
  },
  'interactive.location_request_message': { type: 'interactive', interactive: { type: 'location_request_message', body: { text: 'Where?' } } },
  template: { type: 'template', template: { name: 'hello_world', language: 'en_US' } },
};

const ALL_CAPABILITIES = [...new Set<Capability>(listOperations().flatMap((operation) => [...operation.requires]))];
const CASES = PROVIDER_NAMES.flatMap((name) => [
  [name, 'own credentials', false] as const,
  [name, 'transportAuthenticates', true] as const,
]);

describe.each(CASES)('%s (%s)', (name, _mode, transportAuthenticates) => {
  let provider: Provider;
  let transport: ReturnType<typeof wireStop>;
  beforeEach(() => {
    transport = wireStop();
    provider = createProvider(configOf(name, transport, transportAuthenticates));
  });
  afterEach(async () => {
    await provider.close();
  });

  test('has exactly the capabilities PROVIDER_SUPPORT declares', () => {
    const present = ALL_CAPABILITIES.filter((capability) => typeof provider[capability] === 'function');
    expect(present.sort()).toEqual([...PROVIDER_SUPPORT[name].capabilities].sort());
    expect(provider.name).toBe(name);
    expect(provider.label).toBe(PROVIDER_SUPPORT[name].label);
  });

  test.each(MESSAGE_KINDS)('%s messages reach the wire exactly when the kind is declared', async (kind) => {
    const error = await operations['message.send'].run(provider, { to: TO, ...SAMPLES[kind] }).then(
      () => null,
      (caught: unknown) => caught,
    );
    if (PROVIDER_SUPPORT[name].messageKinds.includes(kind)) {
      // Validation passed and a request left (the On-Premises login counts: it is the first step of the send).
      expect(error).toBeInstanceOf(WhatsAppNetworkError);
      expect((error as Error).message).toContain(SENTINEL);
      expect(transport.requests.length).toBeGreaterThan(0);
    } else {
      expect(error).toBeInstanceOf(WhatsAppUnsupportedError);
      expect((error as WhatsAppUnsupportedError).hint).toEqual(expect.any(String));
      expect(transport.requests).toHaveLength(0);
    }
  });
});

describe('alternatives name a way that works', () => {
  test.each(['cloud', 'onprem', 'itnio'] as const)('%s: connection operations point at a Maton credential, not at the provider at hand', async (name) => {
    const transport = wireStop();
    const provider = createProvider(configOf(name, transport, false));
    const error = await operations['connection.list'].run(provider, {}).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(WhatsAppUnsupportedError);
    expect((error as WhatsAppUnsupportedError).hint).toMatch(/Maton API credential/);
    expect((error as WhatsAppUnsupportedError).hint).not.toMatch(/Meta Cloud API/);
    expect(transport.requests).toHaveLength(0);
    await provider.close();
  });
});
