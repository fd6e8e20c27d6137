import { parseArgs, type ParseArgsConfig } from 'node:util';
import { UsageError } from './errors';

/** Options of `parseArgs` as this CLI declares them. */
export type OptionSpecs = NonNullable<ParseArgsConfig['options']>;

/** Options every command accepts: where the API is, the key, and help. */
export const COMMON_OPTIONS = {
  url: { type: 'string' },
  'api-key': { type: 'string' },
  help: { type: 'boolean', short: 'h' },
} as const satisfies OptionSpecs;

/** The parsed command line of one command. */
export interface ParsedArgs {
  /** Option values by long name (strings, booleans, or arrays for `multiple`). */
  readonly values: Readonly<Record<string, string | boolean | (string | boolean)[] | undefined>>;
  /** Positional arguments. */
  readonly positionals: readonly string[];
}

/**
 * Parses `argv` strictly against the command's options plus {@link COMMON_OPTIONS}.
 * @throws UsageError on an unknown flag, a missing value, or a wrong number of positionals.
 */
export function parseCommandArgs(argv: readonly string[], options: OptionSpecs, positionals: { min: number; max: number }): ParsedArgs {
  let parsed: ParsedArgs;
  try {
    parsed = parseArgs({ args: [...argv], options: { ...COMMON_OPTIONS, ...options }, allowPositionals: true, strict: true });
  } catch (error) {
    throw new UsageError(describeParseError(error));
  }
  if (parsed.values.help === true) return parsed;
  if (parsed.positionals.length < positionals.min) throw new UsageError(`missing argument (expected ${positionals.min}, got ${parsed.positionals.length})`);
  if (parsed.positionals.length > positionals.max) throw new UsageError(`unexpected argument "${parsed.positionals[positionals.max]}"`);
  return parsed;
}

/** Node's parseArgs messages, shortened to what a user needs. */
function describeParseError(error: unknown): string {
  const message = error instanceof Error ? error.message : String(error);
  const unknown = /Unknown option '([^']+)'/.exec(message);
  if (unknown?.[1]) return `unknown option ${unknown[1]}`;
  const missing = /Option '([^']+?)(?: <value>)?' argument missing/.exec(message);
  if (missing?.[1]) return `option ${missing[1].replace(/^-\w, /, '')} needs a value`;
  return message.split('\n')[0] ?? message;
}

/** A string option's value, if given. */
export function stringOption(args: ParsedArgs, name: string): string | undefined {
  const value = args.values[name];
  return typeof value === 'string' ? value : undefined;
}

/** The values of a repeatable string option. */
export function stringListOption(args: ParsedArgs, name: string): string[] {
  const value = args.values[name];
  if (value === undefined) return [];
  return (Array.isArray(value) ? value : [value]).filter((item): item is string => typeof item === 'string');
}

/** The positional at `index` (the caller declared it required). */
export function positional(args: ParsedArgs, index: number): string {
  const value = args.positionals[index];
  if (value === undefined) throw new UsageError(`missing argument ${index + 1}`);
  return value;
}
