import { positional, stringListOption, stringOption } from '../args';
import { type Command, helpText } from '../command';
import { UsageError } from '../errors';
import { EXIT_OK, writeLine } from '../io';

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

/** `send <experimentId> --customer <id> [--var k=v …]`: one manual send, to try an experiment. */
export const sendCommand: Command = {
  name: 'send',
  summary: 'send the experiment to one customer (a manual test)',
  help: helpText(
    'send <experimentId> --customer <id> [--var name=value …]',
    ['Asks the API to send the message to one customer (whose profile and consents exist),', 'and prints the decision: segment, channel, propensity, status.'],
    ['  --customer <id>      the customer id (required)', '  --var <name=value>   a template variable; repeat for each'],
  ),
  options: { customer: { type: 'string' }, var: { type: 'string', multiple: true } },
  positionals: { min: 1, max: 1 },
  async run({ args, io, client }) {
    const id = positional(args, 0);
    const customerId = stringOption(args, 'customer');
    if (customerId === undefined) throw new UsageError('--customer <id> is required');
    const variables = parseVariables(stringListOption(args, 'var'));
    const { body } = await client().request<Record<string, unknown>>('POST', `/v1/experiments/${encodeURIComponent(id)}/sends`, { body: { customerId, variables } });
    for (const field of PRINTED_FIELDS) {
      if (body[field] !== undefined && body[field] !== null) writeLine(io.stdout, `${field}: ${String(body[field])}`);
    }
    return EXIT_OK;
  },
};
