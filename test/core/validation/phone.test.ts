import { LIMITS, normalizePhoneNumber } from 'whatsapp-business-core';
import { issue, sendAccepted, sendRejected } from './helpers';

const ONLY_DIGITS = 'must contain only digits after removing spaces, dashes, parentheses and a leading + or 00';

describe('normalizePhoneNumber', () => {
  it.each([
    ['16505551234', '16505551234'],
    ['+16505551234', '16505551234'],
    ['+1 650 555 1234', '16505551234'],
    ['1-650-555-1234', '16505551234'],
    ['+1 (650) 555-1234', '16505551234'],
    ['1.650.555.1234', '16505551234'],
    ['0049 170 1234567', '491701234567'],
    ['00 44 20 7946 0958', '442079460958'],
    ['  +44 20-7946.0958  ', '442079460958'],
    ['+55\t11 91234-5678', '5511912345678'],
  ])('reduces %j to digits %j', (input, digits) => {
    expect(normalizePhoneNumber(input)).toEqual({ ok: true, digits });
  });

  it.each([
    ['1234567', 7],
    ['+123456789012345', 15],
    ['00123456789012345', 15],
  ])('accepts %j (%i digits, the documented bounds)', (input, length) => {
    const result = normalizePhoneNumber(input);
    expect(result).toEqual({ ok: true, digits: expect.stringMatching(/^\d+$/) });
    expect(result.ok && result.digits.length).toBe(length);
  });

  it('uses the limits from LIMITS.phoneNumber', () => {
    expect(LIMITS.phoneNumber).toEqual({ minDigits: 7, maxDigits: 15 });
  });

  it.each([
    ['123456', 6],
    ['+1 23 456', 6],
    ['1234567890123456', 16],
    ['+1 234 567 890 123 456', 16],
  ])('rejects %j (%i digits) naming the range and the count', (input, count) => {
    expect(normalizePhoneNumber(input)).toEqual({
      ok: false,
      reason: `must have 7-15 digits including the country code (got ${count})`,
    });
  });

  it.each(['+1 650 CALL NOW', '1650555123a', 'phone', '+1/650/5551234', '++16505551234', '1650#5551234'])(
    'rejects %j: not only digits',
    (input) => {
      expect(normalizePhoneNumber(input)).toEqual({ ok: false, reason: ONLY_DIGITS });
    },
  );

  it.each(['', '   ', '+', '00', '( ) - .'])('rejects %j as empty', (input) => {
    expect(normalizePhoneNumber(input)).toEqual({ ok: false, reason: 'must contain a phone number' });
  });
});

describe('message.send `to`', () => {
  const text = { type: 'text', text: { body: 'Hello' } };

  it.each([
    ['+1 (650) 555-1234', '16505551234'],
    ['0049 170 1234567', '491701234567'],
    ['44.20.7946.0958', '442079460958'],
    ['1234567', '1234567'],
    ['123456789012345', '123456789012345'],
  ])('normalizes %j to %j before the provider sees it', async (to, digits) => {
    const sent = await sendAccepted({ ...text, to });
    expect(sent.to).toBe(digits);
  });

  it.each([
    ['123456', 'must have 7-15 digits including the country code (got 6)'],
    ['1234567890123456', 'must have 7-15 digits including the country code (got 16)'],
    ['+1 650 CALL NOW', ONLY_DIGITS],
    ['', 'must contain a phone number'],
  ])('rejects %j at path "to"', async (to, rule) => {
    await sendRejected({ ...text, to }, issue('to', rule));
  });

  it('requires `to`', async () => {
    await sendRejected({ ...text, to: undefined }, issue('to', 'required'));
  });

  it('rejects a non-string `to`', async () => {
    await sendRejected({ ...text, to: 16505551234 }, issue('to', 'must be a string (got 16505551234)'));
  });
});
