import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { StdioClientTransport } from '@modelcontextprotocol/sdk/client/stdio.js';
import { StreamableHTTPClientTransport } from '@modelcontextprotocol/sdk/client/streamableHttp.js';
import { BIN, spawnHttpServer } from './helpers/spawn-server';

/**
 * The simulated customer, where a user and an agent can find it: the server's instructions carry
 * the sandbox's inbound URL, and whatsapp_simulate_customer_message is offered with the embedded
 * sandbox only. Over stdio and over HTTP, on the built server.
 */

const CUSTOMER = '16505551234';
let dataDir: string;
beforeEach(async () => {
  dataDir = await mkdtemp(join(tmpdir(), 'wa-mcp-simulate-'));
});
afterEach(async () => {
  await rm(dataDir, { recursive: true, force: true });
});

async function exercise(client: Client): Promise<void> {
  const instructions = client.getInstructions() ?? '';
  expect(instructions).toMatch(/whatsapp_simulate_customer_message/);
  const url = /curl -s -X POST (http:\/\/127\.0\.0\.1:\d+)\/_sandbox\/inbound/.exec(instructions)?.[1];
  expect(url).toBeDefined();
  expect((await client.listTools()).tools.map((t) => t.name)).toContain('whatsapp_simulate_customer_message');

  const simulated = await client.callTool({ name: 'whatsapp_simulate_customer_message', arguments: { from: '+1 650 555 1234', text: 'Where is my order?', name: 'Ana' } });
  expect(simulated.isError ?? false).toBe(false);
  expect(simulated.structuredContent).toMatchObject({ from: CUSTOMER, inInbox: true, messageId: expect.stringMatching(/^wamid\./) });
  const conversation = await client.callTool({ name: 'whatsapp_get_conversation', arguments: { user: CUSTOMER } });
  expect(JSON.stringify(conversation.structuredContent)).toContain('Where is my order?');
  // The window it opened lets a free-form reply through.
  const reply = await client.callTool({ name: 'whatsapp_send_text', arguments: { to: CUSTOMER, text: { body: 'On its way' } } });
  expect(reply.structuredContent).toMatchObject({ status: 'accepted' });

  // The URL in the instructions works for a user too.
  await fetch(`${url}/_sandbox/inbound`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ from: CUSTOMER, text: 'Thanks!' }) });
  const waited = await client.callTool({ name: 'whatsapp_wait_for_reply', arguments: { from: CUSTOMER, timeoutSeconds: 20 } });
  expect(waited.structuredContent).toMatchObject({ received: true });

  // Bad input is the tool's own validation error, naming the field.
  const bad = await client.callTool({ name: 'whatsapp_simulate_customer_message', arguments: { from: 'nobody', text: 'x' } });
  expect(bad.isError).toBe(true);
  const report = JSON.parse((bad.content as { text: string }[])[1].text) as { error: { issues: { path: string }[] } };
  expect(report.error.issues.map((issue) => issue.path)).toEqual(['from']);
}

it('over stdio', async () => {
  const transport = new StdioClientTransport({ command: process.execPath, args: [BIN, '--data-dir', dataDir], env: { PATH: process.env.PATH ?? '' }, stderr: 'pipe' });
  const client = new Client({ name: 'simulate-stdio', version: '0' });
  await client.connect(transport);
  try {
    await exercise(client);
  } finally {
    await client.close();
  }
}, 40000);

it('over Streamable HTTP', async () => {
  const token = 'simulate-test-bearer-token-0123456789';
  const server = await spawnHttpServer(['--data-dir', dataDir], { MCP_AUTH_TOKEN: token });
  const client = new Client({ name: 'simulate-http', version: '0' });
  try {
    await client.connect(new StreamableHTTPClientTransport(new URL(`${server.url}/mcp`), { requestInit: { headers: { authorization: `Bearer ${token}` } } }));
    await exercise(client);
  } finally {
    await client.close();
    await server.stop();
  }
}, 40000);

it('is not offered with a real provider', async () => {
  const server = await spawnHttpServer(['--data-dir', dataDir], {
    MCP_AUTH_TOKEN: 'simulate-test-bearer-token-0123456789',
    WHATSAPP_PROVIDER: 'cloud',
    WHATSAPP_ACCESS_TOKEN: 'EAAG-simulate-test',
    WHATSAPP_PHONE_NUMBER_ID: '100000000000001',
    WHATSAPP_WABA_ID: '200000000000001',
  });
  const client = new Client({ name: 'simulate-cloud', version: '0' });
  try {
    await client.connect(new StreamableHTTPClientTransport(new URL(`${server.url}/mcp`), { requestInit: { headers: { authorization: 'Bearer simulate-test-bearer-token-0123456789' } } }));
    expect((await client.listTools()).tools.map((t) => t.name)).not.toContain('whatsapp_simulate_customer_message');
    expect(client.getInstructions()).not.toMatch(/_sandbox\/inbound/);
  } finally {
    await client.close();
    await server.stop();
  }
}, 40000);
