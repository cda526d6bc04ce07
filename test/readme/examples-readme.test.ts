/**
 * examples/README.md "Try them without a Meta account", run as written: its sandbox command (the
 * two ports replaced by free ones: the sandbox's 8089 and n8n's 5678 in the callback URL) and its
 * two curl lines. In place of n8n's menu bot, the callback URL reaches a small receiver started
 * here that does what the published trigger and a Send node do: answers Meta's handshake with the
 * README's verify token, checks the signature with its app secret, and replies to the customer
 * through the sandbox's Graph API. Real HTTP throughout; the sandbox's process group is always
 * stopped. Also: the examples' nodes of this package are saved at the version a new node gets.
 */
import { spawn } from 'node:child_process';
import { createHmac, timingSafeEqual } from 'node:crypto';
import { readFileSync, readdirSync } from 'node:fs';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { join } from 'node:path';
import { WhatsAppBusiness } from '../../nodes/WhatsAppBusiness/WhatsAppBusiness.node';
import { WhatsAppBusinessTrigger } from '../../nodes/WhatsAppBusinessTrigger/WhatsAppBusinessTrigger.node';
import { StartedProcess, freePort, listen, withPorts } from './command-process';
import { REPO_ROOT } from './readme-commands';

jest.setTimeout(120_000);

// As written in examples/README.md (test/readme/readme-commands.test.ts keeps the three equal).
const README_SANDBOX =
  'npm run sandbox -- --port 8089 --no-window --callback-url http://localhost:5678/webhook/6b1f3c55-8a43-4a4e-9c1e-5f0d1e2a7b01/webhook --app-secret my-app-secret --verify-token my-verify-token';
const README_INBOUND = `curl -s localhost:8089/_sandbox/inbound -H 'content-type: application/json' -d '{"from":"15551234567","text":"hi"}'`;
const README_MESSAGES = "curl -s 'localhost:8089/_sandbox/messages?to=15551234567'";
const WEBHOOK_PATH = '/webhook/6b1f3c55-8a43-4a4e-9c1e-5f0d1e2a7b01/webhook';
const CUSTOMER = '15551234567';

function shell(command: string): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn('bash', ['-c', command], { cwd: REPO_ROOT, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    const timer = setTimeout(() => child.kill('SIGKILL'), 30_000);
    child.once('error', reject);
    child.once('close', (code) => {
      clearTimeout(timer);
      resolve({ code, stdout, stderr });
    });
  });
}

function readBody(request: IncomingMessage): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.once('end', () => resolve(Buffer.concat(chunks)));
    request.once('error', reject);
  });
}

interface WebhookMessage {
  from: string;
  type: string;
  text?: { body: string };
}

/** The menu bot's webhook, reduced to what the README's curl lines show: a reply to each text. */
class BotReceiver {
  readonly server: Server;
  handshakes = 0;
  badSignatures = 0;
  readonly replies: string[] = [];
  sandboxUrl = '';

  constructor() {
    this.server = createServer((request, response) => void this.handle(request, response));
  }

  private async handle(request: IncomingMessage, response: ServerResponse): Promise<void> {
    const url = new URL(request.url ?? '/', 'http://receiver');
    if (url.pathname !== WEBHOOK_PATH) return void response.writeHead(404).end();
    if (request.method === 'GET') {
      const ok = url.searchParams.get('hub.mode') === 'subscribe' && url.searchParams.get('hub.verify_token') === 'my-verify-token';
      if (ok) this.handshakes += 1;
      return void (ok ? response.writeHead(200).end(url.searchParams.get('hub.challenge') ?? '') : response.writeHead(403).end());
    }
    const body = await readBody(request);
    const expected = Buffer.from(`sha256=${createHmac('sha256', 'my-app-secret').update(body).digest('hex')}`);
    const given = Buffer.from(String(request.headers['x-hub-signature-256'] ?? ''));
    if (given.length !== expected.length || !timingSafeEqual(given, expected)) {
      this.badSignatures += 1;
      return void response.writeHead(401).end();
    }
    const event = JSON.parse(body.toString('utf8')) as {
      entry: Array<{ changes: Array<{ value: { metadata?: { phone_number_id: string }; messages?: WebhookMessage[] } }> }>;
    };
    for (const change of event.entry.flatMap((entry) => entry.changes)) {
      for (const message of change.value.messages ?? []) {
        if (message.type !== 'text' || !change.value.metadata) continue;
        const reply = `You wrote: ${message.text?.body ?? ''}`;
        const sent = await fetch(`${this.sandboxUrl}/v23.0/${change.value.metadata.phone_number_id}/messages`, {
          method: 'POST',
          headers: { authorization: 'Bearer sandbox-token', 'content-type': 'application/json' },
          body: JSON.stringify({ messaging_product: 'whatsapp', to: message.from, type: 'text', text: { body: reply } }),
        });
        if (sent.status !== 200) throw new Error(`the reply was refused: ${sent.status} ${await sent.text()}`);
        this.replies.push(reply);
      }
    }
    response.writeHead(200).end();
  }
}

