import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import Ajv from 'ajv';
import addFormats from 'ajv-formats';
import type { ValidateFunction } from 'ajv';
import type { Tool } from '@modelcontextprotocol/sdk/types.js';
import { parseConfig, USAGE } from '../../mcp/src/config';
import { allTools, TOOL_NAMES } from '../../mcp/src/tools/index';
import { toolsetLines } from '../../mcp/src/tools/toolsets';
import { startHarness } from './helpers/harness';
import type { Harness } from './helpers/harness';

/**
 * MCP honesty: what the server documents (tool descriptions, field descriptions, mcp/README.md)
 * is accepted by the schemas it publishes, checked by Ajv in strict mode as a validating client
 * would, and the server then does what the description says.
 */

const README = readFileSync(join(__dirname, '..', '..', 'mcp', 'README.md'), 'utf8');
const CUSTOMER = '16505551234';

let h: Harness;
let tools: Tool[];
beforeAll(async () => {
  h = await startHarness({ argv: ['--rate-limit-recipient', '0', '--rate-limit-global', '0'] });
  tools = (await h.client.listTools()).tools;
});
afterAll(async () => {
  await h.close();
});

/** A strict validating client: Ajv in strict mode with the standard formats (email, uri...). */
const newAjv = (): Ajv => {
  const ajv = new Ajv({ strict: true, allErrors: true });
  addFormats(ajv);
  return ajv;
};

type Node = Record<string, unknown>;
const isNode = (value: unknown): value is Node => typeof value === 'object' && value !== null && !Array.isArray(value);

/** Every schema node carrying a description, with where it is (for messages). */
function describedNodes(node: unknown, path: string, out: { path: string; node: Node; description: string }[] = []): typeof out {
  if (Array.isArray(node)) node.forEach((child, i) => describedNodes(child, `${path}/${i}`, out));
  if (!isNode(node)) return out;
  if (typeof node.description === 'string' && path !== '') out.push({ path, node, description: node.description });
  for (const [key, child] of Object.entries(node)) if (typeof child === 'object') describedNodes(child, `${path}/${key}`, out);
  return out;
}

/**
 * The JSON examples in a text: every "{" or "[" (template variables such as {{1}} aside) must start
 * a JSON value; one that does not is returned as a string so the test names it, never skipped.
 */
function jsonExamples(text: string): { value?: unknown; broken?: string }[] {
  const prose = text.replace(/\{\{[^}]*\}\}/g, (match) => ' '.repeat(match.length));
  const found: { value?: unknown; broken?: string }[] = [];
  let i = 0;
  while (i < prose.length) {
    const open = prose[i];
    if (open !== '{' && open !== '[') {
      i += 1;
      continue;
    }
    const close = open === '{' ? '}' : ']';
    let parsed: { value: unknown; end: number } | null = null;
    for (let j = prose.indexOf(close, i); j >= 0; j = prose.indexOf(close, j + 1)) {
      try {
        parsed = { value: JSON.parse(prose.slice(i, j + 1)), end: j + 1 };
        break;
      } catch {
        // not yet the end of the value
      }
    }
    if (parsed === null) {
      found.push({ broken: prose.slice(i, i + 60) });
      i += 1;
    } else {
      found.push({ value: parsed.value });
      i = parsed.end;
    }
  }
  return found;
}

