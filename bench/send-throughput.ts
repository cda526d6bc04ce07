import { fork } from 'node:child_process';
import type { ChildProcess } from 'node:child_process';
import { join } from 'node:path';
import { Agent } from 'undici';
import { createProvider, operations, UndiciTransport } from 'whatsapp-business-core';

/**
 * Send throughput through core (validation + Cloud provider + undici transport) against a bare
 * undici request loop posting the same payload to the same local server (a separate process), as
 * a ratio. Both loops keep the same number of requests in flight. Rounds alternate so drift hits
 * both equally; the median round is reported. Two scenarios: an instant server, where the client's
 * CPU is the limit and core's per-message cost shows fully, and a server answering after 25 ms,
 * closer to a real round trip to Meta.
 * Usage: node bench/dist/send-throughput.js [messages per round] [rounds]
 */
const MESSAGES = Number(process.argv[2] ?? 4000);
const ROUNDS = Number(process.argv[3] ?? 5);
const SCENARIOS = [
  { name: 'instant server (CPU-bound client)', latencyMs: 0, concurrency: 16 },
  { name: 'server answering after 25 ms', latencyMs: 25, concurrency: 64 },
];
const TOKEN = 'bench-token';
const PHONE_NUMBER_ID = '100000000000001';

const input = {
  to: '+1 (650) 555-1234',
  type: 'interactive',
  interactive: {
    type: 'button',
    body: { text: 'Your order #1234 is ready. Pick it up today?' },
    footer: { text: 'Reply with a button' },
    action: { buttons: [{ id: 'yes', title: 'Yes' }, { id: 'later', title: 'Tomorrow' }, { id: 'no', title: 'Cancel' }] },
  },
};
const payload = JSON.stringify({
  messaging_product: 'whatsapp',
  recipient_type: 'individual',
  to: '16505551234',
  type: 'interactive',
  interactive: {
    type: 'button',
    body: { text: input.interactive.body.text },
    footer: { text: input.interactive.footer.text },
    action: { buttons: input.interactive.action.buttons.map((b) => ({ type: 'reply', reply: b })) },
  },
});

async function startServer(latencyMs: number): Promise<{ url: string; child: ChildProcess }> {
  const child = fork(join(__dirname, 'stub-graph-server.js'), [String(latencyMs)], { stdio: 'inherit' });
  const port = await new Promise<number>((resolve) => child.once('message', (m: { port: number }) => resolve(m.port)));
  return { url: `http://127.0.0.1:${port}`, child };
}

/** Runs `task` MESSAGES times with `concurrency` in flight; returns messages per second. */
async function measure(task: () => Promise<unknown>, concurrency: number): Promise<number> {
  let next = 0;
  const started = process.hrtime.bigint();
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      while (next < MESSAGES) {
        next += 1;
        await task();
      }
    }),
  );
  const seconds = Number(process.hrtime.bigint() - started) / 1e9;
  return MESSAGES / seconds;
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)];
}

async function runScenario(scenario: (typeof SCENARIOS)[number]): Promise<string> {
  const { url, child } = await startServer(scenario.latencyMs);
  const agent = new Agent({ connections: scenario.concurrency, keepAliveTimeout: 30_000 });
  const bare = async () => {
    const response = await agent.request({
      origin: url,
      path: `/v23.0/${PHONE_NUMBER_ID}/messages`,
      method: 'POST',
      headers: { authorization: `Bearer ${TOKEN}`, 'content-type': 'application/json' },
      body: payload,
    });
    const body = (await response.body.json()) as { messages: { id: string }[] };
    if (body.messages[0].id !== 'wamid.BENCH') throw new Error('unexpected answer');
  };
  // Same pool size on both sides, so the comparison measures per-message work, not connection caps.
  const transport = new UndiciTransport({ connections: scenario.concurrency });
  const provider = createProvider({ provider: 'cloud', accessToken: TOKEN, baseUrl: url, phoneNumberId: PHONE_NUMBER_ID, transport });
  const send = operations['message.send'];
  const throughCore = async () => {
    const result = await send.run(provider, input);
    if (result.messageId !== 'wamid.BENCH') throw new Error('unexpected answer');
  };

  // Warm-up: JIT, connection pools.
  await measure(bare, scenario.concurrency);
  await measure(throughCore, scenario.concurrency);

  const bareRates: number[] = [];
  const coreRates: number[] = [];
  for (let round = 0; round < ROUNDS; round += 1) {
    bareRates.push(await measure(bare, scenario.concurrency));
    coreRates.push(await measure(throughCore, scenario.concurrency));
  }
  await provider.close();
  await transport.close();
  await agent.close();
  child.disconnect();

  const bareMedian = median(bareRates);
  const coreMedian = median(coreRates);
  const fmt = (n: number) => n.toFixed(0).padStart(7);
  return [
    `${scenario.name}, ${scenario.concurrency} in flight:`,
    `  bare undici loop:          ${fmt(bareMedian)} msg/s   rounds: ${bareRates.map((r) => r.toFixed(0)).join(', ')}`,
    `  core (validate+provider):  ${fmt(coreMedian)} msg/s   rounds: ${coreRates.map((r) => r.toFixed(0)).join(', ')}`,
    `  ratio core / bare:         ${(coreMedian / bareMedian).toFixed(3)}`,
  ].join('\n');
}

async function main(): Promise<void> {
  const lines = [`node ${process.version}, ${MESSAGES} interactive sends per round, ${ROUNDS} rounds (median)`];
  for (const scenario of SCENARIOS) lines.push(await runScenario(scenario));
  process.stdout.write(`${lines.join('\n')}\n`);
}

main().catch((error) => {
  process.stderr.write(`${error instanceof Error ? error.stack : String(error)}\n`);
  process.exit(1);
});
