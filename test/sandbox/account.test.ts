import { startSandbox, type RunningSandbox } from 'whatsapp-sandbox';
import { expectGraphError, SandboxClient } from './helpers/client';
import { WebhookReceiver } from './helpers/webhook-receiver';

const PHONE_NUMBER = {
  id: '100000000000009',
  display_phone_number: '15550009999',
  verified_name: 'Test Shop',
  quality_rating: 'GREEN',
  code_verification_status: 'VERIFIED',
  platform_type: 'CLOUD_API',
  throughput: { level: 'STANDARD' },
  name_status: 'APPROVED',
  messaging_limit_tier: 'TIER_1K',
  status: 'CONNECTED',
  account_mode: 'SANDBOX',
  is_official_business_account: false,
};

describe('phone numbers, WABA and subscribed_apps', () => {
  let sandbox: RunningSandbox;
  let client: SandboxClient;
  let receiver: WebhookReceiver;

  beforeAll(async () => {
    receiver = await new WebhookReceiver({ appSecret: 'secret', verifyToken: 'override-token' }).start();
    sandbox = await startSandbox({
      port: 0,
      phoneNumberId: '100000000000009',
      wabaId: '200000000000009',
      displayPhoneNumber: '15550009999',
      verifiedName: 'Test Shop',
      appSecret: 'secret',
    });
    client = new SandboxClient(sandbox);
  });
  afterAll(async () => {
    await sandbox.close();
    await receiver.close();
  });

  it('GET /{phone-number-id}', async () => {
    expect((await client.graph('GET', sandbox.phoneNumberId)).body).toEqual(PHONE_NUMBER);
  });

  it('GET /{phone-number-id}?fields=... returns those fields plus id', async () => {
    const reply = await client.graph('GET', `${sandbox.phoneNumberId}?fields=verified_name,quality_rating`);
    expect(reply.body).toEqual({ id: PHONE_NUMBER.id, verified_name: 'Test Shop', quality_rating: 'GREEN' });
  });

  it('GET /{waba-id}/phone_numbers', async () => {
    const reply = await client.graph('GET', `${sandbox.wabaId}/phone_numbers`);
    expect(reply.body).toEqual({ data: [PHONE_NUMBER], paging: { cursors: { before: expect.any(String), after: expect.any(String) } } });
  });

  it('GET /{waba-id}', async () => {
    const reply = await client.graph('GET', sandbox.wabaId);
    expect(reply.body).toEqual({
      id: sandbox.wabaId,
      name: expect.any(String),
      currency: 'USD',
      timezone_id: expect.any(String),
      message_template_namespace: expect.stringMatching(/^[0-9a-f]{8}_[0-9a-f]{4}_[0-9a-f]{4}_[0-9a-f]{4}_[0-9a-f]{12}$/),
    });
  });

  it('subscribes, lists and unsubscribes the app', async () => {
    const path = `${sandbox.wabaId}/subscribed_apps`;
    expect((await client.graph('GET', path)).body).toEqual({ data: [] });
    expect((await client.graph('POST', path)).body).toEqual({ success: true });
    expect((await client.graph('GET', path)).body).toEqual({
      data: [{ whatsapp_business_api_data: { id: expect.any(String), link: expect.any(String), name: expect.any(String) } }],
    });
    expect((await client.graph('DELETE', path)).body).toEqual({ success: true });
    expect((await client.graph('GET', path)).body).toEqual({ data: [] });
  });

  it('verifies an override_callback_uri with the handshake and then delivers webhooks there', async () => {
    const path = `${sandbox.wabaId}/subscribed_apps`;
    const reply = await client.graph('POST', path, { override_callback_uri: receiver.url, verify_token: 'override-token' });
    expect(reply.body).toEqual({ success: true });
    expect(receiver.handshakes).toEqual([{ mode: 'subscribe', challenge: expect.any(String), verifyToken: 'override-token' }]);
    expect(((await client.graph('GET', path)).body as { data: { override_callback_uri?: string }[] }).data[0].override_callback_uri).toBe(receiver.url);
    await client.inbound({ from: '15551230001', text: 'to the override' });
    await sandbox.webhooksIdle();
    expect(receiver.posts).toHaveLength(1);
    expect(receiver.posts[0].signatureValid).toBe(true);
    expect(receiver.handshakes).toHaveLength(1);
    await client.graph('DELETE', path);
  });

  it('refuses an override whose handshake fails', async () => {
    const reply = await client.graph('POST', `${sandbox.wabaId}/subscribed_apps`, { override_callback_uri: receiver.url, verify_token: 'wrong' });
    expectGraphError(reply, 100, /^override_callback_uri: callback verification failed \(receiver answered HTTP 403\)$/);
  });
});

describe("account fields Meta's OpenAPI lists", () => {
  let sandbox: RunningSandbox;
  let client: SandboxClient;

  beforeAll(async () => {
    sandbox = await startSandbox({ port: 0 });
    client = new SandboxClient(sandbox);
  });
  afterAll(() => sandbox.close());

  it('serves the WABA fields account_review_status, business_verification_status, country, ownership_type, primary_business_location, health_status', async () => {
    const fields = 'account_review_status,business_verification_status,country,ownership_type,primary_business_location,is_enabled_for_insights,health_status';
    const reply = await client.graph('GET', `${sandbox.wabaId}?fields=${fields}`);
    expect(reply.status).toBe(200);
    expect(reply.body).toEqual({
      id: sandbox.wabaId,
      account_review_status: 'APPROVED',
      business_verification_status: 'VERIFIED',
      country: 'US',
      ownership_type: 'SELF_OWNED',
      primary_business_location: 'US',
      is_enabled_for_insights: true,
      health_status: { can_send_message: 'AVAILABLE', entities: expect.arrayContaining([{ entity_type: 'WABA', id: sandbox.wabaId, can_send_message: 'AVAILABLE' }]) },
    });
  });

  it.each([phoneNumberPath, (s: RunningSandbox) => `${s.wabaId}/phone_numbers`])('serves the phone number fields country_code, country_dial_code, host_platform, unified_cert_status, health_status (%#)', async (path) => {
    const fields = 'country_code,country_dial_code,host_platform,unified_cert_status,username,health_status';
    const reply = await client.graph('GET', `${path(sandbox)}?fields=${fields}`);
    expect(reply.status).toBe(200);
    const body = reply.body as Record<string, unknown> & { data?: unknown[] };
    expect(body.data?.[0] ?? body).toMatchObject({
      id: sandbox.phoneNumberId,
      country_code: 'US',
      country_dial_code: '1',
      host_platform: 'CLOUD_API',
      unified_cert_status: 'APPROVED',
      username: null,
      health_status: { can_send_message: 'AVAILABLE' },
    });
  });

  it('still refuses a field Meta does not list, naming it', async () => {
    const reply = await client.graph('GET', `${sandbox.wabaId}?fields=country,favourite_colour`);
    expect(reply.status).toBe(400);
    expect(JSON.stringify(reply.body)).toContain('nonexisting field (favourite_colour)');
  });
});

function phoneNumberPath(s: RunningSandbox): string {
  return s.phoneNumberId;
}
