import type { SandboxOptions } from './options';

export type OptionName = Exclude<keyof SandboxOptions, 'log'>;

/** Spells an option's name for whoever reads the error: `port` in-process, `--port` on the CLI. */
export type OptionNamer = (option: OptionName) => string;

/**
 * An option value the sandbox cannot work with. The rule is written once, against a namer, so the
 * CLI reports it with its flag names instead of keeping a second copy of every check.
 */
export class OptionError extends RangeError {
  constructor(readonly describe: (name: OptionNamer) => string) {
    super(describe((option) => option));
    this.name = 'OptionError';
  }
}
