import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { InMemoryTransport } from '@modelcontextprotocol/sdk/inMemory.js';
import type { CallToolResult } from '@modelcontextprotocol/sdk/types.js';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { startSandbox } from 'whatsapp-sandbox';
import type { RunningSandbox, SandboxOptions } from 'whatsapp-sandbox';
import { startWebhookListener } from '../../../mcp/src/inbox/webhook';
import { parseConfig } from '../../../mcp/src/config';
import type { McpConfig } from '../../../mcp/src/config';
import { createRuntime } from '../../../mcp/src/runtime';
import type { Runtime } from '../../../mcp/src/runtime';
import { createServer } from '../../../mcp/src/server';
import { TOOL_NAMES } from '../../../mcp/src/tools/index';

export interface HarnessOptions {
  argv?: string[];
  env?: Record<string, string>;
  sandbox?: Partial<SandboxOptions>;
  now?: () => number;
  progressIntervalMs?: number;
  /** Called with the runtime before the client connects (e.g. to route webhooks to it). */
  onRuntime?: (runtime: Runtime) => void;
  /** Use this data dir instead of a fresh temporary one (kept afterwards). */
  dataDir?: string;
}

export interface ErrorReport {
  kind: string;
  message: string;
  code: number | string | null;
  hint: string | null;
  retryable: boolean;
  issues?: { path: string; rule: string }[];
  retryAfterSeconds?: number | null;
}

/** An MCP server over a runtime, driven by a real SDK Client through an in-memory transport. */
export interface Harness {
  client: Client;
  runtime: Runtime;
  config: McpConfig;
  dataDir: string;
  /** Audit lines written by the server. */
  audit: string[];
  /** Diagnostics written by the server. */
  logs: string[];
  /** Every tool result seen, for secret scans. */
  results: CallToolResult[];
  call(name: string, args?: Record<string, unknown>, options?: { onprogress?: (p: { progress: number; total?: number }) => void; timeout?: number }): Promise<CallToolResult>;
  /** Calls a tool that must succeed; returns its structured content. */
  ok<T = Record<string, unknown>>(name: string, args?: Record<string, unknown>): Promise<T>;
  /** Calls a tool that must fail with isError; returns the error report. */
  fails(name: string, args?: Record<string, unknown>): Promise<ErrorReport & { text: string }>;
  /** A simulated customer message through the embedded sandbox; resolves once the inbox has it. */
  customerWrites(body: Record<string, unknown>): Promise<{ messageId: string; mediaId?: string }>;
  close(): Promise<void>;
}

