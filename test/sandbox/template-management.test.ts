import { startSandbox, type RunningSandbox } from 'whatsapp-sandbox';
import { eventually, expectGraphError, SandboxClient, type GraphErrorBody } from './helpers/client';
import { metaTemplateCreateExamples } from '../fixtures/meta-examples';

interface TemplateList {
  data: Record<string, unknown>[];
  paging?: { cursors: { before: string; after: string }; next?: string };
}

const CREATE_EXAMPLES = metaTemplateCreateExamples();

const simple = (name: string, overrides: Record<string, unknown> = {}): Record<string, unknown> => ({
  name,
  category: 'UTILITY',
  language: 'en_US',
  components: [{ type: 'BODY', text: `Body of ${name}` }],
  ...overrides,
});

describe('message template management', () => {
  let sandbox: RunningSandbox;
  let client: SandboxClient;
  const templatesPath = (): string => `${sandbox.wabaId}/message_templates`;
  const list = async (query: string): Promise<TemplateList> => {
    const reply = await client.graph('GET', `${templatesPath()}${query}`);
    expect(reply.status).toBe(200);
    return reply.body as TemplateList;
  };

  beforeAll(async () => {
    sandbox = await startSandbox({ port: 0 });
    client = new SandboxClient(sandbox);
  });
  beforeEach(async () => {
    await client.control('POST', 'reset');
  });
  afterAll(() => sandbox.close());

  it('starts with the seed template hello_world', async () => {
    const { data } = await list('');
    expect(data).toEqual([
      expect.objectContaining({ name: 'hello_world', language: 'en_US', status: 'APPROVED', category: 'UTILITY', parameter_format: 'POSITIONAL' }),
    ]);
    const components = data[0].components as { type: string; format?: string }[];
    expect(components.map((component) => component.type)).toEqual(['HEADER', 'BODY', 'FOOTER']);
    expect(components[0].format).toBe('TEXT');
  });

  it('pages with limit and after, with a next URL only while there are more', async () => {
    for (let i = 1; i <= 4; i += 1) await client.createTemplate(simple(`page_${i}`));
    const first = await list('?limit=2');
    expect(first.data.map((template) => template.name)).toEqual(['hello_world', 'page_1']);
    expect(first.paging?.next).toBeDefined();
    const next = new URL(first.paging?.next ?? '');
    expect(next.searchParams.get('after')).toBe(first.paging?.cursors.after);
    expect(next.searchParams.get('limit')).toBe('2');
    const secondReply = await client.request('GET', next.toString());
    const second = secondReply.body as TemplateList;
    expect(second.data.map((template) => template.name)).toEqual(['page_2', 'page_3']);
    const third = await list(`?limit=2&after=${second.paging?.cursors.after}`);
    expect(third.data.map((template) => template.name)).toEqual(['page_4']);
    expect(third.paging?.next).toBeUndefined();
    expect(third.paging?.cursors.before).toBeDefined();
  });

  it('rejects a bad limit or cursor with code 100', async () => {
    expectGraphError(await client.graph('GET', `${templatesPath()}?limit=0`), 100, /^limit: must be a whole number/);
    expectGraphError(await client.graph('GET', `${templatesPath()}?after=bogus`), 100, /^after: 'bogus' is not a cursor/);
  });

  it('filters by name substring (case-insensitive), status, category and language', async () => {
    await client.createTemplate(simple('spring_sale', { category: 'MARKETING' }));
    await client.createTemplate(simple('spring_sale', { category: 'MARKETING', language: 'de' }));
    const autumn = await client.createTemplate(simple('autumn_notice'));
    await client.control('POST', `templates/${autumn.id}/status`, { status: 'REJECTED', reason: 'INVALID_FORMAT' });
    const names = (body: TemplateList): string[] => body.data.map((template) => `${String(template.name)}/${String(template.language)}`);
    expect(names(await list('?name=SPRING'))).toEqual(['spring_sale/en_US', 'spring_sale/de']);
    expect(names(await list('?status=REJECTED'))).toEqual(['autumn_notice/en_US']);
    expect(names(await list('?category=MARKETING&language=de'))).toEqual(['spring_sale/de']);
    expectGraphError(await client.graph('GET', `${templatesPath()}?status=GONE`), 100, /^status: unsupported value 'GONE'/);
  });

  it('returns only the requested fields plus id', async () => {
    const { data } = await list('?fields=name,status');
    expect(data).toEqual([{ id: expect.any(String), name: 'hello_world', status: 'APPROVED' }]);
    expectGraphError(await client.graph('GET', `${templatesPath()}?fields=name,colour`), 100, /nonexisting field \(colour\)/);
  });

  it('answers PENDING, as Meta does, and approves by the next request when approveAfterMs is 0', async () => {
    const created = await client.createTemplate(simple('instant'));
    expect(created).toEqual({ id: expect.stringMatching(/^\d+$/), status: 'PENDING', category: 'UTILITY' });
    const fetched = await client.graph('GET', created.id);
    expect(fetched.body).toMatchObject({ id: created.id, name: 'instant', status: 'APPROVED' });
  });

  it('lets a client create a template and send it straight away when approveAfterMs is 0', async () => {
    await client.createTemplate(simple('send_at_once'));
    const reply = await client.send({ messaging_product: 'whatsapp', to: '15551234567', type: 'template', template: { name: 'send_at_once', language: { code: 'en_US' } } });
    expect(reply.status).toBe(200);
  });

  it('creates PENDING templates that become APPROVED after approveAfterMs', async () => {
    const slow = await startSandbox({ port: 0, approveAfterMs: 150 });
    try {
      const slowClient = new SandboxClient(slow);
      const created = await slowClient.createTemplate(simple('reviewed_later'));
      expect(created.status).toBe('PENDING');
      const early = await slowClient.send({ messaging_product: 'whatsapp', to: '15551234567', type: 'template', template: { name: 'reviewed_later', language: { code: 'en_US' } } });
      expectGraphError(early, 132001, /is PENDING/, 404);
      await eventually(async () => {
        expect((await slowClient.graph('GET', created.id)).body).toMatchObject({ status: 'APPROVED' });
      });
    } finally {
      await slow.close();
    }
  });

  it('accepts named parameters with parameter_format NAMED', async () => {
    const created = await client.createTemplate({
      name: 'named_params',
      category: 'MARKETING',
      language: 'en',
      parameter_format: 'named',
      components: [
        { type: 'HEADER', format: 'TEXT', text: 'Hi {{first_name}}', example: { header_text_named_params: [{ param_name: 'first_name', example: 'Ada' }] } },
        { type: 'BODY', text: 'Order {{order_id}} is ready.', example: { body_text_named_params: [{ param_name: 'order_id', example: '42' }] } },
      ],
    });
    expect((await client.graph('GET', created.id)).body).toMatchObject({ parameter_format: 'NAMED' });
  });

  it("accepts each of Meta's template creation examples", async () => {
    for (const [title, example] of Object.entries(CREATE_EXAMPLES)) {
      await client.control('POST', 'reset');
      const definition = { ...example, name: example.name === '<TEMPLATE_NAME>' ? 'flow_offer' : example.name };
      const reply = await client.graph('POST', templatesPath(), definition);
      if (reply.status !== 200) throw new Error(`${title} was rejected: ${JSON.stringify(reply.body)}`);
    }
  });

  it('refuses the same name and language twice with subcode 2388024', async () => {
    await client.createTemplate(simple('twice'));
    const reply = await client.graph('POST', templatesPath(), simple('twice'));
    const error = expectGraphError(reply, 100, /Content in this language already exists/);
    expect(error.error_subcode).toBe(2388024);
    expect((await client.graph('POST', templatesPath(), simple('twice', { language: 'fr' }))).status).toBe(200);
  });

  const body = (text: string, example?: unknown): Record<string, unknown> => ({ type: 'BODY', text, ...(example === undefined ? {} : { example }) });
  const invalid: [string, Record<string, unknown>, RegExp][] = [
    ['an upper-case name', simple('Bad_Name'), /^name: may contain only lowercase letters, digits and underscores$/],
    ['an unknown category', simple('x', { category: 'PROMO' }), /^category: unsupported value 'PROMO'/],
    ['a bad language code', simple('x', { language: 'english' }), /^language: 'english' is not a language code/],
    ['an unknown top-level field', simple('x', { colour: 'red' }), /^colour: unknown parameter$/],
    ['no BODY', simple('x', { components: [{ type: 'FOOTER', text: 'f' }] }), /^components: a BODY component is required$/],
    ['two BODY components', simple('x', { components: [body('a'), body('b')] }), /^components: only one BODY component is allowed$/],
    ['an unknown component type', simple('x', { components: [body('a'), { type: 'SIDEBAR' }] }), /^components\[1\]\.type: unsupported value 'SIDEBAR'/],
    ['a body over 1024', simple('x', { components: [body('b'.repeat(1025))] }), /^components\[0\]\.text: must be at most 1024 characters \(got 1025\)$/],
    ['body variables with a gap', simple('x', { components: [body('{{1}} and {{3}}', { body_text: [['a', 'b']] })] }), /^components\[0\]\.text: positional variables must be numbered \{\{1\}\} to \{\{2\}\} without gaps \(\{\{2\}\} is missing\)$/],
    ['body variables without examples', simple('x', { components: [body('Hi {{1}}')] }), /^components\[0\]\.example: required parameter is missing$/],
    ['too few body examples', simple('x', { components: [body('{{1}} {{2}}', { body_text: [['a']] })] }), /^components\[0\]\.example\.body_text\[0\]: at least 2 example values required \(got 1\)$/],
    ['mixed variable styles', simple('x', { components: [body('{{1}} {{name}}', { body_text: [['a', 'b']] })] }), /cannot be mixed/],
    ['named variables without parameter_format', simple('x', { components: [body('Hi {{name}}', { body_text_named_params: [{ param_name: 'name', example: 'A' }] })] }), /need parameter_format NAMED/],
    ['a header over 60', simple('x', { components: [{ type: 'HEADER', format: 'TEXT', text: 'h'.repeat(61) }, body('b')] }), /^components\[0\]\.text: must be at most 60 characters/],
    ['two header variables', simple('x', { components: [{ type: 'HEADER', format: 'TEXT', text: '{{1}} {{2}}', example: { header_text: ['a'] } }, body('b')] }), /at most 1 variable allowed in a TEXT header \(got 2\)/],
    ['a header variable without example', simple('x', { components: [{ type: 'HEADER', format: 'TEXT', text: 'Hi {{1}}' }, body('b')] }), /^components\[0\]\.example: required parameter is missing$/],
    ['an IMAGE header without header_handle', simple('x', { components: [{ type: 'HEADER', format: 'IMAGE' }, body('b')] }), /^components\[0\]\.example: required parameter is missing$/],
    ['an unknown header format', simple('x', { components: [{ type: 'HEADER', format: 'GIF' }, body('b')] }), /^components\[0\]\.format: unsupported value 'GIF'/],
    ['a footer over 60', simple('x', { components: [body('b'), { type: 'FOOTER', text: 'f'.repeat(61) }] }), /^components\[1\]\.text: must be at most 60 characters/],
    ['eleven buttons', simple('x', { components: [body('b'), { type: 'BUTTONS', buttons: Array.from({ length: 11 }, (_, i) => ({ type: 'QUICK_REPLY', text: `B${i}` })) }] }), /^components\[1\]\.buttons: at most 10 buttons \(got 11\)$/],
    ['a quick reply over 25', simple('x', { components: [body('b'), { type: 'BUTTONS', buttons: [{ type: 'QUICK_REPLY', text: 'q'.repeat(26) }] }] }), /^components\[1\]\.buttons\[0\]\.text: must be at most 25 characters/],
    ['three URL buttons', simple('x', { components: [body('b'), { type: 'BUTTONS', buttons: [1, 2, 3].map((i) => ({ type: 'URL', text: `U${i}`, url: 'https://e.x' })) }] }), /at most 2 URL buttons \(got 3\)/],
    ['two PHONE_NUMBER buttons', simple('x', { components: [body('b'), { type: 'BUTTONS', buttons: [1, 2].map((i) => ({ type: 'PHONE_NUMBER', text: `P${i}`, phone_number: '15551234567' })) }] }), /at most 1 PHONE_NUMBER button \(got 2\)/],
    ['a phone number over 20', simple('x', { components: [body('b'), { type: 'BUTTONS', buttons: [{ type: 'PHONE_NUMBER', text: 'Call', phone_number: '1'.repeat(21) }] }] }), /phone_number: must be at most 20 characters/],
    ['a URL variable not at the end', simple('x', { components: [body('b'), { type: 'BUTTONS', buttons: [{ type: 'URL', text: 'Go', url: 'https://e.x/{{1}}/x', example: ['https://e.x/a/x'] }] }] }), /the only variable allowed is \{\{1\}\}, at the end of the URL/],
    ['a URL variable without example', simple('x', { components: [body('b'), { type: 'BUTTONS', buttons: [{ type: 'URL', text: 'Go', url: 'https://e.x/{{1}}' }] }] }), /^components\[1\]\.buttons\[0\]\.example: required parameter is missing$/],
    ['a copy code example over 15', simple('x', { components: [body('b'), { type: 'BUTTONS', buttons: [{ type: 'COPY_CODE', example: 'C'.repeat(16) }] }] }), /example: must be at most 15 characters/],
    ['an OTP button outside AUTHENTICATION', simple('x', { components: [body('b'), { type: 'BUTTONS', buttons: [{ type: 'OTP', otp_type: 'COPY_CODE' }] }] }), /OTP buttons are only allowed in AUTHENTICATION templates/],
    ['an AUTHENTICATION body with text', simple('x', { category: 'AUTHENTICATION', components: [body('Your code'), { type: 'BUTTONS', buttons: [{ type: 'OTP', otp_type: 'COPY_CODE' }] }] }), /^components\[0\]\.text: unknown parameter$/],
    ['code_expiration_minutes over 90', simple('x', { category: 'AUTHENTICATION', components: [{ type: 'BODY' }, { type: 'FOOTER', code_expiration_minutes: 91 }, { type: 'BUTTONS', buttons: [{ type: 'OTP', otp_type: 'COPY_CODE' }] }] }), /code_expiration_minutes: must be between 1 and 90 \(got 91\)/],
    ['an unknown otp_type', simple('x', { category: 'AUTHENTICATION', components: [{ type: 'BODY' }, { type: 'BUTTONS', buttons: [{ type: 'OTP', otp_type: 'SMS' }] }] }), /otp_type: unsupported value 'SMS'/],
  ];

  it.each(invalid)('rejects %s with code 100 and details naming the component', async (_label, definition, details) => {
    const reply = await client.graph('POST', templatesPath(), definition);
    expectGraphError(reply, 100, details);
    expect((reply.body as GraphErrorBody).error.message).toBe('(#100) Invalid parameter');
  });

  it('deletes every language of a name, or only the hsm_id given', async () => {
    await client.createTemplate(simple('to_delete'));
    const german = await client.createTemplate(simple('to_delete', { language: 'de' }));
    const french = await client.createTemplate(simple('to_delete', { language: 'fr' }));
    expect((await client.graph('DELETE', `${templatesPath()}?name=to_delete&hsm_id=${german.id}`)).body).toEqual({ success: true });
    expect((await list('?name=to_delete')).data.map((template) => template.language)).toEqual(['en_US', 'fr']);
    expect((await client.graph('DELETE', `${templatesPath()}?name=to_delete`)).body).toEqual({ success: true });
    expect((await list('?name=to_delete')).data).toEqual([]);
    const gone = await client.graph('GET', french.id);
    expect((gone.body as GraphErrorBody).error).toMatchObject({ code: 100, error_subcode: 33 });
  });

  it('rejects deleting an unknown name, and a missing name', async () => {
    expectGraphError(await client.graph('DELETE', `${templatesPath()}?name=never_created`), 100, /^name: no message template named 'never_created'/);
    expectGraphError(await client.graph('DELETE', templatesPath()), 131008, /^name: required parameter is missing$/);
  });
});
