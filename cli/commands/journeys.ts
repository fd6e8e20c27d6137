import type { JourneyPageResponse, JourneyResponse } from '../../shared/contracts/journeys';
import { type JourneyDefinition, JourneyDefinitionSchema } from '../../shared/domain/journeys/journey-definition';
import type { ApiClient } from '../api-client';
import { canonicalJson, derivedJourneyId, experimentKey, idempotencyKeyFor } from '../apply-identity';
import { type ParsedArgs, positional, stringOption } from '../args';
import { type Command, helpText } from '../command';
import { readDefinitionFile } from '../definition-file';
import { createOrFind } from '../create-or-find';
import { UsageError } from '../errors';
import { formatProblem, formatTable } from '../format';
import { type CliIo, EXIT_FAILURE, EXIT_OK, writeLine } from '../io';
import { checkYaml } from '../yaml-definition';

/** What is validated, in messages. */
const WHAT = 'journey definition';
/** Prefix of a journey's idempotency key, after the CLI's own (an experiment and a journey may share a file name). */
const JOURNEY_KEY_PREFIX = 'journey:';
/** The actions of `journeys` (`create` is `apply`'s first name, kept for the scripts that use it). */
const ACTIONS = ['apply', 'create', 'list', 'delete'] as const;

/** `at most 3 messages in any 7 days`, or `no cap`. */
function capText(journey: JourneyResponse): string {
  return journey.cap ? `${journey.cap.messages} per ${journey.cap.perDays} d` : 'no cap';
}

/** `purchase: e-1, e-2 → post_purchase: e-3`. */
function stagesText(journey: JourneyResponse): string {
  return journey.stages.map((entry) => `${entry.stage}: ${entry.experimentIds.join(', ')}`).join(' → ');
}

/** The definition part of a journey as the API holds it, normalized like a file's. */
function definitionOf(journey: JourneyResponse): JourneyDefinition {
  const { name, description, stages, cap } = journey;
  return JourneyDefinitionSchema.parse({ name, description, stages, cap });
}

/** `created e-1 (version 1): "After the order", 3 per 7 d, purchase: … → …`. */
function describeJourney(verb: string, journey: JourneyResponse): string {
  return `${verb} ${journey.id} (version ${journey.version}): "${journey.name}", ${capText(journey)}, ${stagesText(journey)}`;
}

/** `journeys apply <file>`: created, unchanged, or updated with `If-Match` when the file changed. */
async function applyJourney(args: ParsedArgs, io: CliIo, api: ApiClient): Promise<number> {
  if (args.positionals.length < 2) throw new UsageError(`${args.positionals[0] ?? 'apply'} needs a file: journeys apply <journey.yaml>`);
  const file = await readDefinitionFile(positional(args, 1), io);
  const check = checkYaml(file.text, JourneyDefinitionSchema, WHAT, 'a journey definition (name, stages, cap)');
  if (!check.ok) {
    for (const problem of check.problems) writeLine(io.stderr, formatProblem(file.path, problem));
    writeLine(io.stderr, `${check.problems.length} problem${check.problems.length === 1 ? '' : 's'} in ${file.path}; nothing was sent`);
    return EXIT_FAILURE;
  }
  const key = idempotencyKeyFor(`${JOURNEY_KEY_PREFIX}${experimentKey(file.path, check.key)}`);
  const { item: journey, created } = await createOrFind<JourneyResponse>(api, '/v1/journeys', key, check.input, derivedJourneyId);
  if (created) {
    writeLine(io.stdout, describeJourney('created', journey));
    return EXIT_OK;
  }
  if (canonicalJson(definitionOf(journey)) === canonicalJson(check.value)) {
    writeLine(io.stdout, describeJourney('unchanged', journey));
    return EXIT_OK;
  }
  const updated = await api.request<JourneyResponse>('PUT', `/v1/journeys/${encodeURIComponent(journey.id)}`, { body: check.input, headers: { 'If-Match': `"${journey.version}"` } });
  writeLine(io.stdout, describeJourney('updated', updated.body));
  return EXIT_OK;
}

