/**
 * A provider answer nested deeper than any real one is refused as unreadable (an API error naming
 * the reason), never handed on to workflows and agents that would overflow the stack serializing it.
 * Real HTTP against a scripted server on 127.0.0.1.
 */
import { createCloudProvider, createMatonProvider, createOnPremProvider, operations, WhatsAppApiError } from 'whatsapp-business-core';
import type { Provider } from 'whatsapp-business-core';
import { recordingClock } from '../helpers/recording-clock';
import { json, raw, startScriptedServer } from '../helpers/scripted-server';
import type { ScriptedServer } from '../helpers/scripted-server';

const DEPTH = 5_000;
const deep = `${'{"a":'.repeat(DEPTH)}1${'}'.repeat(DEPTH)}`;

let server: ScriptedServer | null = null;
let provider: Provider | null = null;
afterEach(async () => {
  await provider?.close();
  await server?.close();
  provider = null;
  server = null;
});

async function failure(run: Promise<unknown>): Promise<unknown> {
  try {
    await run;
  } catch (error) {
    return error;
  }
  throw new Error('expected the call to fail');
}

describe('answers nested 5,000 deep', () => {
  it('Cloud: a template list whose components nest 5,000 levels', async () => {
    server = await startScriptedServer([raw(200, 'application/json', `{"data":[{"id":"1","name":"t","components":[${deep}]}]}`)]);
    provider = createCloudProvider({ provider: 'cloud', accessToken: 'deep-answer-token', baseUrl: server.url, wabaId: '1234567890', retry: { maxRetries: 0 }, clock: recordingClock() });
    const error = await failure(operations['template.list'].run(provider, {}));
    expect(error).toBeInstanceOf(WhatsAppApiError);
    expect((error as Error).message).toContain('JSON nested more than 64 levels deep');
  });

  it('Maton: a connection list nested 5,000 levels', async () => {
    server = await startScriptedServer([raw(200, 'application/json', `{"connections":[${deep}]}`)]);
    provider = createMatonProvider({ provider: 'maton', apiKey: 'deep-answer-key', gatewayUrl: server.url, controlUrl: server.url, maxRequestsPerSecond: 0, retry: { maxRetries: 0 }, clock: recordingClock() } as never);
    const error = await failure(operations['connection.list'].run(provider, {}));
    expect(error).toBeInstanceOf(WhatsAppApiError);
    expect((error as Error).message).toContain('JSON nested more than 64 levels deep');
  });

  it('On-Premises: application settings nested 5,000 levels', async () => {
    const login = json(200, { users: [{ token: 'deep-login-token', expires_after: '2099-01-01 00:00:00+00:00' }], meta: { api_status: 'stable', version: 'v2.41.2' } });
    server = await startScriptedServer([login, raw(200, 'application/json', `{"settings":{"application":${deep}}}`)]);
    provider = createOnPremProvider({ provider: 'onprem', baseUrl: server.url, username: 'admin', password: 'Deep-Pa55word', readinessTimeoutMs: 0, retry: { maxRetries: 0 }, clock: recordingClock() });
    const error = await failure(operations['account.getSettings'].run(provider, {}));
    expect(error).toBeInstanceOf(WhatsAppApiError);
    expect((error as Error).message).toContain('JSON nested more than 64 levels deep');
  });
});
