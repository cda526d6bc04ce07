import { issue, sendAccepted, sendRejected } from './helpers';

describe('location messages', () => {
  const at = (latitude: unknown, longitude: unknown, extra: Record<string, unknown> = {}) => ({
    type: 'location',
    location: { latitude, longitude, ...extra },
  });

  it.each([
    [90, 180],
    [-90, -180],
    [0, 0],
    [38.7223, -9.1393],
  ])('accepts latitude %p and longitude %p', async (latitude, longitude) => {
    const sent = await sendAccepted(at(latitude, longitude));
    expect(sent).toMatchObject({ location: { latitude, longitude } });
  });

  it('accepts name and address', async () => {
    const sent = await sendAccepted(at(1, 2, { name: 'Lisbon office', address: 'Av. da Liberdade 1' }));
    expect(sent).toMatchObject({ location: { name: 'Lisbon office', address: 'Av. da Liberdade 1' } });
  });

  it.each([
    [90.0001, 0, 'location.latitude', 'must be at most 90 (got 90.0001)'],
    [-90.5, 0, 'location.latitude', 'must be at least -90 (got -90.5)'],
    [0, 180.5, 'location.longitude', 'must be at most 180 (got 180.5)'],
    [0, -181, 'location.longitude', 'must be at least -180 (got -181)'],
    ['91', 0, 'location.latitude', 'must be at most 90 (got 91)'],
    [0, '-180.01', 'location.longitude', 'must be at least -180 (got -180.01)'],
  ])('rejects latitude %p / longitude %p beyond the bounds', async (latitude, longitude, path, rule) => {
    await sendRejected(at(latitude, longitude), issue(path, rule));
  });

  it.each([
    ['38.7223', '-9.1393', 38.7223, -9.1393],
    [' 90 ', '-180', 90, -180],
    ['0', '1e1', 0, 10],
  ])('converts the numeric strings %j and %j to numbers', async (latitude, longitude, lat, lng) => {
    const sent = await sendAccepted(at(latitude, longitude));
    expect(sent).toMatchObject({ location: { latitude: lat, longitude: lng } });
    expect(sent.type === 'location' && typeof sent.location.latitude).toBe('number');
  });

  it.each([
    ['north', 'must be a number (got "north")'],
    ['', 'must be a number (got "")'],
    ['12,5', 'must be a number (got "12,5")'],
    [true, 'must be a number (got true)'],
  ])('rejects the non-numeric latitude %j', async (latitude, rule) => {
    await sendRejected(at(latitude, 0), issue('location.latitude', rule));
  });

  it('requires latitude and longitude', async () => {
    await sendRejected({ type: 'location', location: {} }, issue('location.latitude', 'required'), issue('location.longitude', 'required'));
  });
});

