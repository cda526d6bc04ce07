import { startSandbox, type RunningSandbox } from 'whatsapp-sandbox';
import { DeletedTemplateNames, NAME_REUSE_BLOCK_MS } from '../../sandbox/templates/deleted-names';
import { expectGraphError, SandboxClient } from './helpers/client';

const simple = (name: string, language = 'en_US'): Record<string, unknown> => ({
  name,
  category: 'UTILITY',
  language,
  components: [{ type: 'BODY', text: `Body of ${name}` }],
});

const REUSE_RULE = /^name: a template named 'recycled' was deleted on \d{4}-\d\d-\d\dT[\d:.]+Z; a deleted template's name cannot be reused for 30 days \(until \d{4}-\d\d-\d\dT[\d:.]+Z\), in any language$/;

describe("a deleted template's name is reserved for 30 days", () => {
  let sandbox: RunningSandbox;
  let client: SandboxClient;
  const templatesPath = (): string => `${sandbox.wabaId}/message_templates`;

  beforeAll(async () => {
    sandbox = await startSandbox({ port: 0 });
    client = new SandboxClient(sandbox);
  });
  beforeEach(() => client.control('POST', 'reset'));
  afterAll(() => sandbox.close());

  it('refuses the name with code 100, in the deleted language and in any other', async () => {
    await client.createTemplate(simple('recycled'));
    expect((await client.graph('DELETE', `${templatesPath()}?name=recycled`)).status).toBe(200);
    expectGraphError(await client.graph('POST', templatesPath(), simple('recycled')), 100, REUSE_RULE);
    expectGraphError(await client.graph('POST', templatesPath(), simple('recycled', 'de')), 100, REUSE_RULE);
  });

  it('also after deleting a single language by hsm_id', async () => {
    const german = await client.createTemplate(simple('recycled', 'de'));
    await client.createTemplate(simple('recycled', 'fr'));
    expect((await client.graph('DELETE', `${templatesPath()}?name=recycled&hsm_id=${german.id}`)).status).toBe(200);
    expectGraphError(await client.graph('POST', templatesPath(), simple('recycled', 'de')), 100, REUSE_RULE);
  });

  it('still accepts other names, and names that were never deleted', async () => {
    await client.createTemplate(simple('recycled'));
    await client.graph('DELETE', `${templatesPath()}?name=recycled`);
    expect((await client.graph('POST', templatesPath(), simple('recycled_v2'))).status).toBe(200);
  });

  it('forgets deleted names on POST /_sandbox/reset', async () => {
    await client.createTemplate(simple('recycled'));
    await client.graph('DELETE', `${templatesPath()}?name=recycled`);
    await client.control('POST', 'reset');
    expect((await client.graph('POST', templatesPath(), simple('recycled'))).status).toBe(200);
  });
});

describe('DeletedTemplateNames', () => {
  const deletedAt = Date.UTC(2025, 0, 1);

  it('blocks a name until 30 days after its deletion, then frees it', () => {
    const names = new DeletedTemplateNames();
    names.record('recycled', deletedAt);
    expect(NAME_REUSE_BLOCK_MS).toBe(30 * 24 * 60 * 60 * 1000);
    expect(names.blockedSince('recycled', deletedAt + NAME_REUSE_BLOCK_MS - 1)).toBe(deletedAt);
    expect(names.blockedSince('recycled', deletedAt + NAME_REUSE_BLOCK_MS)).toBeNull();
    expect(names.blockedSince('other', deletedAt)).toBeNull();
  });

  it('counts from the latest deletion', () => {
    const names = new DeletedTemplateNames();
    names.record('recycled', deletedAt);
    names.record('recycled', deletedAt + 1000);
    expect(names.blockedSince('recycled', deletedAt + NAME_REUSE_BLOCK_MS)).toBe(deletedAt + 1000);
  });
});
