/**
 * The trigger's automatic setup for an On-Premises client over its whole life: activation points
 * the client's webhook URL here (with the Webhook Secret), deactivation puts back the URL that was
 * there before this trigger, also when the secret changed while active or n8n re-activated
 * without deactivating; a URL someone set since is left alone; failures say which step failed
 * and never show the password or the secret. Against the sandbox's onprem flavor.
 */
import type { IDataObject, IHookFunctions } from 'n8n-workflow';
import { NodeApiError } from 'n8n-workflow';
import { startSandbox } from 'whatsapp-sandbox';
import type { RunningSandbox } from 'whatsapp-sandbox';
import { WhatsAppBusinessTrigger } from '../../../nodes/WhatsAppBusinessTrigger/WhatsAppBusinessTrigger.node';
import { isThisWebhook } from '../../../nodes/WhatsAppBusinessTrigger/onprem-setup';
import { hookContext } from '../helpers/webhook-context';

const trigger = new WhatsAppBusinessTrigger();
const methods = trigger.webhookMethods.default;
const PASSWORD = 'onprem-setup-pw-4417';
const WEBHOOK = 'https://n8n.example.com/webhook/0f1e2d3c/webhook';
const OLD = 'https://old.example.com/wa-hook';

describe('On-Premises automatic setup', () => {
  let sandbox: RunningSandbox;
  let token: string;

  beforeAll(async () => {
    sandbox = await startSandbox({ port: 0, flavor: 'onprem', username: 'admin', password: PASSWORD, window: false, webhookRetries: 0 });
    const login = await fetch(`${sandbox.url}/v1/users/login`, { method: 'POST', headers: { Authorization: `Basic ${Buffer.from(`admin:${PASSWORD}`).toString('base64')}` } });
    token = ((await login.json()) as { users: { token: string }[] }).users[0].token;
  });
  afterAll(() => sandbox.close());

  /** What the client posts to now (read and set directly, as an operator would). */
  const clientUrl = async (): Promise<string | undefined> => {
    const response = await fetch(`${sandbox.url}/v1/settings/application`, { headers: { Authorization: `Bearer ${token}` } });
    const body = (await response.json()) as { settings?: { application?: { webhooks?: { url?: string } } } };
    return body.settings?.application?.webhooks?.url || undefined;
  };
  const setClientUrl = async (url: string): Promise<void> => {
    const response = await fetch(`${sandbox.url}/v1/settings/application`, {
      method: 'PATCH',
      headers: { Authorization: `Bearer ${token}`, 'Content-Type': 'application/json' },
      body: JSON.stringify({ webhooks: { url } }),
    });
    expect(response.status).toBeLessThan(300);
  };

  function hook(staticData: IDataObject, secret: string, password = PASSWORD): IHookFunctions {
    return hookContext({
      parameters: { authentication: 'onPremisesApi', setupMode: 'automatic', events: ['messages'], statusValues: [], messageTypes: [], phoneNumberIds: '', options: {} },
      credentials: { whatsAppOnPremisesApi: { baseUrl: sandbox.url, username: 'admin', password, readinessTimeout: 5, webhookSecret: secret, token: '' } },
      staticData,
      webhookUrl: WEBHOOK,
    });
  }

  test('the secret changed while active (n8n re-activates without deactivating): the new secret is set, and deactivation still restores the URL from before', async () => {
    await setClientUrl(OLD);
    const staticData: IDataObject = {};
    await expect(methods.checkExists.call(hook(staticData, 'secret-one-1111'))).resolves.toBe(false);
    await methods.create.call(hook(staticData, 'secret-one-1111'));
    expect(await clientUrl()).toBe(`${WEBHOOK}?token=secret-one-1111`);
    expect(staticData.previousWebhookUrl).toBe(OLD);

    // The credential gets a new secret; on restart n8n asks whether the setup still exists.
    await expect(methods.checkExists.call(hook(staticData, 'secret-two-2222'))).resolves.toBe(false);
    await methods.create.call(hook(staticData, 'secret-two-2222'));
    expect(await clientUrl()).toBe(`${WEBHOOK}?token=secret-two-2222`);
    // Not the URL of this webhook with the old secret: the one from before this trigger.
    expect(staticData.previousWebhookUrl).toBe(OLD);
    expect(JSON.stringify(staticData)).not.toMatch(/secret-(one|two)/);

    await methods.delete.call(hook(staticData, 'secret-two-2222'));
    expect(await clientUrl()).toBe(OLD);
    expect(staticData).toEqual({});
  });

  test('deactivated after the secret changed: the client still posts to this webhook, so the previous URL is put back', async () => {
    await setClientUrl(OLD);
    const staticData: IDataObject = {};
    await methods.create.call(hook(staticData, 'secret-three-3333'));
    await methods.delete.call(hook(staticData, 'secret-four-4444'));
    expect(await clientUrl()).toBe(OLD);
  });

  test('a URL someone set while the workflow was active is left alone on deactivation', async () => {
    await setClientUrl(OLD);
    const staticData: IDataObject = {};
    await methods.create.call(hook(staticData, 'secret-five-5555'));
    await setClientUrl('https://someone-else.example.com/hook');
    await methods.delete.call(hook(staticData, 'secret-five-5555'));
    expect(await clientUrl()).toBe('https://someone-else.example.com/hook');
    expect(staticData).toEqual({});
  });

  test('activated again after its static data was lost: its own URL is not taken for the one to restore', async () => {
    await setClientUrl(`${WEBHOOK}?token=secret-six-6666`);
    const staticData: IDataObject = {};
    await methods.create.call(hook(staticData, 'secret-six-6666'));
    expect(staticData.previousWebhookUrl).toBeUndefined();
    await methods.delete.call(hook(staticData, 'secret-six-6666'));
    // Nothing to put back: the URL stays (the settings API cannot clear it without a full reset).
    expect(await clientUrl()).toBe(`${WEBHOOK}?token=secret-six-6666`);
    expect(staticData).toEqual({});
  });

  test('a client without a webhook URL: set on activation, kept on deactivation (documented), nothing remembered', async () => {
    await setClientUrl('');
    expect(await clientUrl()).toBeUndefined();
    const staticData: IDataObject = { previousWebhookUrl: 'https://stale.example.com/from-an-old-activation' };
    await methods.create.call(hook(staticData, ''));
    expect(await clientUrl()).toBe(WEBHOOK);
    expect(staticData.previousWebhookUrl).toBeUndefined();
    await expect(methods.checkExists.call(hook(staticData, ''))).resolves.toBe(true);
    await methods.delete.call(hook(staticData, ''));
    expect(await clientUrl()).toBe(WEBHOOK);
  });

  test('a refused login fails the activation naming the step, without the password or the secret, and changes nothing', async () => {
    await setClientUrl(OLD);
    const staticData: IDataObject = {};
    const error = await methods.create.call(hook(staticData, 'secret-seven-7777', 'wrong-setup-pw-99')).then(
      () => new Error('expected a failure'),
      (thrown: unknown) => thrown as NodeApiError,
    );
    expect(error).toBeInstanceOf(NodeApiError);
    expect(error.message).toMatch(/^Setting the On-Premises client's webhook URL: /);
    expect((error as NodeApiError).httpCode).toBe('401');
    const shown = `${error.message} ${String((error as NodeApiError).description)} ${JSON.stringify(error)}`;
    expect(shown).toMatch(/username and password/);
    expect(shown).not.toContain('wrong-setup-pw-99');
    expect(shown).not.toContain('secret-seven-7777');
    expect(await clientUrl()).toBe(OLD);
  });

  test('an http n8n URL is refused before anything changes, and the message shows the URL without the secret', async () => {
    await setClientUrl(OLD);
    const context = hookContext({
      parameters: { authentication: 'onPremisesApi', setupMode: 'automatic', events: ['messages'] },
      credentials: { whatsAppOnPremisesApi: { baseUrl: sandbox.url, username: 'admin', password: PASSWORD, readinessTimeout: 5, webhookSecret: 'secret-eight-8888', token: '' } },
      staticData: {},
      webhookUrl: 'http://localhost:5678/webhook/0f1e2d3c/webhook',
    });
    const error = await methods.create.call(context).then(
      () => new Error('expected a failure'),
      (thrown: unknown) => thrown as Error,
    );
    expect(error.message).toBe("The On-Premises client only posts to https URLs, and this workflow's URL is http://localhost:5678/webhook/0f1e2d3c/webhook");
    expect(JSON.stringify(error)).not.toContain('secret-eight-8888');
    expect(await clientUrl()).toBe(OLD);
  });
});

describe('isThisWebhook', () => {
  test('the same origin and path, whatever the query or user info', () => {
    expect(isThisWebhook(`${WEBHOOK}?token=a`, WEBHOOK)).toBe(true);
    expect(isThisWebhook('https://user:pw@n8n.example.com/webhook/0f1e2d3c/webhook', WEBHOOK)).toBe(true);
    expect(isThisWebhook('https://n8n.example.com/webhook/other/webhook', WEBHOOK)).toBe(false);
    expect(isThisWebhook('https://n8n.example.com:8443/webhook/0f1e2d3c/webhook', WEBHOOK)).toBe(false);
    expect(isThisWebhook(null, WEBHOOK)).toBe(false);
    expect(isThisWebhook('not a url', WEBHOOK)).toBe(false);
  });
});
