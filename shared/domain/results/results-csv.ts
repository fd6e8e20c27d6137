import type { ExperimentResults } from './results-schema';

/**
 * Columns of the CSV export, one row per segment × arm (first decisions), in this order:
 *
 * | column | meaning |
 * |---|---|
 * | `experiment_id` | experiment |
 * | `allocation_version` | allocation the figures come from (0 before the first) |
 * | `computed_at` | when they were computed |
 * | `segment` | segment name |
 * | `channel` | arm |
 * | `is_winner` / `is_leader` | `true` / `false` |
 * | `sends`, `matured_sends`, `responses` | counts |
 * | `rate`, `ci95_low`, `ci95_high` | posterior mean and 95 % credible interval |
 * | `probability_best`, `expected_loss`, `weight` | bandit figures |
 * | `ipw_rate` | inverse-propensity-weighted rate |
 * | `value_count`, `value_mean` | values carried by goal events |
 * | `holdout_sends`, `holdout_responses`, `holdout_rate` | the segment's holdout |
 * | `segment_status` | `no_sends`, `too_early`, `learning` or `winner` (as `segments[].status`) |
 * | `assessment`, `summary` | what the arm's figures are worth (`too_early`: read the counts, not `rate`) and the arm in words |
 * | `missing` | what the segment still needs before a winner, in words (`; ` between conditions) |
 * | `recommendation` | the segment's sentence for the marketer |
 * | `change_detected_at`, `change` | the last rate change detected on this arm, and the change in words |
 *
 * Empty cells mean "not available" (null).
 */
export const RESULTS_CSV_COLUMNS = [
  'experiment_id',
  'allocation_version',
  'computed_at',
  'segment',
  'channel',
  'is_winner',
  'is_leader',
  'sends',
  'matured_sends',
  'responses',
  'rate',
  'ci95_low',
  'ci95_high',
  'probability_best',
  'expected_loss',
  'weight',
  'ipw_rate',
  'value_count',
  'value_mean',
  'holdout_sends',
  'holdout_responses',
  'holdout_rate',
  'segment_status',
  'assessment',
  'summary',
  'missing',
  'recommendation',
  'change_detected_at',
  'change',
] as const;

/** RFC 4180 record separator. */
const CRLF = '\r\n';
/** Characters that force a field to be quoted (RFC 4180 §2.6). */
const NEEDS_QUOTES = /[",\r\n]/;

/** One field, quoted when it holds a comma, a quote or a line break (inner quotes doubled). */
export function csvField(value: string | number | boolean | null | undefined): string {
  if (value === null || value === undefined) return '';
  const text = String(value);
  return NEEDS_QUOTES.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
}

/** The results as RFC 4180 CSV: a header row, then one row per segment × arm, CRLF line ends. */
export function resultsToCsv(results: ExperimentResults): string {
  const rows = results.segments.flatMap((segment) =>
    segment.arms.map((arm) => {
      const change = segment.changes.filter((c) => c.channel === arm.channel).at(-1);
      return [
      results.experimentId,
      results.allocationVersion,
      results.updatedAt,
      segment.segment,
      arm.channel,
      segment.winner === arm.channel,
      segment.leader === arm.channel,
      arm.sends,
      arm.maturedSends,
      arm.responses,
      arm.rate,
      arm.ci95?.[0],
      arm.ci95?.[1],
      arm.probabilityBest,
      arm.expectedLoss,
      arm.weight,
      arm.ipwRate,
      arm.value?.count ?? 0,
      arm.value?.mean,
      segment.holdout.sends,
      segment.holdout.responses,
      segment.holdout.rate,
      segment.status,
      arm.assessment,
      arm.summary,
      segment.missing.map((m) => m.text).join('; '),
      segment.recommendation,
      change?.at,
      change?.text,
      ];
    }),
  );
  return [RESULTS_CSV_COLUMNS, ...rows].map((row) => row.map(csvField).join(',')).join(CRLF) + CRLF;
}
