// Lets n8n's built-in WhatsApp node (whose base URL is hard-coded to https://graph.facebook.com/v13.0)
// talk to the local sandbox without changing n8n or the node:
//
//   n8n --HTTPS_PROXY--> this CONNECT proxy --TLS (throwaway CA)--> in-process HTTP --> sandbox (plain HTTP)
//
// n8n honours HTTPS_PROXY for node requests (n8n-core's http-proxy.js: proxy-from-env + https-proxy-agent),
// so the node opens a CONNECT tunnel to graph.facebook.com:443 here. The proxy terminates TLS with a
// certificate for graph.facebook.com signed by a CA made for this run with openssl; n8n trusts it through
// NODE_EXTRA_CA_CERTS, so certificate verification stays ON. Decrypted requests are forwarded to the sandbox
// unchanged (it accepts any /vNN.N/ prefix). Any other CONNECT target is refused: nothing reaches the internet.
import { execFileSync } from 'node:child_process';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import http from 'node:http';
import { join } from 'node:path';
import tls from 'node:tls';

export const GRAPH_HOST = 'graph.facebook.com';

/** Writes ca.pem, leaf.pem, leaf.key into dir; returns their paths. */
export function makeCertificates(dir) {
  mkdirSync(dir, { recursive: true });
  const f = (name) => join(dir, name);
  const ssl = (...args) => execFileSync('openssl', args, { stdio: ['ignore', 'ignore', 'pipe'] });
  const ec = ['-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:prime256v1', '-nodes'];
  ssl('req', '-x509', ...ec, '-keyout', f('ca.key'), '-out', f('ca.pem'), '-days', '1', '-subj', '/CN=whatsapp-business-toolkit bench CA',
    '-addext', 'basicConstraints=critical,CA:TRUE', '-addext', 'keyUsage=critical,keyCertSign,cRLSign');
  ssl('req', ...ec, '-keyout', f('leaf.key'), '-out', f('leaf.csr'), '-subj', `/CN=${GRAPH_HOST}`);
  writeFileSync(f('leaf.ext'), `subjectAltName=DNS:${GRAPH_HOST}\nbasicConstraints=CA:FALSE\nextendedKeyUsage=serverAuth\n`);
  ssl('x509', '-req', '-in', f('leaf.csr'), '-CA', f('ca.pem'), '-CAkey', f('ca.key'), '-CAcreateserial', '-out', f('leaf.pem'), '-days', '1', '-extfile', f('leaf.ext'));
  return { ca: f('ca.pem'), cert: f('leaf.pem'), key: f('leaf.key') };
}

/**
 * Starts the proxy on 127.0.0.1 (free port). `target` is the sandbox URL (http://127.0.0.1:PORT).
 * Returns { url, stats: { tunnels, requests, refused }, close() }.
 */
export async function startGraphProxy({ target, cert, key }) {
  const upstream = new URL(target);
  const agent = new http.Agent({ keepAlive: true, maxSockets: 256 });
  const stats = { tunnels: 0, requests: 0, refused: 0 };
  const secureContext = tls.createSecureContext({ cert: readFileSync(cert), key: readFileSync(key) });
  const sockets = new Set();

  const inner = http.createServer((req, res) => {
    stats.requests += 1;
    const forward = http.request(
      { host: upstream.hostname, port: upstream.port, method: req.method, path: req.url, headers: { ...req.headers, host: upstream.host }, agent },
      (answer) => {
        res.writeHead(answer.statusCode ?? 502, answer.headers);
        answer.pipe(res);
      },
    );
    forward.on('error', (error) => {
      if (!res.headersSent) res.writeHead(502, { 'content-type': 'text/plain' });
      res.end(`graph-proxy: ${error.message}`);
    });
    req.pipe(forward);
  });
  inner.keepAliveTimeout = 60_000;

  const outer = http.createServer((_req, res) => {
    stats.refused += 1;
    res.writeHead(403).end('graph-proxy only tunnels to graph.facebook.com:443');
  });
  outer.on('connection', (socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
  });
  outer.on('connect', (req, clientSocket, head) => {
    if (req.url !== `${GRAPH_HOST}:443`) {
      stats.refused += 1;
      clientSocket.end('HTTP/1.1 403 Forbidden\r\n\r\n');
      return;
    }
    stats.tunnels += 1;
    clientSocket.write('HTTP/1.1 200 Connection Established\r\n\r\n');
    if (head && head.length > 0) clientSocket.unshift(head);
    const tlsSocket = new tls.TLSSocket(clientSocket, { isServer: true, secureContext });
    tlsSocket.on('error', () => clientSocket.destroy());
    inner.emit('connection', tlsSocket);
  });
  await new Promise((resolve) => outer.listen(0, '127.0.0.1', resolve));
  const { port } = outer.address();
  return {
    url: `http://127.0.0.1:${port}`,
    stats,
    close: async () => {
      for (const socket of sockets) socket.destroy();
      agent.destroy();
      inner.closeAllConnections?.();
      await new Promise((resolve) => outer.close(() => resolve()));
    },
  };
}
