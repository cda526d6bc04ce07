import { spawn } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ConfigError, parseConfig, USAGE } from '../../mcp/src/config';
import { createRuntime, configurationNotices } from '../../mcp/src/runtime';
import { TOOL_NAMES } from '../../mcp/src/tools/index';

const parse = (env: Record<string, string>, argv: string[] = []) => parseConfig(argv, env, TOOL_NAMES);

/** The message of the ConfigError `env` causes (fails the test when there is none). */
function refusal(env: Record<string, string>, argv: string[] = []): string {
  try {
    parse(env, argv);
  } catch (error) {
    expect(error).toBeInstanceOf(ConfigError);
    return (error as Error).message;
  }
  throw new Error(`expected a configuration error for ${Object.keys(env).join(', ')}`);
}

const MATON = { WHATSAPP_PROVIDER: 'maton', MATON_API_KEY: 'CANARY-maton-key-aa11' };
const ONPREM = {
  WHATSAPP_PROVIDER: 'onprem',
  WHATSAPP_ONPREM_BASE_URL: 'https://wa.example.com:9090/v1',
  WHATSAPP_ONPREM_USERNAME: 'admin',
  WHATSAPP_ONPREM_PASSWORD: 'CANARY-onprem-pass-bb22',
};
const ITNIO = {
  WHATSAPP_PROVIDER: 'itnio',
  ITNIO_API_KEY: 'CANARYkeycc33',
  ITNIO_API_SECRET: 'CANARY-secret-dd44',
  ITNIO_APP_ID: 'DGziZf5u',
  ITNIO_BUSINESS_PHONE: '+91 85632 1412',
};
const CANARY = /CANARY/;

