import { timingSafeEqual } from 'node:crypto';
import { signWebhookPayload } from 'whatsapp-business-core';
import { webhookContext, NODE_ID, WORKFLOW_ID } from '../helpers/webhook-context';
import { automaticVerifyToken } from '../../../nodes/WhatsAppBusinessTrigger/subscription';
// Core's signature check must go through Node's constant-time comparison: watch it.
jest.mock('node:crypto', () => {
  const actual: typeof import('node:crypto') = jest.requireActual('node:crypto');
  return { ...actual, timingSafeEqual: jest.fn(actual.timingSafeEqual) };
});

import { APP_SECRET, PHONE_A, VERIFY_TOKEN, body, credentials, message, messagesChange, parameters, post, trigger } from './payloads';

async function handshake(query: Record<string, unknown>, setupMode = 'manual', extraCredentials: Record<string, string> = {}) {
  const { context, response } = webhookContext(
    { parameters: parameters({ setupMode }), credentials: credentials(extraCredentials) },
    { webhookName: 'setup', query },
  );
  const result = await trigger.webhook.call(context);
  return { result, response };
}

describe('WhatsApp Business Trigger: GET handshake', () => {
  it('echoes the challenge as text/plain for the credential verify token (manual mode)', async () => {
    const { result, response } = await handshake({ 'hub.mode': 'subscribe', 'hub.verify_token': VERIFY_TOKEN, 'hub.challenge': '1158201444' });
    expect(result).toEqual({ noWebhookResponse: true });
    expect(response).toEqual({ status: 200, contentType: 'text/plain', body: '1158201444' });
  });

  it('accepts the nested hub object some parsers produce', async () => {
    const { response } = await handshake({ hub: { mode: 'subscribe', verify_token: VERIFY_TOKEN, challenge: '42' } });
    expect(response.status).toBe(200);
    expect(response.body).toBe('42');
  });

  it('refuses a wrong verify token with 403 and no execution', async () => {
    const { result, response } = await handshake({ 'hub.mode': 'subscribe', 'hub.verify_token': 'guess', 'hub.challenge': '1' });
    expect(result.workflowData).toBeUndefined();
    expect(response.status).toBe(403);
    expect(response.body).not.toContain(VERIFY_TOKEN);
  });

  it('refuses a missing or wrong hub.mode with 403', async () => {
    expect((await handshake({ 'hub.verify_token': VERIFY_TOKEN, 'hub.challenge': '1' })).response.status).toBe(403);
    expect((await handshake({ 'hub.mode': 'unsubscribe', 'hub.verify_token': VERIFY_TOKEN, 'hub.challenge': '1' })).response.status).toBe(403);
  });

  it('refuses a missing or markup challenge with 400', async () => {
    expect((await handshake({ 'hub.mode': 'subscribe', 'hub.verify_token': VERIFY_TOKEN })).response.status).toBe(400);
    expect((await handshake({ 'hub.mode': 'subscribe', 'hub.verify_token': VERIFY_TOKEN, 'hub.challenge': '<script>' })).response.status).toBe(400);
  });

  it('answers 403 when manual mode has no verify token configured', async () => {
    const { response } = await handshake({ 'hub.mode': 'subscribe', 'hub.verify_token': '', 'hub.challenge': '1' }, 'manual', { verifyToken: '' });
    expect(response.status).toBe(403);
  });

  it('uses the derived token in automatic mode, not the credential token', async () => {
    const derived = automaticVerifyToken(APP_SECRET, WORKFLOW_ID, NODE_ID);
    expect(derived).toMatch(/^[0-9a-f]{40}$/);
    expect((await handshake({ 'hub.mode': 'subscribe', 'hub.verify_token': derived, 'hub.challenge': '7' }, 'automatic')).response).toMatchObject({ status: 200, body: '7' });
    expect((await handshake({ 'hub.mode': 'subscribe', 'hub.verify_token': VERIFY_TOKEN, 'hub.challenge': '7' }, 'automatic')).response.status).toBe(403);
    // Another secret, workflow or node gives another token.
    expect(automaticVerifyToken('other', WORKFLOW_ID, NODE_ID)).not.toBe(derived);
    expect(automaticVerifyToken(APP_SECRET, 'other', NODE_ID)).not.toBe(derived);
  });
});

describe('WhatsApp Business Trigger: POST signature', () => {
  const raw = body([messagesChange(PHONE_A, { messages: [message('wamid.SIG1')] })]);

  it('starts an execution for a correctly signed body', async () => {
    const { result, items, response } = await post(raw, { parameters: parameters() });
    expect(response.status).toBeNull();
    expect(items).toHaveLength(1);
    expect(items[0].json).toMatchObject({ kind: 'message', messageId: 'wamid.SIG1', text: 'hello wamid.SIG1', phoneNumberId: PHONE_A });
    expect(result.noWebhookResponse).toBeUndefined();
  });

  it.each([
    ['a missing signature', null],
    ['a signature made with another secret', signWebhookPayload(raw, 'not-the-app-secret')],
    ['a malformed header', 'sha256=xyz'],
    ['a sha1 header', 'sha1=0123456789abcdef0123456789abcdef01234567'],
  ])('answers 401 without execution for %s', async (_label, signature) => {
    const { result, response } = await post(raw, { parameters: parameters() }, signature);
    expect(result).toEqual({ noWebhookResponse: true });
    expect(response).toMatchObject({ status: 401, contentType: 'text/plain' });
  });

  it('answers 401 when the body was altered by one byte after signing', async () => {
    const signature = signWebhookPayload(raw, APP_SECRET);
    const altered = raw.replace('wamid.SIG1', 'wamid.SIG2');
    expect(altered.length).toBe(raw.length);
    const { result, response } = await post(altered, { parameters: parameters() }, signature);
    expect(result.workflowData).toBeUndefined();
    expect(response.status).toBe(401);
  });

  it('compares signatures with crypto.timingSafeEqual', async () => {
    const spy = jest.mocked(timingSafeEqual);
    spy.mockClear();
    const { response } = await post(raw, { parameters: parameters() }, signWebhookPayload(raw, 'wrong'));
    expect(response.status).toBe(401);
    expect(spy).toHaveBeenCalledTimes(1);
    const [given, expected] = spy.mock.calls[0];
    expect(given.byteLength).toBe(32);
    expect(expected.byteLength).toBe(32);
  });

  it('answers 400 when n8n gives no raw body (nothing to verify)', async () => {
    const { context, response } = webhookContext(
      { parameters: parameters(), credentials: credentials() },
      { webhookName: 'default', headers: { 'x-hub-signature-256': signWebhookPayload(raw, APP_SECRET) } },
    );
    const result = await trigger.webhook.call(context);
    expect(result).toEqual({ noWebhookResponse: true });
    expect(response.status).toBe(400);
  });

  it('fails clearly when the credential has no app secret', async () => {
    const { context } = webhookContext(
      { parameters: parameters(), credentials: credentials({ appSecret: '' }) },
      { webhookName: 'default', rawBody: Buffer.from(raw), headers: {} },
    );
    await expect(trigger.webhook.call(context)).rejects.toThrow('no App Secret');
  });
});
