import { startSandbox } from 'whatsapp-sandbox';
import { runCli, type CliIo } from '../../sandbox/cli';
import { parseCliArgs } from '../../sandbox/cli/parse-args';

function capture(): CliIo & { stdout: string; stderr: string; stop: (() => void) | null } {
  const io = {
    stdout: '',
    stderr: '',
    stop: null as (() => void) | null,
    out(text: string) {
      io.stdout += text;
    },
    err(text: string) {
      io.stderr += text;
    },
    onStopSignal(stop: () => void) {
      io.stop = stop;
    },
  };
  return io;
}

describe('whatsapp-sandbox CLI', () => {
  it('defaults to port 8089', () => {
    expect(parseCliArgs([])).toEqual({ kind: 'run', options: { port: 8089 } });
  });

  it('--public-host sets the extra host name the control API answers to', () => {
    expect(parseCliArgs(['--public-host', 'sandbox'])).toEqual({ kind: 'run', options: { port: 8089, publicHost: 'sandbox' } });
  });

  it('parses every flag, in --flag value and --flag=value forms', () => {
    const command = parseCliArgs([
      '--port=9000',
      '--host', '0.0.0.0',
      '--token', 'tok',
      '--phone-number-id', '111',
      '--waba-id=222',
      '--no-window',
      '--allow', '+1 555 000 1111, 4915112345678',
      '--approve-after', '500',
      '--callback-url', 'https://example.com/hook',
      '--app-secret', 's3cret',
      '--verify-token', 'vt',
      '--mps', '10',
      '--pair-rate', '0',
      '--status-delay', '250',
    ]);
    expect(command).toEqual({
      kind: 'run',
      options: {
        port: 9000,
        host: '0.0.0.0',
        token: 'tok',
        phoneNumberId: '111',
        wabaId: '222',
        window: false,
        allowedRecipients: ['+1 555 000 1111', '4915112345678'],
        approveAfterMs: 500,
        callbackUrl: 'https://example.com/hook',
        appSecret: 's3cret',
        verifyToken: 'vt',
        mps: 10,
        pairRate: 0,
        statusDelayMs: 250,
      },
    });
  });

  it('only parses: values that are numbers but out of range reach the options check unchanged', () => {
    expect(parseCliArgs(['--port', '70000', '--mps=-1', '--pair-rate', '1.5', '--token', ' ', '--phone-number-id', 'abc'])).toEqual({
      kind: 'run',
      options: { port: 70000, mps: -1, pairRate: 1.5, token: ' ', phoneNumberId: 'abc' },
    });
  });

  it.each([
    [['--bogus'], /^unknown flag --bogus/],
    [['8089'], /^unexpected argument '8089'/],
    [['--port'], /^--port needs a value$/],
    [['--port', '--mps', '1'], /^--port needs a value$/],
    [['--status-delay', ''], /^--status-delay needs a value$/],
    [['--app-secret='], /^--app-secret needs a value$/],
    [['--port', 'eighty'], /^--port expects a number \(got 'eighty'\)$/],
    [['--approve-after', 'soon'], /^--approve-after expects a number \(got 'soon'\)$/],
    [['--allow', ' , '], /^--allow expects comma-separated phone numbers$/],
    [['--no-window=yes'], /^--no-window takes no value$/],
  ])('rejects the syntax of %j naming the flag', (argv, message) => {
    const command = parseCliArgs(argv);
    expect(command.kind).toBe('error');
    if (command.kind === 'error') expect(command.message).toMatch(message);
  });

  it('exits with code 2 and a clear message on bad flags', async () => {
    const io = capture();
    expect(await runCli(['--mps', 'fast'], io)).toEqual({ exitCode: 2 });
    expect(io.stderr).toBe("whatsapp-sandbox: --mps expects a number (got 'fast')\n");
  });

  it.each([
    [['--port', '70000'], 'whatsapp-sandbox: --port must be a whole number between 0 and 65535 (got 70000)\n'],
    [['--mps', '-1'], 'whatsapp-sandbox: --mps must be a whole number between 0 and 9007199254740991 (got -1)\n'],
    [['--pair-rate', '1.5'], 'whatsapp-sandbox: --pair-rate must be a whole number between 0 and 9007199254740991 (got 1.5)\n'],
    [['--phone-number-id', 'abc'], "whatsapp-sandbox: --phone-number-id must be a numeric id like 100000000000001 (got 'abc')\n"],
    [['--waba-id', '12a'], "whatsapp-sandbox: --waba-id must be a numeric id like 100000000000001 (got '12a')\n"],
    [['--allow', 'not-a-number'], /^whatsapp-sandbox: --allow: 'not-a-number' must contain only digits/],
    [['--callback-url', 'ftp://x'], "whatsapp-sandbox: --callback-url must be an http or https URL (got 'ftp://x')\n"],
    [['--token', ' '], 'whatsapp-sandbox: --token must not be empty\n'],
    [['--phone-number-id', '5', '--waba-id', '5'], 'whatsapp-sandbox: --phone-number-id and --waba-id must differ\n'],
  ])('exits with code 2 when the options check refuses %j, naming the flag', async (argv, message) => {
    const io = capture();
    expect(await runCli(['--port', '0', ...argv], io)).toEqual({ exitCode: 2 });
    if (typeof message === 'string') expect(io.stderr).toBe(message);
    else expect(io.stderr).toMatch(message);
    expect(io.stdout).toBe('');
  });

  it('names options in-process, and flags on the command line, from the same rule', async () => {
    const outOfRange = startSandbox({ port: 70000 });
    await expect(outOfRange).rejects.toBeInstanceOf(RangeError);
    await expect(outOfRange).rejects.toThrow('port must be a whole number between 0 and 65535 (got 70000)');
    await expect(startSandbox({ phoneNumberId: '5', wabaId: '5' })).rejects.toThrow('phoneNumberId and wabaId must differ');
  });

  it('prints usage for --help and exits 0', async () => {
    const io = capture();
    expect(await runCli(['--help'], io)).toEqual({ exitCode: 0 });
    expect(io.stdout).toMatch(/^Usage: whatsapp-sandbox/);
    for (const flag of ['--port', '--no-window', '--allow', '--approve-after', '--callback-url', '--app-secret', '--mps', '--pair-rate', '--status-delay']) {
      expect(io.stdout).toContain(flag);
    }
  });

  it('starts, prints the connection details and a curl example without the app secret, and stops on a signal', async () => {
    const io = capture();
    const outcome = await runCli(['--port', '0', '--app-secret', 'top-secret', '--callback-url', 'http://127.0.0.1:9/hook'], io);
    if (!('sandbox' in outcome)) throw new Error('the CLI did not start');
    try {
      expect(io.stdout).toContain(`listening on ${outcome.sandbox.url}`);
      expect(io.stdout).toContain('sandbox-token');
      expect(io.stdout).toContain('100000000000001');
      expect(io.stdout).toContain('200000000000001');
      expect(io.stdout).toContain('sandbox-verify-token');
      expect(io.stdout).toContain(`curl -s -X POST ${outcome.sandbox.url}/v23.0/100000000000001/messages`);
      expect(io.stdout).not.toContain('top-secret');
      const reply = await fetch(`${outcome.sandbox.url}/v23.0/100000000000001`, { headers: { Authorization: 'Bearer sandbox-token' } });
      expect(reply.status).toBe(200);
      const requestLog = io.stdout.split('\n').filter((line) => line.includes(' -> '));
      expect(requestLog).toEqual([expect.stringMatching(/GET \/v23\.0\/100000000000001 -> 200/)]);
      expect(requestLog[0]).not.toContain('sandbox-token');
    } finally {
      io.stop?.();
      await outcome.sandbox.close();
    }
    expect(io.stdout).toContain('WhatsApp Sandbox stopped.');
  });

  it('exits with code 1 when the port is taken', async () => {
    const first = capture();
    const running = await runCli(['--port', '0'], first);
    if (!('sandbox' in running)) throw new Error('the CLI did not start');
    try {
      const second = capture();
      expect(await runCli(['--port', String(running.sandbox.port)], second)).toEqual({ exitCode: 1 });
      expect(second.stderr).toMatch(/port \d+ is already in use/);
    } finally {
      await running.sandbox.close();
    }
  });
});

