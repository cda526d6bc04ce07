import { startSandbox, type RunningSandbox } from 'whatsapp-sandbox';
import { MAX_FIELDS_DEPTH, parseFieldsParam } from '../../sandbox/graph/fields-syntax';
import { expectGraphError, SandboxClient } from './helpers/client';
import { expectLinearInSize } from './helpers/scaling';

/**
 * Graph's field expansion `a{b,c}` (nested, commas inside braces): the top-level field is checked,
 * the answer holds only the subfields asked for, and a malformed expansion is a 100 naming `fields`.
 */
describe('fields with Graph field expansion', () => {
  let sandbox: RunningSandbox;
  let client: SandboxClient;

  beforeAll(async () => {
    sandbox = await startSandbox({ port: 0 });
    client = new SandboxClient(sandbox);
  });
  afterAll(() => sandbox.close());

  const get = (path: string, fields: string) => client.graph('GET', `${path}?fields=${encodeURIComponent(fields)}`);

  it('health_status{can_send_message} on the phone number answers only that subfield', async () => {
    const reply = await get(sandbox.phoneNumberId, 'health_status{can_send_message}');
    expect(reply.status).toBe(200);
    expect(reply.body).toEqual({ id: sandbox.phoneNumberId, health_status: { can_send_message: 'AVAILABLE' } });
  });

  it('nested expansion with commas inside braces, next to plain fields, on the WABA', async () => {
    const reply = await get(sandbox.wabaId, 'country,health_status{can_send_message,entities{entity_type,can_send_message}},name');
    expect(reply.status).toBe(200);
    expect(reply.body).toEqual({
      id: sandbox.wabaId,
      country: 'US',
      name: expect.any(String),
      health_status: {
        can_send_message: 'AVAILABLE',
        entities: [
          { entity_type: 'PHONE_NUMBER', can_send_message: 'AVAILABLE' },
          { entity_type: 'WABA', can_send_message: 'AVAILABLE' },
          { entity_type: 'APP', can_send_message: 'AVAILABLE' },
        ],
      },
    });
  });

  it('works in the phone_numbers list too', async () => {
    const reply = await get(`${sandbox.wabaId}/phone_numbers`, 'health_status{entities{id}}');
    expect(reply.status).toBe(200);
    const { data } = reply.body as { data: { health_status: { entities: unknown[] } }[] };
    expect(data[0].health_status).toEqual({ entities: [{ id: sandbox.phoneNumberId }, { id: sandbox.wabaId }, { id: sandbox.appId }] });
  });

  it('still checks the top-level field of an expansion, naming it', async () => {
    expectGraphError(await get(sandbox.phoneNumberId, 'favourite_colour{shade}'), 100, /^fields: tried accessing nonexisting field \(favourite_colour\)/);
  });

  it('refuses an unknown subfield, naming its path', async () => {
    expectGraphError(await get(sandbox.phoneNumberId, 'health_status{mood}'), 100, /^fields: tried accessing nonexisting field \(health_status\.mood\); available in health_status: can_send_message, entities/);
  });

  it('refuses expanding a field that has no subfields', async () => {
    expectGraphError(await get(sandbox.wabaId, 'country{code}'), 100, 'fields: country has no subfields to expand');
  });

  it.each([
    ['health_status{can_send_message', 'unbalanced braces: "{" without a matching "}"'],
    ['health_status}can_send_message', 'unbalanced braces: "}" without a matching "{"'],
    ['health_status{can_send_message}}', 'unbalanced braces: "}" without a matching "{"'],
    ['{can_send_message}', '"{" must follow a field name'],
    ['health_status{}', 'an expansion "{}" names no subfield'],
    ['health_status{can_send_message}entities', 'expected "," or "}" after a closing "}"'],
  ])('a malformed expansion %s is a clear 100 naming fields', async (fields, rule) => {
    const error = expectGraphError(await get(sandbox.phoneNumberId, fields), 100, `fields: ${rule}`);
    expect(error.error_data?.details).toContain('field expansion syntax');
  });

  it(`refuses nesting deeper than ${MAX_FIELDS_DEPTH} levels`, async () => {
    const deep = `${'a{'.repeat(MAX_FIELDS_DEPTH + 1)}b${'}'.repeat(MAX_FIELDS_DEPTH + 1)}`;
    expectGraphError(await get(sandbox.phoneNumberId, deep), 100, `fields: expansions nest deeper than ${MAX_FIELDS_DEPTH} levels`);
  });

  it('plain comma lists behave as before (empty entries skipped)', async () => {
    const reply = await get(sandbox.phoneNumberId, 'verified_name,,quality_rating');
    expect(reply.status).toBe(200);
    expect(Object.keys(reply.body as object).sort()).toEqual(['id', 'quality_rating', 'verified_name']);
  });
});

describe('parseFieldsParam', () => {
  it('builds the tree of requested fields', () => {
    expect(parseFieldsParam(' a , b{c, d{e}} ,f')).toEqual([
      { name: 'a', subfields: null },
      { name: 'b', subfields: [{ name: 'c', subfields: null }, { name: 'd', subfields: [{ name: 'e', subfields: null }] }] },
      { name: 'f', subfields: null },
    ]);
  });

  it('is linear in the length of the parameter (many entries, and unbalanced input)', async () => {
    // Inputs are built once, outside the measurement.
    const inputs = new Map<string, string>();
    const input = (shape: string, n: number): string => {
      const key = `${shape}:${n}`;
      if (!inputs.has(key)) inputs.set(key, shape === 'nested' ? 'a{b,c{d}},'.repeat(n) : `${'x,'.repeat(n)}{`);
      return inputs.get(key) as string;
    };
    await expectLinearInSize((n) => parseFieldsParam(input('nested', n)), 20_000);
    const unbalanced = (n: number): void => {
      expect(() => parseFieldsParam(input('unbalanced', n))).toThrow(/unbalanced|must follow a field name/);
    };
    await expectLinearInSize(unbalanced, 20_000);
  });
});
