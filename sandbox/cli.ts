import { startupBanner } from './cli/banner';
import { flagFor, parseCliArgs } from './cli/parse-args';
import { USAGE } from './cli/usage';
import { OptionError } from './runtime/option-error';
import { startSandbox, type RunningSandbox } from './runtime/start-sandbox';

/** Where the CLI writes and how it learns it should stop; injectable for tests. */
export interface CliIo {
  out(text: string): void;
  err(text: string): void;
  onStopSignal(stop: () => void): void;
}

export type CliOutcome = { exitCode: number } | { sandbox: RunningSandbox };

/** Exit code 2 for usage errors and unusable values (named by flag), 1 when the sandbox cannot start. */
export async function runCli(argv: readonly string[], io: CliIo): Promise<CliOutcome> {
  const command = parseCliArgs(argv);
  if (command.kind === 'help') {
    io.out(USAGE);
    return { exitCode: 0 };
  }
  if (command.kind === 'error') {
    io.err(`whatsapp-sandbox: ${command.message}\n`);
    return { exitCode: 2 };
  }
  let sandbox: RunningSandbox;
  try {
    sandbox = await startSandbox({ ...command.options, log: (line) => io.out(`${new Date().toISOString()} ${line}\n`) });
  } catch (error) {
    if (error instanceof OptionError) {
      io.err(`whatsapp-sandbox: ${error.describe(flagFor)}\n`);
      return { exitCode: 2 };
    }
    const inUse = typeof error === 'object' && error !== null && 'code' in error && error.code === 'EADDRINUSE';
    const reason = inUse ? `port ${command.options.port} is already in use (choose another with --port)` : String(error);
    io.err(`whatsapp-sandbox: cannot start: ${reason}\n`);
    return { exitCode: 1 };
  }
  io.out(startupBanner(sandbox, command.options));
  io.onStopSignal(() => {
    void sandbox.close().then(() => io.out('WhatsApp Sandbox stopped.\n'));
  });
  return { sandbox };
}

export async function main(argv: string[]): Promise<void> {
  const outcome = await runCli(argv, {
    out: (text) => process.stdout.write(text),
    err: (text) => process.stderr.write(text),
    onStopSignal: (stop) => {
      process.once('SIGINT', stop);
      process.once('SIGTERM', stop);
    },
  });
  if ('exitCode' in outcome) process.exitCode = outcome.exitCode;
}
