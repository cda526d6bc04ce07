import { createProvider } from 'whatsapp-business-core';
import type { Provider, RetryOptions } from 'whatsapp-business-core';
import { startSandbox } from 'whatsapp-sandbox';
import type { RunningSandbox, SandboxOptions } from 'whatsapp-sandbox';

export interface SandboxWithProvider {
  sandbox: RunningSandbox;
  provider: Provider;
  close(): Promise<void>;
}

/** A sandbox on a free loopback port and a Cloud provider pointed at it, as a user would configure it. */
export async function sandboxWithProvider(options: SandboxOptions = {}, retry?: RetryOptions): Promise<SandboxWithProvider> {
  const sandbox = await startSandbox({ port: 0, ...options });
  const provider = createProvider({
    provider: 'cloud',
    accessToken: sandbox.token,
    baseUrl: sandbox.url,
    phoneNumberId: sandbox.phoneNumberId,
    wabaId: sandbox.wabaId,
    retry,
  });
  return {
    sandbox,
    provider,
    close: async () => {
      await provider.close();
      await sandbox.close();
    },
  };
}

/** Simulates a customer writing to the business (opens the 24 h window). */
export async function customerWrites(sandbox: RunningSandbox, body: Record<string, unknown>): Promise<{ messageId: string; mediaId?: string }> {
  const response = await fetch(`${sandbox.url}/_sandbox/inbound`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });
  if (response.status !== 200) throw new Error(`inbound failed: ${response.status} ${await response.text()}`);
  return (await response.json()) as { messageId: string; mediaId?: string };
}

export interface SentRecord {
  id: string;
  to: string;
  type: string;
  payload: Record<string, unknown>;
  status: string;
  errors: { code: number }[];
}

/** What the sandbox received, as its control API reports it. */
export async function sentMessages(sandbox: RunningSandbox): Promise<SentRecord[]> {
  const response = await fetch(`${sandbox.url}/_sandbox/messages`);
  return ((await response.json()) as { data: SentRecord[] }).data;
}
