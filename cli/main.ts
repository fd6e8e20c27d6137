import { isEntryPoint } from './entry-point';
import { ApiError, clientFrom } from './api-client';
import { parseCommandArgs, stringOption } from './args';
import { applyCommand } from './commands/apply';
import { lifecycleCommands } from './commands/lifecycle';
import { journeysCommand } from './commands/journeys';
import { listCommand } from './commands/list';
import { pendingCommand } from './commands/pending';
import { resultsCommand } from './commands/results';
import { sendCommand } from './commands/send';
import { eventsCommand } from './commands/events';
import { simulateCommand } from './commands/simulate';
import { validateCommand } from './commands/validate';
import { type Command, INVOCATION, PROGRAM } from './command';
import { CommandFailure, UsageError } from './errors';
import { formatApiError } from './format';
import { type CliIo, EXIT_FAILURE, EXIT_OK, EXIT_USAGE, writeLine } from './io';

/** Every command, in the order of the help. */
export const COMMANDS: readonly Command[] = [validateCommand, applyCommand, ...lifecycleCommands, listCommand, resultsCommand, sendCommand, eventsCommand, journeysCommand, pendingCommand, simulateCommand];
/** Words that ask for the general help. */
const HELP_WORDS = new Set(['--help', '-h', 'help']);

/** The general help: what the CLI does and its commands. */
export function generalHelp(): string {
  const width = Math.max(...COMMANDS.map((command) => command.name.length));
  return [
    `Usage: ${INVOCATION} <command> [options]`,
    '',
    'Channel Lab from the command line: keep experiment definitions in YAML files, apply them to',
    'the API, run them and read their results.',
    '',
    'Commands:',
    ...COMMANDS.map((command) => `  ${command.name.padEnd(width)}  ${command.summary}`),
    '',
    `Run "${INVOCATION} <command> --help" for a command's options.`,
    '',
  ].join('\n');
}

function usageFailure(io: CliIo, message: string, command?: string): number {
  writeLine(io.stderr, `${PROGRAM}${command === undefined ? '' : ` ${command}`}: ${message}`);
  writeLine(io.stderr, `see "${INVOCATION} ${command === undefined ? '' : `${command} `}--help"`);
  return EXIT_USAGE;
}

/**
 * Runs the CLI on `argv` (without node and the script) and resolves to its exit code: 0 done,
 * 1 failed (invalid file, API error), 2 command line not understood. Never exits the process.
 */
export async function run(argv: readonly string[], io: CliIo): Promise<number> {
  const [name, ...rest] = argv;
  if (name === undefined) {
    io.stderr.write(generalHelp());
    return EXIT_USAGE;
  }
  if (HELP_WORDS.has(name)) {
    const topic = rest[0] === undefined ? undefined : COMMANDS.find((command) => command.name === rest[0]);
    io.stdout.write(topic?.help ?? generalHelp());
    return EXIT_OK;
  }
  const command = COMMANDS.find((candidate) => candidate.name === name);
  if (command === undefined) return usageFailure(io, `unknown command "${name}" (commands: ${COMMANDS.map((candidate) => candidate.name).join(', ')})`);
  try {
    const args = parseCommandArgs(rest, command.options, command.positionals);
    if (args.values.help === true) {
      io.stdout.write(command.help);
      return EXIT_OK;
    }
    const url = stringOption(args, 'url');
    const apiKey = stringOption(args, 'api-key');
    const client = () => clientFrom({ ...(url === undefined ? {} : { url }), ...(apiKey === undefined ? {} : { apiKey }) }, io.env);
    return await command.run({ args, io, client });
  } catch (error) {
    if (error instanceof UsageError) return usageFailure(io, error.message, command.name);
    if (error instanceof CommandFailure) {
      for (const line of error.lines) writeLine(io.stderr, line);
      return EXIT_FAILURE;
    }
    if (error instanceof ApiError) {
      for (const line of formatApiError(error)) writeLine(io.stderr, line);
      return EXIT_FAILURE;
    }
    writeLine(io.stderr, `${PROGRAM} ${command.name}: ${error instanceof Error ? error.message : String(error)}`);
    return EXIT_FAILURE;
  }
}

if (isEntryPoint(import.meta.url)) {
  process.exitCode = await run(process.argv.slice(2), { stdout: process.stdout, stderr: process.stderr, env: process.env });
}
