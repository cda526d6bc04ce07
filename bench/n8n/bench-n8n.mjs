#!/usr/bin/env node
// The same N-item send workflow through our node (n8n-nodes-whatsapp-business.whatsAppBusiness) and
// through n8n's built-in WhatsApp node (n8n-nodes-base.whatsApp), in one `n8n execute` of a real n8n,
// against the sandbox with a per-request latency. Prints times and ratios; asserts nothing about time
// (it does check that every message reached the sandbox, so a fast failure is never reported as speed).
//
//   node bench/n8n/bench-n8n.mjs [--version 2.8.4] [--items 1000] [--latency-ms 100] [--mps 0] [--no-build]
//
// How the built-in node reaches the sandbox: its base URL is hard-coded (https://graph.facebook.com/v13.0),
// so n8n runs with HTTPS_PROXY pointing at bench/n8n/graph-proxy.mjs, a CONNECT proxy that terminates TLS
// for graph.facebook.com with a throwaway CA (trusted through NODE_EXTRA_CA_CERTS, verification stays on)
// and forwards to the sandbox. Our node's credential keeps its default base URL https://graph.facebook.com,
// so both nodes take exactly the same path (proxy, TLS, sandbox latency).
import { execFileSync, spawn } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { delimiter, dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { makeCertificates, startGraphProxy } from './graph-proxy.mjs';

const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
const PACKAGE = 'n8n-nodes-whatsapp-business';

function arg(name, fallback) {
  const at = process.argv.indexOf(`--${name}`);
  return at >= 0 ? process.argv[at + 1] : fallback;
}
const version = arg('version', '2.8.4');
const items = Number(arg('items', '1000'));
const latencyMs = Number(arg('latency-ms', '100'));
const mps = Number(arg('mps', '0'));
const concurrencies = arg('concurrency', '5,20').split(',').map(Number);
const build = !process.argv.includes('--no-build');

const freePort = () =>
  new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address();
      server.close(() => resolve(port));
    });
  });

const children = [];
const cleanups = [];
async function cleanup() {
  for (const child of children) if (child.exitCode === null) child.kill('SIGTERM');
  for (const fn of cleanups.reverse()) await fn().catch(() => undefined);
}
process.on('SIGINT', () => cleanup().finally(() => process.exit(130)));
process.on('SIGTERM', () => cleanup().finally(() => process.exit(143)));

