/**
 * The trigger's de-duplication in a real n8n (the version run.sh installed). n8n reads a workflow's
 * static data from its database before each webhook call and writes it back after, so concurrent
 * redeliveries each see their own stale copy; the trigger's in-process record must decide. Proves:
 * 10 concurrent redeliveries of one signed body start exactly 1 execution, and after an n8n restart
 * a redelivery of a message seen before the restart is still dropped (the saved copy is reloaded).
 *
 * Run with `bash test/e2e-n8n/run.sh [version...]`.
 */
import { installFromEnv } from './harness';
import { IsolatedN8n, metaBody, postSigned, sleep, startCollector, textMessage, triggerCredentials, triggerWorkflow, waitFor, type Collector } from './trigger-e2e-helpers';

const APP_SECRET = 'e2e-dedup-app-secret';
const WORKFLOW_ID = 'e2eDedupFlow0001';
const WEBHOOK_ID = '0e2e0e2e-0000-4000-8000-00000000dd01';
const PHONE_NUMBER_ID = '100000000000001';
const CREDENTIALS = { webhook: 'e2eDedupHookCr01', cloud: 'e2eDedupCloudC01' };
/** How long to keep watching for executions that should not happen. */
const QUIET_MS = 4000;

jest.setTimeout(600_000);

const install = installFromEnv();
const tarball = process.env.N8N_E2E_TARBALL ?? '';

describe(`n8n ${install.version}: the trigger drops redeliveries`, () => {
  let n8n: IsolatedN8n;
  let collector: Collector;
  const webhookUrl = (): string => `${n8n.baseUrl}/webhook/${WEBHOOK_ID}/webhook`;
  const executionsOf = (messageId: string) => collector.bodies.filter((body) => body.workflow === 'dedup' && body.item.messageId === messageId);

  async function startAndWaitForWebhook(): Promise<void> {
    await n8n.start();
    await waitFor(
      'the trigger webhook',
      async () => {
        const response = await fetch(`${webhookUrl()}?hub.mode=subscribe&hub.verify_token=e2e-verify&hub.challenge=1`).catch(() => null);
        return response && response.status === 200 ? true : undefined;
      },
      // n8n registers production webhooks some seconds after it answers readiness (longer on a busy machine).
      180_000,
    );
  }

  beforeAll(async () => {
    if (!tarball) throw new Error('N8N_E2E_TARBALL must be set (run test/e2e-n8n/run.sh)');
    n8n = await IsolatedN8n.create(install);
    collector = await startCollector();
    await n8n.installPackage(tarball);
    await n8n.importJson('credentials', triggerCredentials(CREDENTIALS, APP_SECRET, 'http://127.0.0.1:9'));
    await n8n.importJson(
      'workflow',
      triggerWorkflow({
        id: WORKFLOW_ID,
        webhookId: WEBHOOK_ID,
        label: 'dedup',
        collectorUrl: collector.url,
        typeVersion: 1,
        events: ['messages'],
        webhookCredentialId: CREDENTIALS.webhook,
        cloudCredentialId: CREDENTIALS.cloud,
      }),
    );
    await n8n.cliOk(['publish:workflow', `--id=${WORKFLOW_ID}`]);
    await startAndWaitForWebhook();
  });

  afterAll(async () => {
    await n8n?.stop();
    await collector?.close();
    if (process.env.N8N_E2E_KEEP !== 'true') n8n?.cleanup();
  });

  it('10 concurrent redeliveries of one signed body: all answered 200, exactly 1 execution', async () => {
    const body = metaBody(PHONE_NUMBER_ID, { messages: [textMessage('wamid.E2E.DEDUP.1', 'hello once')] });
    const statuses = await Promise.all(Array.from({ length: 10 }, () => postSigned(webhookUrl(), body, APP_SECRET)));
    expect(statuses).toEqual(Array.from({ length: 10 }, () => 200));
    await waitFor('the execution', () => (executionsOf('wamid.E2E.DEDUP.1').length > 0 ? true : undefined));
    await sleep(QUIET_MS);
    expect(executionsOf('wamid.E2E.DEDUP.1')).toHaveLength(1);
    expect(executionsOf('wamid.E2E.DEDUP.1')[0].item).toEqual(expect.objectContaining({ kind: 'message', text: 'hello once' }));
  });

  it('a later redelivery (not concurrent) is dropped too', async () => {
    const body = metaBody(PHONE_NUMBER_ID, { messages: [textMessage('wamid.E2E.DEDUP.1', 'hello once')] });
    expect(await postSigned(webhookUrl(), body, APP_SECRET)).toBe(200);
    await sleep(QUIET_MS);
    expect(executionsOf('wamid.E2E.DEDUP.1')).toHaveLength(1);
  });

  it('after an n8n restart, a redelivery of a message seen before the restart is still dropped; a new message runs', async () => {
    await n8n.stop();
    await startAndWaitForWebhook();
    const old = metaBody(PHONE_NUMBER_ID, { messages: [textMessage('wamid.E2E.DEDUP.1', 'hello once')] });
    const redeliveries = await Promise.all(Array.from({ length: 3 }, () => postSigned(webhookUrl(), old, APP_SECRET)));
    expect(redeliveries).toEqual([200, 200, 200]);
    // A new message proves the restarted trigger runs executions at all.
    const fresh = metaBody(PHONE_NUMBER_ID, { messages: [textMessage('wamid.E2E.DEDUP.2', 'after restart')] });
    expect(await postSigned(webhookUrl(), fresh, APP_SECRET)).toBe(200);
    await waitFor('the new message execution', () => (executionsOf('wamid.E2E.DEDUP.2').length > 0 ? true : undefined));
    await sleep(QUIET_MS);
    expect(executionsOf('wamid.E2E.DEDUP.2')).toHaveLength(1);
    expect(executionsOf('wamid.E2E.DEDUP.1')).toHaveLength(1);
  });
});
