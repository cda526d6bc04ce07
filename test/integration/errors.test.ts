import { createProvider, operations, WhatsAppApiError } from 'whatsapp-business-core';
import { sandboxWithProvider, sentMessages } from './helpers/sandbox-provider';
import type { SandboxWithProvider } from './helpers/sandbox-provider';

const text = (to: string) => ({ to, type: 'text', text: { body: 'Hello' } });
let env: SandboxWithProvider | undefined;
afterEach(async () => {
  await env?.close();
  env = undefined;
});

describe('failure paths through the Cloud provider and the sandbox', () => {
  it('a wrong token is code 190 with a hint, and the token appears nowhere', async () => {
    env = await sandboxWithProvider();
    const wrong = createProvider({ provider: 'cloud', accessToken: 'EAAG-wrong-token-123456', baseUrl: env.sandbox.url, phoneNumberId: env.sandbox.phoneNumberId });
    const error = await operations['message.send'].run(wrong, text('16505551234')).then(
      () => { throw new Error('expected the send to fail'); },
      (e: unknown) => e as WhatsAppApiError,
    );
    await wrong.close();
    expect(error).toMatchObject({ kind: 'api', httpStatus: 401, metaCode: 190, retryable: false, hint: expect.stringMatching(/token is invalid or expired/) });
    expect(JSON.stringify(error) + error.message).not.toContain('EAAG-wrong-token-123456');
  });

  it('a recipient outside the allow-list is code 131030 with the allow-list hint', async () => {
    env = await sandboxWithProvider({ allowedRecipients: ['16505551234'] });
    await expect(operations['message.send'].run(env.provider, text('16505551234'))).resolves.toMatchObject({ status: 'accepted' });
    await expect(operations['message.send'].run(env.provider, text('447700900123'))).rejects.toMatchObject({
      metaCode: 131030,
      hint: expect.stringMatching(/allowed list/),
      details: expect.stringMatching(/Add recipient phone number/),
    });
  });

  it('throughput limit 130429: the provider backs off and every message goes out exactly once', async () => {
    env = await sandboxWithProvider({ mps: 1, window: false }, { baseDelayMs: 600, maxRetries: 4 });
    const results = await Promise.all(['16505551234', '16505551235', '16505551236'].map((to) => operations['message.send'].run(env!.provider, text(to))));
    expect(new Set(results.map((r) => r.messageId)).size).toBe(3);
    const log = await sentMessages(env.sandbox);
    expect(log.map((m) => m.to).sort()).toEqual(['16505551234', '16505551235', '16505551236']);
  });

  it('pair rate limit 131056 without retries is reported as retryable later, with the hint', async () => {
    env = await sandboxWithProvider({ pairRate: 1, window: false }, { maxRetries: 0 });
    await operations['message.send'].run(env.provider, text('16505551234'));
    await expect(operations['message.send'].run(env.provider, text('16505551234'))).rejects.toMatchObject({
      metaCode: 131056,
      retryable: true,
      hint: expect.stringMatching(/Too many messages to this user/),
    });
    expect(await sentMessages(env.sandbox)).toHaveLength(1);
  });

  it('outside the 24 h window a free-form send is accepted, then fails with 131047; a template does not', async () => {
    env = await sandboxWithProvider();
    const freeForm = await operations['message.send'].run(env.provider, text('16505551234'));
    const template = await operations['message.send'].run(env.provider, { to: '16505551234', type: 'template', template: { name: 'hello_world', language: 'en_US' } });
    expect(freeForm.status).toBe('accepted');
    await env.sandbox.webhooksIdle();
    const log = await sentMessages(env.sandbox);
    expect(log.find((m) => m.id === freeForm.messageId)).toMatchObject({ status: 'failed', errors: [expect.objectContaining({ code: 131047 })] });
    expect(log.find((m) => m.id === template.messageId)?.status).not.toBe('failed');
  });
});
