import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Ajv from 'ajv';
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { StdioClientTransport } from '@modelcontextprotocol/sdk/client/stdio.js';
import { StreamableHTTPClientTransport } from '@modelcontextprotocol/sdk/client/streamableHttp.js';
import type { CallToolResult } from '@modelcontextprotocol/sdk/types.js';
import { BIN, spawnHttpServer } from './helpers/spawn-server';

/**
 * The simulated customer under the operator's policy, on the built server over stdio and HTTP:
 * with an allow-list, the instructions and the log name a number on it and the tool refuses any
 * other sender before touching the sandbox (its conversation would be hidden); with --dry-run the
 * tool validates and shows the request, and nothing reaches the sandbox or the inbox. And a
 * template body value of no accepted form is refused with a rule naming every accepted form.
 */

const ALLOWED = '447700900123';
const STRANGER = '15551234567';
const TOKEN = 'simulate-policy-bearer-token-0123456789';

let dataDir: string;
beforeEach(async () => {
  dataDir = await mkdtemp(join(tmpdir(), 'wa-mcp-simulate-policy-'));
});
afterEach(async () => {
  await rm(dataDir, { recursive: true, force: true });
});

interface Report {
  error: { kind: string; code: string | number | null; message: string; hint: string | null; issues?: { path: string; rule: string }[] };
}

function report(answer: unknown): Report {
  const result = answer as CallToolResult;
  expect(result.isError).toBe(true);
  return JSON.parse((result.content as { text: string }[])[1].text) as Report;
}

async function webhooksSent(sandboxUrl: string): Promise<unknown[]> {
  return ((await (await fetch(`${sandboxUrl}/_sandbox/webhooks`)).json()) as { data: unknown[] }).data;
}

/** The curl line of the instructions: its sandbox URL and the JSON body it posts. */
function curlLine(instructions: string): { url: string; body: { from: string; text: string } } {
  const match = /curl -s -X POST (http:\/\/127\.0\.0\.1:\d+)\/_sandbox\/inbound -H 'content-type: application\/json' -d '([^']+)'/.exec(instructions);
  expect(match).not.toBeNull();
  return { url: (match as RegExpExecArray)[1], body: JSON.parse((match as RegExpExecArray)[2]) as { from: string; text: string } };
}

async function stdioClient(args: string[], env: Record<string, string>): Promise<{ client: Client; stderr: () => string }> {
  const transport = new StdioClientTransport({ command: process.execPath, args: [BIN, '--data-dir', dataDir, ...args], env: { PATH: process.env.PATH ?? '', ...env }, stderr: 'pipe' });
  let stderr = '';
  transport.stderr?.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  const client = new Client({ name: 'simulate-policy', version: '0' });
  await client.connect(transport);
  return { client, stderr: () => stderr };
}

async function until(condition: () => boolean): Promise<void> {
  while (!condition()) await new Promise((resolve) => setTimeout(resolve, 10));
}

