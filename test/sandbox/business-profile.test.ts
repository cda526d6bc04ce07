import { startSandbox, type RunningSandbox } from 'whatsapp-sandbox';
import { expectGraphError, SandboxClient } from './helpers/client';

interface ProfileReply {
  data: Record<string, unknown>[];
}

describe('whatsapp_business_profile', () => {
  let sandbox: RunningSandbox;
  let client: SandboxClient;
  const path = (): string => `${sandbox.phoneNumberId}/whatsapp_business_profile`;
  const get = async (query = ''): Promise<Record<string, unknown>> => ((await client.graph('GET', `${path()}${query}`)).body as ProfileReply).data[0];

  beforeAll(async () => {
    sandbox = await startSandbox({ port: 0 });
    client = new SandboxClient(sandbox);
  });
  beforeEach(() => client.control('POST', 'reset'));
  afterAll(() => sandbox.close());

  it('starts with a default profile', async () => {
    expect(await get()).toEqual({
      about: expect.any(String),
      address: expect.any(String),
      description: expect.any(String),
      email: expect.any(String),
      websites: [expect.stringMatching(/^https:\/\//)],
      vertical: 'OTHER',
      messaging_product: 'whatsapp',
    });
  });

  it('honours fields', async () => {
    expect(await get('?fields=about,vertical')).toEqual({ about: expect.any(String), vertical: 'OTHER', messaging_product: 'whatsapp' });
    expectGraphError(await client.graph('GET', `${path()}?fields=about,colour`), 100, /nonexisting field \(colour\)/);
  });

  it('updates and returns the new values, including a profile picture URL once a handle is set', async () => {
    const update = {
      messaging_product: 'whatsapp',
      about: 'Open 9-5 🕘',
      address: '1 Main St',
      description: 'We sell things.',
      email: 'help@shop.example',
      websites: ['https://shop.example', 'http://blog.shop.example'],
      vertical: 'RETAIL',
      profile_picture_handle: '4::aW1hZ2UvanBlZw==:sandbox-handle',
    };
    expect((await client.graph('POST', path(), update)).body).toEqual({ success: true });
    const profile = await get();
    expect(profile).toMatchObject({ about: 'Open 9-5 🕘', vertical: 'RETAIL', websites: update.websites, email: 'help@shop.example' });
    const picture = await fetch(String(profile.profile_picture_url));
    expect(picture.status).toBe(200);
    expect(picture.headers.get('content-type')).toBe('image/png');
  });

  it.each([
    ['messaging_product missing', { about: 'x' }, 131008, /^messaging_product: required parameter is missing$/],
    ['about empty', { messaging_product: 'whatsapp', about: '' }, 131009, /^about: must not be empty$/],
    ['about over 139', { messaging_product: 'whatsapp', about: 'a'.repeat(140) }, 131009, /^about: must be at most 139 characters \(got 140\)$/],
    ['address over 256', { messaging_product: 'whatsapp', address: 'a'.repeat(257) }, 131009, /^address: must be at most 256 characters/],
    ['description over 256', { messaging_product: 'whatsapp', description: 'd'.repeat(257) }, 131009, /^description: must be at most 256 characters/],
    ['email invalid', { messaging_product: 'whatsapp', email: 'not-an-email' }, 131009, /^email: 'not-an-email' is not a valid email address$/],
    ['email over 128', { messaging_product: 'whatsapp', email: `${'e'.repeat(120)}@example.com` }, 131009, /^email: must be at most 128 characters/],
    ['three websites', { messaging_product: 'whatsapp', websites: ['https://a.x', 'https://b.x', 'https://c.x'] }, 131009, /^websites: at most 2 websites \(got 3\)$/],
    ['a website that is not http(s)', { messaging_product: 'whatsapp', websites: ['ftp://a.x'] }, 131009, /^websites\[0\]: must be an http or https URL/],
    ['an unknown vertical', { messaging_product: 'whatsapp', vertical: 'SPACE' }, 100, /^vertical: unsupported value 'SPACE'/],
    ['an unknown field', { messaging_product: 'whatsapp', slogan: 'x' }, 100, /^slogan: unknown parameter$/],
  ])('rejects %s and changes nothing', async (_label, update, code, details) => {
    const before = await get();
    // The valid description must not stick when another field is rejected.
    expectGraphError(await client.graph('POST', path(), { description: 'A valid change', ...update }), code, details);
    expect(await get()).toEqual(before);
  });
});
