/**
 * README.md "Build a bot in five minutes", step by step, in a real n8n (the version run.sh
 * installed, the package installed with the README's manual-install commands), through n8n's REST
 * API the way the editor does it: owner setup, the two credentials, the trigger, publish
 * (`POST /rest/workflows/<id>/activate` with the version id), Send, publish again, Statuses.
 * The sandbox is started with the README's own command and flags, the customer and the check are
 * the README's curl commands; only the port 8089 is replaced by a free one.
 *
 * It shows the README's former order failing (the trigger published before Send was added: n8n
 * keeps running the published version, nothing is sent; Statuses ticked: every status reaches Send
 * and fails) and the current order working (buttons at /_sandbox/messages, no failed execution).
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { join } from 'node:path';
import { N8nInstance, PACKAGE_NAME, freePort, installFromEnv } from './harness';

// The README's commands, as written there (test/readme/ keeps README.md and these equal).
const README_SANDBOX = 'npm run sandbox -- --port 8089 --app-secret dev-secret --verify-token dev-verify';
const README_INBOUND = `curl -X POST http://127.0.0.1:8089/_sandbox/inbound -H 'content-type: application/json' -d '{"from":"16505551234","text":"hi"}'`;
const README_MESSAGES = 'curl http://127.0.0.1:8089/_sandbox/messages';
const README_PORT = '8089';
const CUSTOMER = '16505551234';
const REPO_ROOT = join(__dirname, '..', '..');

/**
 * The trigger version a new user gets: the editor adds a node at its description's defaultVersion
 * (read from the build run.sh packed, so a new trigger version is followed here without an edit).
 */
function defaultTriggerVersion(): number {
  const built = require(join(REPO_ROOT, 'dist/nodes/WhatsAppBusinessTrigger/WhatsAppBusinessTrigger.node.js')) as {
    WhatsAppBusinessTrigger: new () => { description: { version: number | number[]; defaultVersion?: number } };
  };
  const { version, defaultVersion } = new built.WhatsAppBusinessTrigger().description;
  // n8n's rule when defaultVersion is absent: the highest listed version.
  return defaultVersion ?? (Array.isArray(version) ? Math.max(...version) : version);
}
const TRIGGER_VERSION = defaultTriggerVersion();

jest.setTimeout(600_000);

const install = installFromEnv();
const tarball = process.env.N8N_E2E_TARBALL ?? '';

/** A README command with the sandbox's real port instead of 8089. */
const onPort = (command: string, port: number): string => command.split(README_PORT).join(String(port));

function shell(command: string, timeoutMs = 60_000): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn('bash', ['-c', command], { cwd: REPO_ROOT, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    const timer = setTimeout(() => child.kill('SIGKILL'), timeoutMs);
    child.once('error', reject);
    child.once('close', (code) => {
      clearTimeout(timer);
      resolve({ code, stdout, stderr });
    });
  });
}

/** Step 1: the README's sandbox command, in its own process group (npm, then node). */
class ReadmeSandbox {
  private child: ChildProcess | null = null;
  output = '';
  phoneNumberId = '';
  url = '';

  constructor(readonly port: number) {}

  async start(): Promise<void> {
    const child = spawn('bash', ['-c', onPort(README_SANDBOX, this.port)], { cwd: REPO_ROOT, detached: true, stdio: ['ignore', 'pipe', 'pipe'] });
    this.child = child;
    child.stdout?.on('data', (chunk: Buffer) => (this.output += chunk.toString()));
    child.stderr?.on('data', (chunk: Buffer) => (this.output += chunk.toString()));
    const deadline = Date.now() + 60_000;
    for (;;) {
      const url = /listening on (http:\/\/\S+)/.exec(this.output);
      const phone = /Phone number id\s+(\d+)/.exec(this.output);
      if (url && phone) {
        this.url = url[1];
        this.phoneNumberId = phone[1];
        return;
      }
      if (child.exitCode !== null) throw new Error(`the README's sandbox command exited with ${child.exitCode}\n${this.output}`);
      if (Date.now() > deadline) throw new Error(`the README's sandbox command printed no URL in 60 s\n${this.output}`);
      await new Promise((resolve) => setTimeout(resolve, 200));
    }
  }

  async stop(): Promise<void> {
    const child = this.child;
    this.child = null;
    if (!child?.pid || child.exitCode !== null) return;
    const exited = new Promise((resolve) => child.once('exit', resolve));
    process.kill(-child.pid, 'SIGTERM');
    const timer = setTimeout(() => child.pid && process.kill(-child.pid, 'SIGKILL'), 10_000);
    await exited;
    clearTimeout(timer);
  }

