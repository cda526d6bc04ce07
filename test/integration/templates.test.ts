import { operations, WhatsAppValidationError } from 'whatsapp-business-core';
import { sandboxWithProvider } from './helpers/sandbox-provider';
import type { SandboxWithProvider } from './helpers/sandbox-provider';

let env: SandboxWithProvider;
beforeEach(async () => {
  env = await sandboxWithProvider({ mps: 0, pairRate: 0 });
});
afterEach(() => env.close());

const create = (input: Record<string, unknown>) => operations['template.create'].run(env.provider, input);
const list = (input: Record<string, unknown> = {}) => operations['template.list'].run(env.provider, input);

const orderUpdate = (name: string, language = 'en_US') => ({
  name,
  category: 'UTILITY',
  language,
  components: [
    { type: 'HEADER', format: 'TEXT', text: 'Order {{1}}', example: { header_text: ['#1234'] } },
    { type: 'BODY', text: 'Hi {{1}}, your order ships on {{2}}.', example: { body_text: [['Ana', 'Monday']] } },
    { type: 'FOOTER', text: 'Reply STOP to opt out' },
    { type: 'BUTTONS', buttons: [{ type: 'URL', text: 'Track', url: 'https://example.com/t/{{1}}', example: ['https://example.com/t/1234'] }, { type: 'QUICK_REPLY', text: 'Stop' }] },
  ],
});