describe('contacts messages', () => {
  const card = (extra: Record<string, unknown> = {}) => ({
    name: { formattedName: 'Ana Silva', firstName: 'Ana', lastName: 'Silva' },
    ...extra,
  });

  it('accepts a full contact card', async () => {
    const full = card({
      addresses: [{ street: 'Rua A 1', city: 'Lisboa', zip: '1000-001', country: 'Portugal', countryCode: 'PT', type: 'WORK' }],
      birthday: '1990-05-17',
      emails: [{ email: 'ana@example.com', type: 'WORK' }],
      org: { company: 'Example', department: 'Sales', title: 'Manager' },
      phones: [{ phone: '+351 912 345 678', type: 'CELL', waId: '351912345678' }],
      urls: [{ url: 'https://example.com', type: 'WORK' }],
    });
    const sent = await sendAccepted({ type: 'contacts', contacts: [full] });
    expect(sent).toMatchObject({ contacts: [full] });
  });

  it.each([1, 5])('accepts %i cards', async (count) => {
    const sent = await sendAccepted({ type: 'contacts', contacts: Array.from({ length: count }, () => card()) });
    expect(sent.type === 'contacts' && sent.contacts).toHaveLength(count);
  });

  it.each([
    [0, 'at least 1 contact card (got 0)'],
    [6, 'at most 5 contact cards (got 6)'],
  ])('rejects %i cards', async (count, rule) => {
    await sendRejected({ type: 'contacts', contacts: Array.from({ length: count }, () => card()) }, issue('contacts', rule));
  });

  it('requires formattedName', async () => {
    await sendRejected({ type: 'contacts', contacts: [{ name: { firstName: 'Ana' } }] }, issue('contacts[0].name.formattedName', 'required'));
  });

  it('rejects an empty formattedName', async () => {
    await sendRejected(
      { type: 'contacts', contacts: [{ name: { formattedName: ' ', firstName: 'Ana' } }] },
      issue('contacts[0].name.formattedName', 'must not be empty'),
    );
  });

  it.each(['firstName', 'lastName', 'middleName', 'suffix', 'prefix'])('accepts formattedName plus only %s', async (part) => {
    const sent = await sendAccepted({ type: 'contacts', contacts: [{ name: { formattedName: 'X', [part]: 'X' } }] });
    expect(sent).toMatchObject({ contacts: [{ name: { formattedName: 'X', [part]: 'X' } }] });
  });

  it.each([
    ['only formattedName', { formattedName: 'Ana Silva' }],
    ['blank name parts', { formattedName: 'Ana Silva', firstName: ' ', lastName: '' }],
  ])('rejects %s', async (_label, name) => {
    await sendRejected(
      { type: 'contacts', contacts: [card(), { name }] },
      issue('contacts[1].name', 'needs at least one of firstName, lastName, middleName, suffix, prefix besides formattedName'),
    );
  });

  it.each(['ana', 'ana@', '@example.com', 'ana example@example.com'])('rejects the email %j', async (email) => {
    await sendRejected(
      { type: 'contacts', contacts: [card({ emails: [{ email: 'ok@example.com' }, { email }] })] },
      issue('contacts[0].emails[1].email', 'must be an email address'),
    );
  });

  it.each(['http://example.com', 'https://example.com/path?q=1'])('accepts the url %j', async (url) => {
    const sent = await sendAccepted({ type: 'contacts', contacts: [card({ urls: [{ url }] })] });
    expect(sent).toMatchObject({ contacts: [{ urls: [{ url }] }] });
  });

  it.each(['ftp://example.com', 'example.com', 'javascript:alert(1)'])('rejects the url %j', async (url) => {
    await sendRejected({ type: 'contacts', contacts: [card({ urls: [{ url }] })] }, issue('contacts[0].urls[0].url', 'must be an http(s) URL'));
  });

  it.each(['17/05/1990', '1990-5-17', '1990/05/17', '19900517', 'May 17'])('rejects the birthday %j', async (birthday) => {
    await sendRejected({ type: 'contacts', contacts: [card({ birthday })] }, issue('contacts[0].birthday', 'must be a date as YYYY-MM-DD'));
  });

  it.each(['1234567', '351912345678', '123456789012345'])('accepts the waId %j', async (waId) => {
    const sent = await sendAccepted({ type: 'contacts', contacts: [card({ phones: [{ phone: '+1 555', waId }] })] });
    expect(sent).toMatchObject({ contacts: [{ phones: [{ waId }] }] });
  });

  it.each(['+351912345678', '351 912 345 678', '123456', '1234567890123456', 'abc1234567'])('rejects the waId %j', async (waId) => {
    await sendRejected(
      { type: 'contacts', contacts: [card({ phones: [{ phone: '+1 555', waId }] })] },
      issue('contacts[0].phones[0].waId', 'must be 7-15 digits (a WhatsApp id)'),
    );
  });

  it('rejects unknown fields in a card', async () => {
    await sendRejected({ type: 'contacts', contacts: [card({ nickname: 'Ani' })] }, issue('contacts[0].nickname', 'unknown field'));
  });
});

describe('reaction messages', () => {
  const react = (emoji?: string) => ({
    type: 'reaction',
    reaction: emoji === undefined ? { messageId: 'wamid.HBgL' } : { messageId: 'wamid.HBgL', emoji },
  });

  it.each([
    ['thumbs up', '👍'],
    ['heart with variation selector', '❤️'],
    ['skin tone', '👍🏽'],
    ['ZWJ family', '👨‍👩‍👧‍👦'],
    ['ZWJ profession with skin tone', '👩🏾‍💻'],
    ['flag', '🇵🇹'],
    ['keycap', '1️⃣'],
    ['keycap #', '#️⃣'],
  ])('accepts a single emoji: %s', async (_label, emoji) => {
    const sent = await sendAccepted(react(emoji));
    expect(sent).toMatchObject({ reaction: { messageId: 'wamid.HBgL', emoji } });
  });

  it('accepts "" (removes the reaction)', async () => {
    const sent = await sendAccepted(react(''));
    expect(sent).toMatchObject({ reaction: { emoji: '' } });
  });

  it('accepts an absent emoji (removes the reaction)', async () => {
    const sent = await sendAccepted(react());
    expect(sent.type === 'reaction' && sent.reaction.emoji).toBeUndefined();
  });

  it.each([
    ['two emoji', '👍👍'],
    ['two flags', '🇵🇹🇧🇷'],
    ['text', 'ok'],
    ['emoji with text', 'ok 👍'],
    ['emoji with a trailing space', '👍 '],
    ['a digit', '1'],
    ['a letter', 'a'],
  ])('rejects %s', async (_label, emoji) => {
    await sendRejected(react(emoji), issue('reaction.emoji', `must be a single emoji, or empty to remove the reaction (got ${JSON.stringify(emoji)})`));
  });

  it('requires messageId', async () => {
    await sendRejected({ type: 'reaction', reaction: { emoji: '👍' } }, issue('reaction.messageId', 'required'));
  });

  it('rejects an empty messageId', async () => {
    await sendRejected({ type: 'reaction', reaction: { messageId: '', emoji: '👍' } }, issue('reaction.messageId', 'must not be empty'));
  });
});