describe('WHATSAPP_PROVIDER and each provider\'s variables', () => {
  it('keeps the defaults: nothing configured is the embedded sandbox; cloud as before', () => {
    expect(parse({})).toMatchObject({ config: { provider: { kind: 'sandbox' }, webhookToken: null } });
    expect(parse({ WHATSAPP_PROVIDER: 'SANDBOX' })).toMatchObject({ config: { provider: { kind: 'sandbox' } } });
    expect(parse({ WHATSAPP_PROVIDER: 'cloud', WHATSAPP_ACCESS_TOKEN: 'EAAG-x' })).toMatchObject({ config: { provider: { kind: 'cloud', accessToken: 'EAAG-x' } } });
  });

  it('reads Maton: the key, the optional connection and addresses, and the Graph ids and version', () => {
    expect(parse({ ...MATON })).toMatchObject({ config: { provider: { kind: 'maton', apiKey: MATON.MATON_API_KEY, connectionId: undefined, gatewayUrl: undefined } } });
    const full = parse({
      ...MATON,
      MATON_CONNECTION_ID: '21fd90f9-5935-43cd-b6c8-bde9d915ca80',
      MATON_GATEWAY_URL: 'https://gateway.maton.ai',
      MATON_CONTROL_URL: 'https://ctrl.maton.ai',
      WHATSAPP_PHONE_NUMBER_ID: '106540352242922',
      WHATSAPP_WABA_ID: '102290129340398',
      WHATSAPP_API_VERSION: 'v21.0',
    });
    expect(full).toMatchObject({
      config: {
        provider: {
          kind: 'maton',
          connectionId: '21fd90f9-5935-43cd-b6c8-bde9d915ca80',
          gatewayUrl: 'https://gateway.maton.ai',
          controlUrl: 'https://ctrl.maton.ai',
          phoneNumberId: '106540352242922',
          wabaId: '102290129340398',
          apiVersion: 'v21.0',
        },
      },
    });
  });

  it('reads On-Premises, with WHATSAPP_ONPREM_INSECURE_TLS as true/false/1/0 only', () => {
    expect(parse({ ...ONPREM })).toMatchObject({ config: { provider: { kind: 'onprem', baseUrl: ONPREM.WHATSAPP_ONPREM_BASE_URL, username: 'admin', insecureTls: false } } });
    for (const [raw, value] of [['true', true], ['TRUE', true], ['1', true], ['false', false], ['0', false], [' False ', false]] as const) {
      expect(parse({ ...ONPREM, WHATSAPP_ONPREM_INSECURE_TLS: raw })).toMatchObject({ config: { provider: { insecureTls: value } } });
    }
    for (const raw of ['yes', 'on', '2', 'CANARY-not-a-boolean']) {
      const message = refusal({ ...ONPREM, WHATSAPP_ONPREM_INSECURE_TLS: raw });
      expect(message).toBe('WHATSAPP_ONPREM_INSECURE_TLS must be true, false, 1 or 0');
    }
    expect(parse({ ...ONPREM, WHATSAPP_ONPREM_TEMPLATE_NAMESPACE: 'c3a8f2e1_7d4b' })).toMatchObject({ config: { provider: { templateNamespace: 'c3a8f2e1_7d4b' } } });
  });

  it('reads ITNIO, normalizing the business phone to digits', () => {
    expect(parse({ ...ITNIO })).toMatchObject({ config: { provider: { kind: 'itnio', appId: 'DGziZf5u', businessPhone: '91856321412', baseUrl: undefined } } });
    expect(parse({ ...ITNIO, ITNIO_BASE_URL: 'https://api.itniotech.com' })).toMatchObject({ config: { provider: { baseUrl: 'https://api.itniotech.com' } } });
  });

  it.each([
    ['maton', { WHATSAPP_PROVIDER: 'maton' }, 'WHATSAPP_PROVIDER=maton needs MATON_API_KEY'],
    ['onprem', { WHATSAPP_PROVIDER: 'onprem' }, 'WHATSAPP_PROVIDER=onprem needs WHATSAPP_ONPREM_BASE_URL, WHATSAPP_ONPREM_USERNAME, WHATSAPP_ONPREM_PASSWORD'],
    ['onprem', { ...ONPREM, WHATSAPP_ONPREM_PASSWORD: '  ' }, 'WHATSAPP_PROVIDER=onprem needs WHATSAPP_ONPREM_PASSWORD'],
    ['itnio', { WHATSAPP_PROVIDER: 'itnio', ITNIO_API_KEY: 'CANARYk' }, 'WHATSAPP_PROVIDER=itnio needs ITNIO_API_SECRET, ITNIO_APP_ID, ITNIO_BUSINESS_PHONE'],
    ['itnio', { ...ITNIO, ITNIO_API_SECRET: '' }, 'WHATSAPP_PROVIDER=itnio needs ITNIO_API_SECRET'],
  ])('%s: names every missing variable', (_provider, env, expected) => {
    expect(refusal(env)).toBe(expected);
  });

  it.each([
    ['MATON_GATEWAY_URL', { ...MATON, MATON_GATEWAY_URL: 'gateway.maton.ai' }, /^MATON_GATEWAY_URL must be an absolute http\(s\) URL/],
    ['MATON_CONTROL_URL', { ...MATON, MATON_CONTROL_URL: 'ftp://ctrl.maton.ai' }, /^MATON_CONTROL_URL must be an http or https URL$/],
    ['WHATSAPP_BASE_URL with maton', { ...MATON, WHATSAPP_BASE_URL: 'https://graph.facebook.com' }, /^WHATSAPP_BASE_URL does not apply to Maton: set MATON_GATEWAY_URL/],
    ['WHATSAPP_ONPREM_BASE_URL', { ...ONPREM, WHATSAPP_ONPREM_BASE_URL: 'wa.example.com:9090' }, /^WHATSAPP_ONPREM_BASE_URL must be an (absolute http\(s\) URL|http or https URL)/],
    ['WHATSAPP_ONPREM_BASE_URL with credentials', { ...ONPREM, WHATSAPP_ONPREM_BASE_URL: 'https://admin:CANARY-in-url@wa.example.com/v1' }, /^WHATSAPP_ONPREM_BASE_URL must not carry a user name or password/],
    ['ITNIO_BUSINESS_PHONE', { ...ITNIO, ITNIO_BUSINESS_PHONE: 'CANARY' }, /^ITNIO_BUSINESS_PHONE .*country code/],
    ['ITNIO_APP_ID', { ...ITNIO, ITNIO_APP_ID: 'CANARY app id!' }, /^ITNIO_APP_ID must be letters and digits/],
    ['ITNIO_BASE_URL', { ...ITNIO, ITNIO_BASE_URL: 'not a url CANARY' }, /^ITNIO_BASE_URL must be an absolute http\(s\) URL/],
    ['WHATSAPP_PROVIDER (unknown name)', { WHATSAPP_PROVIDER: 'twilio' }, /^WHATSAPP_PROVIDER "twilio" is unknown: expected one of "sandbox", "cloud", "maton", "onprem", "itnio"$/],
    ['WHATSAPP_PROVIDER (a pasted secret)', { WHATSAPP_PROVIDER: 'CANARY-looks-like-a-key-123456' }, /^WHATSAPP_PROVIDER is unknown/],
  ])('an invalid %s names the variable and is never echoed', (_label, env, expected) => {
    const message = refusal(env as Record<string, string>);
    expect(message).toMatch(expected);
    expect(message).not.toMatch(CANARY);
  });

  it('never guesses: a provider\'s credential without WHATSAPP_PROVIDER (or with sandbox) is refused, naming the provider to set', () => {
    expect(refusal({ MATON_API_KEY: 'CANARY-m' })).toMatch(/^MATON_API_KEY is set but WHATSAPP_PROVIDER is not: set WHATSAPP_PROVIDER=maton/);
    expect(refusal({ WHATSAPP_ONPREM_PASSWORD: 'CANARY-p' })).toMatch(/WHATSAPP_PROVIDER=onprem/);
    expect(refusal({ WHATSAPP_ONPREM_BASE_URL: 'https://wa.example.com' })).toMatch(/WHATSAPP_PROVIDER=onprem/);
    expect(refusal({ ITNIO_API_SECRET: 'CANARY-s' })).toMatch(/WHATSAPP_PROVIDER=itnio/);
    expect(refusal({ WHATSAPP_PROVIDER: 'sandbox', ITNIO_API_KEY: 'CANARYk' })).toMatch(/^ITNIO_API_KEY is set but WHATSAPP_PROVIDER=sandbox/);
    const credentials: Record<string, string>[] = [{ MATON_API_KEY: 'CANARY-m' }, { WHATSAPP_ONPREM_PASSWORD: 'CANARY-p' }, { ITNIO_API_SECRET: 'CANARY-s' }];
    for (const env of credentials) expect(refusal(env)).not.toMatch(CANARY);
  });

  it('reads WHATSAPP_WEBHOOK_TOKEN: long enough and URL-safe, never echoed', () => {
    expect(parse({ ...ONPREM, WHATSAPP_WEBHOOK_TOKEN: 'a-long-enough-webhook-token' })).toMatchObject({ config: { webhookToken: 'a-long-enough-webhook-token' } });
    expect(refusal({ ...ONPREM, WHATSAPP_WEBHOOK_TOKEN: 'CANARY-short' })).toBe('WHATSAPP_WEBHOOK_TOKEN must be at least 16 characters');
    const unsafe = refusal({ ...ONPREM, WHATSAPP_WEBHOOK_TOKEN: 'CANARY token with spaces&more' });
    expect(unsafe).toMatch(/^WHATSAPP_WEBHOOK_TOKEN must use only letters, digits and - \. _ ~/);
    expect(unsafe).not.toMatch(CANARY);
  });

  it('documents every variable in --help', () => {
    for (const name of [
      'WHATSAPP_PROVIDER',
      'MATON_API_KEY',
      'MATON_CONNECTION_ID',
      'MATON_GATEWAY_URL',
      'MATON_CONTROL_URL',
      'WHATSAPP_ONPREM_BASE_URL',
      'WHATSAPP_ONPREM_USERNAME',
      'WHATSAPP_ONPREM_PASSWORD',
      'WHATSAPP_ONPREM_INSECURE_TLS',
      'WHATSAPP_ONPREM_TEMPLATE_NAMESPACE',
      'ITNIO_API_KEY',
      'ITNIO_API_SECRET',
      'ITNIO_APP_ID',
      'ITNIO_BUSINESS_PHONE',
      'ITNIO_BASE_URL',
      'WHATSAPP_WEBHOOK_TOKEN',
    ]) {
      expect(USAGE).toContain(name);
    }
    expect(USAGE).toMatch(/2025-10-23/);
  });
});

