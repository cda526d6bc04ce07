import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';

/**
 * The cheapest possible stand-in for POST /{phone-number-id}/messages, run in its own process so
 * that the server's cost does not compete with the client being measured.
 */
const answer = JSON.stringify({
  messaging_product: 'whatsapp',
  contacts: [{ input: '16505551234', wa_id: '16505551234' }],
  messages: [{ id: 'wamid.BENCH', message_status: 'accepted' }],
});

/** Optional delay before answering, to imitate the network and Meta's processing time. */
const latencyMs = Number(process.argv[2] ?? 0);

const server = createServer((req, res) => {
  req.resume();
  req.on('end', () => {
    const reply = () => {
      res.writeHead(200, { 'content-type': 'application/json', 'content-length': Buffer.byteLength(answer) });
      res.end(answer);
    };
    if (latencyMs > 0) setTimeout(reply, latencyMs);
    else reply();
  });
});
server.keepAliveTimeout = 60_000;
server.listen(0, '127.0.0.1', () => {
  process.send?.({ port: (server.address() as AddressInfo).port });
});
process.on('disconnect', () => server.close(() => process.exit(0)));
