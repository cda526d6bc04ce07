import type { IDataObject } from 'n8n-workflow';
import { subscriptionFields } from '../../../nodes/WhatsAppBusinessTrigger/events';
import { DEDUPE_CAPACITY, MAX_TRACKED_NODES, claimFreshEvents, ledgerKey } from '../../../nodes/WhatsAppBusinessTrigger/emitted-ledger';
import type { WhatsAppBusinessTrigger } from '../../../nodes/WhatsAppBusinessTrigger/WhatsAppBusinessTrigger.node';
import { normalizeWebhook, signWebhookPayload } from 'whatsapp-business-core';
import { webhookContext } from '../helpers/webhook-context';
import {
  APP_SECRET,
  PHONE_A,
  PHONE_B,
  accountChange,
  body,
  credentials,
  message,
  messagesChange,
  parameters,
  post,
  qualityChange,
  status,
  templateChange,
  trigger,
} from './payloads';

/** Two entries, several changes, several messages and statuses, every kind the filters know. */
const mixed = body(
  [
    messagesChange(PHONE_A, {
      messages: [message('wamid.A1'), message('wamid.A2', 'image'), message('wamid.A3', 'reaction', { reaction: { message_id: 'wamid.X', emoji: '👍' } })],
      statuses: [status('wamid.S1', 'sent'), status('wamid.S1', 'delivered'), status('wamid.S2', 'failed')],
    }),
    templateChange(),
  ],
  [messagesChange(PHONE_B, { messages: [message('wamid.B1')], statuses: [status('wamid.S3', 'read')] }), accountChange(), qualityChange()],
);

function summary(items: { json: IDataObject }[]): string[] {
  return items.map(({ json }) => `${String(json.kind)}:${String(json.messageId ?? json.event)}${json.status ? `:${String(json.status)}` : ''}`);
}

describe('WhatsApp Business Trigger: one item per event, filters', () => {
  it('emits one item per normalized event across entries, changes, messages and statuses', async () => {
    const all = ['messages', 'statuses', 'templateStatus', 'accountUpdates', 'errors', 'other'];
    const { items } = await post(mixed, { parameters: parameters({ events: all }) });
    expect(summary(items)).toEqual([
      'message:wamid.A1',
      'message:wamid.A2',
      'message:wamid.A3',
      'status:wamid.S1:sent',
      'status:wamid.S1:delivered',
      'status:wamid.S2:failed',
      'template_status:APPROVED',
      'message:wamid.B1',
      'status:wamid.S3:read',
      'account_update:VERIFIED_ACCOUNT',
      'phone_number_quality:FLAGGED',
    ]);
    // Items are the normalized events, with the stable fields present.
    expect(items[0].json).toMatchObject({ from: '15551234567', contactName: 'Test Customer', type: 'text', phoneNumberId: PHONE_A, wabaId: '200000000000001' });
    expect(items.map(({ json }) => json.dedupeKey)).toEqual(normalizeWebhook(mixed).map((event) => event.dedupeKey));
  });

  it.each([
    [['messages'], ['message:wamid.A1', 'message:wamid.A2', 'message:wamid.A3', 'message:wamid.B1']],
    [['statuses'], ['status:wamid.S1:sent', 'status:wamid.S1:delivered', 'status:wamid.S2:failed', 'status:wamid.S3:read']],
    [['templateStatus'], ['template_status:APPROVED']],
    [['accountUpdates'], ['account_update:VERIFIED_ACCOUNT', 'phone_number_quality:FLAGGED']],
  ])('events %j keep only their kinds', async (events, expected) => {
    const { items } = await post(mixed, { parameters: parameters({ events }) });
    expect(summary(items)).toEqual(expected);
  });

  it('keeps only the chosen status values', async () => {
    const { items } = await post(mixed, { parameters: parameters({ events: ['statuses'], statusValues: ['read', 'failed'] }) });
    expect(summary(items)).toEqual(['status:wamid.S2:failed', 'status:wamid.S3:read']);
  });

  it('keeps only the chosen message types (statuses unaffected)', async () => {
    const { items } = await post(mixed, { parameters: parameters({ events: ['messages', 'statuses'], messageTypes: ['image', 'reaction'], statusValues: ['sent'] }) });
    expect(summary(items)).toEqual(['message:wamid.A2', 'message:wamid.A3', 'status:wamid.S1:sent']);
  });

  it('keeps only the listed phone number ids; account-wide events pass', async () => {
    const all = ['messages', 'statuses', 'templateStatus', 'accountUpdates'];
    const { items } = await post(mixed, { parameters: parameters({ events: all, phoneNumberIds: ` ${PHONE_B} ,, ` }) });
    expect(summary(items)).toEqual(['template_status:APPROVED', 'message:wamid.B1', 'status:wamid.S3:read', 'account_update:VERIFIED_ACCOUNT', 'phone_number_quality:FLAGGED']);
  });

  it('answers 200 without execution when nothing is left after the filters', async () => {
    const { result, response } = await post(mixed, { parameters: parameters({ events: ['messages'], messageTypes: ['location'] }) });
    expect(result).toEqual({});
    expect(response.status).toBeNull();
  });

  it('maps events to the webhook fields the app must subscribe to', () => {
    expect(subscriptionFields(['messages', 'statuses'])).toEqual(['messages']);
    expect(subscriptionFields(['templateStatus', 'accountUpdates'])).toEqual([
      'account_update',
      'message_template_quality_update',
      'message_template_status_update',
      'phone_number_name_update',
      'phone_number_quality_update',
      'template_category_update',
    ]);
    expect(subscriptionFields(['other'])).toEqual([]);
  });
});

