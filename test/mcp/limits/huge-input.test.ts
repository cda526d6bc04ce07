import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { StdioClientTransport } from '@modelcontextprotocol/sdk/client/stdio.js';
import { BIN } from '../helpers/spawn-server';

/**
 * Issue 10 §2.1 at the MCP level, on the built server in its own process (a heap exhaustion would
 * kill it): a 120,000-character reaction emoji is a clear isError result, and a huge inbound
 * message through the embedded sandbox's /_sandbox/inbound does not take the server down.
 */

let dataDir: string;
let client: Client;
let stderr = '';

beforeAll(async () => {
  dataDir = await mkdtemp(join(tmpdir(), 'wa-mcp-huge-'));
  const transport = new StdioClientTransport({ command: process.execPath, args: [BIN, '--data-dir', dataDir, '--rate-limit-recipient', '0'], env: { PATH: process.env.PATH ?? '' }, stderr: 'pipe' });
  transport.stderr?.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  client = new Client({ name: 'huge-input-test', version: '0' });
  await client.connect(transport);
}, 30000);
afterAll(async () => {
  await client.close();
  await rm(dataDir, { recursive: true, force: true });
});

async function stillServes(): Promise<void> {
  const tools = await client.listTools();
  expect(tools.tools.length).toBeGreaterThan(20);
}

it('whatsapp_react with a 120,000-character emoji is a clear isError result (before the fix: heap exhausted) and the server keeps serving', async () => {
  const inbound = await client.callTool({ name: 'whatsapp_simulate_customer_message', arguments: { from: '16505551234', text: 'react to me' } });
  const messageId = (inbound.structuredContent as { messageId: string }).messageId;
  const result = await client.callTool({ name: 'whatsapp_react', arguments: { to: '16505551234', reaction: { messageId, emoji: '😀'.repeat(60000) } } }, undefined, { timeout: 20000 });
  expect(result.isError).toBe(true);
  expect(JSON.stringify(result.content)).toMatch(/reaction\.emoji/);
  await stillServes();
}, 30000);

it('a huge inbound message through the embedded sandbox does not take the server down', async () => {
  const sandboxUrl = /embedded sandbox at (http:\/\/127\.0\.0\.1:\d+)/.exec(stderr)?.[1];
  expect(sandboxUrl).toBeDefined();
  const huge = { from: '16505551234', type: 'reaction', reaction: { messageId: 'wamid.X', emoji: '😀'.repeat(60000) } };
  const answer = await fetch(`${sandboxUrl}/_sandbox/inbound`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(huge) }).then((r) => r.status, (e: Error) => e.message);
  expect(typeof answer === 'number' && answer < 500).toBe(true);
  const text = 'x'.repeat(200000);
  await fetch(`${sandboxUrl}/_sandbox/inbound`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ from: '16505551234', text }) }).catch(() => undefined);
  await stillServes();
  const conversation = await client.callTool({ name: 'whatsapp_list_conversations', arguments: {} });
  expect(conversation.isError ?? false).toBe(false);
}, 60000);
