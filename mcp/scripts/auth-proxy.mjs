// Loopback proxy for the MCP conformance suite, which cannot send a bearer token: it adds
// `Authorization: Bearer $MCP_PROXY_TOKEN` and forwards everything else unchanged (Host and Origin
// included, so the dns-rebinding scenario still tests the server's own checks).
// Usage: MCP_PROXY_TARGET=http://127.0.0.1:PORT MCP_PROXY_TOKEN=... node auth-proxy.mjs
// Prints the port it listens on (127.0.0.1, chosen by the OS), then serves until killed.
import { createServer, request } from 'node:http';

const target = new URL(process.env.MCP_PROXY_TARGET ?? '');
const token = process.env.MCP_PROXY_TOKEN ?? '';
if (token === '') {
  process.stderr.write('auth-proxy: MCP_PROXY_TOKEN is required\n');
  process.exit(2);
}

const server = createServer((req, res) => {
  const upstream = request(
    { hostname: target.hostname, port: target.port, path: req.url, method: req.method, headers: { ...req.headers, authorization: `Bearer ${token}` } },
    (answer) => {
      res.writeHead(answer.statusCode ?? 502, answer.headers);
      answer.pipe(res);
    },
  );
  upstream.on('error', () => {
    if (!res.headersSent) res.writeHead(502);
    res.end();
  });
  req.pipe(upstream);
});
server.listen(0, '127.0.0.1', () => {
  process.stdout.write(`${server.address().port}\n`);
});
process.on('SIGTERM', () => server.close(() => process.exit(0)));