describe('whatsapp-sandbox CLI flavors', () => {
  it('parses the provider-flavor flags', () => {
    const command = parseCliArgs([
      '--flavor', 'onprem',
      '--username', 'admin',
      '--password=pw',
      '--startup-delay-ms', '1500',
      '--login-ttl-ms', '60000',
      '--api-key', 'k',
      '--api-secret', 's',
      '--timestamp-tolerance-s', '30',
      '--gateway-rps', '5',
      '--connection-id', 'conn-1',
      '--tls-cert', '/tmp/c.pem',
      '--tls-key', '/tmp/k.pem',
    ]);
    expect(command).toEqual({
      kind: 'run',
      options: {
        port: 8089,
        flavor: 'onprem',
        username: 'admin',
        password: 'pw',
        startupDelayMs: 1500,
        loginTtlMs: 60000,
        apiKey: 'k',
        apiSecret: 's',
        timestampToleranceS: 30,
        gatewayRps: 5,
        connectionId: 'conn-1',
        tlsCert: '/tmp/c.pem',
        tlsKey: '/tmp/k.pem',
      },
    });
  });

  it('an unknown flavor exits 2 naming --flavor and the choices', async () => {
    const io = capture();
    const outcome = await runCli(['--port', '0', '--flavor', 'graph'], io);
    expect(outcome).toEqual({ exitCode: 2 });
    expect(io.stderr).toBe("whatsapp-sandbox: --flavor must be one of cloud, maton, onprem, itnio (got 'graph')\n");
  });

  it('--tls-cert without --tls-key exits 2 naming both flags', async () => {
    const io = capture();
    const outcome = await runCli(['--port', '0', '--tls-cert', '/nonexistent.pem'], io);
    expect(outcome).toEqual({ exitCode: 2 });
    expect(io.stderr).toContain('--tls-cert and --tls-key must be given together');
  });

  it.each([
    ['maton', /Maton gateway flavor\) listening on http:\/\/127\.0\.0\.1:\d+/],
    ['onprem', /listening on http:\/\/127\.0\.0\.1:\d+/],
    ['itnio', /ITNIO flavor\) listening on http:\/\/127\.0\.0\.1:\d+/],
  ])('--flavor %s prints that flavor\'s banner and serves its API', async (flavor, banner) => {
    const io = capture();
    const outcome = await runCli(['--port', '0', '--flavor', flavor], io);
    if (!('sandbox' in outcome)) throw new Error(`expected a running sandbox, got ${JSON.stringify(outcome)}: ${io.stderr}`);
    try {
      expect(io.stdout).toMatch(banner);
      expect(io.stdout).toContain('Press Ctrl+C to stop.');
      // The ITNIO secret is never shown (the local defaults of the other flavors are, like the Cloud token).
      expect(io.stdout).not.toContain('sandbox-api-secret');
    } finally {
      await outcome.sandbox.close();
    }
  });
});