describe('with a recipient allow-list (WHATSAPP_ALLOWED_RECIPIENTS=+44 7700 900123, the Cursor example)', () => {
  it('over stdio: instructions and log name an allowed number; another sender is refused naming "from" and the rule, before the sandbox; an allowed one is in the inbox', async () => {
    const { client, stderr } = await stdioClient([], { WHATSAPP_ALLOWED_RECIPIENTS: '+44 7700 900123' });
    try {
      const instructions = client.getInstructions() ?? '';
      const curl = curlLine(instructions);
      expect(curl.body.from).toBe(ALLOWED);
      expect(instructions).not.toContain(STRANGER);
      await until(() => /simulate a customer: curl/.test(stderr()));
      expect(stderr()).toContain(`"from":"${ALLOWED}"`);
      expect(stderr()).not.toContain(STRANGER);

      const refused = await client.callTool({ name: 'whatsapp_simulate_customer_message', arguments: { from: STRANGER, text: 'Hi' } });
      const { error } = report(refused);
      expect(error).toMatchObject({ kind: 'policy', code: 'recipient_not_allowed' });
      expect(error.message).toMatch(/^from: 15551234567 is not on this server's recipient allow-list/);
      expect(error.message).toMatch(/nothing was simulated/);
      expect(error.hint).toContain(`"${ALLOWED}"`);
      expect(JSON.stringify(refused)).not.toMatch(/is in the inbox|inInbox/);
      // Refused before the sandbox: it sent no webhook, and nothing is hidden in the inbox either.
      expect(await webhooksSent(curl.url)).toEqual([]);
      expect((await client.callTool({ name: 'whatsapp_list_conversations', arguments: {} })).structuredContent).toMatchObject({ total: 0, hiddenByAllowList: 0 });
      // Written differently, the same stranger is still refused; an unreadable number names the field.
      expect(report(await client.callTool({ name: 'whatsapp_simulate_customer_message', arguments: { from: '+1 (555) 123-4567', text: 'Hi' } })).error.code).toBe('recipient_not_allowed');
      expect(report(await client.callTool({ name: 'whatsapp_simulate_customer_message', arguments: { from: 'nobody', text: 'Hi' } })).error.issues?.map((i) => i.path)).toEqual(['from']);
      expect(await webhooksSent(curl.url)).toEqual([]);
      await until(() => /"outcome":"denied","code":"recipient_not_allowed"/.test(stderr()));

      // The allowed number, written as a person would, works end to end.
      const simulated = await client.callTool({ name: 'whatsapp_simulate_customer_message', arguments: { from: '+44 7700 900123', text: 'Where is my order?' } });
      expect(simulated.isError ?? false).toBe(false);
      expect(simulated.structuredContent).toMatchObject({ from: ALLOWED, inInbox: true });
      const conversation = await client.callTool({ name: 'whatsapp_get_conversation', arguments: { user: ALLOWED } });
      expect(conversation.isError ?? false).toBe(false);
      expect(JSON.stringify(conversation.structuredContent)).toContain('Where is my order?');

      // The instructions' curl line, run as given, makes a customer the agent can see.
      const posted = await fetch(`${curl.url}/_sandbox/inbound`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(curl.body) });
      expect(posted.status).toBe(200);
      const { messageId } = (await posted.json()) as { messageId: string };
      const seen = async (): Promise<boolean> => JSON.stringify((await client.callTool({ name: 'whatsapp_get_conversation', arguments: { user: ALLOWED } })).structuredContent).includes(messageId);
      while (!(await seen())) await new Promise((resolve) => setTimeout(resolve, 50));
      expect((await client.callTool({ name: 'whatsapp_list_conversations', arguments: {} })).structuredContent).toMatchObject({ total: 1, hiddenByAllowList: 0 });
    } finally {
      await client.close();
    }
  }, 40000);

  it('over Streamable HTTP: the same refusal and the allowed number in the instructions', async () => {
    const server = await spawnHttpServer(['--data-dir', dataDir], { MCP_AUTH_TOKEN: TOKEN, WHATSAPP_ALLOWED_RECIPIENTS: '+44 7700 900123, +1 650 555 1234' });
    const client = new Client({ name: 'simulate-policy-http', version: '0' });
    try {
      await client.connect(new StreamableHTTPClientTransport(new URL(`${server.url}/mcp`), { requestInit: { headers: { authorization: `Bearer ${TOKEN}` } } }));
      const curl = curlLine(client.getInstructions() ?? '');
      expect(curl.body.from).toBe(ALLOWED);
      expect(server.stderr()).toContain(`"from":"${ALLOWED}"`);
      const { error } = report(await client.callTool({ name: 'whatsapp_simulate_customer_message', arguments: { from: STRANGER, text: 'Hi' } }));
      expect(error).toMatchObject({ kind: 'policy', code: 'recipient_not_allowed' });
      expect(error.message).toMatch(/^from: /);
      expect(await webhooksSent(curl.url)).toEqual([]);
      // Every number on the list may write, not only the one the instructions name.
      const other = await client.callTool({ name: 'whatsapp_simulate_customer_message', arguments: { from: '16505551234', text: 'Hello' } });
      expect(other.structuredContent).toMatchObject({ from: '16505551234', inInbox: true });
    } finally {
      await client.close();
      await server.stop();
    }
  }, 40000);

  it('without an allow-list the instructions keep an example number and any sender may write', async () => {
    const { client } = await stdioClient([], {});
    try {
      expect(curlLine(client.getInstructions() ?? '').body.from).toBe(STRANGER);
      expect(client.getInstructions()).not.toMatch(/allow-list/);
      const simulated = await client.callTool({ name: 'whatsapp_simulate_customer_message', arguments: { from: STRANGER, text: 'Hi' } });
      expect(simulated.structuredContent).toMatchObject({ from: STRANGER, inInbox: true });
    } finally {
      await client.close();
    }
  }, 40000);
});

