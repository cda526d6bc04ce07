import { createOnPremProvider } from 'whatsapp-business-core';
import type { OnPremProviderConfig } from 'whatsapp-business-core';
import { startSandbox } from 'whatsapp-sandbox';
import type { RunningSandbox, SandboxOptions } from 'whatsapp-sandbox';

export const USERNAME = 'wa-admin';
export const PASSWORD = 'Sandbox-Pa55word!';
export const NAMESPACE = 'sandbox_namespace_0001';
export const CUSTOMER = '15551234567';

export type OnPremProvider = ReturnType<typeof createOnPremProvider>;

export interface OnPremSetup {
  sandbox: RunningSandbox;
  provider: OnPremProvider;
  /** Every line the sandbox logged: one per request ("POST /v1/users/login -> 200 (1 ms)") and per webhook. */
  log: string[];
  close(): Promise<void>;
}

/** An onprem-flavor sandbox on a free loopback port, logging into `log`. */
export async function startOnPremSandbox(options: SandboxOptions = {}): Promise<{ sandbox: RunningSandbox; log: string[] }> {
  const log: string[] = [];
  const sandbox = await startSandbox({ port: 0, flavor: 'onprem', username: USERNAME, password: PASSWORD, ...options, log: (line) => log.push(line) });
  return { sandbox, log };
}

/** A sandbox and an On-Premises provider pointed at it, as a user would configure one. */
export async function onPremSetup(options: SandboxOptions = {}, config: Partial<OnPremProviderConfig> = {}): Promise<OnPremSetup> {
  const { sandbox, log } = await startOnPremSandbox(options);
  const provider = createOnPremProvider({
    provider: 'onprem',
    baseUrl: sandbox.url,
    username: USERNAME,
    password: options.password ?? PASSWORD,
    templateNamespace: NAMESPACE,
    ...config,
  });
  return {
    sandbox,
    provider,
    log,
    close: async () => {
      await provider.close();
      await sandbox.close();
    },
  };
}

/** How many requests of this method and path (after /v1) the sandbox answered, optionally with this status. */
export function requestCount(log: readonly string[], method: string, path: string, status?: number): number {
  const prefix = `${method} /v1${path} -> ${status ?? ''}`;
  return log.filter((line) => line.startsWith(prefix)).length;
}

/** Lines for API requests (not webhooks, not the control API). */
export function apiRequests(log: readonly string[]): string[] {
  return log.filter((line) => /^(GET|POST|PUT|PATCH|DELETE) \/v1/.test(line));
}

export async function control(sandbox: RunningSandbox, method: string, path: string, body?: unknown): Promise<{ status: number; body: unknown }> {
  const response = await fetch(`${sandbox.url}/_sandbox/${path}`, {
    method,
    headers: body === undefined ? {} : { 'content-type': 'application/json' },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const text = await response.text();
  return { status: response.status, body: text === '' ? null : (JSON.parse(text) as unknown) };
}

/** The customer writes first (opens the 24 h window); answers the control API's reply. */
export async function customerWrites(sandbox: RunningSandbox, body: Record<string, unknown> = { from: CUSTOMER, text: 'Hi!' }): Promise<{ messageId: string; mediaId?: string; webhook: Record<string, unknown> }> {
  const reply = await control(sandbox, 'POST', 'inbound', body);
  if (reply.status !== 200) throw new Error(`inbound failed: ${reply.status} ${JSON.stringify(reply.body)}`);
  return reply.body as { messageId: string; mediaId?: string; webhook: Record<string, unknown> };
}

export interface LoggedMessage {
  id: string;
  to: string;
  type: string;
  payload: Record<string, unknown>;
  status: string;
  errors: { code: number }[];
}

/** What the sandbox received on POST /v1/messages, body as sent. */
export async function sentMessages(sandbox: RunningSandbox): Promise<LoggedMessage[]> {
  return ((await control(sandbox, 'GET', 'messages')).body as { data: LoggedMessage[] }).data;
}

/** The registration code the sandbox logged for a number. */
export function registrationCode(log: readonly string[]): string {
  const line = [...log].reverse().find((entry) => entry.startsWith('onprem: registration code'));
  const code = line === undefined ? undefined : /: (\d{6})$/.exec(line)?.[1];
  if (code === undefined) throw new Error('no registration code in the sandbox log');
  return code;
}

export async function thrown(promise: Promise<unknown>): Promise<Error & Record<string, unknown>> {
  try {
    await promise;
  } catch (error) {
    return error as Error & Record<string, unknown>;
  }
  throw new Error('expected a failure');
}