describe('what the server says about the provider set-up', () => {
  const notices = (env: Record<string, string>, argv: string[] = []) => {
    const outcome = parse(env, argv);
    if (outcome.kind !== 'config') throw new Error('expected a configuration');
    return configurationNotices(outcome.config).join('\n');
  };

  it('On-Premises: Meta stopped delivery on 2025-10-23; the webhook needs its token', () => {
    expect(notices({ ...ONPREM }, ['--http'])).toMatch(/Meta stopped delivering .* On-Premises numbers on 2025-10-23/);
    expect(notices({ ...ONPREM }, ['--http'])).toMatch(/\/webhook refuses onprem webhooks until WHATSAPP_WEBHOOK_TOKEN is set/);
    expect(notices({ ...ONPREM, WHATSAPP_WEBHOOK_TOKEN: 'a-long-enough-webhook-token' }, ['--http'])).not.toMatch(/refuses/);
  });

  it('variables that have no effect with the chosen provider are pointed out, not silently ignored', () => {
    expect(notices({ ...ITNIO, WHATSAPP_APP_SECRET: 'CANARY-app' })).toMatch(/WHATSAPP_APP_SECRET is not used with itnio/);
    expect(notices({ ...MATON, WHATSAPP_WEBHOOK_TOKEN: 'a-long-enough-webhook-token' })).toMatch(/WHATSAPP_WEBHOOK_TOKEN is not used with maton/);
    expect(notices({ ...MATON })).toBe('');
  });
});