describe('--dry-run', () => {
  it('over Streamable HTTP: the simulated customer is validated and its request shown; nothing reaches the sandbox or the inbox', async () => {
    const server = await spawnHttpServer(['--data-dir', dataDir, '--dry-run'], { MCP_AUTH_TOKEN: TOKEN, WHATSAPP_ALLOWED_RECIPIENTS: '+44 7700 900123' });
    const client = new Client({ name: 'simulate-dry-run', version: '0' });
    try {
      await client.connect(new StreamableHTTPClientTransport(new URL(`${server.url}/mcp`), { requestInit: { headers: { authorization: `Bearer ${TOKEN}` } } }));
      const instructions = client.getInstructions() ?? '';
      expect(instructions).toMatch(/whatsapp_simulate_customer_message \(in this dry run it only checks its input and shows the request: nothing reaches the inbox\)/);
      const curl = curlLine(instructions);
      const tool = (await client.listTools()).tools.find((t) => t.name === 'whatsapp_simulate_customer_message');
      expect(tool?.outputSchema?.properties).toHaveProperty('dryRun');

      // The SDK client checks the result against the listed (dry-run) output schema.
      const dry = await client.callTool({ name: 'whatsapp_simulate_customer_message', arguments: { from: '+44 7700 900123', text: 'Hi', name: 'Ana' } });
      expect(dry.isError ?? false).toBe(false);
      expect(dry.structuredContent).toEqual({
        dryRun: true,
        operation: 'sandbox.inbound',
        request: { method: 'POST', url: `${curl.url}/_sandbox/inbound`, body: { from: ALLOWED, text: 'Hi', name: 'Ana' } },
        note: expect.stringMatching(/Nothing was sent/),
      });
      expect(new Ajv({ strict: true }).validate(tool?.outputSchema as object, dry.structuredContent)).toBe(true);
      // Validation and policy still run.
      expect(report(await client.callTool({ name: 'whatsapp_simulate_customer_message', arguments: { from: ALLOWED, text: '' } })).error.issues?.map((i) => i.path)).toEqual(['text']);
      expect(report(await client.callTool({ name: 'whatsapp_simulate_customer_message', arguments: { from: STRANGER, text: 'Hi' } })).error.code).toBe('recipient_not_allowed');

      expect(await webhooksSent(curl.url)).toEqual([]);
      expect((await client.callTool({ name: 'whatsapp_list_conversations', arguments: {} })).structuredContent).toMatchObject({ total: 0, hiddenByAllowList: 0 });
      const audit = server
        .stderr()
        .split('\n')
        .filter((line) => line.includes('"tool":"whatsapp_simulate_customer_message"'))
        .map((line) => (JSON.parse(line) as { outcome: string }).outcome);
      expect(audit).toEqual(['dry_run', 'denied']);
    } finally {
      await client.close();
      await server.stop();
    }
  }, 40000);

  it('over stdio: the same, and without --dry-run the same call does reach the inbox', async () => {
    const dry = await stdioClient(['--dry-run'], {});
    try {
      const curl = curlLine(dry.client.getInstructions() ?? '');
      const result = await dry.client.callTool({ name: 'whatsapp_simulate_customer_message', arguments: { from: STRANGER, text: 'Hi' } });
      expect(result.structuredContent).toMatchObject({ dryRun: true, request: { method: 'POST', url: `${curl.url}/_sandbox/inbound`, body: { from: STRANGER, text: 'Hi' } } });
      expect(await webhooksSent(curl.url)).toEqual([]);
      expect((await dry.client.callTool({ name: 'whatsapp_list_conversations', arguments: {} })).structuredContent).toMatchObject({ total: 0 });
    } finally {
      await dry.client.close();
    }
    const live = await stdioClient([], {});
    try {
      const result = await live.client.callTool({ name: 'whatsapp_simulate_customer_message', arguments: { from: STRANGER, text: 'Hi' } });
      expect(result.structuredContent).toMatchObject({ inInbox: true });
      expect((await live.client.callTool({ name: 'whatsapp_list_conversations', arguments: {} })).structuredContent).toMatchObject({ total: 1 });
    } finally {
      await live.client.close();
    }
  }, 40000);
});

describe('whatsapp_send_template: a body value of no accepted form (built server over stdio)', () => {
  const FORMS = /must be a string, a number, or a parameter object \(\{"type": "text", "text": "Ana"\}, or a "currency" or "date_time" parameter\)/;

  it('is refused with a rule naming every accepted form, at its own path, with the other problems of the input', async () => {
    const { client } = await stdioClient([], {});
    try {
      const send = (body: unknown, to = ALLOWED) => client.callTool({ name: 'whatsapp_send_template', arguments: { to, template: { name: 'hello_world', language: 'en_US', body } } });
      const positional = report(await send([true])).error;
      expect(positional.issues).toEqual([{ path: 'template.body[0]', rule: expect.stringMatching(FORMS) }]);
      expect(positional.issues?.[0].rule).toMatch(/\(got true\)$/);
      expect(positional.issues?.[0].rule).not.toMatch(/^must be an object/);

      const named = report(await send({ first_name: true })).error;
      expect(named.issues).toEqual([{ path: 'template.body.first_name', rule: expect.stringMatching(FORMS) }]);

      // Bad values of no form and bad parameter objects, each at its own index, and a bad recipient.
      const mixed = report(await send([null, { type: 'bogus' }, 'Ana', ['x']], 'nobody')).error;
      expect(mixed.issues?.map((issue) => issue.path).sort()).toEqual(['template.body[0]', 'template.body[1].type', 'template.body[3]', 'to']);
      expect(mixed.issues?.find((issue) => issue.path === 'template.body[3]')?.rule).toMatch(/\(got an array\)$/);

      const whole = report(await send(true)).error;
      expect(whole.issues).toEqual([{ path: 'template.body', rule: expect.stringMatching(/^must be a list of values in order, each a string, a number, or a parameter object .*, or an object of values by name \(\{"first_name": "Ana"\}\) \(got true\)$/) }]);

      // The accepted forms still pass validation (hello_world has no variables, so the sandbox may refuse the values).
      for (const body of [['Ana', 42], [{ type: 'text', text: 'Ana' }], { first_name: 'Ana' }]) {
        expect(JSON.stringify(await send(body))).not.toMatch(/"kind":"validation"/);
      }
    } finally {
      await client.close();
    }
  }, 40000);
});
