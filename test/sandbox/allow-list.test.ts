import { startSandbox, type RunningSandbox } from 'whatsapp-sandbox';
import { expectGraphError, SandboxClient, textMessage } from './helpers/client';

describe('allowedRecipients (test-number allow-list)', () => {
  let sandbox: RunningSandbox;
  let client: SandboxClient;

  beforeAll(async () => {
    sandbox = await startSandbox({ port: 0, window: false, allowedRecipients: ['+1 555 111 2222', '4915112345678'] });
    client = new SandboxClient(sandbox);
  });
  afterAll(() => sandbox.close());

  it('accepts recipients on the list, however the number is written', async () => {
    expect((await client.send(textMessage('15551112222'))).status).toBe(200);
    expect((await client.send(textMessage('+49 151 12345678'))).status).toBe(200);
  });

  it('rejects anyone else synchronously with 131030', async () => {
    const error = expectGraphError(
      await client.send(textMessage('15559998888')),
      131030,
      'Recipient phone number not in allowed list: Add recipient phone number to recipient list and try again.',
    );
    expect(error.message).toBe('(#131030) Recipient phone number not in allowed list');
  });

  it('applies to templates too, and records nothing for rejected sends', async () => {
    const reply = await client.send({ messaging_product: 'whatsapp', to: '15559998888', type: 'template', template: { name: 'hello_world', language: { code: 'en_US' } } });
    expectGraphError(reply, 131030);
    const log = await client.control('GET', 'messages?to=15559998888');
    expect((log.body as { data: unknown[] }).data).toEqual([]);
  });

  it('refuses an allow-list entry that is not a phone number', async () => {
    await expect(startSandbox({ port: 0, allowedRecipients: ['not-a-number'] })).rejects.toThrow(/allowedRecipients: 'not-a-number'/);
  });
});