describe('core\'s own configuration checks, reported with the variable names', () => {
  let dataDir: string;
  beforeEach(async () => {
    dataDir = await mkdtemp(join(tmpdir(), 'wa-mcp-config-'));
  });
  afterEach(async () => {
    await rm(dataDir, { recursive: true, force: true });
  });

  async function startFailure(env: Record<string, string>): Promise<Error> {
    const outcome = parse(env, ['--data-dir', dataDir]);
    if (outcome.kind !== 'config') throw new Error('expected a configuration');
    try {
      const runtime = await createRuntime(outcome.config, { log: () => undefined, auditSink: () => undefined });
      await runtime.close();
    } catch (error) {
      return error as Error;
    }
    throw new Error('expected the runtime to refuse the configuration');
  }

  it('a Maton connection id or API version core refuses names MATON_CONNECTION_ID / WHATSAPP_API_VERSION', async () => {
    const connection = await startFailure({ ...MATON, MATON_CONNECTION_ID: 'has spaces CANARY' });
    expect(connection).toBeInstanceOf(ConfigError);
    expect(connection.message).toMatch(/MATON_CONNECTION_ID: must be a Maton connection id/);
    expect(connection.message).not.toMatch(CANARY);
    const version = await startFailure({ ...MATON, WHATSAPP_API_VERSION: '23' });
    expect(version.message).toMatch(/WHATSAPP_API_VERSION: must look like v23\.0/);
  });
});

describe('the built server', () => {
  function run(env: Record<string, string>): Promise<{ code: number | null; stderr: string; stdout: string }> {
    const bin = join(__dirname, '..', '..', 'mcp', 'bin', 'whatsapp-business-mcp.js');
    return new Promise((resolve, reject) => {
      const child = spawn(process.execPath, [bin], { env: { PATH: process.env.PATH ?? '', HOME: tmpdir(), ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
      let stderr = '';
      let stdout = '';
      child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
      child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
      child.on('error', reject);
      child.on('close', (code) => resolve({ code, stderr, stdout }));
    });
  }

  it('exits with code 2 naming the missing variable, without echoing the secrets it was given', async () => {
    const result = await run({ WHATSAPP_PROVIDER: 'itnio', ITNIO_API_KEY: 'CANARYkey-exit', ITNIO_API_SECRET: 'CANARY-secret-exit' });
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(/configuration error: WHATSAPP_PROVIDER=itnio needs ITNIO_APP_ID, ITNIO_BUSINESS_PHONE/);
    expect(result.stderr).not.toMatch(CANARY);
    expect(result.stdout).toBe('');
  });
});
