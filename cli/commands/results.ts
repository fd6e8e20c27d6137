import type { ExperimentResults } from '../../shared/domain/results/results-schema';
import { ApiError } from '../api-client';
import { type ParsedArgs, positional, stringOption } from '../args';
import { type Command, type CommandContext, helpText } from '../command';
import { UsageError } from '../errors';
import { formatInterval, formatRate, formatTable } from '../format';
import { EXIT_OK, writeLine } from '../io';

/** Output formats of `results`. */
const FORMATS = ['table', 'csv'] as const;

/** The results as lines: a heading, then one row per segment × arm. */
export function resultsTable(results: ExperimentResults): string[] {
  const heading = `${results.name} (${results.experimentId}) · ${results.status} · goal ${results.goal.event} · allocation ${results.allocationVersion} at ${results.updatedAt}`;
  const rows = results.segments.flatMap((segment) =>
    segment.arms.map((arm) => [
      segment.segment,
      `${arm.channel}${segment.winner === arm.channel ? ' (winner)' : segment.leader === arm.channel ? ' (leading)' : ''}`,
      String(arm.sends),
      String(arm.responses),
      formatRate(arm.rate),
      formatInterval(arm.ci95),
      formatRate(arm.probabilityBest),
      formatRate(arm.weight),
    ]),
  );
  const totals = `total: ${results.totals.sends} sends, ${results.totals.responses} responses`;
  return [heading, '', ...formatTable(['SEGMENT', 'CHANNEL', 'SENDS', 'RESPONSES', 'RATE', '95% CI', 'P(BEST)', 'WEIGHT'], rows), '', totals, ...(results.refresh ? [results.refresh.note] : [])];
}

/** Poll interval of `--watch` when the answer carries no max-age, in seconds. */
const DEFAULT_WATCH_SECONDS = 5;
/** Milliseconds in a second. */
const MS_PER_SECOND = 1000;

/** The `max-age` of a Cache-Control header, in seconds, if any. */
export function maxAgeSeconds(cacheControl: string | null): number | undefined {
  const match = /max-age=(\d+)/.exec(cacheControl ?? '');
  return match?.[1] === undefined ? undefined : Number(match[1]);
}

function nonNegativeOption(args: ParsedArgs, name: string): number | undefined {
  const text = stringOption(args, name);
  if (text === undefined) return undefined;
  const value = Number(text);
  if (!Number.isFinite(value) || value < 0) throw new UsageError(`--${name} must be a number ≥ 0`);
  return value;
}

/** `--watch`: polls with If-None-Match and prints the table again whenever it changed. */
async function watch({ args, io, client }: CommandContext, id: string): Promise<number> {
  const interval = nonNegativeOption(args, 'interval');
  const maxPolls = nonNegativeOption(args, 'max-polls');
  const api = client();
  let etag: string | undefined;
  for (let poll = 1; maxPolls === undefined || poll <= maxPolls; poll += 1) {
    let waitSeconds = interval ?? DEFAULT_WATCH_SECONDS;
    try {
      const answer = await api.request<ExperimentResults>('GET', `/v1/experiments/${id}/results`, { headers: etag === undefined ? {} : { 'If-None-Match': etag } });
      etag = answer.headers.get('etag') ?? undefined;
      waitSeconds = interval ?? maxAgeSeconds(answer.headers.get('cache-control')) ?? DEFAULT_WATCH_SECONDS;
      if ((io.stdout as { isTTY?: boolean }).isTTY === true) io.stdout.write('\x1b[2J\x1b[H');
      writeLine(io.stdout, `— ${new Date().toISOString().slice(11, 19)} UTC: allocation ${answer.body.allocationVersion} (watching; Ctrl-C stops) —`);
      for (const line of resultsTable(answer.body)) writeLine(io.stdout, line);
    } catch (error) {
      if (!(error instanceof ApiError) || error.status !== HTTP_NOT_MODIFIED) throw error;
    }
    if (maxPolls !== undefined && poll >= maxPolls) break;
    await new Promise((resolve) => setTimeout(resolve, waitSeconds * MS_PER_SECOND));
  }
  return EXIT_OK;
}

/** Status of a poll whose ETag still matches. */
const HTTP_NOT_MODIFIED = 304;

/** `results <experimentId> [--format table|csv] [--watch]`. */
export const resultsCommand: Command = {
  name: 'results',
  summary: 'results per segment × channel (table or CSV; --watch refreshes)',
  help: helpText(
    'results <experimentId> [--format table|csv] [--watch [--interval <s>]]',
    [
      'Prints sends, responses, rate, 95% credible interval, probability of being best and',
      'current traffic weight per segment and channel, as of the last allocation, and when the',
      'figures refresh.',
      '',
      "--watch polls with If-None-Match (every --interval seconds, default the answer's",
      'Cache-Control max-age) and prints the table again whenever it changed, until Ctrl-C.',
    ],
    [
      "  --format <format>    table (default) or csv (the API's CSV export)",
      '  --watch              keep polling and print again on each change',
      "  --interval <s>       seconds between polls with --watch (default: the answer's max-age)",
      '  --max-polls <n>      with --watch: stop after n polls (scripts)',
    ],
  ),
  options: { format: { type: 'string' }, watch: { type: 'boolean' }, interval: { type: 'string' }, 'max-polls': { type: 'string' } },
  positionals: { min: 1, max: 1 },
  async run(context) {
    const { args, io, client } = context;
    const id = encodeURIComponent(positional(args, 0));
    const format = stringOption(args, 'format') ?? 'table';
    if (!(FORMATS as readonly string[]).includes(format)) throw new UsageError(`--format must be one of ${FORMATS.join(', ')}`);
    if (args.values.watch === true) {
      if (format !== 'table') throw new UsageError('--watch prints tables: leave out --format csv');
      return watch(context, id);
    }
    if (format === 'csv') {
      const { body } = await client().request<string>('GET', `/v1/experiments/${id}/results?format=csv`);
      io.stdout.write(body.endsWith('\n') ? body : `${body}\n`);
      return EXIT_OK;
    }
    const { body } = await client().request<ExperimentResults>('GET', `/v1/experiments/${id}/results`);
    for (const line of resultsTable(body)) writeLine(io.stdout, line);
    return EXIT_OK;
  },
};