describe('WhatsApp Business Trigger: redeliveries', () => {
  it('does not emit a redelivered message again', async () => {
    const staticData: IDataObject = {};
    const raw = body([messagesChange(PHONE_A, { messages: [message('wamid.D1')] })]);
    expect((await post(raw, { parameters: parameters(), staticData })).items).toHaveLength(1);
    const again = await post(raw, { parameters: parameters(), staticData });
    expect(again.result).toEqual({});
    // A batch with the old message and a new one emits only the new one.
    const batch = body([messagesChange(PHONE_A, { messages: [message('wamid.D1'), message('wamid.D2')] })]);
    expect(summary((await post(batch, { parameters: parameters(), staticData })).items)).toEqual(['message:wamid.D2']);
  });

  it('emits sent then delivered of one message, but the same status only once', async () => {
    const staticData: IDataObject = {};
    const sent = body([messagesChange(PHONE_A, { statuses: [status('wamid.D3', 'sent')] })]);
    const delivered = body([messagesChange(PHONE_A, { statuses: [status('wamid.D3', 'delivered')] })]);
    expect(summary((await post(sent, { parameters: parameters(), staticData })).items)).toEqual(['status:wamid.D3:sent']);
    expect(summary((await post(delivered, { parameters: parameters(), staticData })).items)).toEqual(['status:wamid.D3:delivered']);
    expect((await post(delivered, { parameters: parameters(), staticData })).items).toHaveLength(0);
    expect((await post(sent, { parameters: parameters(), staticData })).items).toHaveLength(0);
  });

  it('emits a repeat inside one body once', async () => {
    const raw = body([messagesChange(PHONE_A, { statuses: [status('wamid.D4', 'read'), status('wamid.D4', 'read')] })]);
    expect((await post(raw, { parameters: parameters(), staticData: {} })).items).toHaveLength(1);
  });

  it('emits repeats again when de-duplication is off (window 0)', async () => {
    const staticData: IDataObject = {};
    const raw = body([messagesChange(PHONE_A, { messages: [message('wamid.D5')] })]);
    const options = { dedupeWindowMinutes: 0 };
    expect((await post(raw, { parameters: parameters({ options }), staticData })).items).toHaveLength(1);
    expect((await post(raw, { parameters: parameters({ options }), staticData })).items).toHaveLength(1);
  });

  it('forgets keys after the window and keeps at most the capacity, oldest out first', () => {
    const events = normalizeWebhook(body([messagesChange(PHONE_A, { messages: [message('wamid.W1')] })]));
    const staticData: IDataObject = {};
    expect(claimFreshEvents('window', events, staticData, 10, 0)).toHaveLength(1);
    expect(claimFreshEvents('window', events, staticData, 10, 9 * 60_000)).toHaveLength(0);
    expect(claimFreshEvents('window', events, staticData, 10, 11 * 60_000)).toHaveLength(1);

    const many = normalizeWebhook(body([messagesChange(PHONE_A, { messages: Array.from({ length: DEDUPE_CAPACITY + 5 }, (_, i) => message(`wamid.M${i}`)) })]));
    const bounded: IDataObject = {};
    expect(claimFreshEvents('bounded', many, bounded, 60, 1000)).toHaveLength(DEDUPE_CAPACITY + 5);
    expect(Object.keys(bounded.emittedEvents as IDataObject)).toHaveLength(DEDUPE_CAPACITY);
    // The five oldest were evicted, so they count as new; the newest are still known.
    expect(claimFreshEvents('bounded', many.slice(0, 5), bounded, 60, 2000)).toHaveLength(5);
    expect(claimFreshEvents('bounded', many.slice(-5), bounded, 60, 2000)).toHaveLength(0);
  });

  it('survives unreadable static data', () => {
    const events = normalizeWebhook(body([messagesChange(PHONE_A, { messages: [message('wamid.U1')] })]));
    expect(claimFreshEvents('garbage', events, { emittedEvents: 'garbage' }, 60, 0)).toHaveLength(1);
  });
});

