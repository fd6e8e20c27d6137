import { execFile } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { parseCommandArgs } from '../../cli/args';
import { UsageError } from '../../cli/errors';
import { EXIT_OK, EXIT_USAGE } from '../../cli/io';
import { COMMANDS } from '../../cli/main';
import { parseVariables } from '../../cli/commands/send';
import { runCli } from './cli-harness';

const REPO_ROOT = fileURLToPath(new URL('../..', import.meta.url));

describe('argument parsing', () => {
  it.each([
    { name: 'unknown flag', argv: ['--verbose'], message: 'unknown option --verbose' },
    { name: 'flag without its value', argv: ['x', '--url'], message: 'option --url needs a value' },
    { name: 'missing positional', argv: [], message: 'missing argument' },
    { name: 'extra positional', argv: ['a', 'b'], message: 'unexpected argument "b"' },
  ])('$name → UsageError', ({ argv, message }) => {
    expect(() => parseCommandArgs(argv, {}, { min: 1, max: 1 })).toThrow(UsageError);
    expect(() => parseCommandArgs(argv, {}, { min: 1, max: 1 })).toThrow(message);
  });

  it('--help needs no positional', () => {
    expect(parseCommandArgs(['--help'], {}, { min: 1, max: 1 }).values.help).toBe(true);
  });

  it('reads --var name=value pairs, values may contain =', () => {
    expect(parseVariables(['firstName=Ana', 'url=https://x.test/?a=b'])).toEqual({ firstName: 'Ana', url: 'https://x.test/?a=b' });
    expect(() => parseVariables(['=x'])).toThrow(UsageError);
    expect(() => parseVariables(['noequals'])).toThrow('--var expects name=value');
  });
});

describe('the command line', () => {
  it.each([
    { name: 'no command', argv: [], stderr: /Usage:/ },
    { name: 'unknown command', argv: ['deploy'], stderr: /unknown command "deploy"/ },
    { name: 'unknown flag', argv: ['list', '--colour', 'red'], stderr: /channel-lab list: unknown option --colour/ },
    { name: 'missing argument', argv: ['start'], stderr: /channel-lab start: missing argument/ },
    { name: 'send without --customer', argv: ['send', 'exp-1'], stderr: /give either --customer <id> or --file <recipients.csv>/ },
    { name: 'bad --var', argv: ['send', 'exp-1', '--customer', 'c', '--var', 'oops'], stderr: /--var expects name=value/ },
    { name: 'unknown results format', argv: ['results', 'exp-1', '--format', 'xml'], stderr: /--format must be one of table, csv/ },
  ])('$name → exit 2 with a clear message', async ({ argv, stderr }) => {
    const result = await runCli(argv);
    expect(result.code).toBe(EXIT_USAGE);
    expect(result.stderr).toMatch(stderr);
  });

  it.each(COMMANDS.map((command) => command.name))('%s --help prints its usage, exit 0', async (name) => {
    const result = await runCli([name, '--help']);
    expect(result.code).toBe(EXIT_OK);
    expect(result.stdout).toContain(`Usage: npm run cli -- ${name}`);
    expect(result.stdout).toContain('--api-key');
  });

  it('an unreachable API is a failure (exit 1) that says where it looked', async () => {
    const result = await runCli(['list'], { CHANNEL_LAB_URL: 'http://127.0.0.1:9' });
    expect(result.code).toBe(1);
    expect(result.stderr).toContain('cannot reach the API at http://127.0.0.1:9');
  });

  it('runs as a program: npx tsx cli/main.ts --help', async () => {
    const { stdout } = await promisify(execFile)('npx', ['tsx', 'cli/main.ts', '--help'], { cwd: REPO_ROOT });
    expect(stdout).toContain('Usage: npm run cli -- <command>');
    expect(stdout).toContain('apply');
  });
});
