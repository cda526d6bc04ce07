import { randomBytes } from 'node:crypto';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { StdioServerTransport } from '@modelcontextprotocol/sdk/server/stdio.js';
import { WhatsAppError } from 'whatsapp-business-core';
import { ConfigError, parseConfig, USAGE } from './config';
import type { McpConfig } from './config';
import { startHttpServer } from './http/http-server';
import { createRuntime } from './runtime';
import type { Runtime } from './runtime';
import { createServer, SERVER_VERSION } from './server';
import { TOOL_NAMES } from './tools/index';

const log = (message: string): void => {
  process.stderr.write(`[whatsapp-business-mcp] ${message}\n`);
};

/** The operator's token, or one generated once and kept (mode 0600) in the data dir. */
async function resolveAuthToken(config: McpConfig): Promise<{ token: string; source: string }> {
  if (config.http.authToken !== null) return { token: config.http.authToken, source: 'as configured (MCP_AUTH_TOKEN or --auth-token)' };
  const file = join(config.dataDir, 'http-auth-token');
  try {
    const stored = (await readFile(file, 'utf8')).trim();
    if (stored.length >= 16) return { token: stored, source: `stored in ${file} (mode 0600; read it with: cat ${file})` };
  } catch {
    // none yet
  }
  const token = randomBytes(32).toString('base64url');
  await mkdir(config.dataDir, { recursive: true, mode: 0o700 });
  await writeFile(file, `${token}\n`, { mode: 0o600 });
  // Never printed (a log or terminal scrollback is no place for a secret): only where to read it.
  log(`generated a bearer token for MCP clients and stored it in ${file} (mode 0600; read it with: cat ${file})`);
  return { token, source: `generated and stored in ${file}; read it with: cat ${file}` };
}

function onStop(stop: () => Promise<void>): void {
  let stopping = false;
  const handler = (): void => {
    if (stopping) return;
    stopping = true;
    stop().then(
      () => process.exit(0),
      () => process.exit(1),
    );
  };
  process.once('SIGINT', handler);
  process.once('SIGTERM', handler);
}

async function runHttp(config: McpConfig): Promise<void> {
  const { token, source } = await resolveAuthToken(config);
  const http = await startHttpServer({
    host: config.http.host,
    port: config.http.port,
    authToken: token,
    allowedHosts: config.http.allowedHosts,
    allowedOrigins: config.http.allowedOrigins,
    log,
  });
  let runtime: Runtime;
  try {
    runtime = await createRuntime(config, { webhookUrl: config.provider.kind === 'sandbox' ? http.webhookUrl : undefined, extraSecrets: [token], log });
  } catch (error) {
    await http.close();
    throw error;
  }
  http.attach(runtime);
  log(`MCP endpoint: ${http.url}/mcp (Streamable HTTP, stateless; send Authorization: Bearer <token>, token ${source}; set your own with MCP_AUTH_TOKEN or --auth-token)`);
  const tokenHint = runtime.webhookFormat === 'meta' ? '' : ' with ?token=<WHATSAPP_WEBHOOK_TOKEN> or that token as Basic-auth password';
  log(`webhook endpoint: ${http.webhookUrl}${tokenHint} (${runtime.inboxSource})`);
  log(`${runtime.tools.length} tools offered; provider: ${runtime.providerLabel}${config.policy.dryRun ? '; DRY RUN' : ''}${config.policy.readOnly ? '; read-only' : ''}`);
  onStop(async () => {
    await http.close();
    await runtime.close();
  });
}

async function runStdio(config: McpConfig): Promise<void> {
  const runtime = await createRuntime(config, { log });
  const server = createServer(runtime);
  const transport = new StdioServerTransport();
  let stopped = false;
  const stop = async (): Promise<void> => {
    if (stopped) return;
    stopped = true;
    await server.close().catch(() => undefined);
    await runtime.close();
  };
  // The client closing stdin ends the session.
  process.stdin.once('end', () => void stop().then(() => process.exit(0)));
  onStop(stop);
  await server.connect(transport);
  log(`stdio ready: ${runtime.tools.length} tools; provider: ${runtime.providerLabel}${config.policy.dryRun ? '; DRY RUN' : ''}${config.policy.readOnly ? '; read-only' : ''}`);
}

/** Exit codes: 2 for configuration errors (named by flag or variable), 1 when the server cannot start. */
export async function main(argv: string[]): Promise<void> {
  let config: McpConfig;
  try {
    const outcome = parseConfig(argv, process.env, TOOL_NAMES);
    if (outcome.kind === 'help') {
      process.stdout.write(USAGE);
      return;
    }
    if (outcome.kind === 'version') {
      process.stdout.write(`${SERVER_VERSION}\n`);
      return;
    }
    config = outcome.config;
  } catch (error) {
    if (error instanceof ConfigError) {
      log(`configuration error: ${error.message}`);
      process.exitCode = 2;
      return;
    }
    throw error;
  }
  try {
    if (config.transport === 'http') await runHttp(config);
    else await runStdio(config);
  } catch (error) {
    const inUse = typeof error === 'object' && error !== null && 'code' in error && error.code === 'EADDRINUSE';
    if (inUse) log(`cannot start: port ${config.http.port} is already in use (choose another with --port)`);
    else if (error instanceof ConfigError) log(`configuration error: ${error.message}`);
    else if (error instanceof WhatsAppError) log(`cannot start: ${error.message}`);
    else log(`cannot start: ${error instanceof Error ? error.message : String(error)}`);
    process.exitCode = error instanceof ConfigError || (error instanceof WhatsAppError && error.kind === 'configuration') ? 2 : 1;
  }
}
