import { startSandbox, type RunningSandbox } from 'whatsapp-sandbox';
import { expectGraphError, SandboxClient, type GraphErrorBody } from './helpers/client';

/** Templates Meta refuses at creation are refused by the sandbox too, with Meta's codes. */
describe('template creation: what Meta refuses', () => {
  let sandbox: RunningSandbox;
  let client: SandboxClient;

  beforeAll(async () => {
    sandbox = await startSandbox({ port: 0 });
    client = new SandboxClient(sandbox);
  });
  afterAll(() => sandbox.close());

  const create = (text: string, language = 'en_US') =>
    client.graph('POST', `${sandbox.wabaId}/message_templates`, {
      name: `t_${Math.random().toString(36).slice(2, 10)}`,
      category: 'UTILITY',
      language,
      components: [{ type: 'BODY', text, ...(text.includes('{{') ? { example: { body_text: [['A-1']] } } : {}) }],
    });

  it.each([
    ['starts', '{{1}} is your order number'],
    ['ends', 'Your order number is {{1}}'],
  ])('a body that %s with a variable: 100 / 2388299', async (edge, text) => {
    const reply = await create(text);
    expectGraphError(reply, 100, `components[0].text: must not ${edge.slice(0, -1)} with a variable`);
    expect((reply.body as GraphErrorBody).error.error_subcode).toBe(2388299);
  });

  it('a variable inside the text is fine', async () => {
    expect((await create('Your order {{1}} has shipped.')).status).toBe(200);
  });

  it.each(['xx_XX', 'en_XX'])('a well-shaped language Meta does not offer (%s): 100 naming the field', async (language) => {
    expectGraphError(await create('Hello there', language), 100, new RegExp(`^language: '${language}' is not one of the languages Meta supports`));
  });

  it.each(['en', 'pt_BR', 'fil', 'zh_HK'])('a supported language (%s) is accepted', async (language) => {
    expect((await create('Hello there', language)).status).toBe(200);
  });
});
