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
// The providers' workflows (fixtures/{maton,onprem,itnio}-workflow.json, the two unsigned triggers).
const MATON_WORKFLOW_ID = 'e2eMatonFlow0001';
const ONPREM_WORKFLOW_ID = 'e2eOnPremFlow001';
const ITNIO_WORKFLOW_ID = 'e2eItnioFlow0001';
const ONPREM_TRIGGER_ID = 'e2eOnPremHook001';
const ITNIO_TRIGGER_ID = 'e2eItnioHook0001';
const ONPREM_WEBHOOK_ID = '0e2e0e2e-0000-4000-8000-0000000000a1';
const ITNIO_WEBHOOK_ID = '0e2e0e2e-0000-4000-8000-0000000000a2';
const MATON_KEY = 'e2e-maton-api-key-3c9d';
const ONPREM_PASSWORD = 'e2e-onprem-password-7b1e';
const ONPREM_NAMESPACE = 'e2e_namespace_5f0a';
/** Short, so that a second run of the On-Premises workflow meets an expired token and n8n logs in again. */
const ONPREM_LOGIN_TTL_MS = 4000;
const ITNIO_KEY = 'e2e-itnio-key-91';
const ITNIO_SECRET = 'e2e-itnio-secret-2d7c';
const ITNIO_APP_ID = 'E2eApp01';
const WEBHOOK_SECRET = 'e2e-webhook-secret-6a3f';

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
  let maton: RunningSandbox; // --flavor maton: gateway and connection API
  let onprem: RunningSandbox; // --flavor onprem: the On-Premises workflow's client
  let onpremHooks: RunningSandbox; // --flavor onprem: posts its flat webhooks to the On-Premises trigger
  let itnio: RunningSandbox; // --flavor itnio
  const graphLog: string[] = [];
  const matonLog: string[] = [];
  const onpremLog: string[] = [];
  const itnioLog: string[] = [];
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
    maton = await startSandbox({ flavor: 'maton', token: MATON_KEY, window: false, mps: 0, pairRate: 0, gatewayRps: 0, log: (line) => matonLog.push(line) });
    onprem = await startSandbox({
      flavor: 'onprem',
      username: 'admin',
      password: ONPREM_PASSWORD,
      loginTtlMs: ONPREM_LOGIN_TTL_MS,
      window: false,
      mps: 0,
      pairRate: 0,
      log: (line) => onpremLog.push(line),
    });
    onpremHooks = await startSandbox({
      flavor: 'onprem',
      username: 'admin',
      password: ONPREM_PASSWORD,
      window: false,
      callbackUrl: `${n8n.baseUrl}/webhook/${ONPREM_WEBHOOK_ID}/webhook?token=${WEBHOOK_SECRET}`,
      webhookRetries: 5,
    });
    itnio = await startSandbox({ flavor: 'itnio', apiKey: ITNIO_KEY, apiSecret: ITNIO_SECRET, appId: ITNIO_APP_ID, window: false, mps: 0, pairRate: 0, log: (line) => itnioLog.push(line) });
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
      MATON_KEY,
      MATON_URL: maton.url,
      MATON_WABA_ID: maton.wabaId,
      MATON_PHONE_NUMBER_ID: maton.phoneNumberId,
      ONPREM_URL: onprem.url,
      ONPREM_HOOKS_URL: onpremHooks.url,
      ONPREM_PASSWORD,
      ONPREM_NAMESPACE,
      ITNIO_KEY,
      ITNIO_SECRET,
      ITNIO_APP_ID,
      ITNIO_URL: itnio.url,
      WEBHOOK_SECRET,
    };
    await n8n.importJson('credentials', fixture('credentials.json', values));
    await n8n.importJson('workflow', fixture('send-workflow.json', values));
    await n8n.importJson('workflow', fixture('trigger-workflow.json', values));
    for (const name of ['maton-workflow.json', 'onprem-workflow.json', 'itnio-workflow.json', 'onprem-trigger-workflow.json', 'itnio-trigger-workflow.json']) {
      await n8n.importJson('workflow', fixture(name, values));
    }
    // The examples exactly as a user imports them.
    await n8n.cliOk(['import:workflow', '--separate', `--input=${EXAMPLES}`]);
  });

  afterAll(async () => {
    await n8n?.stop();
    await graph?.close();
    await hooks?.close();
    await examples?.close();
    await maton?.close();
    await onprem?.close();
    await onpremHooks?.close();
    await itnio?.close();
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
        'dist/credentials/MatonApi.credentials.js',
        'dist/credentials/WhatsAppOnPremisesApi.credentials.js',
        'dist/credentials/ItnioApi.credentials.js',
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


  describe('the Maton workflow (n8n execute, sandbox --flavor maton)', () => {
    let execution: ExecutionResult;
    let requests: string[];

    beforeAll(async () => {
      const mark = matonLog.length;
      execution = (await n8n.execute(MATON_WORKFLOW_ID)).runData;
      requests = matonLog.slice(mark).map((line) => line.replace(/ \(\d+ ms\)$/, ''));
    });

    it('sends through the gateway and manages connections, request by request', () => {
      expect(execution.data.resultData.error).toBeUndefined();
      expect(requests).toEqual([
        `POST /whatsapp-business/v23.0/${maton.phoneNumberId}/messages -> 200`,
        'GET /connections -> 200',
        'POST /connections -> 200',
      ]);
    });

    it('delivers the text with the Graph payload, and outputs the message and the connections', async () => {
      const sent = (await (await fetch(`${maton.url}/_sandbox/messages`)).json()) as { data: Array<{ id: string; payload: Record<string, unknown> }> };
      expect(sent.data.map((message) => message.payload)).toEqual([
        { messaging_product: 'whatsapp', recipient_type: 'individual', to: '15550100002', type: 'text', text: { body: 'Hello from n8n via Maton' } },
      ]);
      expect(itemsOf(execution, 'Maton Send Text').map((item) => item.json.messageId)).toEqual([sent.data[0].id]);
      const connections = itemsOf(execution, 'Maton List Connections');
      expect(connections.length).toBeGreaterThanOrEqual(1);
      expect(connections.every((item) => item.json.status === 'ACTIVE')).toBe(true);
      const created = itemsOf(execution, 'Maton Create Connection');
      expect(created).toHaveLength(1);
      expect(String(created[0].json.url)).toMatch(/^https?:\/\//);
    });
  });

  describe('the On-Premises workflow (n8n execute, sandbox --flavor onprem)', () => {
    let execution: ExecutionResult;
    let requests: string[];
    let finishedAt = 0;

    beforeAll(async () => {
      const mark = onpremLog.length;
      execution = (await n8n.execute(ONPREM_WORKFLOW_ID)).runData;
      finishedAt = Date.now();
      requests = onpremLog.slice(mark).map((line) => line.replace(/ \(\d+ ms\)$/, ''));
    });

    it('logs in once inside n8n (the credential\'s preAuthentication), then reuses the token', () => {
      expect(execution.data.resultData.error).toBeUndefined();
      expect(requests[0]).toBe('POST /v1/users/login -> 200');
      expect(requests.filter((line) => line.startsWith('POST /v1/users/login'))).toHaveLength(1);
      expect(requests.filter((line) => / -> 401$/.test(line))).toEqual([]);
      expect(requests).toEqual(
        expect.arrayContaining(['GET /v1/health -> 200', 'POST /v1/messages -> 200', 'POST /v1/media -> 200', expect.stringMatching(/^GET \/v1\/media\/[^ ]+ -> 200$/)]),
      );
    });

    it('sends the text and the template (with the credential\'s namespace) in the On-Premises dialect', async () => {
      const sent = (await (await fetch(`${onprem.url}/_sandbox/messages`)).json()) as { data: Array<{ type: string; payload: Record<string, any> }> };
      const [text, template] = sent.data;
      expect(text.payload).toMatchObject({ to: '15550100003', type: 'text', text: { body: 'Hello from n8n on-prem https://example.com' }, preview_url: true });
      expect(text.payload.messaging_product).toBeUndefined();
      expect(template.payload).toMatchObject({ type: 'template', template: { namespace: ONPREM_NAMESPACE, name: 'hello_world', language: { code: 'en_US' } } });
      expect(itemsOf(execution, 'OnPrem Health')[0].json).toMatchObject({ ready: true, gatewayStatus: 'connected' });
    });

    it('uploads the binary as a raw body and downloads it back as binary', () => {
      const [uploaded] = itemsOf(execution, 'OnPrem Upload');
      expect(typeof uploaded.json.mediaId).toBe('string');
      const [downloaded] = itemsOf(execution, 'OnPrem Download');
      expect(downloaded.json).toMatchObject({ mediaId: uploaded.json.mediaId, mimeType: 'image/png', fileSize: PNG.length });
      const data = downloaded.binary?.file?.data;
      if (data && data !== 'filesystem-v2' && !downloaded.binary?.file?.id) expect(Buffer.from(data, 'base64')).toEqual(PNG);
    });

    it('a second run after the token expired: the client refuses it, n8n logs in again and the run succeeds', async () => {
      const wait = finishedAt + ONPREM_LOGIN_TTL_MS + 500 - Date.now();
      if (wait > 0) await new Promise((resolve) => setTimeout(resolve, wait));
      const mark = onpremLog.length;
      const { runData } = await n8n.execute(ONPREM_WORKFLOW_ID);
      const second = onpremLog.slice(mark).map((line) => line.replace(/ \(\d+ ms\)$/, ''));
      expect(runData.data.resultData.error).toBeUndefined();
      // The stored token was used first (no login up front), refused, then n8n logged in again.
      expect(second[0]).toMatch(/ -> 401$/);
      expect(second).toContain('POST /v1/users/login -> 200');
      expect(second.filter((line) => line.startsWith('POST /v1/users/login'))).toHaveLength(1);
      expect(second.slice(second.indexOf('POST /v1/users/login -> 200') + 1).every((line) => !line.endsWith(' -> 401'))).toBe(true);
    });
  });

  describe('the ITNIO workflow (n8n execute, sandbox --flavor itnio)', () => {
    let execution: ExecutionResult;
    let requests: string[];

    beforeAll(async () => {
      const mark = itnioLog.length;
      execution = (await n8n.execute(ITNIO_WORKFLOW_ID)).runData;
      requests = itnioLog.slice(mark).map((line) => line.replace(/ \(\d+ ms\)$/, ''));
    });

    it('sends the text, the list and the template, each signed (Api-Key, Timestamp, Sign)', () => {
      expect(execution.data.resultData.error).toBeUndefined();
      expect(requests).toEqual(['POST /wa/custom/sendMsg -> 200', 'POST /wa/custom/sendMsg -> 200', 'POST /wa/template/sendMsg -> 200']);
    });

    it('the sandbox received ITNIO\'s envelopes, and each node outputs ITNIO\'s message id', async () => {
      const sent = (await (await fetch(`${itnio.url}/_sandbox/messages`)).json()) as { data: Array<{ id: string; payload: Record<string, any> }> };
      const [text, list, template] = sent.data.map((message) => message.payload);
      expect(text).toEqual({ appId: ITNIO_APP_ID, businessPhone: '15550000001', recipient: '15550100004', channelType: 0, type: 'text', text: { body: 'Hello from n8n via ITNIO' } });
      expect(list.interactive).toMatchObject({ type: 'list', body: { text: 'Choose a slot' }, action: { button: 'Slots' } });
      expect(list.interactive.action.sections[0].rows.map((row: any) => row.id)).toEqual(['am', 'pm']);
      expect(template.template).toMatchObject({ name: 'hello_world', language: { code: 'en_US' } });
      const ids = ['ITNIO Send Text', 'ITNIO Send List', 'ITNIO Send Template'].map((node) => itemsOf(execution, node)[0].json.messageId);
      expect(ids).toEqual(sent.data.map((message) => message.id));
    });
  });

  describe('the trigger workflow (n8n publish:workflow, n8n start)', () => {
    const webhookUrl = (): string => `${n8n.baseUrl}/webhook/${WEBHOOK_ID}/webhook`;

    beforeAll(async () => {
      await n8n.cliOk(['publish:workflow', `--id=${TRIGGER_WORKFLOW_ID}`]);
      await n8n.cliOk(['publish:workflow', '--id=exMenuBot0000001']);
      await n8n.cliOk(['publish:workflow', '--id=exInboundMedia01']);
      await n8n.cliOk(['publish:workflow', `--id=${ONPREM_TRIGGER_ID}`]);
      await n8n.cliOk(['publish:workflow', `--id=${ITNIO_TRIGGER_ID}`]);
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
    describe('the On-Premises and ITNIO triggers (unsigned sources, shared secret)', () => {
      const onpremUrl = (): string => `${n8n.baseUrl}/webhook/${ONPREM_WEBHOOK_ID}/webhook`;
      const itnioUrl = (): string => `${n8n.baseUrl}/webhook/${ITNIO_WEBHOOK_ID}/webhook`;

      it('refuses with 401 a POST without the webhook secret, or with a wrong one', async () => {
        const before = collector.bodies.length;
        const body = JSON.stringify({ messages: [{ from: '15550100005', id: 'x1', timestamp: '1750000000', type: 'text', text: { body: 'x' } }] });
        for (const url of [onpremUrl(), `${onpremUrl()}?token=wrong`, itnioUrl(), `${itnioUrl()}?token=wrong`]) {
          const response = await fetch(url, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body });
          expect([url, response.status]).toEqual([url, 401]);
        }
        await new Promise((resolve) => setTimeout(resolve, 1000));
        expect(collector.bodies.length).toBe(before);
      });

      it('turns the client\'s flat inbound webhook into one normalized item', async () => {
        const inbound = await fetch(`${onpremHooks.url}/_sandbox/inbound`, {
          method: 'POST',
          headers: { 'Content-Type': 'application/json' },
          body: JSON.stringify({ from: '15550100005', name: 'Olu', text: 'from on-prem' }),
        });
        expect(inbound.status).toBe(200);
        const { messageId } = (await inbound.json()) as { messageId: string };
        const body = await waitFor('the On-Premises execution', () => collector.bodies.find((b) => b.workflow === 'onprem-trigger' && b.item.messageId === messageId));
        expect(body.item).toEqual(expect.objectContaining({ kind: 'message', from: '15550100005', type: 'text', text: 'from on-prem', phoneNumberId: null }));
        await onpremHooks.webhooksIdle();
        const deliveries = (await (await fetch(`${onpremHooks.url}/_sandbox/webhooks`)).json()) as { data: Array<{ delivered: boolean; statusCode: number | null }> };
        expect(deliveries.data.length).toBeGreaterThanOrEqual(1);
        expect(deliveries.data.every((delivery) => delivery.delivered && delivery.statusCode === 200)).toBe(true);
      });

      it('passes an ITNIO callback that is not Meta-shaped through as one raw item (secret as the Basic password)', async () => {
        const raw = { msgId: '10415ecbd0c848ebb7d5a3fe53269df6', status: 'DELIVRD', recipient: '15550100004' };
        const response = await fetch(itnioUrl(), {
          method: 'POST',
          headers: { 'Content-Type': 'application/json', Authorization: `Basic ${Buffer.from(`itnio:${WEBHOOK_SECRET}`).toString('base64')}` },
          body: JSON.stringify(raw),
        });
        expect(response.status).toBe(200);
        const body = await waitFor('the ITNIO execution', () => collector.bodies.find((b) => b.workflow === 'itnio-trigger'));
        expect(body.item).toEqual({ kind: 'raw', body: raw });
      });
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
