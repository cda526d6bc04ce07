import { operations } from 'whatsapp-business-core';
import { sandboxWithProvider } from './helpers/sandbox-provider';
import type { SandboxWithProvider } from './helpers/sandbox-provider';

let env: SandboxWithProvider;
beforeAll(async () => {
  env = await sandboxWithProvider({ phoneNumberId: '123456789012345', wabaId: '987654321098765' });
});
afterAll(() => env.close());

describe('phone numbers and business profile through the Cloud provider', () => {
  it('lists and gets phone numbers', async () => {
    const { phoneNumbers, count } = await operations['phoneNumber.list'].run(env.provider, {});
    expect(count).toBe(1);
    expect(phoneNumbers[0]).toMatchObject({ id: '123456789012345', qualityRating: 'GREEN', platformType: 'CLOUD_API', throughputLevel: 'STANDARD' });
    const one = await operations['phoneNumber.get'].run(env.provider, {});
    expect(one).toEqual(phoneNumbers[0]);
  });

  it('updates only the given profile fields and reads them back', async () => {
    const before = await operations['businessProfile.get'].run(env.provider, {});
    const update = { about: 'Fresh bread daily 🥖', websites: ['https://bakery.example.com'], vertical: 'RESTAURANT' };
    await expect(operations['businessProfile.update'].run(env.provider, update)).resolves.toEqual({ updated: true, fields: ['about', 'websites', 'vertical'] });
    const after = await operations['businessProfile.get'].run(env.provider, {});
    expect(after).toEqual({ ...before, ...update });
  });

  it('rejects a bad profile update before calling the API', async () => {
    await expect(operations['businessProfile.update'].run(env.provider, { about: 'x'.repeat(140), websites: ['a', 'b', 'c'] })).rejects.toMatchObject({
      kind: 'validation',
      message: expect.stringContaining('about: at most 139 characters (got 140)'),
    });
  });
});
