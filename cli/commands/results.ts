import type { ExperimentResults } from '../../shared/domain/results/results-schema';
import { positional, stringOption } from '../args';
import { type Command, helpText } from '../command';
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
  return [heading, '', ...formatTable(['SEGMENT', 'CHANNEL', 'SENDS', 'RESPONSES', 'RATE', '95% CI', 'P(BEST)', 'WEIGHT'], rows), '', totals];
}

/** `results <experimentId> [--format table|csv]`. */
export const resultsCommand: Command = {
  name: 'results',
  summary: 'results per segment × channel (table or CSV)',
  help: helpText(
    'results <experimentId> [--format table|csv]',
    ['Prints sends, responses, rate, 95% credible interval, probability of being best and', 'current traffic weight per segment and channel, as of the last allocation.'],
    ['  --format <format>    table (default) or csv (the API\'s CSV export)'],
  ),
  options: { format: { type: 'string' } },
  positionals: { min: 1, max: 1 },
  async run({ args, io, client }) {
    const id = encodeURIComponent(positional(args, 0));
    const format = stringOption(args, 'format') ?? 'table';
    if (!(FORMATS as readonly string[]).includes(format)) throw new UsageError(`--format must be one of ${FORMATS.join(', ')}`);
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
