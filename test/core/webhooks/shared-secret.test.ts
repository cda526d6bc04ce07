import { carriesSharedSecret } from 'whatsapp-business-core';

const SECRET = 'shared-secret-0123456789';
const basic = (user: string, password: string) => `Basic ${Buffer.from(`${user}:${password}`, 'utf8').toString('base64')}`;

describe('carriesSharedSecret (unsigned On-Premises and ITNIO webhooks)', () => {
  test('accepts the secret as ?token= or as the Basic-auth password', () => {
    expect(carriesSharedSecret(SECRET, { token: SECRET })).toBe(true);
    expect(carriesSharedSecret(SECRET, { authorization: basic('wa', SECRET) })).toBe(true);
    expect(carriesSharedSecret(SECRET, { token: 'wrong', authorization: basic('wa', SECRET) })).toBe(true);
  });

  test('refuses a missing, wrong, prefixed or truncated secret, and other schemes', () => {
    expect(carriesSharedSecret(SECRET, {})).toBe(false);
    expect(carriesSharedSecret(SECRET, { token: '' })).toBe(false);
    expect(carriesSharedSecret(SECRET, { token: `${SECRET}x` })).toBe(false);
    expect(carriesSharedSecret(SECRET, { token: SECRET.slice(0, -1) })).toBe(false);
    expect(carriesSharedSecret(SECRET, { authorization: basic(SECRET, 'wrong') })).toBe(false);
    expect(carriesSharedSecret(SECRET, { authorization: `Bearer ${SECRET}` })).toBe(false);
    expect(carriesSharedSecret(SECRET, { authorization: 'Basic !!!not-base64' })).toBe(false);
  });

  test('an empty secret matches nothing (open or closed is the caller\'s policy)', () => {
    expect(carriesSharedSecret('', { token: '' })).toBe(false);
    expect(carriesSharedSecret('', { authorization: basic('a', '') })).toBe(false);
  });

  test('a password containing ":" survives Basic decoding', () => {
    expect(carriesSharedSecret('a:b:c-secret', { authorization: basic('user', 'a:b:c-secret') })).toBe(true);
  });
});
