import type { SendOutcomeResponse } from '../../shared/contracts/sends';
import { MAX_BATCH_RECIPIENTS } from '../../shared/domain/sends/send-request';
import { positional, type ParsedArgs, stringListOption, stringOption } from '../args';
import { type Command, type CommandContext, helpText } from '../command';
import { CsvError, parseCsv } from '../csv';
import { readDefinitionFile } from '../definition-file';
import { CommandFailure, UsageError } from '../errors';
import { EXIT_FAILURE, EXIT_OK, writeLine } from '../io';
import { batches, countsLine, ProgressBar } from '../progress';
import { recipientFromRow, unknownColumns } from '../recipients-file';

/** Fields of a send's answer printed, in order. */
const PRINTED_FIELDS = ['assignmentId', 'segment', 'channel', 'propensity', 'status', 'reason', 'message'] as const;

/** Turns `--var k=v` values into a record. */
export function parseVariables(pairs: readonly string[]): Record<string, string> {
  const variables: Record<string, string> = {};
  for (const pair of pairs) {
    const separator = pair.indexOf('=');
    if (separator < 1) throw new UsageError(`--var expects name=value, got "${pair}"`);
    variables[pair.slice(0, separator)] = pair.slice(separator + 1);
  }
  return variables;
}

/** A positive whole number option, at most `max`. */
export function batchSizeOption(args: ParsedArgs, max: number): number {
  const text = stringOption(args, 'batch-size');
  if (text === undefined) return max;
  const value = Number(text);
  if (!Number.isInteger(value) || value < 1 || value > max) throw new UsageError(`--batch-size must be a whole number from 1 to ${max}`);
  return value;
}


async function sendFile(context: CommandContext, experimentId: string, path: string): Promise<number> {
  const { args, io, client } = context;
  const file = await readDefinitionFile(path, io);
  let parsed: ReturnType<typeof parseCsv>;
  try {
    parsed = parseCsv(file.text);
  } catch (error) {
    if (error instanceof CsvError) throw new CommandFailure([`${path}:${error.line}: ${error.message}`]);
    throw error;
  }
  const unknown = unknownColumns(parsed.header);
  if (unknown.length > 0) {
    throw new CommandFailure([`${path}:1: unknown column${unknown.length === 1 ? '' : 's'} ${unknown.join(', ')}`, 'columns: customerId, email, phone, pushEndpointArn, timezone, consents, attributes.<name>, variables.<name>']);
  }
  const common = { variables: parseVariables(stringListOption(args, 'var')), saveCustomer: args.values['save-customers'] === true };
  const problems: string[] = [];
  const rows: { line: number; recipient: Record<string, unknown> }[] = [];
  for (const row of parsed.rows) {
    const read = recipientFromRow(row, common);
    if (read.ok) rows.push({ line: row.line, recipient: read.recipient });
    else problems.push(`${path}:${row.line}: ${read.message}`);
  }
  if (problems.length > 0) throw new CommandFailure([`${problems.length} row${problems.length === 1 ? '' : 's'} cannot be sent; nothing was sent:`, ...problems.map((problem) => `  ${problem}`)]);
  const api = client();
  const progress = new ProgressBar(io.stderr, rows.length, 'sending');
  const counts: Record<string, number> = {};
  const notes: string[] = [];
  let done = 0;
  for (const batch of batches(rows, batchSizeOption(args, MAX_BATCH_RECIPIENTS))) {
    const { body } = await api.request<{ results: SendOutcomeResponse[] }>('POST', `/v1/experiments/${encodeURIComponent(experimentId)}/sends`, { body: { recipients: batch.map((row) => row.recipient) } });
    body.results.forEach((result, index) => {
      counts[result.status] = (counts[result.status] ?? 0) + 1;
      const line = batch[index]?.line;
      if (result.status === 'rejected') notes.push(`${path}:${line}: rejected: ${result.error?.message ?? 'invalid'}`);
      if (result.status === 'suppressed') notes.push(`${path}:${line}: suppressed (${result.reason ?? '?'}): ${result.message ?? ''}`);
    });
    done += batch.length;
    progress.update(done, countsLine(counts));
  }
  progress.done();
  writeLine(io.stdout, `${rows.length} recipients: ${countsLine(counts)}`);
  for (const note of notes) writeLine(io.stdout, note);
  return (counts.rejected ?? 0) > 0 ? EXIT_FAILURE : EXIT_OK;
}

/** `send <experimentId> --customer <id> [--var k=v …]` or `send <experimentId> --file recipients.csv`. */
export const sendCommand: Command = {
  name: 'send',
  summary: 'send the experiment to one customer, or to every row of a CSV file in batches',
  help: helpText(
    'send <experimentId> (--customer <id> | --file <recipients.csv>) [--var name=value …]',
    [
      'Asks the API to send the message to one customer (whose profile and consents exist),',
      'and prints the decision: segment, channel, propensity, status.',
      '',
      'With --file, sends to every row of a CSV file, in batches of up to 500, with a progress',
      'bar; then prints the count per status and each suppressed or rejected row with its line.',
      'Columns: customerId (required), email, phone, pushEndpointArn, timezone, consents (the',
      'channels consented to, e.g. "email sms"), attributes.<name> (true/false and numbers are',
      'typed), variables.<name>. A row that cannot be read stops the command before any send.',
      'Exit code 1 when a row was rejected by the API.',
    ],
    [
      '  --customer <id>      the customer id (one send)',
      '  --file <file.csv>    the recipients, one per row (batch send)',
      '  --var <name=value>   a template variable; repeat for each (for every row with --file)',
      '  --save-customers     with --file: store each row\'s attributes, contact and consents on the profile',
      `  --batch-size <n>     recipients per request with --file (default and most: ${MAX_BATCH_RECIPIENTS})`,
    ],
  ),
  options: { customer: { type: 'string' }, var: { type: 'string', multiple: true }, file: { type: 'string' }, 'save-customers': { type: 'boolean' }, 'batch-size': { type: 'string' } },
  positionals: { min: 1, max: 1 },
  async run(context) {
    const { args, io, client } = context;
    const id = positional(args, 0);
    const customerId = stringOption(args, 'customer');
    const file = stringOption(args, 'file');
    if ((customerId === undefined) === (file === undefined)) throw new UsageError('give either --customer <id> or --file <recipients.csv>');
    if (file !== undefined) return sendFile(context, id, file);
    const variables = parseVariables(stringListOption(args, 'var'));
    const { body } = await client().request<Record<string, unknown>>('POST', `/v1/experiments/${encodeURIComponent(id)}/sends`, { body: { customerId, variables } });
    for (const field of PRINTED_FIELDS) {
      if (body[field] !== undefined && body[field] !== null) writeLine(io.stdout, `${field}: ${String(body[field])}`);
    }
    return EXIT_OK;
  },
};
