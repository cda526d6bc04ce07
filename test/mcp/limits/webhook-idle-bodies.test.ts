import { mkdtemp, rm } from 'node:fs/promises';
import { connect } from 'node:net';
import type { Socket } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { signWebhookPayload } from 'whatsapp-business-core';
import { spawnHttpServer } from '../helpers/spawn-server';
import type { SpawnedServer } from '../helpers/spawn-server';

/**
 * A well-formed but fake signature passes the early 401, so a sender can open bodies it never
 * sends. Before the fix, six sockets declaring 2.7 MB each reserved the whole 16 MB budget and every
 * webhook, genuine ones too, got 503 for five minutes. Built server, real sockets; other loopback
 * addresses (127.0.0.2, .3) stand for other clients.
 */

const APP_SECRET = 'idle-bodies-app-secret';
const FAKE_SIGNATURE = `sha256=${'0'.repeat(64)}`;
let dataDir: string;
let server: SpawnedServer;

beforeAll(async () => {
  dataDir = await mkdtemp(join(tmpdir(), 'wa-mcp-idle-'));
  server = await spawnHttpServer(['--data-dir', dataDir], {
    WHATSAPP_PROVIDER: 'cloud',
    WHATSAPP_ACCESS_TOKEN: 'EAAG-idle-test-token',
    WHATSAPP_PHONE_NUMBER_ID: '100000000000001',
    WHATSAPP_WABA_ID: '200000000000001',
    WHATSAPP_APP_SECRET: APP_SECRET,
    WHATSAPP_VERIFY_TOKEN: 'idle-test-verify-token',
    MCP_AUTH_TOKEN: 'idle-test-bearer-token-0123456789',
  });
}, 30000);
afterAll(async () => {
  await server?.stop();
  await rm(dataDir, { recursive: true, force: true });
});

interface IdleSocket {
  socket: Socket;
  /** The first line of the answer, or 'closed without an answer'. */
  answer: Promise<string>;
  /** Resolves when the server ends the connection. */
  closed: Promise<void>;
}

/** Sends a POST head declaring `length` bytes and no body byte, from `localAddress`. */
function idleBody(localAddress: string, length: number): Promise<IdleSocket> {
  const target = new URL(`${server.url}/webhook`);
  return new Promise((resolve, reject) => {
    const socket = connect({ port: Number(target.port), host: target.hostname, localAddress });
    let received = '';
    const closed = new Promise<void>((done) => socket.once('close', () => done()));
    const answer = new Promise<string>((settle) => {
      socket.on('data', (chunk: Buffer) => {
        received += chunk.toString('latin1');
        if (received.includes('\r\n')) settle(received.slice(0, received.indexOf('\r\n')));
      });
      void closed.then(() => settle('closed without an answer'));
      socket.on('error', () => undefined);
    });
    socket.once('error', reject);
    socket.once('connect', () => {
      socket.write(`POST /webhook HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\nX-Hub-Signature-256: ${FAKE_SIGNATURE}\r\nContent-Length: ${length}\r\n\r\n`, () => resolve({ socket, answer, closed }));
    });
  });
}

function signedWebhook(n: number): { body: string; signature: string } {
  const body = JSON.stringify({
    object: 'whatsapp_business_account',
    entry: [{ id: '200000000000001', changes: [{ field: 'messages', value: { messaging_product: 'whatsapp', metadata: { display_phone_number: '15550000001', phone_number_id: '100000000000001' }, contacts: [{ profile: { name: 'A' }, wa_id: '5511912345678' }], messages: [{ from: '5511912345678', id: `wamid.IDLE${n}`, timestamp: '1763715600', type: 'text', text: { body: `genuine ${n}` } }] } }] }],
  });
  return { body, signature: signWebhookPayload(body, APP_SECRET) };
}

async function postGenuine(n: number): Promise<number> {
  const { body, signature } = signedWebhook(n);
  const response = await fetch(`${server.url}/webhook`, { method: 'POST', headers: { 'content-type': 'application/json', 'x-hub-signature-256': signature }, body, signal: AbortSignal.timeout(8000) });
  await response.text();
  return response.status;
}

const settle = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

it('six idle sockets declaring 2.7 MB with a fake signature: a genuine signed webhook still gets 200 at once, the idle ones get 408 and are closed', async () => {
  const idle = await Promise.all(Array.from({ length: 6 }, () => idleBody('127.0.0.2', 2796202)));
  try {
    await settle(500); // the server has read their heads
    // Answered long before the idle bodies' deadline (8 s abort bound; it takes milliseconds).
    let idleAnswered = false;
    void Promise.race(idle.map((s) => s.answer)).then(() => (idleAnswered = true));
    expect(await postGenuine(1)).toBe(200);
    expect(idleAnswered).toBe(false);
    // The idle senders are told their time is up, and the connections end (no 5-minute hold).
    const answers = await Promise.all(idle.map((s) => s.answer));
    expect(answers).toEqual(Array.from({ length: 6 }, () => 'HTTP/1.1 408 Request Timeout'));
    await Promise.all(idle.map((s) => s.closed));
  } finally {
    for (const s of idle) s.socket.destroy();
  }
  expect(server.child.exitCode).toBeNull();
}, 40000);

it('one address gets at most 8 webhook bodies in flight (503 past it); another address is not affected', async () => {
  const idle = await Promise.all(Array.from({ length: 8 }, () => idleBody('127.0.0.3', 1000)));
  try {
    await settle(500);
    const ninth = await idleBody('127.0.0.3', 1000);
    idle.push(ninth);
    expect(await ninth.answer).toBe('HTTP/1.1 503 Service Unavailable');
    expect(await postGenuine(2)).toBe(200);
  } finally {
    for (const s of idle) s.socket.destroy();
  }
}, 40000);
