/**
 * A free-form send to a customer outside the 24 h window is accepted (a message id, "accepted"),
 * and fails later: Meta (here the sandbox, which enforces the window) sends a `failed` status with
 * error 131047. The trigger's item for it carries core's hint (typeVersion 2); a workflow saved
 * with typeVersion 1 gets the items it always got (no `hint` key), so its output is unchanged.
 */
import type { IDataObject } from 'n8n-workflow';
import { hintForMetaCode } from 'whatsapp-business-core';
import { startSandbox, type RunningSandbox } from 'whatsapp-sandbox';
import { WhatsAppBusinessTrigger } from '../../../nodes/WhatsAppBusinessTrigger/WhatsAppBusinessTrigger.node';
import { startTriggerServer, type ContextOptions, type TriggerServer } from '../helpers/webhook-context';
import { APP_SECRET, VERIFY_TOKEN, parameters, trigger } from './payloads';

const CUSTOMER = '15557654321';

describe('WhatsApp Business Trigger: the failed status of an accepted send outside the 24 h window', () => {
  let sandbox: RunningSandbox;
  let server: TriggerServer;
  let options: ContextOptions;

  beforeAll(async () => {
    options = { parameters: parameters({ events: ['statuses'] }), staticData: {}, typeVersion: 2 };
    server = await startTriggerServer(trigger, () => options);
    sandbox = await startSandbox({ port: 0, callbackUrl: server.url, appSecret: APP_SECRET, verifyToken: VERIFY_TOKEN, window: true, webhookRetries: 0 });
    options.credentials = {
      whatsAppWebhookApi: { appId: sandbox.appId, appSecret: APP_SECRET, verifyToken: VERIFY_TOKEN, baseUrl: sandbox.url, apiVersion: 'v23.0' },
      whatsAppCloudApi: { accessToken: sandbox.token, businessAccountId: sandbox.wabaId, baseUrl: sandbox.url, apiVersion: 'v23.0' },
    };
  });

  afterAll(async () => {
    await sandbox.close();
    await server.close();
  });

  async function sendOutsideWindow(text: string): Promise<string> {
    const response = await fetch(`${sandbox.url}/v23.0/${sandbox.phoneNumberId}/messages`, {
      method: 'POST',
      headers: { Authorization: `Bearer ${sandbox.token}`, 'Content-Type': 'application/json' },
      body: JSON.stringify({ messaging_product: 'whatsapp', to: CUSTOMER, type: 'text', text: { body: text } }),
    });
    // Accepted: the failure comes later, as a status.
    expect(response.status).toBe(200);
    const body = (await response.json()) as { messages: { id: string }[] };
    return body.messages[0].id;
  }

  async function failedItem(messageId: string): Promise<IDataObject> {
    await sandbox.webhooksIdle();
    const item = server.executions.flat().find((candidate) => candidate.json.messageId === messageId);
    if (item === undefined) throw new Error(`no item for ${messageId}; got ${JSON.stringify(server.executions)}`);
    return item.json;
  }

  it('typeVersion 2: the failed status item says what to do (send a template)', async () => {
    options.typeVersion = 2;
    const messageId = await sendOutsideWindow('Are you still there?');
    const json = await failedItem(messageId);
    expect(json).toMatchObject({ kind: 'status', status: 'failed', recipientId: CUSTOMER });
    expect(json.errors).toEqual([
      expect.objectContaining({ code: 131047, title: 'Re-engagement message', hint: hintForMetaCode(131047) }),
    ]);
    expect(String((json.errors as IDataObject[])[0].hint)).toContain('send an approved template');
  });

  it('typeVersion 1 (a workflow saved before): the same event, the item as before (errors without hint)', async () => {
    options.typeVersion = 1;
    const messageId = await sendOutsideWindow('Hello again?');
    const json = await failedItem(messageId);
    const errors = json.errors as IDataObject[];
    expect(errors).toHaveLength(1);
    expect(Object.keys(errors[0]).sort()).toEqual(['code', 'details', 'href', 'message', 'title']);
    expect(errors[0]).toMatchObject({ code: 131047, title: 'Re-engagement message' });
  });

  it('the node offers both versions and adds new nodes as version 2', () => {
    const description = new WhatsAppBusinessTrigger().description;
    expect(description.version).toEqual([1, 2]);
    expect(description.defaultVersion).toBe(2);
  });
});
