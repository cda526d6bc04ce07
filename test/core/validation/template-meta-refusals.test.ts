import { TEMPLATE_LANGUAGES } from 'whatsapp-business-core';
import { accepted, expectIssues, issue } from './helpers';

/**
 * Templates Meta refuses at creation must be refused before they are sent, naming the field and
 * the rule: a body that starts or ends with a variable (Meta: 100 / 2388299), and a language code
 * that is well formed but not one Meta offers.
 */
const definition = (text: string, language = 'en_US', example?: Record<string, unknown>) => ({
  wabaId: '200000000000001',
  name: 'order_update',
  category: 'UTILITY',
  language,
  components: [{ type: 'BODY', text, ...(example ? { example } : {}) }],
});

describe('template.create: what Meta refuses is refused before sending', () => {
  it('refuses a body that starts with a variable', async () => {
    await expectIssues('template.create', definition('{{1}} is your order number', 'en_US', { body_text: [['A-1']] }), issue('components[0].text', /^must not start with a variable/));
  });

  it('refuses a body that ends with a variable', async () => {
    await expectIssues('template.create', definition('Your order number is {{1}}', 'en_US', { body_text: [['A-1']] }), issue('components[0].text', /^must not end with a variable/));
  });

  it('accepts a variable with text on both sides', async () => {
    await accepted('template.create', definition('Your order {{1}} has shipped.', 'en_US', { body_text: [['A-1']] }));
  });

  it.each(['xx_XX', 'en_XX', 'qq'])('refuses the well-shaped but unsupported language %s, naming the field', async (language) => {
    await expectIssues('template.create', definition('Your order has shipped.', language), issue('language', new RegExp(`^'${language}' is not a language Meta offers for templates`)));
  });

  it.each(['en', 'en_US', 'pt_BR', 'fil', 'prs_AF', 'zh_HK'])('accepts the supported language %s', async (language) => {
    await accepted('template.create', definition('Your order has shipped.', language));
  });

  it('the shared list holds only codes of the documented shape', () => {
    for (const code of TEMPLATE_LANGUAGES) expect(code).toMatch(/^[a-z]{2,3}(_[A-Z]{2})?$/);
    expect(TEMPLATE_LANGUAGES.size).toBeGreaterThan(60);
  });
});
