/**
 * End-to-end in a real n8n (the version run.sh installed): our `npm pack` tarball loaded as a
 * community package, workflows imported and executed with n8n's CLI against the WhatsApp sandbox.
 *
 * Run with `bash test/e2e-n8n/run.sh [version...]` (not part of `npm test`, which only type-checks this file).
 */
import { createHmac } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { startSandbox, type RunningSandbox } from 'whatsapp-sandbox';
import { N8nInstance, freePort, installFromEnv, itemsOf, type ExecutionResult } from './harness';

const FIXTURES = join(__dirname, 'fixtures');
const EXAMPLES = join(__dirname, '..', '..', 'examples');
const MENU_BOT_WEBHOOK_ID = '6b1f3c55-8a43-4a4e-9c1e-5f0d1e2a7b01';
const MEDIA_WEBHOOK_ID = '0c7d9f1e-2b3a-4c5d-8e9f-a0b1c2d3e4f5';
const APP_SECRET = 'e2e-app-secret';
const VERIFY_TOKEN = 'e2e-verify-token';
const APP_ID = '300000000000001';
const SEND_WORKFLOW_ID = 'e2eSendWorkflow1';
const TRIGGER_WORKFLOW_ID = 'e2eTriggerFlow01';
const WEBHOOK_ID = '0e2e0e2e-0000-4000-8000-0000000000e2';
const PNG = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==', 'base64');

jest.setTimeout(600_000);

function fixture(name: string, values: Record<string, string>): unknown {
  let text = readFileSync(join(FIXTURES, name), 'utf8');
  for (const [key, value] of Object.entries(values)) text = text.split(`__${key}__`).join(value);
  return JSON.parse(text);
}

async function waitFor<T>(what: string, probe: () => T | undefined | Promise<T | undefined>, timeoutMs = 30_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
}

