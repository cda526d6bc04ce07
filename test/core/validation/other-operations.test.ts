import { BUSINESS_VERTICALS, TEMPLATE_CATEGORIES, TEMPLATE_STATUSES } from 'whatsapp-business-core';
import { accepted, chars, expectIssues, issue } from './helpers';

describe('template.list', () => {
  it('accepts no filters', async () => {
    expect(await accepted('template.list', {})).toEqual({});
  });

  it('passes every filter on', async () => {
    const input = { wabaId: '102290129340398', limit: 1, name: 'order', status: 'APPROVED', category: 'UTILITY', language: 'pt_BR' };
    expect(await accepted('template.list', input)).toEqual(input);
  });

  it.each([1, 250])('accepts limit %i', async (limit) => {
    expect((await accepted('template.list', { limit })).limit).toBe(limit);
  });

  it.each([
    [0, 'must be at least 1 (got 0)'],
    [-5, 'must be at least 1 (got -5)'],
    ['10', 'must be a number (got "10")'],
  ])('rejects limit %p', async (limit, rule) => {
    await expectIssues('template.list', { limit }, issue('limit', rule));
  });

  it('rejects a fractional limit as not an integer', async () => {
    await expectIssues('template.list', { limit: 1.5 }, issue('limit', /^must be an? int(eger)? \(got 1\.5\)$/));
  });

  it.each(TEMPLATE_STATUSES)('accepts status %s', async (status) => {
    expect((await accepted('template.list', { status })).status).toBe(status);
  });

  it.each(TEMPLATE_CATEGORIES)('accepts category %s', async (category) => {
    expect((await accepted('template.list', { category })).category).toBe(category);
  });

  it('rejects an unknown status listing the accepted ones', async () => {
    await expectIssues(
      'template.list',
      { status: 'approved' },
      issue('status', `must be one of ${TEMPLATE_STATUSES.map((s) => `"${s}"`).join(', ')} (got "approved")`),
    );
  });

  it('rejects an unknown category listing the accepted ones', async () => {
    await expectIssues('template.list', { category: 'TRANSACTIONAL' }, issue('category', 'must be one of "MARKETING", "UTILITY", "AUTHENTICATION" (got "TRANSACTIONAL")'));
  });

  it.each(['en', 'en_US', 'fil'])('accepts language %j', async (language) => {
    expect((await accepted('template.list', { language })).language).toBe(language);
  });

  it.each(['english', 'EN_us', 'en-US'])('rejects language %j', async (language) => {
    await expectIssues('template.list', { language }, issue('language', `must be a language code such as en, en_US or pt_BR (got "${language}")`));
  });

  it('rejects a non-numeric wabaId', async () => {
    await expectIssues('template.list', { wabaId: 'my-waba' }, issue('wabaId', 'must be a numeric id'));
  });

  it('rejects unknown fields', async () => {
    await expectIssues('template.list', { after: 'cursor' }, issue('after', 'unknown field'));
  });
});

describe('template.get', () => {
  it('accepts templateId and passes it on', async () => {
    expect(await accepted('template.get', { templateId: 1234567890 })).toEqual({ templateId: '1234567890' });
  });

  it('accepts name and language (and looks the name up)', async () => {
    expect(await accepted('template.get', { name: 'order_update', language: 'en_US' })).toEqual({ name: 'order_update', language: 'en_US' });
  });

  it('accepts name alone', async () => {
    expect(await accepted('template.get', { name: 'order_update' })).toEqual({ name: 'order_update' });
  });

  it('needs templateId or name', async () => {
    await expectIssues('template.get', {}, issue('', 'needs "templateId", or "name" (and optionally "language")'));
  });

  it('needs templateId or name even with a language', async () => {
    await expectIssues('template.get', { language: 'en_US' }, issue('', 'needs "templateId", or "name" (and optionally "language")'));
  });

  it.each([
    { templateId: '1234567890', name: 'order_update' },
    { templateId: '1234567890', language: 'en_US' },
  ])('rejects both: %j', async (input) => {
    await expectIssues('template.get', input, issue('', 'give either "templateId" or "name"/"language", not both'));
  });

  it.each([
    [{ templateId: 'abc' }, 'templateId', 'must be a numeric id'],
    [{ name: 'Order Update' }, 'name', 'may contain only lowercase letters, digits and underscores'],
    [{ name: 'order_update', language: 'english' }, 'language', 'must be a language code such as en, en_US or pt_BR (got "english")'],
  ])('rejects %j', async (input, path, rule) => {
    await expectIssues('template.get', input, issue(path, rule));
  });
});

