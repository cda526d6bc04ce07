/**
 * The trigger's two typeVersions in a real n8n: a workflow saved with typeVersion 1 (imported as
 * saved) keeps its items exactly (errors without `hint`), and typeVersion 2 items carry core's
 * hint, here for the failed status Meta sends after an accepted send outside the 24 h window (131047).
 *
 * Run with `bash test/e2e-n8n/run.sh [version...]`.
 */
import { installFromEnv } from './harness';
import { IsolatedN8n, metaBody, postSigned, startCollector, triggerCredentials, triggerWorkflow, waitFor, type Collector } from './trigger-e2e-helpers';

const APP_SECRET = 'e2e-versions-app-secret';
const PHONE_NUMBER_ID = '100000000000001';
const CREDENTIALS = { webhook: 'e2eVersHookCred1', cloud: 'e2eVersCloudCre1' };
const V1 = { id: 'e2eTriggerV1Flow', webhookId: '0e2e0e2e-0000-4000-8000-0000000000b1', label: 'trigger-v1', typeVersion: 1 };
const V2 = { id: 'e2eTriggerV2Flow', webhookId: '0e2e0e2e-0000-4000-8000-0000000000b2', label: 'trigger-v2', typeVersion: 2 };

jest.setTimeout(600_000);

const install = installFromEnv();
const tarball = process.env.N8N_E2E_TARBALL ?? '';

/** The failed status Meta sends for a free-form message sent after the customer's 24 h window closed. */
function failedStatus(messageId: string): string {
  return metaBody(PHONE_NUMBER_ID, {
    statuses: [
      {
        id: messageId,
        status: 'failed',
        timestamp: String(Math.floor(Date.now() / 1000)),
        recipient_id: '15550100009',
        errors: [
          {
            code: 131047,
            title: 'Re-engagement message',
            message: 'Re-engagement message',
            error_data: { details: 'Message failed to send because more than 24 hours have passed since the customer last replied to this number.' },
            href: 'https://developers.facebook.com/docs/whatsapp/cloud-api/support/error-codes/',
          },
        ],
      },
    ],
  });
}

describe(`n8n ${install.version}: the trigger's typeVersions`, () => {
  let n8n: IsolatedN8n;
  let collector: Collector;
  const url = (webhookId: string): string => `${n8n.baseUrl}/webhook/${webhookId}/webhook`;

  beforeAll(async () => {
    if (!tarball) throw new Error('N8N_E2E_TARBALL must be set (run test/e2e-n8n/run.sh)');
    n8n = await IsolatedN8n.create(install);
    collector = await startCollector();
    await n8n.installPackage(tarball);
    await n8n.importJson('credentials', triggerCredentials(CREDENTIALS, APP_SECRET, 'http://127.0.0.1:9'));
    for (const version of [V1, V2]) {
      await n8n.importJson(
        'workflow',
        triggerWorkflow({ ...version, collectorUrl: collector.url, events: ['statuses'], webhookCredentialId: CREDENTIALS.webhook, cloudCredentialId: CREDENTIALS.cloud }),
      );
      await n8n.cliOk(['publish:workflow', `--id=${version.id}`]);
    }
    await n8n.start();
    for (const version of [V1, V2]) {
      await waitFor(
        `the ${version.label} webhook`,
        async () => {
          const response = await fetch(`${url(version.webhookId)}?hub.mode=subscribe&hub.verify_token=e2e-verify&hub.challenge=1`).catch(() => null);
          return response && response.status === 200 ? true : undefined;
        },
        180_000,
      );
    }
  });

  afterAll(async () => {
    await n8n?.stop();
    await collector?.close();
    if (process.env.N8N_E2E_KEEP !== 'true') n8n?.cleanup();
  });

  async function itemFor(version: typeof V1, messageId: string): Promise<Record<string, unknown>> {
    expect(await postSigned(url(version.webhookId), failedStatus(messageId), APP_SECRET)).toBe(200);
    const body = await waitFor(`the ${version.label} execution`, () => collector.bodies.find((b) => b.workflow === version.label && b.item.messageId === messageId));
    return body.item;
  }

  it('typeVersion 1 (a workflow saved before version 2): the failed status item as before, errors without hint', async () => {
    const item = await itemFor(V1, 'wamid.E2E.V1.FAILED');
    expect(item).toEqual(expect.objectContaining({ kind: 'status', status: 'failed' }));
    const errors = item.errors as Array<Record<string, unknown>>;
    expect(errors).toHaveLength(1);
    expect(Object.keys(errors[0]).sort()).toEqual(['code', 'details', 'href', 'message', 'title']);
    expect(errors[0].code).toBe(131047);
  });

  it('typeVersion 2: the failed status item says what to do (send an approved template)', async () => {
    const item = await itemFor(V2, 'wamid.E2E.V2.FAILED');
    const errors = item.errors as Array<Record<string, unknown>>;
    expect(errors[0]).toEqual(expect.objectContaining({ code: 131047, title: 'Re-engagement message' }));
    expect(String(errors[0].hint)).toContain('send an approved template');
  });
});
