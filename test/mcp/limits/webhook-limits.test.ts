import { mkdtemp, rm } from 'node:fs/promises';
import { request } from 'node:http';
import { connect } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Inbox } from '../../../mcp/src/inbox/inbox';
import { createWebhookHandler, startWebhookListener } from '../../../mcp/src/inbox/webhook';
import { spawnHttpServer } from '../helpers/spawn-server';
import type { SpawnedServer } from '../helpers/spawn-server';

/**
 * /webhook and /mcp must not let senders decide how much the server reads or holds: measured on the
 * built server in its own process, over real sockets.
 */

const APP_SECRET = 'limits-test-app-secret';
const AUTH = 'limits-test-bearer-token-0123456789';
const MB = 1024 * 1024;
let dataDir: string;
let server: SpawnedServer;

beforeAll(async () => {
  dataDir = await mkdtemp(join(tmpdir(), 'wa-mcp-limits-'));
  server = await spawnHttpServer(['--data-dir', dataDir], {
    WHATSAPP_PROVIDER: 'cloud',
    WHATSAPP_ACCESS_TOKEN: 'EAAG-limits-test-token',
    WHATSAPP_PHONE_NUMBER_ID: '100000000000001',
    WHATSAPP_WABA_ID: '200000000000001',
    WHATSAPP_APP_SECRET: APP_SECRET,
    WHATSAPP_VERIFY_TOKEN: 'limits-test-verify-token',
    MCP_AUTH_TOKEN: AUTH,
  });
}, 30000);
afterAll(async () => {
  await server?.stop();
  await rm(dataDir, { recursive: true, force: true });
});

/** Sends only the head of a request (no body) on a raw socket; resolves with the first response line, or a timeout. */
function headOnly(url: string, head: string, waitMs = 3000): Promise<string> {
  const target = new URL(url);
  return new Promise((resolve, reject) => {
    const socket = connect(Number(target.port), target.hostname, () => socket.write(head));
    let answer = '';
    const timer = setTimeout(() => {
      socket.destroy();
      resolve(`no answer within ${waitMs} ms`);
    }, waitMs);
    socket.on('data', (chunk: Buffer) => {
      answer += chunk.toString('latin1');
      if (answer.includes('\r\n')) {
        clearTimeout(timer);
        socket.destroy();
        resolve(answer.slice(0, answer.indexOf('\r\n')));
      }
    });
    socket.on('error', reject);
  });
}

/** Streams `total` bytes chunked (no Content-Length); resolves with the status, or the socket error. */
function chunkedUpload(url: string, headers: Record<string, string>, total: number): Promise<{ status: number } | { error: string }> {
  const target = new URL(url);
  return new Promise((resolve) => {
    const req = request({ host: target.hostname, port: target.port, path: target.pathname, method: 'POST', headers: { ...headers, 'transfer-encoding': 'chunked' } }, (res) => {
      res.resume();
      res.on('end', () => resolve({ status: res.statusCode ?? 0 }));
    });
    req.on('error', (error: NodeJS.ErrnoException) => resolve({ error: error.code ?? error.message }));
    const chunk = Buffer.alloc(64 * 1024, 0x61);
    let sent = 0;
    const pump = (): void => {
      while (sent < total) {
        sent += chunk.length;
        if (!req.write(chunk)) {
          req.once('drain', pump);
          return;
        }
      }
      req.end();
    };
    pump();
  });
}

describe('/webhook refuses early', () => {
  it('a POST without a signature header gets 401 before its body is sent', async () => {
    const head = `POST /webhook HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\nContent-Length: ${3 * MB}\r\n\r\n`;
    expect(await headOnly(`${server.url}/webhook`, head)).toBe('HTTP/1.1 401 Unauthorized');
  });

  it('a POST whose declared Content-Length is over 3 MB gets 413 before its body is sent', async () => {
    const head = `POST /webhook HTTP/1.1\r\nHost: 127.0.0.1\r\nX-Hub-Signature-256: sha256=${'0'.repeat(64)}\r\nContent-Length: ${4 * MB}\r\n\r\n`;
    expect(await headOnly(`${server.url}/webhook`, head)).toBe('HTTP/1.1 413 Payload Too Large');
  });

  it('an oversized chunked body gets 413, not a connection reset (/webhook and /mcp)', async () => {
    expect(await chunkedUpload(`${server.url}/webhook`, { 'x-hub-signature-256': `sha256=${'0'.repeat(64)}`, 'content-type': 'application/json' }, 4 * MB)).toEqual({ status: 413 });
    expect(await chunkedUpload(`${server.url}/mcp`, { authorization: `Bearer ${AUTH}`, 'content-type': 'application/json', accept: 'application/json, text/event-stream' }, 25 * MB)).toEqual({ status: 413 });
  });
});

describe('/webhook bounds the memory of concurrent bodies', () => {
  it('200 concurrent 2.5 MB uploads with a wrong signature: every one answered (401 or 503), the server grows by far less than their size', async () => {
    const body = Buffer.alloc(2.5 * MB, 0x7b);
    const before = server.memory();
    const answers = await Promise.all(
      Array.from({ length: 200 }, () => {
        const target = new URL(`${server.url}/webhook`);
        return new Promise<number | string>((resolve) => {
          const req = request(
            { host: target.hostname, port: target.port, path: '/webhook', method: 'POST', headers: { 'content-type': 'application/json', 'content-length': String(body.length), 'x-hub-signature-256': `sha256=${'1'.repeat(64)}` } },
            (res) => {
              res.resume();
              res.on('end', () => resolve(res.statusCode ?? 0));
            },
          );
          req.on('error', (error: NodeJS.ErrnoException) => resolve(error.code ?? 'error'));
          req.end(body);
        });
      }),
    );
    const after = server.memory();
    const counts = answers.reduce<Record<string, number>>((acc, status) => ({ ...acc, [status]: (acc[status] ?? 0) + 1 }), {});
    expect(Object.keys(counts).sort()).toEqual(expect.arrayContaining(['401']));
    expect(Object.keys(counts).every((status) => status === '401' || status === '503')).toBe(true);
    const grewMb = (after.peakKb - before.rssKb) / 1024;
    process.stderr.write(`webhook-limits: 200 x 2.5 MB bad-signature uploads: ${JSON.stringify(counts)}, server peak growth ${grewMb.toFixed(1)} MB\n`);
    // 200 bodies are 500 MB; before the bound the server grew by about 457 MB.
    expect(grewMb).toBeLessThan(120);
    expect(server.child.exitCode).toBeNull();
  }, 60000);
});

describe('token-protected unsigned inbox (On-Premises, ITNIO)', () => {
  it('a POST without the token gets 401 before its body is sent', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'wa-mcp-limits-token-'));
    const inbox = await Inbox.open({ file: join(dir, 'inbox.jsonl') });
    const listener = await startWebhookListener(createWebhookHandler(inbox, { appSecret: null, verifyToken: null, webhookToken: 'a-long-shared-webhook-token-123' }, () => undefined, { format: 'onprem' }));
    try {
      const head = `POST /webhook HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\nContent-Length: ${3 * MB}\r\n\r\n`;
      expect(await headOnly(listener.url, head)).toBe('HTTP/1.1 401 Unauthorized');
    } finally {
      await listener.close();
      await inbox.close();
      await rm(dir, { recursive: true, force: true });
    }
  });
});
