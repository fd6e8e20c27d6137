/**
 * How much an arm's figures can be trusted yet, as the results API says it (pure: unit-tested in
 * Node). An arm whose sends have not matured (their attribution window is still open) has a
 * posterior made mostly of its prior and of partial windows: its rate, interval and P(best) look
 * precise but say little. The API's `assessment` says so (`no_sends`, `too_early`), and the views
 * then show its `summary` ("too early to say: 3 responses from 143 sends, none matured yet") and
 * the raw counts instead of a confident-looking figure.
 */
import type { ArmResultView } from '../../../../shared/domain/results/results-schema';
import { plural } from '../../charts/format';

/** An arm's evidence, as the views show it. */
export interface ArmEvidence {
  readonly channel: string;
  /** True when its figures must not be read as a result yet (no send, or none matured). */
  readonly tooEarly: boolean;
  /** True when its figures are drawn but rest on fewer matured sends than a winner needs. */
  readonly provisional: boolean;
  /** The arm in words, from the API. */
  readonly summary: string;
  /** Raw counts in words: `12 sends (3 matured), 1 response`. */
  readonly counts: string;
}

/** Raw counts of an arm in words. */
export function rawCounts(arm: Pick<ArmResultView, 'sends' | 'maturedSends' | 'responses'>): string {
  const matured = arm.sends === 0 ? '' : arm.maturedSends === arm.sends ? ', all matured' : ` (${arm.maturedSends.toLocaleString('en-US')} matured)`;
  return `${plural(arm.sends, 'send')}${matured}, ${plural(arm.responses, 'response')}`;
}

/** The evidence of one arm. */
export function armEvidence(arm: ArmResultView): ArmEvidence {
  return {
    channel: arm.channel,
    tooEarly: arm.assessment === 'no_sends' || arm.assessment === 'too_early',
    provisional: arm.assessment === 'provisional',
    summary: arm.summary,
    counts: rawCounts(arm),
  };
}