  /** Step 5's first curl: a customer writes "hi". */
  async customerWrites(): Promise<void> {
    const result = await shell(onPort(README_INBOUND, this.port));
    if (result.code !== 0 || !result.stdout.includes('"messageId"')) throw new Error(`the README's inbound curl failed: ${result.code} ${result.stdout} ${result.stderr}`);
  }

  /** Step 5's second curl: the messages the bot sent to the customer with reply buttons. */
  async buttonsSent(): Promise<Array<Record<string, unknown>>> {
    const result = await shell(onPort(README_MESSAGES, this.port));
    if (result.code !== 0) throw new Error(`the README's messages curl failed: ${result.code} ${result.stderr}`);
    const { data } = JSON.parse(result.stdout) as { data: Array<Record<string, unknown>> };
    return data.filter((message) => message.to === CUSTOMER && message.type === 'interactive');
  }
}

interface Execution {
  id: string;
  status: string;
}

/** n8n's REST API as the editor uses it: the owner's session cookie and a browser id. */
class N8nRest {
  private cookie = '';
  private readonly browserId = randomUUID();

  constructor(private readonly baseUrl: string) {}

  async call<T>(method: string, path: string, body?: unknown): Promise<T> {
    const response = await fetch(`${this.baseUrl}/rest${path}`, {
      method,
      headers: { 'content-type': 'application/json', 'browser-id': this.browserId, ...(this.cookie ? { cookie: this.cookie } : {}) },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const text = await response.text();
    if (!response.ok) throw new Error(`${method} /rest${path} answered ${response.status}: ${text.slice(0, 800)}`);
    const cookie = response.headers.getSetCookie().find((value) => value.startsWith('n8n-auth='));
    if (cookie) this.cookie = cookie.split(';')[0];
    return (JSON.parse(text) as { data: T }).data;
  }

  async setupOwner(): Promise<void> {
    await this.call('POST', '/owner/setup', { email: 'readme@example.com', firstName: 'Readme', lastName: 'Reader', password: 'Readme-Steps-2026' });
    if (!this.cookie) throw new Error('owner setup returned no n8n-auth cookie');
  }

  async executions(workflowId: string): Promise<Execution[]> {
    const filter = encodeURIComponent(JSON.stringify({ workflowId }));
    const data = await this.call<{ results: Execution[] }>('GET', `/executions?filter=${filter}&limit=100`);
    return data.results;
  }

  /** Waits until the workflow's executions stop changing (and none is running), then returns them. */
  async settledExecutions(workflowId: string, atLeast: number, timeoutMs = 60_000): Promise<Execution[]> {
    const deadline = Date.now() + timeoutMs;
    let last = '';
    let stableSince = Date.now();
    for (;;) {
      const executions = await this.executions(workflowId);
      const signature = executions.map((execution) => `${execution.id}:${execution.status}`).join(',');
      if (signature !== last) {
        last = signature;
        stableSince = Date.now();
      }
      const running = executions.some((execution) => ['new', 'running', 'waiting'].includes(execution.status));
      if (executions.length >= atLeast && !running && Date.now() - stableSince > 4_000) return executions;
      if (Date.now() > deadline) {
        throw new Error(`executions of ${workflowId} did not settle at >= ${atLeast} in ${timeoutMs} ms: ${signature}`);
      }
      await new Promise((resolve) => setTimeout(resolve, 500));
    }
  }
}

interface Workflow {
  id: string;
  versionId: string;
  activeVersionId?: string | null;
}

const count = (executions: Execution[], status: string): number => executions.filter((execution) => execution.status === status).length;

describe(`n8n ${install.version}: README "Build a bot in five minutes"`, () => {
  let n8n: N8nInstance;
  let rest: N8nRest;
  const sandboxes: ReadmeSandbox[] = [];

  beforeAll(async () => {
    if (!tarball) throw new Error('N8N_E2E_TARBALL must be set (run test/e2e-n8n/run.sh)');
    n8n = new N8nInstance(install, await freePort());
    await n8n.installPackage(tarball);
    await n8n.start();
    // /healthz/readiness answers before the REST routes exist; the editor line comes after them.
    const deadline = Date.now() + 120_000;
    while (!n8n.log.includes('Editor is now accessible')) {
      if (Date.now() > deadline) throw new Error(`n8n never said "Editor is now accessible"\n${n8n.log}`);
      await new Promise((resolve) => setTimeout(resolve, 250));
    }
    rest = new N8nRest(n8n.baseUrl);
    await rest.setupOwner();
  });

  afterAll(async () => {
    for (const sandbox of sandboxes) await sandbox.stop();
    await n8n?.stop();
    if (process.env.N8N_E2E_KEEP !== 'true') n8n?.cleanup();
  });

  /** Step 1 and step 2: the sandbox from the README's command, the two credentials pointing at it. */
  async function steps1and2(label: string) {
    const sandbox = new ReadmeSandbox(await freePort());
    sandboxes.push(sandbox);
    await sandbox.start();
    const baseUrl = `http://127.0.0.1:${sandbox.port}`;
    const cloud = await rest.call<{ id: string; name: string }>('POST', '/credentials', {
      name: `WhatsApp Cloud API (${label})`,
      type: 'whatsAppCloudApi',
      data: { accessToken: 'sandbox-token', businessAccountId: '200000000000001', apiVersion: 'v23.0', baseUrl },
    });
    const webhook = await rest.call<{ id: string; name: string }>('POST', '/credentials', {
      name: `WhatsApp Webhook (${label})`,
      type: 'whatsAppWebhookApi',
      data: { appId: '300000000000001', appSecret: 'dev-secret', verifyToken: 'dev-verify', apiVersion: 'v23.0', baseUrl },
    });
    const credentials = {
      cloud: { whatsAppCloudApi: { id: cloud.id, name: cloud.name } },
      both: { whatsAppWebhookApi: { id: webhook.id, name: webhook.name }, whatsAppCloudApi: { id: cloud.id, name: cloud.name } },
    };
    return { sandbox, credentials };
  }

  /** Executions once settled; on a timeout, with what the sandbox and n8n printed (to see where it stopped). */
  async function settled(workflowId: string, atLeast: number, sandbox: ReadmeSandbox): Promise<Execution[]> {
    try {
      return await rest.settledExecutions(workflowId, atLeast);
    } catch (error) {
      const webhooks = await shell(`curl -s http://127.0.0.1:${sandbox.port}/_sandbox/webhooks`);
      throw new Error(`${(error as Error).message}\n--- sandbox\n${sandbox.output.slice(-3000)}\n--- sandbox webhooks\n${webhooks.stdout.slice(-3000)}\n--- n8n\n${n8n.log.slice(-3000)}`);
    }
  }

  type Credentials = Awaited<ReturnType<typeof steps1and2>>['credentials'];

  const triggerNode = (credentials: Credentials, events: string[]) => ({
    id: randomUUID(),
    name: 'WhatsApp Business Trigger',
    type: `${PACKAGE_NAME}.whatsAppBusinessTrigger`,
    typeVersion: TRIGGER_VERSION,
    position: [0, 0],
    webhookId: randomUUID(),
    parameters: { authentication: 'cloudApi', setupMode: 'automatic', events, options: {} },
    credentials: credentials.both,
  });

  const sendNode = (credentials: Credentials, phoneNumberId: string) => ({
    id: randomUUID(),
    name: 'Send',
    type: `${PACKAGE_NAME}.whatsAppBusiness`,
    typeVersion: 1,
    position: [500, 0],
    parameters: {
      authentication: 'cloudApi',
      resource: 'message',
      operation: 'send',
      phoneNumberId,
      to: '={{ $json.from }}',
      messageType: 'interactiveButtons',
      headerType: 'none',
      bodyText: 'How can we help?',
      replyButtons: { button: [{ id: 'orders', title: 'My order' }, { id: 'human', title: 'Talk to us' }] },
    },
    credentials: credentials.cloud,
  });

  /** Step 6's If node: only messages (kind "message") go on to Send. */
  const onlyMessagesNode = () => ({
    id: randomUUID(),
    name: 'If',
    type: 'n8n-nodes-base.if',
    typeVersion: 2.2,
    position: [250, 0],
    parameters: {
      conditions: {
        options: { caseSensitive: true, leftValue: '', typeValidation: 'strict', version: 2 },
        conditions: [{ id: randomUUID(), leftValue: '={{ $json.kind }}', rightValue: 'message', operator: { type: 'string', operation: 'equals' } }],
        combinator: 'and',
      },
      options: {},
    },
  });

  const link = (from: string, to: string, output = 0) => ({ [from]: { main: Array.from({ length: output + 1 }, (_, at) => (at === output ? [{ node: to, type: 'main', index: 0 }] : [])) } });

  async function createWorkflow(name: string, nodes: unknown[], connections: Record<string, unknown>): Promise<Workflow> {
    return rest.call<Workflow>('POST', '/workflows', { name, nodes, connections, settings: { executionOrder: 'v1' }, active: false });
  }

  async function save(workflow: Workflow, nodes: unknown[], connections: Record<string, unknown>): Promise<Workflow> {
    return rest.call<Workflow>('PATCH', `/workflows/${workflow.id}`, { versionId: workflow.versionId, nodes, connections });
  }

  /**
   * The editor's Publish button. n8n 2.4x activates in the background after answering, so this
   * waits, as a user reading the sandbox's output would, until the trigger has finished its
   * (re)registration at the sandbox: the app's webhook subscription, then the WABA subscribed to
   * the app (the last request of the trigger's create hook), and a second for n8n to finish.
   */
  async function publish(workflow: Workflow, sandbox: ReadmeSandbox): Promise<Workflow> {
    const subscriptions = (): number => sandbox.output.split('POST /v23.0/200000000000001/subscribed_apps -> 200').length - 1;
    const before = subscriptions();
    const published = await rest.call<Workflow>('POST', `/workflows/${workflow.id}/activate`, { versionId: workflow.versionId });
    expect(published.activeVersionId).toBe(workflow.versionId);
    const deadline = Date.now() + 60_000;
    while (subscriptions() === before) {
      if (Date.now() > deadline) throw new Error(`publishing did not subscribe the app at the sandbox in 60 s\n${sandbox.output.slice(-2000)}\n--- n8n\n${n8n.log.slice(-2000)}`);
      await new Promise((resolve) => setTimeout(resolve, 200));
    }
    await new Promise((resolve) => setTimeout(resolve, 1_000));
    return published;
  }

  it('the README before this fix: trigger published in step 3, Send added in step 4: nothing is sent; Statuses ticked: failed executions', async () => {
    const { sandbox, credentials } = await steps1and2('former order');
    // Former step 3: the trigger alone, published.
    const trigger = triggerNode(credentials, ['messages']);
    let workflow = await createWorkflow('README bot, former order', [trigger], {});
    workflow = await publish(workflow, sandbox);
    // Former step 4: Send added after the trigger (saved, not published again: the README said nothing).
    const send = sendNode(credentials, sandbox.phoneNumberId);
    workflow = await save(workflow, [trigger, send], link(trigger.name, send.name));
    // Former step 5: the customer writes; n8n runs the published version, the trigger alone.
    await sandbox.customerWrites();
    const first = await settled(workflow.id, 1, sandbox);
    expect(await sandbox.buttonsSent()).toEqual([]);
    expect(count(first, 'success')).toBe(1);

    // "... if you tick Statuses": ticked, and published so that Send finally runs.
    const withStatuses = { ...trigger, parameters: { ...trigger.parameters, events: ['messages', 'statuses'] } };
    workflow = await save(workflow, [withStatuses, send], link(trigger.name, send.name));
    await publish(workflow, sandbox);
    await sandbox.customerWrites();
    const second = await settled(workflow.id, 1 + 1 + 3, sandbox);
    expect(await sandbox.buttonsSent()).toHaveLength(1);
    // The buttons' sent / delivered / read statuses each reach Send, which has no recipient.
    expect(count(second, 'error')).toBe(3);
  });

  it('the README now: trigger, Send, publish; the buttons arrive; Statuses with the If node: still no failed execution', async () => {
    const { sandbox, credentials } = await steps1and2('current order');
    // Step 3: the trigger, not published.
    const trigger = triggerNode(credentials, ['messages']);
    let workflow = await createWorkflow('README bot', [trigger], {});
    // Step 4: Send after the trigger, then publish.
    const send = sendNode(credentials, sandbox.phoneNumberId);
    workflow = await save(workflow, [trigger, send], link(trigger.name, send.name));
    workflow = await publish(workflow, sandbox);
    // Step 5: the customer writes; the bot answers with the buttons.
    await sandbox.customerWrites();
    const first = await settled(workflow.id, 1, sandbox);
    const sent = await sandbox.buttonsSent();
    expect(sent).toHaveLength(1);
    expect(JSON.stringify(sent[0].payload)).toContain('"How can we help?"');
    expect(JSON.stringify(sent[0].payload)).toContain('{"type":"reply","reply":{"id":"orders","title":"My order"}}');
    expect(JSON.stringify(sent[0].payload)).toContain('{"type":"reply","reply":{"id":"human","title":"Talk to us"}}');
    expect(first.map((execution) => execution.status)).toEqual(['success']);

    // Step 6: Statuses ticked and the If node between the trigger and Send, published again.
    const withStatuses = { ...trigger, parameters: { ...trigger.parameters, events: ['messages', 'statuses'] } };
    const onlyMessages = onlyMessagesNode();
    workflow = await save(workflow, [withStatuses, onlyMessages, send], { ...link(trigger.name, onlyMessages.name), ...link(onlyMessages.name, send.name) });
    await publish(workflow, sandbox);
    await sandbox.customerWrites();
    // One execution for the message and one per status of the second buttons message (sent, delivered, read).
    const second = await settled(workflow.id, 1 + 1 + 3, sandbox);
    expect(await sandbox.buttonsSent()).toHaveLength(2);
    expect(count(second, 'error')).toBe(0);
    expect(count(second, 'success')).toBe(second.length);
  });
});
