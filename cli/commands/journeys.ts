import type { JourneyPageResponse, JourneyResponse } from '../../shared/contracts/journeys';
import { JourneyDefinitionSchema } from '../../shared/domain/journeys/journey-definition';
import { experimentKey, idempotencyKeyFor } from '../apply-identity';
import { positional, stringOption } from '../args';
import { type Command, helpText } from '../command';
import { readDefinitionFile } from '../definition-file';
import { UsageError } from '../errors';
import { formatProblem, formatTable } from '../format';
import { EXIT_FAILURE, EXIT_OK, writeLine } from '../io';
import { checkYaml } from '../yaml-definition';

/** What is validated, in messages. */
const WHAT = 'journey definition';
/** Prefix of a journey's idempotency key, after the CLI's own (an experiment and a journey may share a file name). */
const JOURNEY_KEY_PREFIX = 'journey:';
/** The actions of `journeys`. */
const ACTIONS = ['create', 'list'] as const;

/** `at most 3 messages in any 7 days`, or `no cap`. */
function capText(journey: JourneyResponse): string {
  return journey.cap ? `${journey.cap.messages} per ${journey.cap.perDays} d` : 'no cap';
}

/** `purchase: e-1, e-2 → post_purchase: e-3`. */
function stagesText(journey: JourneyResponse): string {
  return journey.stages.map((entry) => `${entry.stage}: ${entry.experimentIds.join(', ')}`).join(' → ');
}

/** `journeys create <file>` and `journeys list`: journeys from YAML or JSON files. */
export const journeysCommand: Command = {
  name: 'journeys',
  summary: 'create a journey from a YAML or JSON file, or list journeys',
  help: helpText(
    'journeys create <journey.yaml|journey.json> | journeys list [--limit <n>] [--cursor <cursor>]',
    [
      'create: validates the file with the API\'s own journey schema (each problem as file:line: path:',
      'message, nothing sent), then creates the journey: name, stages in journey order (each with',
      'the ids of its experiments; an experiment is listed under its own stage) and an optional',
      'per-customer cap:',
      '',
      '  name: After the order',
      '  stages:',
      '    - stage: purchase',
      '      experimentIds: [<cart reminder id>]',
      '    - stage: post_purchase',
      '      experimentIds: [<survey id>]',
      '  cap: { messages: 3, perDays: 7 }',
      '',
      'Safe to re-run: the file\'s identity is its optional top-level `key:`, else its file name, and',
      'the journey is created with the Idempotency-Key "channel-lab-cli:journey:<key>" (a re-run',
      'prints the journey created the first time). Exit code 1 when the file is invalid or the API',
      'refuses it (an experiment already in another journey: 409 journey_conflict).',
      '',
      'list: journeys, newest first, one line each (id, version, name, cap, stages).',
    ],
    ['  --limit <n>          list: page size (default 25, at most 100)', '  --cursor <cursor>    list: the next page, as printed under the previous one'],
  ),
  options: { limit: { type: 'string' }, cursor: { type: 'string' } },
  positionals: { min: 0, max: 2 },
  async run({ args, io, client }) {
    const action = args.positionals[0];
    if (action === undefined) throw new UsageError('say what to do: journeys create <journey.yaml> or journeys list');
    if (!(ACTIONS as readonly string[]).includes(action)) throw new UsageError(`unknown action "${action}" (actions: ${ACTIONS.join(', ')})`);
    if (action === 'list') {
      if (args.positionals.length > 1) throw new UsageError('list takes no file');
      const query = new URLSearchParams();
      for (const name of ['limit', 'cursor']) {
        const value = stringOption(args, name);
        if (value !== undefined) query.set(name, value);
      }
      const { body } = await client().request<JourneyPageResponse>('GET', `/v1/journeys${query.size === 0 ? '' : `?${query.toString()}`}`);
      if (body.items.length === 0) {
        writeLine(io.stdout, 'no journeys');
        return EXIT_OK;
      }
      const rows = body.items.map((journey) => [journey.id, String(journey.version), journey.name, capText(journey), stagesText(journey)]);
      for (const line of formatTable(['ID', 'VERSION', 'NAME', 'CAP', 'STAGES'], rows)) writeLine(io.stdout, line);
      if (body.nextCursor !== undefined) writeLine(io.stdout, `more: --cursor ${body.nextCursor}`);
      return EXIT_OK;
    }
    if (args.positionals.length < 2) throw new UsageError('create needs a file: journeys create <journey.yaml>');
    const file = await readDefinitionFile(positional(args, 1), io);
    const check = checkYaml(file.text, JourneyDefinitionSchema, WHAT, 'a journey definition (name, stages, cap)');
    if (!check.ok) {
      for (const problem of check.problems) writeLine(io.stderr, formatProblem(file.path, problem));
      writeLine(io.stderr, `${check.problems.length} problem${check.problems.length === 1 ? '' : 's'} in ${file.path}; nothing was sent`);
      return EXIT_FAILURE;
    }
    const key = idempotencyKeyFor(`${JOURNEY_KEY_PREFIX}${experimentKey(file.path, check.key)}`);
    const answer = await client().request<JourneyResponse>('POST', '/v1/journeys', { body: check.input, headers: { 'Idempotency-Key': key } });
    const journey = answer.body;
    writeLine(io.stdout, `${answer.status === 201 ? 'created' : 'already created'} ${journey.id} (version ${journey.version}): "${journey.name}", ${capText(journey)}, ${stagesText(journey)}`);
    return EXIT_OK;
  },
};
