/**
 * The support table is what faces use to decide what to offer without building a provider; these
 * tests hold it to the catalogue and check the central refusals (unsupported operation, message
 * kind, media by id) happen before a provider method runs.
 */
import {
  alternativeFor,
  capabilityMatrixMarkdown,
  listOperations,
  MESSAGE_KINDS,
  operations,
  PROVIDER_NAMES,
  PROVIDER_SUPPORT,
  WhatsAppUnsupportedError,
  WhatsAppValidationError,
} from 'whatsapp-business-core';
import type { Capability, Provider, ProviderName } from 'whatsapp-business-core';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { recordingProvider } from '../validation/helpers';

/** The recording fake, renamed and cut down to one provider's declared capabilities. */
function fakeOf(name: ProviderName): Provider & { calls: unknown[] } {
  const full = recordingProvider() as unknown as Record<string, unknown>;
  const fake: Record<string, unknown> = { name, label: PROVIDER_SUPPORT[name].label, calls: full.calls, close: full.close };
  for (const capability of PROVIDER_SUPPORT[name].capabilities) fake[capability] = full[capability];
  return fake as unknown as Provider & { calls: unknown[] };
}

const ALL_CAPABILITIES = new Set<Capability>(listOperations().flatMap((operation) => [...operation.requires]));

describe('PROVIDER_SUPPORT', () => {
  test.each(PROVIDER_NAMES)('%s: every capability it lacks has an alternative, and it lists only real capabilities', (name) => {
    const support = PROVIDER_SUPPORT[name];
    expect(support.name).toBe(name);
    for (const capability of support.capabilities) expect(ALL_CAPABILITIES.has(capability)).toBe(true);
    for (const capability of ALL_CAPABILITIES) {
      if (!support.capabilities.includes(capability)) expect(alternativeFor(name, capability)).toEqual(expect.any(String));
    }
    for (const kind of MESSAGE_KINDS) {
      if (!support.messageKinds.includes(kind)) expect(alternativeFor(name, kind)).toEqual(expect.any(String));
    }
  });

  test('every provider sends text and templates (the least a WhatsApp provider does)', () => {
    for (const name of PROVIDER_NAMES) {
      expect(PROVIDER_SUPPORT[name].capabilities).toContain('sendMessage');
      expect(PROVIDER_SUPPORT[name].messageKinds).toEqual(expect.arrayContaining(['text', 'template']));
    }
  });
});

describe('central refusals', () => {
  test('an operation a provider lacks fails as unsupported, naming the provider and the alternative, without calling it', async () => {
    const provider = fakeOf('itnio');
    const error = await operations['template.list'].run(provider, {}).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(WhatsAppUnsupportedError);
    expect((error as WhatsAppUnsupportedError).message).toBe('template.list is not supported by ITNIO API');
    expect((error as WhatsAppUnsupportedError).hint).toMatch(/^ITNIO documents only sending messages/);
    expect(provider.calls).toHaveLength(0);
  });

  test('Maton refuses media download and says why and what to use', async () => {
    const error = await operations['media.download'].run(fakeOf('maton'), { mediaId: '123' }).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(WhatsAppUnsupportedError);
    expect((error as WhatsAppUnsupportedError).hint).toMatch(/Meta access token.*Meta Cloud API credential/);
  });

  test('a message kind the provider does not offer is refused before the provider is called', async () => {
    const provider = fakeOf('onprem');
    const send = operations['message.send'];
    const reaction = { to: '15551234567', type: 'reaction', reaction: { messageId: 'wamid.X', emoji: '👍' } };
    const error = await send.run(provider, reaction).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(WhatsAppUnsupportedError);
    expect((error as WhatsAppUnsupportedError).message).toBe('message.send of a reaction message is not supported by WhatsApp On-Premises API');
    const cta = {
      to: '15551234567',
      type: 'interactive',
      interactive: { type: 'cta_url', body: { text: 'Open' }, action: { displayText: 'Go', url: 'https://example.com' } },
    };
    const ctaError = await send.run(provider, cta).catch((caught: unknown) => caught);
    expect((ctaError as Error).message).toContain('interactive.cta_url');
    expect(provider.calls).toHaveLength(0);
  });

  test('a links-only provider refuses media ids, naming every such field, and accepts links', async () => {
    const provider = fakeOf('itnio');
    const send = operations['message.send'];
    const error = await send.run(provider, { to: '15551234567', type: 'image', image: { id: '1234' } }).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(WhatsAppValidationError);
    expect((error as WhatsAppValidationError).issues).toEqual([
      { path: 'image.id', rule: 'not supported by ITNIO API: it takes media by public https link only (use "link")' },
    ]);
    expect(provider.calls).toHaveLength(0);
    await send.run(provider, { to: '15551234567', type: 'image', image: { link: 'https://example.com/a.png' } });
    expect(provider.calls).toHaveLength(1);
  });

  test('the same message by id is fine where media ids are supported', async () => {
    const provider = fakeOf('onprem');
    await operations['message.send'].run(provider, { to: '15551234567', type: 'document', document: { id: 'f043afd0-f0ae', filename: 'a.pdf' } });
    expect(provider.calls).toHaveLength(1);
  });
});

describe('capability matrix', () => {
  test('has one row per operation, per message kind, and the media row', () => {
    const lines = capabilityMatrixMarkdown().split('\n');
    expect(lines).toHaveLength(2 + listOperations().length + MESSAGE_KINDS.length + 1);
    expect(lines[0]).toBe('| operation | Meta Cloud API | Maton gateway | WhatsApp On-Premises API | ITNIO API |');
    expect(lines).toContain('| `media.download` | yes | - | yes | - |');
    expect(lines).toContain('| `connection.list` | - | yes | - | - |');
  });

  test('the README shows exactly the generated matrix', () => {
    const readme = readFileSync(join(__dirname, '../../../README.md'), 'utf8');
    expect(readme).toContain(capabilityMatrixMarkdown());
  });
});