describe('examples/README.md: try the examples without a Meta account', () => {
  let receiver: BotReceiver;
  let sandbox: StartedProcess | undefined;

  beforeEach(() => {
    receiver = new BotReceiver();
  });

  afterEach(async () => {
    await sandbox?.stopGroup();
    sandbox = undefined;
    await new Promise((resolve) => receiver.server.close(resolve));
  });

  it('the sandbox command and the two curl lines: the customer writes, the webhook arrives signed, the answer is listed', async () => {
    const receiverPort = await listen(receiver.server);
    const sandboxPort = await freePort();
    const ports = { '8089': sandboxPort, '5678': receiverPort };
    sandbox = StartedProcess.shell(withPorts(README_SANDBOX, ports));
    const listening = await sandbox.waitFor(/WhatsApp Sandbox listening on (http:\/\/\S+)/);
    receiver.sandboxUrl = listening[1];
    expect(sandbox.output).toContain(`Webhooks          http://localhost:${receiverPort}${WEBHOOK_PATH} (signed with the app secret)`);
    expect(sandbox.output).toContain('24 h window       not enforced');

    const inbound = await shell(withPorts(README_INBOUND, ports));
    expect(inbound.code).toBe(0);
    expect(JSON.parse(inbound.stdout)).toEqual(expect.objectContaining({ messageId: expect.stringMatching(/^wamid\./) }));

    const deadline = Date.now() + 30_000;
    while (receiver.replies.length === 0 && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 100));
    expect({ handshakes: receiver.handshakes, badSignatures: receiver.badSignatures, replies: receiver.replies }).toEqual({
      handshakes: 1,
      badSignatures: 0,
      replies: ['You wrote: hi'],
    });

    const messages = await shell(withPorts(README_MESSAGES, ports));
    expect(messages.code).toBe(0);
    const { data } = JSON.parse(messages.stdout) as { data: Array<{ to: string; type: string; payload: { text?: { body: string } } }> };
    expect(data.map((message) => ({ to: message.to, type: message.type, body: message.payload.text?.body }))).toEqual([
      { to: CUSTOMER, type: 'text', body: 'You wrote: hi' },
    ]);
  });
});

describe('examples/*.json: the nodes of this package at the version a new node gets', () => {
  // A user who adds the node in the editor gets its defaultVersion; the importable examples show
  // the same node, so they are saved at that version too (run in a real n8n by n8n.e2e.ts).
  const defaultVersion = (description: { version: number | number[]; defaultVersion?: number }): number =>
    description.defaultVersion ?? (Array.isArray(description.version) ? Math.max(...description.version) : description.version);
  const expected: Record<string, number> = {
    'n8n-nodes-whatsapp-business.whatsAppBusiness': defaultVersion(new WhatsAppBusiness().description),
    'n8n-nodes-whatsapp-business.whatsAppBusinessTrigger': defaultVersion(new WhatsAppBusinessTrigger().description),
  };
  const examples = join(REPO_ROOT, 'examples');
  const files = readdirSync(examples).filter((name) => name.endsWith('.json'));

  it('the trigger defaults to version 2', () => {
    expect(expected['n8n-nodes-whatsapp-business.whatsAppBusinessTrigger']).toBe(2);
  });

  it.each(files)('%s', (file) => {
    const { nodes } = JSON.parse(readFileSync(join(examples, file), 'utf8')) as { nodes: Array<{ name: string; type: string; typeVersion: number }> };
    const ours = nodes.filter((node) => node.type in expected);
    expect(ours.length).toBeGreaterThan(0);
    expect(ours.map((node) => `${node.name}: ${node.typeVersion}`)).toEqual(ours.map((node) => `${node.name}: ${expected[node.type]}`));
  });
});
