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
        allowedRecipients: ['15550001111', '4915112345678'],
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

  it.each([
    [['--bogus'], /^unknown flag --bogus/],
    [['8089'], /^unexpected argument '8089'/],
    [['--port'], /^--port needs a value$/],
    [['--port', '--mps', '1'], /^--port needs a value$/],
    [['--port', 'eighty'], /^--port expects a whole number between 0 and 65535 \(got 'eighty'\)$/],
    [['--port', '70000'], /^--port expects a whole number/],
    [['--mps', '-1'], /^--mps expects a whole number/],
    [['--pair-rate', '1.5'], /^--pair-rate expects a whole number/],
    [['--status-delay', ''], /^--status-delay expects a whole number/],
    [['--approve-after', 'soon'], /^--approve-after expects a whole number/],
    [['--phone-number-id', 'abc'], /^--phone-number-id expects a numeric id/],
    [['--waba-id', '12a'], /^--waba-id expects a numeric id/],
    [['--allow', 'not-a-number'], /^--allow: 'not-a-number' must contain only digits/],
    [['--callback-url', 'ftp://x'], /^--callback-url expects an http\(s\) URL/],
    [['--token', ' '], /^--token must not be empty$/],
    [['--no-window=yes'], /^--no-window takes no value$/],
  ])('rejects %j naming the flag', (argv, message) => {
    const command = parseCliArgs(argv);
    expect(command.kind).toBe('error');
    if (command.kind === 'error') expect(command.message).toMatch(message);
  });

  it('exits with code 2 and a clear message on bad flags', async () => {
    const io = capture();
    expect(await runCli(['--mps', 'fast'], io)).toEqual({ exitCode: 2 });
    expect(io.stderr).toBe("whatsapp-sandbox: --mps expects a whole number between 0 and 9007199254740991 (got 'fast')\n");
  });

  it('exits with code 2 when options contradict each other', async () => {
    const io = capture();
    expect(await runCli(['--port', '0', '--phone-number-id', '5', '--waba-id', '5'], io)).toEqual({ exitCode: 2 });
    expect(io.stderr).toMatch(/phoneNumberId and wabaId must differ/);
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
