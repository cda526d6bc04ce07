import { createServer } from 'node:http';
import type { IncomingMessage, Server, ServerResponse } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';

export interface RecordedRequest {
  method: string;
  url: string;
  headers: IncomingMessage['headers'];
  body: Buffer;
}

/** How the server treats one request: answer, hang, or drop the connection. */
export type Step = (req: IncomingMessage, res: ServerResponse, body: Buffer) => void;

export interface ScriptedServer {
  url: string;
  requests: RecordedRequest[];
  close(): Promise<void>;
}

/**
 * An HTTP server on 127.0.0.1 that answers the n-th request with the n-th step (the last step
 * repeats), for injecting faults between a client and a well-behaved API.
 */
export async function startScriptedServer(steps: Step[]): Promise<ScriptedServer> {
  const requests: RecordedRequest[] = [];
  const sockets = new Set<Socket>();
  const server: Server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      const body = Buffer.concat(chunks);
      requests.push({ method: req.method ?? '', url: req.url ?? '', headers: req.headers, body });
      const step = steps[Math.min(requests.length - 1, steps.length - 1)];
      step(req, res, body);
    });
  });
  server.on('connection', (socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    requests,
    close: () =>
      new Promise<void>((resolve) => {
        for (const socket of sockets) socket.destroy();
        server.close(() => resolve());
      }),
  };
}

export const json =
  (status: number, body: unknown, headers: Record<string, string> = {}): Step =>
  (_req, res) => {
    res.writeHead(status, { 'content-type': 'application/json', ...headers });
    res.end(JSON.stringify(body));
  };

export const raw =
  (status: number, contentType: string, body: string | Buffer): Step =>
  (_req, res) => {
    res.writeHead(status, { 'content-type': contentType });
    res.end(body);
  };

export const metaError = (status: number, code: number, message: string, extra: Record<string, unknown> = {}): Step =>
  json(status, { error: { message: `(#${code}) ${message}`, type: 'OAuthException', code, fbtrace_id: 'AbCdEfGhIj', ...extra } });

/** Closes the TCP connection without answering (after the request was received). */
export const reset: Step = (req) => req.socket.destroy();

/** Never answers; the client's timeout must fire. */
export const hang: Step = () => undefined;