/**
 * What n8n does around each webhook call: it reads the workflow's static data from its database
 * before the call (each call its own copy) and writes the whole object back after it.
 */
function n8nStaticData() {
  let saved = '{}';
  return {
    read: (): IDataObject => JSON.parse(saved) as IDataObject,
    write: (data: IDataObject) => (saved = JSON.stringify(data)),
    get saved(): IDataObject {
      return JSON.parse(saved) as IDataObject;
    },
  };
}

async function postAsN8n(database: ReturnType<typeof n8nStaticData>, raw: string, workflowId: string, node = trigger) {
  const staticData = database.read();
  const { context } = webhookContext(
    { credentials: credentials(), parameters: parameters(), staticData, workflowId },
    { webhookName: 'default', rawBody: Buffer.from(raw), headers: { 'x-hub-signature-256': signWebhookPayload(raw, APP_SECRET) } },
  );
  const result = await node.webhook.call(context);
  database.write(staticData);
  return result.workflowData?.[0] ?? [];
}

describe('WhatsApp Business Trigger: concurrent redeliveries (static data read before, written after each call)', () => {
  it('10 concurrent redeliveries of one message emit it once', async () => {
    const database = n8nStaticData();
    const raw = body([messagesChange(PHONE_A, { messages: [message('wamid.C1')] })]);
    const results = await Promise.all(Array.from({ length: 10 }, () => postAsN8n(database, raw, 'wf-concurrent')));
    expect(results.map((items) => items.length).reduce((a, b) => a + b, 0)).toBe(1);
    // The saved copy knows the message, whichever call wrote last.
    expect(Object.keys(database.saved.emittedEvents as IDataObject)).toEqual(['message:wamid.C1']);
  });

  it('two workflows (or two trigger nodes) each emit the message once', async () => {
    const raw = body([messagesChange(PHONE_A, { messages: [message('wamid.C2')] })]);
    const first = n8nStaticData();
    const second = n8nStaticData();
    const results = await Promise.all([
      ...Array.from({ length: 5 }, () => postAsN8n(first, raw, 'wf-one')),
      ...Array.from({ length: 5 }, () => postAsN8n(second, raw, 'wf-two')),
    ]);
    expect(results.slice(0, 5).flat()).toHaveLength(1);
    expect(results.slice(5).flat()).toHaveLength(1);
  });

  it('after a restart (a fresh process) the saved copy still drops a redelivery of a message seen before', async () => {
    const database = n8nStaticData();
    const raw = body([messagesChange(PHONE_A, { messages: [message('wamid.R1')] })]);
    expect(await postAsN8n(database, raw, 'wf-restart')).toHaveLength(1);
    let restarted: WhatsAppBusinessTrigger | undefined;
    jest.isolateModules(() => {
      // A new module registry: the trigger's in-process record starts empty, as after a restart.
      const fresh = require('../../../nodes/WhatsAppBusinessTrigger/WhatsAppBusinessTrigger.node') as { WhatsAppBusinessTrigger: typeof WhatsAppBusinessTrigger };
      restarted = new fresh.WhatsAppBusinessTrigger();
    });
    if (restarted === undefined) throw new Error('the trigger module did not load');
    const again = await Promise.all(Array.from({ length: 3 }, () => postAsN8n(database, raw, 'wf-restart', restarted)));
    expect(again.flat()).toHaveLength(0);
    const fresh = body([messagesChange(PHONE_A, { messages: [message('wamid.R2')] })]);
    expect(await postAsN8n(database, fresh, 'wf-restart', restarted)).toHaveLength(1);
  });

  it('keeps records for a bounded number of nodes; a dropped one is reloaded from its saved copy', async () => {
    const database = n8nStaticData();
    const raw = body([messagesChange(PHONE_A, { messages: [message('wamid.B1')] })]);
    expect(await postAsN8n(database, raw, 'wf-evicted')).toHaveLength(1);
    const events = normalizeWebhook(body([messagesChange(PHONE_A, { messages: [message('wamid.other')] })]));
    for (let i = 0; i < MAX_TRACKED_NODES + 1; i++) claimFreshEvents(ledgerKey(`wf-filler-${i}`, 'n'), events, {}, 60, Date.now());
    expect(await postAsN8n(database, raw, 'wf-evicted')).toHaveLength(0);
  });
});
