import { normalizePhoneNumber } from 'whatsapp-business-core';

describe('normalizePhoneNumber', () => {
  it.each([
    ['+1 (650) 555-1234', '16505551234'],
    ['0049 170 1234567', '491701234567'],
    ['  44-20-7946-0958 ', '442079460958'],
  ])('reduces %p to digits', (input, digits) => {
    expect(normalizePhoneNumber(input)).toEqual({ ok: true, digits });
  });
});