/** Quoted values after "e.g." in a field's description: `e.g. "en_US", "pt_BR" or "de"`. */
function quotedExamples(text: string): string[] {
  const values: string[] = [];
  for (const match of text.matchAll(/e\.g\.\s*((?:"[^"]*"(?:\s*,\s*|\s+or\s+)?)+)/g)) {
    for (const quoted of match[1].matchAll(/"([^"]*)"/g)) values.push(quoted[1]);
  }
  return values;
}

function takesStrings(schema: Node): boolean {
  if (schema.type === 'string') return true;
  return ['anyOf', 'oneOf'].some((key) => Array.isArray(schema[key]) && (schema[key] as unknown[]).some((branch) => isNode(branch) && branch.type === 'string'));
}

function explain(validate: ValidateFunction): string {
  return JSON.stringify(validate.errors?.map((e) => `${e.instancePath} ${e.message ?? ''}`));
}

interface Documented {
  name: string;
  description?: string;
  inputSchema: object;
}

/** Checks the JSON examples of tool descriptions against the whole input schema; returns how many. */
function checkToolDescriptions(list: readonly Documented[]): number {
  let checked = 0;
  for (const tool of list) {
    const validate = newAjv().compile(tool.inputSchema);
    for (const example of jsonExamples(tool.description ?? '')) {
      expect({ tool: tool.name, broken: example.broken }).toEqual({ tool: tool.name, broken: undefined });
      expect({ tool: tool.name, example: example.value, valid: validate(example.value) || explain(validate) }).toEqual({ tool: tool.name, example: example.value, valid: true });
      checked += 1;
    }
  }
  return checked;
}

/** Checks the examples in field descriptions against each field's own schema; returns how many. */
function checkFieldDescriptions(list: readonly Documented[]): number {
  let checked = 0;
  for (const tool of list) {
    for (const { path, node, description } of describedNodes(tool.inputSchema, '')) {
      const { description: _d, ...fieldSchema } = node;
      const validate = newAjv().compile(fieldSchema);
      const strings = quotedExamples(description).map((value) => ({ value }) as { value?: unknown; broken?: string });
      // A quoted value is an example of this field when the field takes strings (else it names a sub-field's value).
      for (const example of [...jsonExamples(description), ...(takesStrings(fieldSchema) ? strings : [])]) {
        const where = `${tool.name}${path}`;
        expect({ where, broken: example.broken }).toEqual({ where, broken: undefined });
        expect({ where, example: example.value, valid: validate(example.value) || explain(validate) }).toEqual({ where, example: example.value, valid: true });
        checked += 1;
      }
    }
  }
  return checked;
}

describe('every documented argument form validates against the published inputSchema (Ajv, strict mode)', () => {
  it('every tool\'s inputSchema compiles in strict mode', () => {
    expect(tools.length).toBeGreaterThan(20);
    for (const tool of tools) expect(() => newAjv().compile(tool.inputSchema)).not.toThrow();
  });

  it('every JSON example in a tool description is a valid argument object of that tool', () => {
    expect(checkToolDescriptions(tools)).toBeGreaterThan(0);
  });

  it('every example in a field description (JSON values, and quoted values after "e.g.") validates against that field\'s schema', () => {
    expect(checkFieldDescriptions(tools)).toBeGreaterThan(20);
  });

  it.each([
    ['cloud', { WHATSAPP_PROVIDER: 'cloud', WHATSAPP_ACCESS_TOKEN: 'EAAG-honesty', WHATSAPP_PHONE_NUMBER_ID: '100000000000001', WHATSAPP_WABA_ID: '200000000000001' }],
    ['maton', { WHATSAPP_PROVIDER: 'maton', MATON_API_KEY: 'honesty-maton-key' }],
    ['onprem', { WHATSAPP_PROVIDER: 'onprem', WHATSAPP_ONPREM_BASE_URL: 'https://wa.example.com:9090/v1', WHATSAPP_ONPREM_USERNAME: 'admin', WHATSAPP_ONPREM_PASSWORD: 'honesty-pass' }],
    ['itnio', { WHATSAPP_PROVIDER: 'itnio', ITNIO_API_KEY: 'honestykey', ITNIO_API_SECRET: 'honesty-secret', ITNIO_APP_ID: 'DGziZf5u', ITNIO_BUSINESS_PHONE: '+91 85632 1412' }],
  ])('with the %s provider too: every tool\'s schema compiles strictly and its examples validate', (_name, env) => {
    const outcome = parseConfig([], env, TOOL_NAMES);
    if (outcome.kind !== 'config') throw new Error('expected a configuration');
    const providerTools = allTools(outcome.config);
    for (const tool of providerTools) expect(() => newAjv().compile(tool.inputSchema)).not.toThrow();
    checkToolDescriptions(providerTools);
    expect(checkFieldDescriptions(providerTools)).toBeGreaterThan(5);
  });

  it('every example in mcp/README.md marked with its tool validates against that tool\'s inputSchema, and the server accepts it', async () => {
    const examples = [...README.matchAll(/<!-- arguments of (whatsapp_[a-z_]+) -->\s*```json\n([\s\S]*?)```/g)].map((m) => ({ tool: m[1], args: JSON.parse(m[2]) as Record<string, unknown> }));
    // Every JSON block of the examples section is marked, so none escapes the check.
    const section = README.slice(README.indexOf('## Example arguments'), README.indexOf('\n## ', README.indexOf('## Example arguments') + 5));
    expect(section.length).toBeGreaterThan(100);
    expect(examples.length).toBe((section.match(/```json/g) ?? []).length);
    expect(examples.map((e) => e.tool)).toEqual(expect.arrayContaining(['whatsapp_send_template', 'whatsapp_send_media', 'whatsapp_simulate_customer_message']));
    await h.customerWrites({ from: CUSTOMER, text: 'open the window' });
    for (const { tool, args } of examples) {
      const schema = tools.find((t) => t.name === tool)?.inputSchema;
      expect({ tool, listed: schema !== undefined }).toEqual({ tool, listed: true });
      const validate = newAjv().compile(schema as object);
      expect({ tool, args, valid: validate(args) || explain(validate) }).toEqual({ tool, args, valid: true });
      // Only the argument forms are at stake: the sandbox may know no such template or message.
      const result = await h.call(tool, args);
      const report = result.isError ? (JSON.parse(String((result.content as { text: string }[]).at(-1)?.text)) as { error: { kind: string } }) : null;
      expect({ tool, args, kind: report?.error.kind ?? 'ok', text: report === null ? '' : JSON.stringify(result.content) }).not.toMatchObject({ kind: 'validation' });
    }
  });
});

describe('whatsapp_send_template: template.body schema, description and behaviour agree', () => {
  const FORMS: readonly unknown[] = [['Ana', '42'], [{ type: 'text', text: 'Ana' }], { first_name: 'Ana' }];

  it.each(FORMS)('the form %j is taught by the description, valid for a strict validating client, and sent by the server', async (body) => {
    const tool = tools.find((t) => t.name === 'whatsapp_send_template') as Tool;
    const bodySchema = ((tool.inputSchema.properties as Node).template as { properties: Node }).properties.body as Node;
    expect(jsonExamples(String(bodySchema.description)).map((e) => e.value)).toContainEqual(body);
    const args = { to: CUSTOMER, template: { name: 'hello_world', language: 'en_US', body } };
    const validate = newAjv().compile(tool.inputSchema);
    expect(validate(args) || explain(validate)).toBe(true);
    const result = await h.call('whatsapp_send_template', args);
    const text = JSON.stringify(result.content);
    // hello_world has no variables, so the sandbox (like Meta) may refuse the values; the form itself must pass core's validation.
    expect(text).not.toMatch(/"kind":"validation"/);
  });

  it('a value that is none of the forms is refused by the schema and by the server', async () => {
    const tool = tools.find((t) => t.name === 'whatsapp_send_template') as Tool;
    const args = { to: CUSTOMER, template: { name: 'hello_world', language: 'en_US', body: 'Ana' } };
    expect(newAjv().compile(tool.inputSchema)(args)).toBe(false);
    const error = await h.fails('whatsapp_send_template', args);
    expect(error.issues?.map((i) => i.path)).toContain('template.body');
  });
});

describe('whatsapp_send_template: a body value of no accepted form', () => {
  it.each([
    [[true], 'template.body[0]', 'true'],
    [{ first_name: true }, 'template.body.first_name', 'true'],
    [['Ana', null], 'template.body[1]', 'null'],
  ])('%j is refused by the schema and by the server, whose rule names every accepted form (strings, numbers, parameter objects)', async (body, path, got) => {
    const tool = tools.find((t) => t.name === 'whatsapp_send_template') as Tool;
    const args = { to: CUSTOMER, template: { name: 'hello_world', language: 'en_US', body } };
    expect(newAjv().compile(tool.inputSchema)(args)).toBe(false);
    const error = await h.fails('whatsapp_send_template', args);
    expect(error.issues).toEqual([{ path, rule: `must be a string, a number, or a parameter object ({"type": "text", "text": "Ana"}, or a "currency" or "date_time" parameter) (got ${got})` }]);
  });
});

describe('descriptions and errors say what they mean', () => {
  it('create_template\'s category is the new template\'s category, not a filter', () => {
    const schema = tools.find((t) => t.name === 'whatsapp_create_template')?.inputSchema.properties as Node;
    const category = String((schema.category as Node).description);
    expect(category).not.toMatch(/^Only templates/);
    expect(category).toMatch(/new template's category: MARKETING, UTILITY or AUTHENTICATION/);
    const list = tools.find((t) => t.name === 'whatsapp_list_templates')?.inputSchema.properties as Node;
    expect((list.category as Node).description).toBe('Only templates of this category.');
  });

  it('upload_media without data names the argument and the accepted form (base64 text), not a JavaScript type', async () => {
    const missing = await h.fails('whatsapp_upload_media', { mimeType: 'image/png', filename: 'a.png' });
    expect(missing.issues).toEqual([{ path: 'data', rule: expect.stringMatching(/^required: the file content as a base64 string/) }]);
    expect(missing.text).not.toMatch(/Uint8Array|Buffer|binary data/);
    const wrongType = await h.fails('whatsapp_upload_media', { data: 42, mimeType: 'image/png', filename: 'a.png' });
    expect(wrongType.issues).toEqual([{ path: 'data', rule: 'must be a base64 string (got number)' }]);
  });
});

describe('toolsets: --help and the README come from one source (TOOLSETS)', () => {
  it('--help lists every toolset with its description', () => {
    for (const line of toolsetLines()) expect(USAGE).toContain(line);
  });

  it('mcp/README.md holds the same generated list between its markers', () => {
    const block = /<!-- toolsets: generated from mcp\/src\/tools\/toolsets.ts -->\n([\s\S]*?)<!-- \/toolsets -->/.exec(README);
    expect(block?.[1]).toBe(toolsetLines().map((line) => `- \`${line.slice(0, line.indexOf(':'))}\`${line.slice(line.indexOf(':'))}\n`).join(''));
  });
});

describe('mcp/README.md client examples', () => {
  it('the examples said to use the embedded sandbox configure no other provider', () => {
    const start = README.indexOf('## Client configuration');
    const end = README.indexOf('### With another provider', start);
    expect(start).toBeGreaterThan(0);
    expect(end).toBeGreaterThan(start);
    const section = README.slice(start, end);
    expect(section).toMatch(/examples use the embedded sandbox/);
    const blocks = [...section.matchAll(/```json\n([\s\S]*?)```/g)].map((m) => m[1]);
    expect(blocks.length).toBeGreaterThanOrEqual(4);
    for (const block of blocks) expect(block).not.toMatch(/WHATSAPP_PROVIDER|WHATSAPP_ACCESS_TOKEN|MATON_API_KEY|ONPREM|ITNIO/);
  });
});
