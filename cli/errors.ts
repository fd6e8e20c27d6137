import { EXIT_FAILURE, EXIT_USAGE } from './io';

/** The command line could not be understood: printed with a hint to `--help`, exit 2. */
export class UsageError extends Error {
  /** Exit code of a usage error. */
  readonly exitCode = EXIT_USAGE;
  constructor(message: string) {
    super(message);
    this.name = 'UsageError';
  }
}

/** A command failed for a reason already worded for the user (lines printed to stderr), exit 1. */
export class CommandFailure extends Error {
  /** Exit code of a failure. */
  readonly exitCode = EXIT_FAILURE;
  /** The lines to print, first one being the summary. */
  readonly lines: readonly string[];
  constructor(lines: readonly string[]) {
    super(lines[0] ?? 'failed');
    this.name = 'CommandFailure';
    this.lines = lines;
  }
}
