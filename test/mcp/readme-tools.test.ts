import { readFileSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { StdioClientTransport } from '@modelcontextprotocol/sdk/client/stdio.js';
import type { Tool } from '@modelcontextprotocol/sdk/types.js';
import { BIN } from './helpers/spawn-server';

/**
 * The tool names the READMEs give (the root README's "## MCP server" section; mcp/README.md's tool
 * table, its per-provider matrix and "tools in all" row) are what the built server lists over
 * stdio for each provider, so the documentation cannot go stale when a tool or a provider's
 * support changes.
 */

const ROOT = join(__dirname, '..', '..');
const ROOT_README = readFileSync(join(ROOT, 'README.md'), 'utf8');
const MCP_README = readFileSync(join(ROOT, 'mcp', 'README.md'), 'utf8');

type Setup = 'sandbox' | 'cloud' | 'maton' | 'onprem' | 'itnio';

/** Each provider configured as an operator would; listing the tools contacts none of them. */
const ENVIRONMENTS: Readonly<Record<Setup, Record<string, string>>> = {
  sandbox: {},
  cloud: { WHATSAPP_PROVIDER: 'cloud', WHATSAPP_ACCESS_TOKEN: 'EAAG-readme-tools', WHATSAPP_PHONE_NUMBER_ID: '100000000000001', WHATSAPP_WABA_ID: '200000000000001' },
  maton: { WHATSAPP_PROVIDER: 'maton', MATON_API_KEY: 'readme-tools-maton-key' },
  onprem: { WHATSAPP_PROVIDER: 'onprem', WHATSAPP_ONPREM_BASE_URL: 'https://wa.example.com:9090/v1', WHATSAPP_ONPREM_USERNAME: 'admin', WHATSAPP_ONPREM_PASSWORD: 'readme-tools-pass' },
  itnio: { WHATSAPP_PROVIDER: 'itnio', ITNIO_API_KEY: 'readmetoolskey', ITNIO_API_SECRET: 'readme-tools-secret', ITNIO_APP_ID: 'DGziZf5u', ITNIO_BUSINESS_PHONE: '+91 85632 1412' },
};

const listed = new Map<Setup, Tool[]>();

beforeAll(async () => {
  for (const setup of Object.keys(ENVIRONMENTS) as Setup[]) {
    const dataDir = await mkdtemp(join(tmpdir(), `wa-mcp-readme-${setup}-`));
    const transport = new StdioClientTransport({ command: process.execPath, args: [BIN, '--data-dir', dataDir], env: { PATH: process.env.PATH ?? '', ...ENVIRONMENTS[setup] }, stderr: 'pipe' });
    const client = new Client({ name: `readme-tools-${setup}`, version: '0' });
    try {
      await client.connect(transport);
      listed.set(setup, (await client.listTools()).tools);
    } finally {
      await client.close();
      await rm(dataDir, { recursive: true, force: true });
    }
  }
}, 60000);

const namesOf = (setup: Setup): string[] => {
  const tools = listed.get(setup);
  if (tools === undefined) throw new Error(`the ${setup} server listed nothing`);
  return tools.map((tool) => tool.name);
};
const sorted = (names: Iterable<string>): string[] => [...names].sort();

/** A section of a Markdown file, from its heading to the next heading of the same level. */
function section(text: string, heading: string): string {
  const start = text.indexOf(`\n${heading}\n`);
  if (start < 0) throw new Error(`no section "${heading}"`);
  const level = /^#+/.exec(heading)?.[0] ?? '##';
  const end = text.indexOf(`\n${level} `, start + heading.length + 1);
  return text.slice(start, end < 0 ? undefined : end);
}

/** Backticked tool names in prose: `whatsapp_send_text`, and the `_send_media` shorthand. */
function proseNames(text: string): string[] {
  return [...text.matchAll(/`(whatsapp_[a-z_]+|_[a-z_]+)`/g)].map((match) => (match[1].startsWith('_') ? `whatsapp${match[1]}` : match[1]));
}

/** Rows of a Markdown table whose first cell names tools; cells trimmed. */
function tableRows(text: string): string[][] {
  return text
    .split('\n')
    .filter((line) => line.startsWith('| `whatsapp_') || line.startsWith('| tools in all'))
    .map((line) => line.slice(1, -1).split(' | ').map((cell) => cell.trim()));
}

function numberIn(text: string, pattern: RegExp): number {
  const match = pattern.exec(text);
  expect({ pattern: String(pattern), found: match !== null }).toEqual({ pattern: String(pattern), found: true });
  return Number((match as RegExpExecArray)[1]);
}

describe('root README.md, "## MCP server"', () => {
  const text = section(ROOT_README, '## MCP server').replace(/\s+/g, ' ');
  const cloudPart = text.slice(text.indexOf('With the Cloud API'), text.indexOf('With the embedded sandbox'));
  const sandboxPart = text.slice(text.indexOf('With the embedded sandbox'), text.indexOf('The other providers'));

  it('names exactly the tools the server lists with the Cloud API, and says how many', () => {
    expect(cloudPart.length).toBeGreaterThan(100);
    const names = proseNames(cloudPart);
    expect(new Set(names).size).toBe(names.length);
    expect(sorted(names)).toEqual(sorted(namesOf('cloud')));
    expect(numberIn(cloudPart, /Cloud API it lists (\d+) tools/)).toBe(namesOf('cloud').length);
  });

  it('adds exactly what the embedded sandbox lists besides, and says how many', () => {
    expect(sorted([...proseNames(cloudPart), ...proseNames(sandboxPart)])).toEqual(sorted(namesOf('sandbox')));
    expect(numberIn(sandboxPart, /embedded sandbox \((\d+) tools\)/)).toBe(namesOf('sandbox').length);
  });

  it('gives how many tools each other provider lists', () => {
    expect(numberIn(text, /Maton gateway (\d+) tools/)).toBe(namesOf('maton').length);
    expect(numberIn(text, /On-Premises API (\d+)/)).toBe(namesOf('onprem').length);
    expect(numberIn(text, /ITNIO (\d+)\b/)).toBe(namesOf('itnio').length);
  });
});

describe('mcp/README.md', () => {
  it('"## Tools" has one row per tool any provider lists, with R exactly for the read-only ones', () => {
    const tools = section(MCP_README, '## Tools');
    const rows = tableRows(tools.slice(0, tools.indexOf('### Tools per provider'))).filter((row) => row[0] !== 'tools in all');
    const names = rows.map((row) => row[0].replace(/`/g, ''));
    expect(new Set(names).size).toBe(names.length);
    const everyListed = new Map<string, Tool>();
    for (const setup of Object.keys(ENVIRONMENTS) as Setup[]) for (const tool of listed.get(setup) ?? []) everyListed.set(tool.name, tool);
    expect(sorted(names)).toEqual(sorted(everyListed.keys()));
    for (const [name, kind] of rows.map((row) => [row[0].replace(/`/g, ''), row[1]] as const)) {
      const readOnly = everyListed.get(name)?.annotations?.readOnlyHint === true;
      expect({ name, kind: kind.split(',')[0] }).toEqual({ name, kind: readOnly ? 'R' : 'S' });
    }
  });

  it('"### Tools per provider": each column and the "tools in all" row match what the server lists for that provider', () => {
    const rows = tableRows(section(MCP_README, '### Tools per provider'));
    const total = rows.find((row) => row[0] === 'tools in all');
    expect(total).toBeDefined();
    const columns: readonly Setup[] = ['cloud', 'maton', 'onprem', 'itnio'];
    const documented = new Map<Setup, string[]>([['sandbox', []], ...columns.map((setup) => [setup, []] as [Setup, string[]])]);
    for (const row of rows.filter((r) => r !== total)) {
      expect(row.length).toBe(5);
      const names = row[0].split(',').map((name) => name.trim().replace(/`/g, ''));
      columns.forEach((setup, i) => {
        const cell = row[i + 1];
        if (cell === '-') return;
        // "embedded sandbox only": in the first column, offered with the sandbox and not with the Cloud API.
        if (setup === 'cloud' && cell === 'embedded sandbox only') {
          documented.get('sandbox')?.push(...names);
          return;
        }
        documented.get(setup)?.push(...names);
        if (setup === 'cloud') documented.get('sandbox')?.push(...names);
      });
    }
    for (const setup of Object.keys(ENVIRONMENTS) as Setup[]) {
      expect({ setup, tools: sorted(documented.get(setup) ?? []) }).toEqual({ setup, tools: sorted(namesOf(setup)) });
    }
    const [, first, maton, onprem, itnio] = total as string[];
    expect(first).toBe(`${namesOf('cloud').length} (${namesOf('sandbox').length} with the embedded sandbox)`);
    expect([maton, onprem, itnio].map(Number)).toEqual([namesOf('maton').length, namesOf('onprem').length, namesOf('itnio').length]);
  });
});
