/**
 * Validators and parsers cost time proportional to their input, never worse: an input 8 times
 * larger may cost about 8 times more, not 64. Each case compares two sizes within one run.
 */
import { createCloudProvider, operations, WhatsAppValidationError } from 'whatsapp-business-core';
import type { Provider } from 'whatsapp-business-core';
import { withoutTrailingSlashes } from '../../../core/providers/config-fields';
import { expectLinearGrowth, GROWTH_FACTOR } from '../../helpers/growth';
import { recordingClock } from '../../helpers/recording-clock';
import { json, raw, startScriptedServer } from '../../helpers/scripted-server';
import type { ScriptedServer } from '../../helpers/scripted-server';
import { recordingProvider, rejected } from './helpers';

const react = (emoji: string) => ({ to: '16505551234', type: 'reaction', reaction: { messageId: 'wamid.HBgL', emoji } });

async function refusal(name: 'message.send' | 'template.create', input: unknown): Promise<WhatsAppValidationError | null> {
  try {
    await operations[name].run(recordingProvider(), input as never);
  } catch (error) {
    if (error instanceof WhatsAppValidationError) return error;
    throw error;
  }
  return null;
}

describe('reaction emoji: checked by length before it is split into graphemes', () => {
  it('refuses a 120,000-character emoji naming the field and the rule, without echoing it', async () => {
    const error = await rejected('message.send', react('👍'.repeat(60_000)));
    expect(error.issues).toEqual([{ path: 'reaction.emoji', rule: 'must be a single emoji, or empty to remove the reaction (got 60000 characters)' }]);
    expect(error.message.length).toBeLessThan(500);
  });

  it.each([
    ['repeated emoji', (n: number) => '👍'.repeat(n / 2)],
    ['one emoji with a long ZWJ tail', (n: number) => `👍${'\u200d👍'.repeat(n / 3)}`],
    ['a letter with combining marks', (n: number) => `a${'\u0301'.repeat(n)}`],
  ])('%s: 120,000 characters cost about what 15,000 do, and memory stays flat', async (_label, make) => {
    const small = react(make(15_000));
    const large = react(make(15_000 * GROWTH_FACTOR));
    const before = process.memoryUsage().heapUsed;
    await expectLinearGrowth(() => refusal('message.send', small), () => refusal('message.send', large));
    // Splitting 120,000 characters into graphemes copied the whole input per grapheme (gigabytes).
    expect(process.memoryUsage().heapUsed - before).toBeLessThan(256 * 1024 * 1024);
  });

  it('still accepts the longest emoji sequences', async () => {
    for (const emoji of ['👩🏻‍❤️‍💋‍👨🏼', '🏴󠁧󠁢󠁳󠁣󠁴󠁿', '🧑🏽‍🤝‍🧑🏿', '👨‍👩‍👧‍👦']) expect(await refusal('message.send', react(emoji))).toBeNull();
  });
});

describe('other validators: linear in their input', () => {
  it('a template with many named examples (duplicates looked up in a set, not by indexOf)', async () => {
    const template = (n: number) => ({
      wabaId: '1234567890',
      name: 'order_update',
      language: 'en_US',
      category: 'UTILITY',
      parameterFormat: 'NAMED',
      components: [
        {
          type: 'BODY',
          text: 'Hello {{first_name}}',
          example: { body_text_named_params: Array.from({ length: n }, (_, i) => ({ param_name: `name_${i % (n / 2)}`, example: 'x' })) },
        },
      ],
    });
    const small = template(2_000);
    const large = template(2_000 * GROWTH_FACTOR);
    const error = await refusal('template.create', large);
    expect(error?.issues.map((issue) => issue.path)).toContain('components[0].example.body_text_named_params');
    await expectLinearGrowth(() => refusal('template.create', small), () => refusal('template.create', large));
  });

  it('a language code of any length is refused with a bounded message', async () => {
    const error = await rejected('template.get', { wabaId: '1234567890', name: 'order_update', language: 'x'.repeat(100_000) });
    expect(error.issues[0].path).toBe('language');
    expect(error.message.length).toBeLessThan(500);
  });

  it('a base URL ending in a long run of slashes (no /\\/+$/ backtracking)', async () => {
    expect(withoutTrailingSlashes('http://127.0.0.1:9/base///')).toBe('http://127.0.0.1:9/base');
    expect(withoutTrailingSlashes('///')).toBe('');
    const urlWithTail = (n: number) => `http://127.0.0.1:9/${'/'.repeat(n)}x`;
    const make = (baseUrl: string) => () => createCloudProvider({ provider: 'cloud', accessToken: 'token-for-growth', baseUrl, clock: recordingClock() });
    await expectLinearGrowth(make(urlWithTail(10_000)), make(urlWithTail(10_000 * GROWTH_FACTOR)));
  });
});

describe('error bodies that are not JSON: described in linear time', () => {
  let server: ScriptedServer | null = null;
  let provider: Provider | null = null;
  afterEach(async () => {
    await provider?.close();
    await server?.close();
  });

  it.each([
    ['unclosed "<" (tag stripping)', (n: number) => '<'.repeat(n)],
    ['unclosed "<title" (title search)', (n: number) => '<title'.repeat(n / 6)],
  ])('%s', async (_label, make) => {
    let body = '';
    server = await startScriptedServer([(req, res) => raw(502, 'text/html', body)(req, res, Buffer.alloc(0))]);
    provider = createCloudProvider({ provider: 'cloud', accessToken: 'token-for-growth', baseUrl: server.url, phoneNumberId: '100000000000001', retry: { maxRetries: 0 }, clock: recordingClock() });
    const send = (text: string) => async () => {
      body = text;
      await operations['message.send'].run(provider as Provider, { to: '16505551234', type: 'text', text: { body: 'hi' } }).catch((error: unknown) => error);
    };
    const small = make(20_000);
    const large = make(20_000 * GROWTH_FACTOR);
    await expectLinearGrowth(send(small), send(large));
  });

  it('keeps the description readable', async () => {
    server = await startScriptedServer([raw(502, 'text/html', '<html><head><title> Bad  gateway </title></head><body><p>upstream</p></body></html>'), json(200, {})]);
    provider = createCloudProvider({ provider: 'cloud', accessToken: 'token-for-growth', baseUrl: server.url, phoneNumberId: '100000000000001', retry: { maxRetries: 0 }, clock: recordingClock() });
    const error = await operations['message.send'].run(provider, { to: '16505551234', type: 'text', text: { body: 'hi' } }).catch((caught: unknown) => caught as Error);
    expect((error as Error).message).toContain('text/html: "Bad gateway"');
  });
});
