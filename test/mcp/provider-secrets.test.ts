/**
 * The MCP server's second lock (the scrubber over every tool result, audit line and log
 * notification) must know each credential in every form it travels in, not only as configured.
 */
import { createSecretScrubber } from '../../mcp/src/policy/redact';
import { providerSecrets } from '../../mcp/src/provider-setup';

describe('providerSecrets', () => {
  it('On-Premises: the password and the base64 of user:password that the login sends', () => {
    const settings = { kind: 'onprem', baseUrl: 'https://wa.example.com:9090/v1', username: 'admin', password: 'CANARY-onprem-pass', insecureTls: false } as const;
    const basic = Buffer.from('admin:CANARY-onprem-pass', 'utf8').toString('base64');
    const scrub = createSecretScrubber(providerSecrets(settings));
    const text = scrub(`{"details":"Authorization: Basic ${basic}","bare":"${basic}","password":"CANARY-onprem-pass"}`);
    expect(text).not.toContain(basic);
    expect(text).not.toContain('CANARY');
    expect(text).toContain('[redacted]');
  });

  it('Maton and ITNIO: the key, and the key and secret', () => {
    expect(providerSecrets({ kind: 'maton', apiKey: 'CANARY-maton-key' })).toEqual(['CANARY-maton-key']);
    expect(providerSecrets({ kind: 'itnio', apiKey: 'CANARYkey', apiSecret: 'CANARY-secret', appId: 'DGziZf5u', businessPhone: '91856321412' })).toEqual([
      'CANARYkey',
      'CANARY-secret',
    ]);
  });
});
