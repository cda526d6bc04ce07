import { WhatsAppConfigError, handleVerificationChallenge } from 'whatsapp-business-core';

const TOKEN = 'my-verify-token-8c2e';
const CHALLENGE = '1158201444';

function query(overrides: Record<string, string | string[] | undefined> = {}): Record<string, string | string[] | undefined> {
  return { 'hub.mode': 'subscribe', 'hub.verify_token': TOKEN, 'hub.challenge': CHALLENGE, ...overrides };
}

describe('handleVerificationChallenge', () => {
  it('answers 200 with the challenge as body when mode is subscribe and the token matches', () => {
    expect(handleVerificationChallenge(query(), TOKEN)).toEqual({ status: 200, body: CHALLENGE });
  });

  it('echoes exactly the challenge it was given', () => {
    for (const challenge of ['0', '2147483647', '9876543210123']) {
      expect(handleVerificationChallenge(query({ 'hub.challenge': challenge }), TOKEN)).toEqual({ status: 200, body: challenge });
    }
  });

  it.each([
    ['a different token', 'wrong-token'],
    ['a prefix of the token', TOKEN.slice(0, -1)],
    ['the token plus a character', `${TOKEN}x`],
    ['the token in another case', TOKEN.toUpperCase()],
    ['an empty token', ''],
  ])('answers 403 for %s, without echoing the challenge', (_label, token) => {
    const response = handleVerificationChallenge(query({ 'hub.verify_token': token }), TOKEN);
    expect(response.status).toBe(403);
    expect(response.body).not.toBe(CHALLENGE);
  });

  it('answers 403 when the token is missing', () => {
    const response = handleVerificationChallenge(query({ 'hub.verify_token': undefined }), TOKEN);
    expect(response.status).toBe(403);
    expect(response.body).not.toBe(CHALLENGE);
    const { 'hub.verify_token': _omitted, ...withoutKey } = query();
    expect(handleVerificationChallenge(withoutKey, TOKEN).status).toBe(403);
  });

  it.each([
    ['unsubscribe', 'unsubscribe'],
    ['upper-case SUBSCRIBE', 'SUBSCRIBE'],
    ['empty mode', ''],
    ['missing mode', undefined],
  ])('answers 403 for a mode other than subscribe (%s), even with the right token', (_label, mode) => {
    const response = handleVerificationChallenge(query({ 'hub.mode': mode }), TOKEN);
    expect(response.status).toBe(403);
    expect(response.body).not.toBe(CHALLENGE);
  });

  it.each([
    ['missing', undefined],
    ['empty', ''],
    ['a script tag', '<script>alert(1)</script>'],
    ['markup after digits', '12345<img src=x onerror=alert(1)>'],
    ['spaces', '123 456'],
    ['a newline', '123\n456'],
    ['quotes', '"123"'],
    ['a very long value', '1'.repeat(10_000)],
  ])('answers 400 for a %s challenge and never reflects it', (_label, challenge) => {
    const response = handleVerificationChallenge(query({ 'hub.challenge': challenge }), TOKEN);
    expect(response.status).toBe(400);
    if (challenge) expect(response.body).not.toContain(challenge);
    expect(response.body).not.toContain('<script>');
  });

  it('uses the first value of array-valued query parameters', () => {
    const arrays = {
      'hub.mode': ['subscribe', 'unsubscribe'],
      'hub.verify_token': [TOKEN, 'other'],
      'hub.challenge': [CHALLENGE, '999'],
    };
    expect(handleVerificationChallenge(arrays, TOKEN)).toEqual({ status: 200, body: CHALLENGE });
  });

  it('judges array-valued parameters by their first value only', () => {
    expect(handleVerificationChallenge(query({ 'hub.verify_token': ['wrong', TOKEN] }), TOKEN).status).toBe(403);
    expect(handleVerificationChallenge(query({ 'hub.mode': ['unsubscribe', 'subscribe'] }), TOKEN).status).toBe(403);
    expect(handleVerificationChallenge(query({ 'hub.challenge': ['<script>', CHALLENGE] }), TOKEN).status).toBe(400);
    expect(handleVerificationChallenge(query({ 'hub.challenge': [] }), TOKEN).status).toBe(400);
  });

  it('accepts the nested { hub: { mode, verify_token, challenge } } query shape', () => {
    const nested = { hub: { mode: 'subscribe', verify_token: TOKEN, challenge: CHALLENGE } };
    expect(handleVerificationChallenge(nested, TOKEN)).toEqual({ status: 200, body: CHALLENGE });
  });

  it('applies the same checks to the nested shape', () => {
    expect(handleVerificationChallenge({ hub: { mode: 'subscribe', verify_token: 'nope', challenge: CHALLENGE } }, TOKEN).status).toBe(403);
    expect(handleVerificationChallenge({ hub: { mode: 'subscribe', challenge: CHALLENGE } }, TOKEN).status).toBe(403);
    expect(handleVerificationChallenge({ hub: { mode: 'other', verify_token: TOKEN, challenge: CHALLENGE } }, TOKEN).status).toBe(403);
    expect(handleVerificationChallenge({ hub: { mode: 'subscribe', verify_token: TOKEN, challenge: '<script>' } }, TOKEN).status).toBe(400);
    expect(handleVerificationChallenge({ hub: { mode: ['subscribe'], verify_token: [TOKEN], challenge: [CHALLENGE] } }, TOKEN)).toEqual({
      status: 200,
      body: CHALLENGE,
    });
  });

  it('answers 403 (not 200) for an empty query: there is no subscribe request to accept', () => {
    expect(handleVerificationChallenge({}, TOKEN).status).toBe(403);
  });

  it('throws WhatsAppConfigError when the configured verify token is empty', () => {
    expect(() => handleVerificationChallenge(query(), '')).toThrow(WhatsAppConfigError);
    // Even a request that also carries an empty token must not pass against an empty configuration.
    expect(() => handleVerificationChallenge(query({ 'hub.verify_token': '' }), '')).toThrow(WhatsAppConfigError);
    expect(() => handleVerificationChallenge(query(), undefined as unknown as string)).toThrow(WhatsAppConfigError);
  });
});