/** Receives what the trigger workflow's HTTP Request node posts: one body per execution item. */
async function startCollector(): Promise<{ server: Server; url: string; bodies: Array<{ workflow: string; item: Record<string, unknown> }> }> {
  const bodies: Array<{ workflow: string; item: Record<string, unknown> }> = [];
  const server = createServer((req, res) => {
    let text = '';
    req.on('data', (chunk: Buffer) => (text += chunk.toString()));
    req.on('end', () => {
      try {
        bodies.push(JSON.parse(text) as { workflow: string; item: Record<string, unknown> });
      } catch {
        bodies.push({ workflow: 'unparseable', item: { text } });
      }
      res.writeHead(200, { 'content-type': 'application/json' }).end('{"ok":true}');
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { server, url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/collect`, bodies };
}

const install = installFromEnv();
const tarball = process.env.N8N_E2E_TARBALL ?? '';

describe(`n8n ${install.version}: the community package end to end`, () => {
  let n8n: N8nInstance;
  let graph: RunningSandbox; // what the action node talks to (no webhooks)
  let hooks: RunningSandbox; // sends signed webhooks to n8n's trigger URL
  let examples: RunningSandbox; // the examples' credentials point here; its webhooks go to the menu bot
  const graphLog: string[] = [];
  let collector: Awaited<ReturnType<typeof startCollector>>;
  let packageFiles: string[] = [];

  beforeAll(async () => {
    if (!tarball) throw new Error('N8N_E2E_TARBALL must be set (run test/e2e-n8n/run.sh)');
    const port = await freePort();
    n8n = new N8nInstance(install, port);
    collector = await startCollector();
    graph = await startSandbox({ window: false, mps: 0, pairRate: 0, log: (line) => graphLog.push(line) });
    hooks = await startSandbox({
      window: false,
      appId: APP_ID,
      appSecret: APP_SECRET,
      verifyToken: VERIFY_TOKEN,
      callbackUrl: `${n8n.baseUrl}/webhook/${WEBHOOK_ID}/webhook`,
      webhookRetries: 5,
    });
    examples = await startSandbox({
      window: false,
      appId: APP_ID,
      appSecret: APP_SECRET,
      verifyToken: VERIFY_TOKEN,
      callbackUrl: `${n8n.baseUrl}/webhook/${MENU_BOT_WEBHOOK_ID}/webhook`,
      webhookRetries: 5,
    });
    const packageDir = await n8n.installPackage(tarball);
    packageFiles = n8n.installedFiles(packageDir);

    // A template with named parameters, as a business would have it approved.
    for (const sandbox of [graph, examples]) {
    const created = await fetch(`${sandbox.url}/v23.0/${sandbox.wabaId}/message_templates`, {
      method: 'POST',
      headers: { Authorization: `Bearer ${graph.token}`, 'Content-Type': 'application/json' },
      body: JSON.stringify({
        name: 'order_ready',
        language: 'en_US',
        category: 'UTILITY',
        parameter_format: 'NAMED',
        components: [
          {
            type: 'BODY',
            text: 'Hi {{customer_name}}, your order {{order_id}} is ready.',
            example: { body_text_named_params: [{ param_name: 'customer_name', example: 'Ana' }, { param_name: 'order_id', example: 'A-1' }] },
          },
        ],
      }),
    });
    if (!created.ok) throw new Error(`creating the template failed: ${created.status} ${await created.text()}`);
    await sandbox.webhooksIdle();
    }

    const values = {
      SANDBOX_URL: graph.url,
      EXAMPLES_SANDBOX_URL: examples.url,
      SANDBOX_TOKEN: graph.token,
      WABA_ID: graph.wabaId,
      PHONE_NUMBER_ID: graph.phoneNumberId,
      APP_ID,
      APP_SECRET,
      VERIFY_TOKEN,
      COLLECTOR_URL: collector.url,
    };
    await n8n.importJson('credentials', fixture('credentials.json', values));
    await n8n.importJson('workflow', fixture('send-workflow.json', values));
    await n8n.importJson('workflow', fixture('trigger-workflow.json', values));
    // The examples exactly as a user imports them.
    await n8n.cliOk(['import:workflow', '--separate', `--input=${EXAMPLES}`]);
  });

  afterAll(async () => {
    await n8n?.stop();
    await graph?.close();
    await hooks?.close();
    await examples?.close();
    await new Promise((resolve) => collector?.server.close(resolve));
    if (process.env.N8N_E2E_KEEP !== 'true') n8n?.cleanup();
  });

  it('is installed like a community package: the built files only, no node_modules', () => {
    expect(packageFiles).toEqual(
      expect.arrayContaining([
        'package.json',
        'dist/nodes/WhatsAppBusiness/WhatsAppBusiness.node.js',
        'dist/nodes/WhatsAppBusinessTrigger/WhatsAppBusinessTrigger.node.js',
        'dist/credentials/WhatsAppCloudApi.credentials.js',
        'dist/credentials/WhatsAppWebhookApi.credentials.js',
      ]),
    );
    expect(packageFiles.filter((file) => file.includes('node_modules'))).toEqual([]);
  });

  describe('the send workflow (n8n execute)', () => {
    let execution: ExecutionResult;
    let requests: string[];

    beforeAll(async () => {
      const mark = graphLog.length;
      const { runData } = await n8n.execute(SEND_WORKFLOW_ID);
      execution = runData;
      requests = graphLog.slice(mark).filter((line) => !line.startsWith('webhook'));
    });

    it('runs every node without an error', () => {
      const runs = execution.data.resultData.runData;
      const errors = Object.entries(runs)
        .filter(([, nodeRuns]) => nodeRuns.some((run) => run.error))
        .map(([name, nodeRuns]) => `${name}: ${nodeRuns.map((run) => `${run.error?.message} ${run.error?.description ?? ''}`).join('; ')}`);
      expect(errors).toEqual([]);
      expect(execution.data.resultData.error).toBeUndefined();
      expect(Object.keys(runs)).toEqual(
        expect.arrayContaining(['Send Text', 'Send Buttons', 'Send List', 'Send Template', 'Upload Image', 'Send Image', 'Download Media', 'List Templates']),
      );
    });

    it('sends exactly the expected Graph requests, in order', () => {
      const pn = graph.phoneNumberId;
      const uploaded = String(itemsOf(execution, 'Upload Image')[0].json.mediaId);
      const shape = requests.map((line) => line.replace(/ \(\d+ ms\)$/, ''));
      expect(shape).toEqual([
        `POST /v23.0/${pn}/messages -> 200`,
        `POST /v23.0/${pn}/messages -> 200`,
        `POST /v23.0/${pn}/messages -> 200`,
        `POST /v23.0/${pn}/messages -> 200`,
        `POST /v23.0/${pn}/media -> 200`,
        `POST /v23.0/${pn}/messages -> 200`,
        `GET /v23.0/${uploaded} -> 200`,
        expect.stringMatching(/^GET \/.*whatsapp_business\/attachments\/ -> 200$/),
        `GET /v23.0/${graph.wabaId}/message_templates -> 200`,
      ]);
    });

    it('delivers the text, the buttons, the list, the named template and the image', async () => {
      const answer = (await (await fetch(`${graph.url}/_sandbox/messages?to=15550100001`)).json()) as {
        data: Array<{ type: string; payload: Record<string, any>; errors: unknown }>;
      };
      const sent = answer.data;
      expect(sent.map((message) => message.type)).toEqual(['text', 'interactive', 'interactive', 'template', 'image']);
      const [text, buttons, list, template, image] = sent.map((message) => message.payload);
      expect(text.text).toEqual(expect.objectContaining({ body: 'Hello from n8n e2e' }));
      expect(buttons.interactive.type).toBe('button');
      expect(buttons.interactive.body.text).toBe('Is the order OK?');
      expect(buttons.interactive.action.buttons.map((b: any) => [b.reply.id, b.reply.title])).toEqual([
        ['yes', 'Yes'],
        ['no', 'No'],
      ]);
      expect(list.interactive.type).toBe('list');
      expect(list.interactive.action.button).toBe('Menu');
      expect(list.interactive.action.sections.map((s: any) => [s.title, s.rows.map((r: any) => r.id)])).toEqual([
        ['Orders', ['status', 'cancel']],
        ['Help', ['agent']],
      ]);
      expect(template.template.name).toBe('order_ready');
      expect(template.template.language.code).toBe('en_US');
      expect(template.template.components).toEqual([
        {
          type: 'body',
          parameters: [
            { type: 'text', parameter_name: 'customer_name', text: 'Ana' },
            { type: 'text', parameter_name: 'order_id', text: 'A-42' },
          ],
        },
      ]);
      expect(image.image).toEqual(expect.objectContaining({ id: String(itemsOf(execution, 'Upload Image')[0].json.mediaId), caption: 'A pixel' }));
      expect(sent.every((message) => message.errors === null || (Array.isArray(message.errors) && message.errors.length === 0))).toBe(true);
    });

    it('outputs one item per message with the message id', () => {
      for (const node of ['Send Text', 'Send Buttons', 'Send List', 'Send Template', 'Send Image']) {
        const items = itemsOf(execution, node);
        expect(items).toHaveLength(1);
        expect(items[0].json.messageId).toMatch(/^wamid\./);
      }
    });

    it('downloads the media into a binary field', () => {
      const [item] = itemsOf(execution, 'Download Media');
      expect(item.binary?.file).toEqual(expect.objectContaining({ mimeType: 'image/png' }));
      const data = item.binary?.file?.data;
      // The default binary mode keeps small files inline as base64.
      if (data && data !== 'filesystem-v2' && !item.binary?.file?.id) expect(Buffer.from(data, 'base64')).toEqual(PNG);
    });

    it('lists the templates as items', () => {
      const names = itemsOf(execution, 'List Templates').map((item) => item.json.name);
      expect(names).toEqual(expect.arrayContaining(['hello_world', 'order_ready']));
    });
  });

  describe('examples/template-broadcast.json (n8n execute)', () => {
    it('sends the named template to every row', async () => {
      const { runData } = await n8n.execute('exBroadcast00001');
      const out = itemsOf(runData, 'Send Template');
      expect(out.map((item) => item.json.error ?? null)).toEqual([null, null, null]);
      const sent = (await (await fetch(`${examples.url}/_sandbox/messages`)).json()) as { data: Array<{ to: string; type: string; payload: Record<string, any> }> };
      const templates = sent.data.filter((message) => message.type === 'template');
      expect(templates.map((message) => [message.to, message.payload.template.components[0].parameters.map((p: any) => p.text)])).toEqual([
        ['15550101001', ['Ana', 'A-1001']],
        ['15550101002', ['Bruno', 'A-1002']],
        ['15550101003', ['Chen', 'A-1003']],
      ]);
      expect(templates.map((message) => message.payload.biz_opaque_callback_data)).toEqual(['broadcast:A-1001', 'broadcast:A-1002', 'broadcast:A-1003']);
    });
  });

  describe('the trigger workflow (n8n publish:workflow, n8n start)', () => {
    const webhookUrl = (): string => `${n8n.baseUrl}/webhook/${WEBHOOK_ID}/webhook`;

    beforeAll(async () => {
      await n8n.cliOk(['publish:workflow', `--id=${TRIGGER_WORKFLOW_ID}`]);
      await n8n.cliOk(['publish:workflow', '--id=exMenuBot0000001']);
      await n8n.cliOk(['publish:workflow', '--id=exInboundMedia01']);
      await n8n.start();
      // Readiness is not the same as the webhook being registered; wait for the handshake route.
      await waitFor(
        'the trigger webhook',
        async () => {
          const response = await fetch(`${webhookUrl()}?hub.mode=subscribe&hub.verify_token=${VERIFY_TOKEN}&hub.challenge=1`).catch(() => null);
          return response && response.status !== 404 ? true : undefined;
        },
        60_000,
      );
    });

    it('answers the GET handshake with the challenge', async () => {
      const response = await fetch(`${webhookUrl()}?hub.mode=subscribe&hub.verify_token=${VERIFY_TOKEN}&hub.challenge=1158201444`);
      expect(response.status).toBe(200);
      expect(await response.text()).toBe('1158201444');
    });

    it('refuses a handshake with the wrong verify token', async () => {
      const response = await fetch(`${webhookUrl()}?hub.mode=subscribe&hub.verify_token=wrong&hub.challenge=42`);
      expect(response.status).toBe(403);
    });

    it('answers 401 to an unsigned or wrongly signed POST and starts nothing', async () => {
      const body = JSON.stringify({ object: 'whatsapp_business_account', entry: [] });
      const unsigned = await fetch(webhookUrl(), { method: 'POST', headers: { 'Content-Type': 'application/json' }, body });
      expect(unsigned.status).toBe(401);
      const forged = await fetch(webhookUrl(), {
        method: 'POST',
        headers: { 'Content-Type': 'application/json', 'X-Hub-Signature-256': `sha256=${createHmac('sha256', 'not-the-secret').update(body).digest('hex')}` },
        body,
      });
      expect(forged.status).toBe(401);
      await new Promise((resolve) => setTimeout(resolve, 1000));
      expect(collector.bodies).toEqual([]);
    });

    it('turns the signed inbound message webhook into one normalized item', async () => {
      const inbound = await fetch(`${hooks.url}/_sandbox/inbound`, {
        method: 'POST',
        headers: { 'Content-Type': 'application/json' },
        body: JSON.stringify({ from: '15550100002', name: 'Ana', text: 'menu' }),
      });
      expect(inbound.status).toBe(200);
      const { messageId } = (await inbound.json()) as { messageId: string };
      const body = await waitFor('the inbound message execution', () => collector.bodies.find((b) => b.item.messageId === messageId));
      expect(body.item).toEqual(
        expect.objectContaining({ kind: 'message', from: '15550100002', type: 'text', text: 'menu', phoneNumberId: hooks.phoneNumberId }),
      );
    });

    it('turns the status webhooks of a sent message into items (sent, delivered, read)', async () => {
      const sent = await fetch(`${hooks.url}/v23.0/${hooks.phoneNumberId}/messages`, {
        method: 'POST',
        headers: { Authorization: `Bearer ${hooks.token}`, 'Content-Type': 'application/json' },
        body: JSON.stringify({ messaging_product: 'whatsapp', to: '15550100002', type: 'text', text: { body: 'Here is the menu' } }),
      });
      expect(sent.status).toBe(200);
      const { messages } = (await sent.json()) as { messages: Array<{ id: string }> };
      const id = messages[0].id;
      const statuses = await waitFor('three status executions', () => {
        const found = collector.bodies.filter((b) => b.item.kind === 'status' && b.item.messageId === id);
        return found.length >= 3 ? found : undefined;
      });
      expect(statuses.map((b) => b.item.status)).toEqual(['sent', 'delivered', 'read']);
      await hooks.webhooksIdle();
      const deliveries = (await (await fetch(`${hooks.url}/_sandbox/webhooks`)).json()) as { data: Array<{ delivered: boolean; statusCode: number | null }> };
      expect(deliveries.data.length).toBeGreaterThanOrEqual(4);
      expect(deliveries.data.every((delivery) => delivery.delivered && delivery.statusCode === 200)).toBe(true);
    });
    describe('examples/menu-bot.json', () => {
      const user = '15550109999';
      const inbound = async (body: Record<string, unknown>): Promise<void> => {
        const response = await fetch(`${examples.url}/_sandbox/inbound`, {
          method: 'POST',
          headers: { 'Content-Type': 'application/json' },
          body: JSON.stringify({ from: user, name: 'Dana', ...body }),
        });
        expect(response.status).toBe(200);
      };
      const sentTo = async (): Promise<Array<{ type: string; payload: Record<string, any> }>> =>
        ((await (await fetch(`${examples.url}/_sandbox/messages?to=${user}`)).json()) as { data: Array<{ type: string; payload: Record<string, any> }> }).data;
      const nextReply = async (count: number): Promise<Record<string, any>> =>
        waitFor(`reply #${count}`, async () => {
          const sent = await sentTo();
          return sent.length >= count ? sent[count - 1].payload : undefined;
        });

      it('answers a free text with reply buttons', async () => {
        await inbound({ text: 'hello there' });
        const reply = await nextReply(1);
        expect(reply.interactive.type).toBe('button');
        expect(reply.interactive.body.text).toContain('You wrote: hello there');
        expect(reply.interactive.action.buttons.map((b: any) => b.reply.id)).toEqual(['menu', 'agent']);
      });

      it('answers the "Show menu" button with the list', async () => {
        await inbound({ type: 'interactive', interactive: { type: 'button_reply', id: 'menu', title: 'Show menu' } });
        const reply = await nextReply(2);
        expect(reply.interactive.type).toBe('list');
        expect(reply.interactive.action.sections.flatMap((section: any) => section.rows.map((row: any) => row.id))).toEqual(['status', 'return', 'agent']);
      });

      it('confirms a list choice', async () => {
        await inbound({ type: 'interactive', interactive: { type: 'list_reply', id: 'status', title: 'Order status' } });
        const reply = await nextReply(3);
        expect(reply.text.body).toBe('You picked: *Order status*. Reply *menu* to see the options again.');
      });

      it('accepted every messages webhook (inbound and statuses of its replies)', async () => {
        await examples.webhooksIdle();
        // Only this conversation's: the setup's and the broadcast's webhooks were sent before n8n started.
        const deliveries = (await (await fetch(`${examples.url}/_sandbox/webhooks`)).json()) as { data: Array<{ field: string; delivered: boolean; statusCode: number | null; payload: unknown }> };
        const messages = deliveries.data.filter((delivery) => delivery.field === 'messages' && JSON.stringify(delivery.payload).includes(user));
        expect(messages.length).toBeGreaterThanOrEqual(3);
        expect(messages.filter((delivery) => !delivery.delivered || delivery.statusCode !== 200)).toEqual([]);
      });
    });
    describe('examples/inbound-media-download.json', () => {
      it('downloads an inbound image and confirms with its size, as a reply', async () => {
        const user = '15550108888';
        // The examples sandbox sends its webhooks to the menu bot (which ignores images); the same
        // signed event is then delivered to this example's URL, as Meta would with a second app.
        const inbound = await fetch(`${examples.url}/_sandbox/inbound`, {
          method: 'POST',
          headers: { 'Content-Type': 'application/json' },
          body: JSON.stringify({ from: user, type: 'image', image: { data: PNG.toString('base64'), mimeType: 'image/png', caption: 'receipt' } }),
        });
        expect(inbound.status).toBe(200);
        const { messageId } = (await inbound.json()) as { messageId: string };
        await examples.webhooksIdle();
        const deliveries = (await (await fetch(`${examples.url}/_sandbox/webhooks`)).json()) as { data: Array<{ payload: unknown }> };
        const event = deliveries.data.find((delivery) => JSON.stringify(delivery.payload).includes(messageId));
        expect(event).toBeDefined();
        const body = JSON.stringify(event?.payload);
        const response = await fetch(`${n8n.baseUrl}/webhook/${MEDIA_WEBHOOK_ID}/webhook`, {
          method: 'POST',
          headers: { 'Content-Type': 'application/json', 'X-Hub-Signature-256': `sha256=${createHmac('sha256', APP_SECRET).update(body).digest('hex')}` },
          body,
        });
        expect(response.status).toBe(200);
        const reply = await waitFor('the receipt confirmation', async () => {
          const sent = ((await (await fetch(`${examples.url}/_sandbox/messages?to=${user}`)).json()) as { data: Array<{ payload: Record<string, any> }> }).data;
          return sent[0]?.payload;
        });
        expect(reply.text.body).toBe(`Thanks, we received your image (${PNG.length} bytes).`);
        expect(reply.context).toEqual({ message_id: messageId });
      });
    });
  });
});