/** `journeys list`: one line per journey, newest first. */
async function listJourneys(args: ParsedArgs, io: CliIo, api: ApiClient): Promise<number> {
  if (args.positionals.length > 1) throw new UsageError('list takes no file');
  const query = new URLSearchParams();
  for (const name of ['limit', 'cursor']) {
    const value = stringOption(args, name);
    if (value !== undefined) query.set(name, value);
  }
  const { body } = await api.request<JourneyPageResponse>('GET', `/v1/journeys${query.size === 0 ? '' : `?${query.toString()}`}`);
  if (body.items.length === 0) {
    writeLine(io.stdout, 'no journeys');
    return EXIT_OK;
  }
  const rows = body.items.map((journey) => [journey.id, String(journey.version), journey.name, capText(journey), stagesText(journey)]);
  for (const line of formatTable(['ID', 'VERSION', 'NAME', 'CAP', 'STAGES'], rows)) writeLine(io.stdout, line);
  if (body.nextCursor !== undefined) writeLine(io.stdout, `more: --cursor ${body.nextCursor}`);
  return EXIT_OK;
}

/** `journeys delete <id>`: deletes the journey at the version just read (its experiments stay as they are). */
async function deleteJourney(args: ParsedArgs, io: CliIo, api: ApiClient): Promise<number> {
  if (args.positionals.length !== 2) throw new UsageError('delete needs the journey id: journeys delete <id>');
  const path = `/v1/journeys/${encodeURIComponent(positional(args, 1))}`;
  const { body: journey } = await api.request<JourneyResponse>('GET', path);
  await api.request<undefined>('DELETE', path, { headers: { 'If-Match': `"${journey.version}"` } });
  writeLine(io.stdout, `deleted ${journey.id}: "${journey.name}"; its experiments stay as they are and may join another journey`);
  return EXIT_OK;
}

/** `journeys apply <file>`, `journeys list` and `journeys delete <id>`: journeys from YAML or JSON files. */
export const journeysCommand: Command = {
  name: 'journeys',
  summary: 'create or update a journey from a YAML or JSON file, list journeys, delete one',
  help: helpText(
    'journeys apply <journey.yaml|journey.json> | journeys list [--limit <n>] [--cursor <cursor>] | journeys delete <id>',
    [
      'apply: validates the file with the API\'s own journey schema (each problem as file:line: path:',
      'message, nothing sent), then makes the API hold what it says: name, stages in journey order',
      '(each with the ids of its experiments; an experiment is listed under its own stage) and an',
      'optional per-customer cap:',
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
      'the journey is created with the Idempotency-Key "channel-lab-cli:journey:<key>":',
      '  - first apply         → created',
      '  - same file again     → unchanged (nothing written)',
      '  - file edited         → updated: PUT with If-Match (version + 1)',
      'Exit code 1 when the file is invalid or the API refuses it (an experiment already in another',
      'journey: 409 journey_conflict). `create` is the same as `apply`.',
      '',
      'list: journeys, newest first, one line each (id, version, name, cap, stages).',
      '',
      'delete: deletes the journey; its experiments stay as they are (sends already waiting still go',
      'out) and are free to join another journey.',
    ],
    ['  --limit <n>          list: page size (default 25, at most 100)', '  --cursor <cursor>    list: the next page, as printed under the previous one'],
  ),
  options: { limit: { type: 'string' }, cursor: { type: 'string' } },
  positionals: { min: 0, max: 2 },
  async run({ args, io, client }) {
    const action = args.positionals[0];
    if (action === undefined) throw new UsageError('say what to do: journeys apply <journey.yaml>, journeys list or journeys delete <id>');
    if (!(ACTIONS as readonly string[]).includes(action)) throw new UsageError(`unknown action "${action}" (actions: ${ACTIONS.join(', ')})`);
    if (action === 'list') return listJourneys(args, io, client());
    if (action === 'delete') return deleteJourney(args, io, client());
    return applyJourney(args, io, client());
  },
};