async function main() {
  const work = mkdtempSync(join(tmpdir(), 'n8n-bench-'));
  cleanups.push(async () => rmSync(work, { recursive: true, force: true }));

  // 1. n8n (cached) and our package.
  const installOut = execFileSync('bash', [join(root, 'test/e2e-n8n/install-n8n.sh'), version], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'inherit'] });
  const lines = installOut.trim().split('\n');
  const n8nDir = lines[lines.length - 1];
  const nodeBin = (lines.find((line) => line.startsWith('NODE_BIN=')) ?? '').slice('NODE_BIN='.length) || undefined;
  if (build) execFileSync('npm', ['run', 'build', '--silent'], { cwd: root, stdio: 'inherit' });
  const tarball = execFileSync('npm', ['pack', root, '--silent'], { cwd: work, encoding: 'utf8' }).trim().split('\n').pop();
  const userFolder = join(work, 'n8n');
  const packageDir = join(userFolder, '.n8n', 'nodes', 'node_modules', PACKAGE);
  mkdirSync(packageDir, { recursive: true });
  execFileSync('tar', ['-xzf', join(work, tarball), '-C', packageDir, '--strip-components=1']);

  // 2. Sandbox (its own process, like Meta) and the graph.facebook.com proxy.
  const sandboxPort = await freePort();
  const sandboxArgs = ['--port', String(sandboxPort), '--no-window', '--mps', String(mps), '--pair-rate', '0', '--latency-ms', String(latencyMs)];
  const sandbox = spawn(process.execPath, [join(root, 'sandbox/bin/whatsapp-sandbox.js'), ...sandboxArgs], { stdio: ['ignore', 'ignore', 'inherit'] });
  children.push(sandbox);
  const sandboxUrl = `http://127.0.0.1:${sandboxPort}`;
  for (let i = 0; ; i += 1) {
    if (sandbox.exitCode !== null) throw new Error(`sandbox exited with ${sandbox.exitCode}`);
    const ok = await fetch(`${sandboxUrl}/_sandbox/messages`).then((r) => r.ok).catch(() => false);
    if (ok) break;
    if (i > 100) throw new Error('sandbox did not start');
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  const certs = makeCertificates(join(work, 'certs'));
  const proxy = await startGraphProxy({ target: sandboxUrl, cert: certs.cert, key: certs.key });
  cleanups.push(proxy.close);

  // 3. Credentials and the workflow.
  const WABA = '200000000000001';
  const PHONE = '100000000000001';
  const credentials = [
    { id: 'benchBuiltinCred', name: 'Built-in (sandbox via proxy)', type: 'whatsAppApi', data: { accessToken: 'sandbox-token', businessAccountId: WABA } },
    {
      id: 'benchOursCred001',
      name: 'Ours (sandbox via proxy)',
      type: 'whatsAppCloudApi',
      data: { accessToken: 'sandbox-token', businessAccountId: WABA, apiVersion: 'v23.0', baseUrl: 'https://graph.facebook.com' },
    },
  ];
  const send = [
    {
      label: 'built-in n8n-nodes-base.whatsApp',
      name: 'Built-in WhatsApp',
      prefix: 'builtin',
      concurrency: `all ${items} at once (n8n's declarative routing)`,
      node: {
        type: 'n8n-nodes-base.whatsApp',
        typeVersion: 1.1,
        parameters: {
          resource: 'message',
          operation: 'send',
          phoneNumberId: PHONE,
          recipientPhoneNumber: '={{ $json.number }}',
          messageType: 'text',
          textBody: '=builtin: your order update for {{ $json.number }}',
        },
        credentials: { whatsAppApi: { id: 'benchBuiltinCred', name: 'Built-in (sandbox via proxy)' } },
      },
    },
    ...concurrencies.map((c) => ({
      label: `ours whatsAppBusiness, concurrency ${c}`,
      name: `Ours c=${c}`,
      prefix: `ours${c}`,
      concurrency: String(c),
      node: {
        type: `${PACKAGE}.whatsAppBusiness`,
        typeVersion: 1,
        parameters: {
          authentication: 'cloudApi',
          resource: 'message',
          operation: 'send',
          phoneNumberId: PHONE,
          to: '={{ $json.number }}',
          messageType: 'text',
          textBody: `=ours${c}: your order update for {{ $json.number }}`,
          options: { concurrency: c },
        },
        credentials: { whatsAppCloudApi: { id: 'benchOursCred001', name: 'Ours (sandbox via proxy)' } },
      },
    })),
  ];
  const workflow = {
    id: 'benchSendWf00001',
    name: `Bench: ${items} sends`,
    active: false,
    settings: { executionOrder: 'v1' },
    nodes: [
      { id: 'b-start', name: 'Start', type: 'n8n-nodes-base.manualTrigger', typeVersion: 1, position: [0, 0], parameters: {} },
      {
        id: 'b-rows',
        name: 'Rows',
        type: 'n8n-nodes-base.set',
        typeVersion: 3.4,
        position: [200, 0],
        parameters: {
          mode: 'manual',
          assignments: { assignments: [{ id: 'n', name: 'number', type: 'array', value: `={{ Array.from({ length: ${items} }, (_, i) => String(15550000000 + i)) }}` }] },
          options: {},
        },
      },
      { id: 'b-split', name: 'One Item Per Row', type: 'n8n-nodes-base.splitOut', typeVersion: 1, position: [400, 0], parameters: { fieldToSplitOut: 'number', options: {} } },
      // Continue on error: a throttled (130429) item becomes an error item instead of stopping the run.
      ...send.map((s, i) => ({ id: `b-send-${i}`, name: s.name, position: [700, i * 200], onError: 'continueRegularOutput', ...s.node })),
    ],
    connections: {
      Start: { main: [[{ node: 'Rows', type: 'main', index: 0 }]] },
      Rows: { main: [[{ node: 'One Item Per Row', type: 'main', index: 0 }]] },
      'One Item Per Row': { main: [send.map((s) => ({ node: s.name, type: 'main', index: 0 }))] },
    },
    pinData: {},
  };
  writeFileSync(join(work, 'credentials.json'), JSON.stringify(credentials));
  writeFileSync(join(work, 'workflow.json'), JSON.stringify(workflow));

  // 4. n8n.
  const env = {
    PATH: nodeBin ? `${nodeBin}${delimiter}${process.env.PATH}` : process.env.PATH,
    HOME: process.env.HOME,
    CI: 'true',
    N8N_USER_FOLDER: userFolder,
    N8N_ENCRYPTION_KEY: 'bench-encryption-key',
    N8N_DIAGNOSTICS_ENABLED: 'false',
    N8N_PERSONALIZATION_ENABLED: 'false',
    N8N_VERSION_NOTIFICATIONS_ENABLED: 'false',
    N8N_LOG_LEVEL: 'info',
    N8N_RUNNERS_ENABLED: 'false',
    N8N_COMMUNITY_PACKAGES_ENABLED: 'true',
    N8N_ENFORCE_SETTINGS_FILE_PERMISSIONS: 'false',
    HTTPS_PROXY: proxy.url,
    https_proxy: proxy.url,
    NO_PROXY: '127.0.0.1,localhost',
    no_proxy: '127.0.0.1,localhost',
    NODE_EXTRA_CA_CERTS: certs.ca,
  };
  const nodeExe = nodeBin ? join(nodeBin, 'node') : process.execPath;
  const n8nBin = join(n8nDir, 'node_modules', 'n8n', 'bin', 'n8n');
  const n8n = (args) =>
    new Promise((resolve, reject) => {
      const child = spawn(nodeExe, [n8nBin, ...args], { env, stdio: ['ignore', 'pipe', 'pipe'] });
      children.push(child);
      let stdout = '';
      let stderr = '';
      child.stdout.on('data', (c) => (stdout += c));
      child.stderr.on('data', (c) => (stderr += c));
      child.on('error', reject);
      child.on('close', (code) => (code === 0 ? resolve(stdout) : reject(new Error(`n8n ${args[0]} exited ${code}\n${stdout.slice(-4000)}\n${stderr.slice(-4000)}`))));
    });
  await n8n(['import:credentials', `--input=${join(work, 'credentials.json')}`]);
  await n8n(['import:workflow', `--input=${join(work, 'workflow.json')}`]);
  const started = Date.now();
  const stdout = await n8n(['execute', `--id=${workflow.id}`, '--rawOutput']);
  const wallMs = Date.now() - started;
  const json = stdout.slice(stdout.indexOf('{"data"') >= 0 ? stdout.indexOf('{"data"') : stdout.indexOf('{'));
  const execution = JSON.parse(json.slice(0, json.lastIndexOf('}') + 1));
  const runData = execution.data.resultData.runData;

  // 5. What the sandbox received, per node.
  const messages = (await (await fetch(`${sandboxUrl}/_sandbox/messages`)).json()).data;
  const results = send.map((s) => {
    const run = runData[s.name]?.[0];
    const out = run?.data?.main?.[0] ?? [];
    const accepted = messages.filter((m) => typeof m.payload?.text?.body === 'string' && m.payload.text.body.startsWith(`${s.prefix}:`)).length;
    const failed = out.filter((item) => item.json?.error);
    const sample = failed[0]?.json?.error;
    const firstError = sample === undefined ? undefined : typeof sample === 'string' ? sample : (sample.message ?? JSON.stringify(sample));
    return { ...s, ms: run?.executionTime ?? NaN, error: run?.error?.message, outItems: out.length, accepted, failedItems: failed.length, firstError };
  });
  const base = results[0];
  console.log(`\nn8n ${version} (Node ${nodeBin ? execFileSync(nodeExe, ['--version'], { encoding: 'utf8' }).trim() : process.version}), ${items} items, sandbox latency ${latencyMs} ms per Graph request, mps ${mps === 0 ? 'unlimited' : mps}`);
  console.log(`proxy: ${proxy.stats.tunnels} TLS tunnels, ${proxy.stats.requests} requests forwarded, ${proxy.stats.refused} refused; n8n execute wall time ${wallMs} ms\n`);
  console.log('node'.padEnd(40), 'concurrency'.padEnd(44), 'time ms'.padStart(9), 'msg/s'.padStart(8), 'accepted'.padStart(9), '  vs built-in');
  for (const r of results) {
    const ratio = r.ms / base.ms;
    console.log(
      r.label.padEnd(40),
      r.concurrency.padEnd(44),
      String(r.ms).padStart(9),
      ((items / r.ms) * 1000).toFixed(0).padStart(8),
      `${r.accepted}/${items}`.padStart(9),
      r === base ? '  1.00' : `  ${ratio.toFixed(2)}x the time (${(1 / ratio).toFixed(2)}x the speed)`,
      r.error ? ` ERROR: ${r.error}` : '',
    );
  }
  for (const r of results.filter((x) => x.failedItems > 0)) console.log(`${r.name}: ${r.failedItems} error items, first: ${r.firstError}`);
  const incomplete = results.filter((r) => r.accepted !== items || r.error);
  if (incomplete.length > 0) {
    console.error(`\nNot every message reached the sandbox: ${incomplete.map((r) => `${r.name} ${r.accepted}/${items}${r.error ? ` (${r.error})` : ''}`).join(', ')}`);
    process.exitCode = 1;
  }
}

main()
  .catch((error) => {
    console.error(error instanceof Error ? error.stack : error);
    process.exitCode = 1;
  })
  .finally(cleanup);
