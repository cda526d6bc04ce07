import { startSandbox, type RunningSandbox } from 'whatsapp-sandbox';
import { expectGraphError, SandboxClient, textMessage, type GraphErrorBody } from './helpers/client';

describe('sandbox auth, routing and error envelopes', () => {
  let sandbox: RunningSandbox;
  let client: SandboxClient;

  beforeAll(async () => {
    sandbox = await startSandbox({ port: 0, window: false });
    client = new SandboxClient(sandbox);
  });
  afterAll(() => sandbox.close());

  it('listens on 127.0.0.1 and reports its defaults', () => {
    expect(sandbox.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    expect(sandbox).toMatchObject({
      token: 'sandbox-token',
      phoneNumberId: '100000000000001',
      wabaId: '200000000000001',
      verifyToken: 'sandbox-verify-token',
    });
  });

  it.each([
    ['no token', null],
    ['a wrong token', 'not-the-token'],
  ])('rejects %s with HTTP 401 code 190', async (_label, token) => {
    const reply = await client.send(textMessage('15551234567'), { token });
    expect(reply.status).toBe(401);
    const body = reply.body as GraphErrorBody;
    expect(body.error).toMatchObject({
      message: 'Invalid OAuth access token - Cannot parse access token',
      type: 'OAuthException',
      code: 190,
    });
    expect(body.error.fbtrace_id).toMatch(/^[A-Za-z0-9_-]{23}$/);
  });

  it('accepts the token as the access_token query parameter', async () => {
    const url = `${client.graphUrl(sandbox.phoneNumberId)}?access_token=${sandbox.token}`;
    const reply = await client.request('GET', url, undefined, { token: null });
    expect(reply.status).toBe(200);
    expect(reply.body).toMatchObject({ id: sandbox.phoneNumberId });
  });

  it.each(['v23.0', 'v21.0', 'v24.0'])('serves any version prefix (%s)', async (version) => {
    const reply = await new SandboxClient(sandbox, version).send(textMessage('15551234567'));
    expect(reply.status).toBe(200);
  });

  it('answers unknown object ids with code 100 subcode 33', async () => {
    const reply = await client.graph('GET', '987654321');
    expect(reply.status).toBe(400);
    expect((reply.body as GraphErrorBody).error).toMatchObject({
      type: 'GraphMethodException',
      code: 100,
      error_subcode: 33,
      message:
        "Unsupported get request. Object with ID '987654321' does not exist, cannot be loaded due to missing permissions, or does not support this operation.",
    });
  });

  it('answers unsupported methods on known objects with subcode 33 naming the method', async () => {
    const reply = await client.graph('DELETE', `${sandbox.phoneNumberId}/messages`);
    expect((reply.body as GraphErrorBody).error).toMatchObject({ code: 100, error_subcode: 33 });
    expect((reply.body as GraphErrorBody).error.message).toMatch(/^Unsupported delete request\. Object with ID '100000000000001'/);
  });

  it('answers unknown edges of a known object with subcode 33 naming that object', async () => {
    const reply = await client.graph('GET', `${sandbox.phoneNumberId}/messages/extra`);
    expect((reply.body as GraphErrorBody).error).toMatchObject({ code: 100, error_subcode: 33 });
    expect((reply.body as GraphErrorBody).error.message).toContain(`Object with ID '${sandbox.phoneNumberId}'`);
  });

  it('rejects malformed JSON with code 100 and details', async () => {
    const reply = await client.graph('POST', `${sandbox.phoneNumberId}/messages`, undefined, {
      rawBody: '{"messaging_product": "whatsapp",',
      headers: { 'Content-Type': 'application/json' },
    });
    expectGraphError(reply, 100, /^request body: not valid JSON/);
  });

  it('puts "(#code) title" in the message and the rule in error_data.details', async () => {
    const reply = await client.send({ messaging_product: 'whatsapp', to: '15551234567', type: 'text', text: {} });
    const error = expectGraphError(reply, 131008, 'text.body: required parameter is missing');
    expect(error.message).toBe('(#131008) Required parameter is missing');
  });

  it('does not require a token on the control API', async () => {
    const reply = await client.control('GET', 'messages');
    expect(reply.status).toBe(200);
  });
});
