import type { ApiClient } from './api-client';
import type { OptionSpecs, ParsedArgs } from './args';
import type { CliIo } from './io';

/** Name the CLI calls itself in help and messages. */
export const PROGRAM = 'channel-lab';
/** How the CLI is run from the repository. */
export const INVOCATION = 'npm run cli --';

/** Help lines shared by every command that talks to the API. */
export const CONNECTION_HELP = [
  '  --url <url>          API base URL (default: $CHANNEL_LAB_URL, else http://127.0.0.1:3000)',
  '  --api-key <key>      API key sent as x-api-key (default: $CHANNEL_LAB_API_KEY)',
  '  -h, --help           this help',
];

/** What a command receives. */
export interface CommandContext {
  /** The command's parsed arguments. */
  readonly args: ParsedArgs;
  /** Output and environment. */
  readonly io: CliIo;
  /** The API client for `--url`/`--api-key` and the environment. */
  readonly client: () => ApiClient;
}

/** One command of the CLI. */
export interface Command {
  /** Name as typed, e.g. `apply`. */
  readonly name: string;
  /** One line for the command list. */
  readonly summary: string;
  /** Full help text (usage, description, options). */
  readonly help: string;
  /** Options besides the common ones. */
  readonly options: OptionSpecs;
  /** How many positional arguments it takes. */
  readonly positionals: { readonly min: number; readonly max: number };
  /** Runs it; resolves to the exit code. */
  run(context: CommandContext): Promise<number>;
}

/** Builds a command's help text from its usage line, description and option lines. */
export function helpText(usage: string, description: readonly string[], options: readonly string[] = []): string {
  return [`Usage: ${INVOCATION} ${usage}`, '', ...description, '', 'Options:', ...options, ...CONNECTION_HELP, ''].join('\n');
}