describe('template.delete', () => {
  it('accepts a name', async () => {
    expect(await accepted('template.delete', { name: 'order_update' })).toEqual({ name: 'order_update' });
  });

  it('accepts a name with a template id', async () => {
    expect(await accepted('template.delete', { name: 'order_update', templateId: '1234567890' })).toEqual({
      name: 'order_update',
      templateId: '1234567890',
    });
  });

  it('accepts a 512-character name', async () => {
    expect((await accepted('template.delete', { name: chars(512) })).name).toBe(chars(512));
  });

  it.each([
    [{}, 'required'],
    [{ name: '' }, 'must not be empty'],
    [{ name: 'Order_Update' }, 'may contain only lowercase letters, digits and underscores'],
    [{ name: 'order update' }, 'may contain only lowercase letters, digits and underscores'],
    [{ name: chars(513) }, 'at most 512 characters (got 513)'],
  ])('rejects %j', async (input, rule) => {
    await expectIssues('template.delete', input, issue('name', rule));
  });

  it('rejects a non-numeric templateId', async () => {
    await expectIssues('template.delete', { name: 'order_update', templateId: 'x1' }, issue('templateId', 'must be a numeric id'));
  });
});

describe('businessProfile.update', () => {
  const update = (fields: Record<string, unknown>) => accepted('businessProfile.update', fields);
  const updateRejected = (fields: Record<string, unknown>, path: string, rule: string | RegExp) =>
    expectIssues('businessProfile.update', fields, issue(path, rule));

  it('passes every field on', async () => {
    const input = {
      phoneNumberId: '106540352242922',
      about: 'Fresh bread daily',
      address: 'Rua A 1, Lisboa',
      description: 'Bakery',
      email: 'hello@example.com',
      websites: ['https://example.com', 'http://example.org/shop'],
      vertical: 'RESTAURANT',
      profilePictureHandle: '4::aW1hZ2UvanBn:ARYytyb0',
    };
    expect(await update(input)).toEqual(input);
  });

  it.each([1, 139])('accepts about of %i characters', async (length) => {
    expect((await update({ about: chars(length) })).about).toBe(chars(length));
  });

  it.each([
    [chars(140), 'at most 139 characters (got 140)'],
    ['', 'must not be empty'],
    ['   ', 'must not be empty'],
  ])('rejects about %j', async (about, rule) => {
    await updateRejected({ about }, 'about', rule);
  });

  it.each(['address', 'description'])('accepts %s of 256 characters and rejects 257', async (field) => {
    expect((await update({ [field]: chars(256) }))[field as 'address']).toBe(chars(256));
    await updateRejected({ [field]: chars(257) }, field, 'at most 256 characters (got 257)');
  });

  it('accepts a 128-character email', async () => {
    const email = `${chars(64)}@${chars(59, 'b')}.com`;
    expect(email).toHaveLength(128);
    expect((await update({ email })).email).toBe(email);
  });

  it('rejects a 129-character email', async () => {
    const email = `${chars(64)}@${chars(60, 'b')}.com`;
    await updateRejected({ email }, 'email', 'at most 128 characters (got 129)');
  });

  it.each(['hello', 'hello@', 'hello@example', '@example.com'])('rejects the email %j', async (email) => {
    await updateRejected({ email }, 'email', 'must be an email address');
  });

  it('accepts 2 websites and rejects 3', async () => {
    const websites = ['https://a.example.com', 'https://b.example.com'];
    expect((await update({ websites })).websites).toEqual(websites);
    await updateRejected({ websites: [...websites, 'https://c.example.com'] }, 'websites', 'at most 2 websites (got 3)');
  });

  it.each(['ftp://example.com', 'example.com', 'javascript:alert(1)'])('rejects the website %j', async (website) => {
    await updateRejected({ websites: ['https://example.com', website] }, 'websites[1]', 'must be an http(s) URL');
  });

  it('accepts a 256-character website and rejects 257', async () => {
    const base = 'https://example.com/';
    const ok = base + chars(256 - base.length);
    expect((await update({ websites: [ok] })).websites).toEqual([ok]);
    await updateRejected({ websites: [ok + 'x'] }, 'websites[0]', 'at most 256 characters (got 257)');
  });

  it.each(BUSINESS_VERTICALS)('accepts vertical %s', async (vertical) => {
    expect((await update({ vertical })).vertical).toBe(vertical);
  });

  it.each(['FOOD', 'restaurant', ''])('rejects vertical %j listing the accepted ones', async (vertical) => {
    await updateRejected(
      { vertical },
      'vertical',
      `must be one of ${BUSINESS_VERTICALS.map((v) => `"${v}"`).join(', ')} (got ${JSON.stringify(vertical)})`,
    );
  });

  it.each([{}, { phoneNumberId: '106540352242922' }])('needs at least one field: %j', async (input) => {
    await expectIssues('businessProfile.update', input, issue('', 'give at least one profile field to update'));
  });

  it('rejects unknown fields', async () => {
    await updateRejected({ about: 'x', name: 'Bakery' }, 'name', 'unknown field');
  });
});
