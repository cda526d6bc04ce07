import { startSandbox, type RunningSandbox } from 'whatsapp-sandbox';
import { expectGraphError, SandboxClient, type GraphErrorBody } from './helpers/client';

const TO = '16505551234';

/**
 * Requests Meta accepts are either simulated (and validated as Meta's spec says) or answered
 * "not simulated by the sandbox"; never as if the client had sent something invalid.
 */
describe('message shapes from Meta\'s v23 spec', () => {
  let sandbox: RunningSandbox;
  let client: SandboxClient;

  beforeAll(async () => {
    sandbox = await startSandbox({ port: 0, window: false });
    client = new SandboxClient(sandbox);
  });
  afterAll(() => sandbox.close());

  const send = (body: Record<string, unknown>) => client.graph('POST', `${sandbox.phoneNumberId}/messages`, { messaging_product: 'whatsapp', to: TO, ...body });

  describe('interactive call_permission_request', () => {
    it('is accepted with a body and the call_permission_request action', async () => {
      const reply = await send({ type: 'interactive', interactive: { type: 'call_permission_request', body: { text: 'May we call you about your order?' }, action: { name: 'call_permission_request' } } });
      expect(reply.status).toBe(200);
    });

    it('is accepted without a body (the spec requires only type and action)', async () => {
      const reply = await send({ type: 'interactive', interactive: { type: 'call_permission_request', action: { name: 'call_permission_request' } } });
      expect(reply.status).toBe(200);
    });

    it('refuses another action name, naming the field', async () => {
      const reply = await send({ type: 'interactive', interactive: { type: 'call_permission_request', action: { name: 'send_location' } } });
      expectGraphError(reply, 100, "interactive.action.name: unsupported value 'send_location' (expected one of: call_permission_request)");
    });

    it('refuses a header', async () => {
      const reply = await send({ type: 'interactive', interactive: { type: 'call_permission_request', header: { type: 'text', text: 'Hi' }, action: { name: 'call_permission_request' } } });
      expectGraphError(reply, 100, 'interactive.header: a call_permission_request message has no header');
    });
  });

  it('the interactive media carousel: "not simulated", not "invalid"', async () => {
    const reply = await send({ type: 'interactive', interactive: { type: 'carousel', body: { text: 'Our picks' }, action: { cards: [] } } });
    const error = expectGraphError(reply, 100, /^interactive\.type: "carousel" .* is not simulated by the sandbox/);
    expect(error.message).toBe('(#100) Not simulated by the sandbox: interactive.type: "carousel" (the interactive media carousel)');
    expect((reply.body as GraphErrorBody).error.error_user_title).toBe('Not simulated by the sandbox');
    expect(error.error_data?.details).not.toMatch(/expected one of/);
  });

  it('recipient_type "group": "not simulated", not "expected one of: individual"', async () => {
    const reply = await send({ recipient_type: 'group', to: 'GROUP_ID', type: 'text', text: { body: 'Hi all' } });
    const error = expectGraphError(reply, 100, /^recipient_type: "group" .* is not simulated by the sandbox/);
    // The top-level message is what SDKs show: it must not read like a validation failure.
    expect(error.message).toBe('(#100) Not simulated by the sandbox: recipient_type: "group" (messages to WhatsApp groups)');
    expect(error.message).not.toMatch(/Invalid parameter/);
    expect(error.error_user_title).toBe('Not simulated by the sandbox');
    expect(error.error_data?.details).not.toMatch(/expected one of/);
  });

  it('an unknown recipient_type still names both values Meta accepts', async () => {
    const reply = await send({ recipient_type: 'broadcast', type: 'text', text: { body: 'Hi' } });
    expectGraphError(reply, 100, "recipient_type: unsupported value 'broadcast' (expected one of: individual, group)");
  });
});