describe('templates through the Cloud provider', () => {
  it('lists every page: 130 templates with Graph pages of 100', async () => {
    for (let i = 0; i < 129; i += 1) await create({ ...orderUpdate(`bulk_${String(i).padStart(3, '0')}`) });
    const all = await list();
    expect(all.count).toBe(130);
    expect(all.hasMore).toBe(false);
    expect(new Set(all.templates.map((t) => t.id)).size).toBe(130);
    const limited = await list({ limit: 101 });
    expect(limited).toMatchObject({ count: 101, hasMore: true });
    const exact = await list({ limit: 130 });
    expect(exact).toMatchObject({ count: 130, hasMore: false });
  });

  it('filters by name, status, category and language', async () => {
    await create(orderUpdate('order_update'));
    await create(orderUpdate('order_update', 'pt_BR'));
    await create({ name: 'promo_fall', category: 'MARKETING', language: 'en_US', components: [{ type: 'BODY', text: 'Fall sale!' }] });
    expect((await list({ name: 'order' })).templates.map((t) => t.language).sort()).toEqual(['en_US', 'pt_BR']);
    expect((await list({ category: 'MARKETING' })).templates.map((t) => t.name)).toEqual(['promo_fall']);
    expect((await list({ language: 'pt_BR' })).templates.map((t) => t.name)).toEqual(['order_update']);
    expect((await list({ status: 'APPROVED' })).count).toBe(4);
  });

  it('creates templates PENDING, then they become APPROVED', async () => {
    await env.close();
    env = await sandboxWithProvider({ approveAfterMs: 150 });
    const created = await create(orderUpdate('slow_review'));
    expect(created).toMatchObject({ status: 'PENDING', category: 'UTILITY' });
    expect((await list({ status: 'PENDING' })).templates.map((t) => t.name)).toEqual(['slow_review']);
    await expect(
      operations['message.send'].run(env.provider, { to: '16505551234', type: 'template', template: { name: 'slow_review', language: 'en_US' } }),
    ).rejects.toMatchObject({ metaCode: 132001 });
    await new Promise((resolve) => setTimeout(resolve, 200));
    expect((await operations['template.get'].run(env.provider, { templateId: created.id })).status).toBe('APPROVED');
  });

  it('gets a template by id, by name, and by name and language', async () => {
    const { id } = await create(orderUpdate('order_update'));
    await create(orderUpdate('order_update', 'pt_BR'));
    const byId = await operations['template.get'].run(env.provider, { templateId: id });
    expect(byId).toMatchObject({ id, name: 'order_update', language: 'en_US', status: 'APPROVED', category: 'UTILITY', parameterFormat: 'POSITIONAL' });
    expect(byId.components).toHaveLength(4);
    expect(await operations['template.get'].run(env.provider, { name: 'order_update', language: 'pt_BR' })).toMatchObject({ language: 'pt_BR' });
    const ambiguous = operations['template.get'].run(env.provider, { name: 'order_update' });
    await expect(ambiguous).rejects.toBeInstanceOf(WhatsAppValidationError);
    await expect(ambiguous).rejects.toMatchObject({ message: 'language: required: template "order_update" exists in en_US, pt_BR' });
    await expect(operations['template.get'].run(env.provider, { name: 'nothing_here' })).rejects.toMatchObject({ kind: 'api', message: 'No template named "nothing_here"' });
  });

  it('round-trips: a listed template can be created again under another name', async () => {
    await create(orderUpdate('original'));
    const original = await operations['template.get'].run(env.provider, { name: 'original' });
    const copy = await create({ name: 'copy_of_original', category: original.category, language: original.language, components: original.components });
    expect(copy.status).toBe('PENDING');
  });

  it('sends with positional and with named parameters, and reports mismatches with hints', async () => {
    await create(orderUpdate('order_update'));
    await create({
      name: 'welcome_named',
      category: 'MARKETING',
      language: 'en',
      components: [{ type: 'BODY', text: 'Hi {{first_name}}, use {{code}} today.', example: { body_text_named_params: [{ param_name: 'first_name', example: 'Ana' }, { param_name: 'code', example: 'FALL25' }] } }],
    });
    const send = (template: Record<string, unknown>) => operations['message.send'].run(env.provider, { to: '16505551234', type: 'template', template });
    await expect(
      send({ name: 'order_update', language: 'en_US', header: { type: 'text', text: '#9' }, body: ['Ana', 'Monday'], buttons: [{ type: 'url', index: 0, text: '9' }, { type: 'quick_reply', index: 1, payload: 'STOP' }] }),
    ).resolves.toMatchObject({ status: 'accepted' });
    await expect(send({ name: 'welcome_named', language: 'en', body: { first_name: 'Ana', code: 'FALL25' } })).resolves.toMatchObject({ status: 'accepted' });
    await expect(send({ name: 'welcome_named', language: 'en', body: ['Ana', 'FALL25'] })).rejects.toMatchObject({ metaCode: 132012, hint: expect.stringMatching(/positional vs named/) });
    await expect(send({ name: 'order_update', language: 'en_US', header: { type: 'text', text: '#9' }, body: ['Ana'], buttons: [{ type: 'url', text: '9' }] })).rejects.toMatchObject({
      metaCode: 132000,
      hint: expect.stringMatching(/one value for each/),
    });
    await expect(send({ name: 'order_update', language: 'fr' })).rejects.toMatchObject({ metaCode: 132001, httpStatus: 404 });
  });

  it('deletes one language by id, then every language by name', async () => {
    const english = await create(orderUpdate('order_update'));
    await create(orderUpdate('order_update', 'pt_BR'));
    await expect(operations['template.delete'].run(env.provider, { name: 'order_update', templateId: english.id })).resolves.toEqual({ deleted: true });
    expect((await list({ name: 'order_update' })).templates.map((t) => t.language)).toEqual(['pt_BR']);
    await operations['template.delete'].run(env.provider, { name: 'order_update' });
    expect((await list({ name: 'order_update' })).count).toBe(0);
    await expect(operations['template.delete'].run(env.provider, { name: 'order_update' })).rejects.toMatchObject({ kind: 'api', metaCode: 100 });
  });

  it("reports Meta's review outcome: status, rejected reason and quality score", async () => {
    const { id } = await create(orderUpdate('to_be_rejected'));
    expect(await operations['template.get'].run(env.provider, { templateId: id })).toMatchObject({ status: 'APPROVED', rejectedReason: 'NONE', qualityScore: 'UNKNOWN' });
    await fetch(`${env.sandbox.url}/_sandbox/templates/${id}/status`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ status: 'REJECTED', reason: 'INVALID_FORMAT' }),
    });
    expect(await operations['template.get'].run(env.provider, { templateId: id })).toMatchObject({ status: 'REJECTED', rejectedReason: 'INVALID_FORMAT' });
    expect((await list({ status: 'REJECTED' })).templates.map((t) => t.id)).toEqual([id]);
  });

  it('reports a duplicate name and language as Meta does', async () => {
    await create(orderUpdate('order_update'));
    await expect(create(orderUpdate('order_update'))).rejects.toMatchObject({ metaCode: 100, metaSubcode: 2388024 });
  });
});