export async function startHarness(options: HarnessOptions = {}): Promise<Harness> {
  const dataDir = options.dataDir ?? (await mkdtemp(join(tmpdir(), 'wa-mcp-test-')));
  const outcome = parseConfig(['--data-dir', dataDir, ...(options.argv ?? [])], options.env ?? {}, TOOL_NAMES);
  if (outcome.kind !== 'config') throw new Error('expected a configuration');
  const audit: string[] = [];
  const logs: string[] = [];
  const results: CallToolResult[] = [];
  const runtime = await createRuntime(outcome.config, {
    auditSink: (line) => audit.push(line),
    log: (line) => logs.push(line),
    sandbox: options.sandbox,
    now: options.now,
    progressIntervalMs: options.progressIntervalMs,
  });
  options.onRuntime?.(runtime);
  const server = createServer(runtime);
  const client = new Client({ name: 'contract-test', version: '0.0.0' });
  const [clientTransport, serverTransport] = InMemoryTransport.createLinkedPair();
  await Promise.all([server.connect(serverTransport), client.connect(clientTransport)]);
  // Lists once so the client validates every structured result against the tool's output schema.
  await client.listTools();

  const call: Harness['call'] = async (name, args = {}, callOptions = {}) => {
    const result = (await client.callTool({ name, arguments: args }, undefined, {
      onprogress: callOptions.onprogress,
      timeout: callOptions.timeout,
      resetTimeoutOnProgress: true,
    })) as CallToolResult;
    results.push(result);
    return result;
  };
  const harness: Harness = {
    client,
    runtime,
    config: outcome.config,
    dataDir,
    audit,
    logs,
    results,
    call,
    async ok<T>(name: string, args: Record<string, unknown> = {}) {
      const result = await call(name, args);
      if (result.isError) throw new Error(`${name} failed: ${(result.content[0] as { text: string }).text}`);
      expect(result.structuredContent).toBeDefined();
      // The JSON text block mirrors the structured content (for clients without structured output).
      expect(JSON.parse((result.content[0] as { text: string }).text)).toEqual(result.structuredContent);
      return result.structuredContent as T;
    },
    async fails(name, args = {}) {
      const result = await call(name, args);
      if (!result.isError) throw new Error(`${name} was expected to fail but returned ${JSON.stringify(result.structuredContent)}`);
      expect(result.structuredContent).toBeUndefined();
      const text = (result.content[0] as { text: string }).text;
      const report = JSON.parse((result.content[1] as { text: string }).text) as { error: ErrorReport };
      return { ...report.error, text };
    },
    async customerWrites(body) {
      const sandbox = runtime.sandbox;
      if (sandbox === null) throw new Error('no embedded sandbox');
      const response = await fetch(`${sandbox.url}/_sandbox/inbound`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
      if (response.status !== 200) throw new Error(`inbound failed: ${response.status} ${await response.text()}`);
      const answer = (await response.json()) as { messageId: string; mediaId?: string };
      await sandbox.webhooksIdle();
      return answer;
    },
    async close() {
      await client.close();
      await server.close();
      await runtime.close();
      if (options.dataDir === undefined) await rm(dataDir, { recursive: true, force: true });
    },
  };
  return harness;
}

export interface CloudHarness extends Harness {
  /** The sandbox standing in for Meta, reached as a Cloud API provider (not embedded). */
  sandbox: RunningSandbox;
}

/**
 * The server configured as a user with a real Meta app would (WHATSAPP_PROVIDER=cloud), pointed at
 * a sandbox started by the test; the sandbox's webhooks reach the server's webhook handler.
 */
export async function startCloudHarness(options: HarnessOptions & { appSecret?: string; verifyToken?: string; token?: string } = {}): Promise<CloudHarness> {
  let handler: ((req: IncomingMessage, res: ServerResponse) => void) | null = null;
  const listener = await startWebhookListener((req, res) => {
    if (handler === null) res.writeHead(503).end();
    else handler(req, res);
  });
  const appSecret = options.appSecret ?? 'test-app-secret';
  const verifyToken = options.verifyToken ?? 'test-verify-token';
  const sandbox = await startSandbox({ port: 0, callbackUrl: listener.url, appSecret, verifyToken, token: options.token, ...options.sandbox });
  try {
    const harness = await startHarness({
      ...options,
      sandbox: undefined,
      env: {
        WHATSAPP_PROVIDER: 'cloud',
        WHATSAPP_ACCESS_TOKEN: sandbox.token,
        WHATSAPP_BASE_URL: sandbox.url,
        WHATSAPP_PHONE_NUMBER_ID: sandbox.phoneNumberId,
        WHATSAPP_WABA_ID: sandbox.wabaId,
        WHATSAPP_APP_SECRET: appSecret,
        WHATSAPP_VERIFY_TOKEN: verifyToken,
        ...options.env,
      },
      onRuntime: (runtime) => {
        handler = runtime.webhookHandler;
        options.onRuntime?.(runtime);
      },
    });
    const close = harness.close;
    return {
      ...harness,
      sandbox,
      async customerWrites(body) {
        const response = await fetch(`${sandbox.url}/_sandbox/inbound`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
        if (response.status !== 200) throw new Error(`inbound failed: ${response.status} ${await response.text()}`);
        const answer = (await response.json()) as { messageId: string; mediaId?: string };
        await sandbox.webhooksIdle();
        return answer;
      },
      async close() {
        await close();
        await sandbox.close();
        await listener.close();
      },
    };
  } catch (error) {
    await sandbox.close();
    await listener.close();
    throw error;
  }
}

/** Every result text and structured content as one string, for secret scans. */
export function everything(results: readonly CallToolResult[]): string {
  return results.map((result) => JSON.stringify(result)).join('\n');
}
