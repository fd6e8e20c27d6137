import type { ArmResult } from '../statistics/allocation-record';
/**
 * Results that say what they know: each arm's assessment and summary, what a segment still
 * needs before a winner (in words and numbers), and one sentence per segment for the marketer.
 * Pure: the instant "now" is the snapshot's, traffic comes from the snapshot's history.
 */
import { MIN_MATURED_SENDS_TO_STOP } from '../bandit/allocation';
import { isUnreachedArm } from '../bandit/unreached-arm';
import type { Channel } from '../experiment/channels';
import type { DetectedChangeRecord, HistoryPoint } from '../statistics/allocation-record';
import type { ArmAssessment, DetectedChange, MissingEvidence, SegmentStatus } from './results-schema';

/** Milliseconds in an hour. */
const MS_PER_HOUR = 3_600_000;
/** Hours from which an estimated time is said in days. */
const HOURS_SHOWN_AS_DAYS = 48;
/** Hours in a day. */
const HOURS_PER_DAY = 24;
/** Traffic is measured over at most this many hours of history (the current traffic, not the first day's). */
const TRAFFIC_LOOKBACK_HOURS = 24;
/** A matured send's cohort is one hour long: its last send matures an hour after its first. */
const COHORT_HOURS = 1;
/** Rate points per unit of rate (0.001 = 0.1 point). */
const POINTS_PER_RATE = 100;

/** What the wording needs of one arm (the results view's figures). */
export type ArmFigures = Pick<ArmResult, 'channel' | 'sends' | 'maturedSends' | 'responses' | 'rate' | 'ci95' | 'probabilityBest' | 'expectedLoss' | 'weight'>;

/** The rules the wording explains (from the experiment's definition). */
export interface WordingRules {
  /** Sends per arm before the split leaves uniform (`policy.burnIn`). */
  readonly burnIn: number;
  /** P(best) a winner needs. */
  readonly probabilityBest: number;
  /** Largest expected loss of a winner, in rate units. */
  readonly maxExpectedLoss: number;
  /** Attribution window, in hours. */
  readonly windowHours: number;
  /** What happens after a winner. */
  readonly onWinner: 'exploit' | 'keep_learning';
}

/**
 * A rate as people read it: whole percent from 10 %, one decimal from 1 %, two below.
 *
 * @param rate - a rate in [0, 1].
 * @returns e.g. "16 %", "4.2 %", "0.52 %".
 */
export function formatRate(rate: number): string {
  const percent = rate * 100;
  const digits = percent >= 10 ? 0 : percent >= 1 ? 1 : 2;
  return `${percent.toFixed(digits)} %`;
}

/**
 * A probability, rounded down to whole percent so that "100 %" is never claimed short of certainty.
 *
 * @param probability - in [0, 1].
 * @returns e.g. "97 %".
 */
export function formatProbability(probability: number): string {
  return `${Math.floor(probability * 100 + 1e-9)} %`;
}

/**
 * A duration in hours, in words.
 *
 * @param hours - ≥ 0.
 * @returns "within the hour", "about 2 h" or "about 3 days".
 */
export function formatEta(hours: number): string {
  if (hours < 1) return 'within the hour';
  if (hours < HOURS_SHOWN_AS_DAYS) return `about ${Math.round(hours)} h`;
  return `about ${Math.round(hours / HOURS_PER_DAY)} days`;
}

/** A count with thousands separators (1,234). */
function formatCount(count: number): string {
  return Math.round(count).toLocaleString('en-US');
}

/** A count and its noun, singular for one: `1 send`, `1,234 sends`. */
export function countedNoun(count: number, singular: string): string {
  return `${formatCount(count)} ${Math.round(count) === 1 ? singular : `${singular}s`}`;
}

/**
 * How far an arm's evidence goes.
 *
 * @param arm - the arm's figures.
 * @returns `no_sends`, `too_early` (nothing matured), `provisional` (fewer matured sends than a winner needs) or `matured`.
 */
export function armAssessment(arm: Pick<ArmFigures, 'sends' | 'maturedSends'>): ArmAssessment {
  if (arm.sends === 0) return 'no_sends';
  if (arm.maturedSends === 0) return 'too_early';
  return arm.maturedSends < MIN_MATURED_SENDS_TO_STOP ? 'provisional' : 'matured';
}

/**
 * The arm in words: raw counts and "too early to say" before any send matured, else the rate
 * with its interval and how much of it is final.
 *
 * @param arm - the arm's figures.
 * @param context - the segment's sends over all arms: an arm still at none while the segment has
 *   had many is one nobody in the segment can receive ({@link isUnreachedArm}), and says so.
 * @returns one short phrase.
 */
export function armSummary(arm: ArmFigures, context?: { readonly segmentSends: number }): string {
  const assessment = armAssessment(arm);
  if (assessment === 'no_sends' && context !== undefined && isUnreachedArm(arm.sends, context.segmentSends)) {
    return `no sends: nobody in this segment could receive ${arm.channel} so far (0 of ${formatCount(context.segmentSends)} sends)`;
  }
  if (assessment === 'no_sends') return 'no sends yet';
  if (assessment === 'too_early') {
    return `too early to say: ${countedNoun(arm.responses, 'response')} from ${countedNoun(arm.sends, 'send')}, none matured yet`;
  }
  const interval = arm.ci95 ? ` (${formatRate(arm.ci95[0])}–${formatRate(arm.ci95[1])})` : '';
  return `${formatRate(arm.rate)}${interval}, ${formatCount(arm.maturedSends)} of ${formatCount(arm.sends)} sends matured`;
}

/**
 * The segment's current traffic (first-decision sends per hour over the last day of history),
 * or null with fewer than two history points.
 *
 * @param history - history points of this segment (any order).
 * @returns sends per hour, or null.
 */
export function sendsPerHour(history: readonly Pick<HistoryPoint, 'at' | 'sends'>[]): number | null {
  const points = [...history].sort((a, b) => Date.parse(a.at) - Date.parse(b.at));
  const last = points[points.length - 1];
  if (last === undefined) return null;
  const lastMs = Date.parse(last.at);
  const first = points.find((point) => lastMs - Date.parse(point.at) <= TRAFFIC_LOOKBACK_HOURS * MS_PER_HOUR);
  if (first === undefined || first === last) return null;
  const hours = (lastMs - Date.parse(first.at)) / MS_PER_HOUR;
  return hours > 0 ? Math.max(0, last.sends - first.sends) / hours : null;
}

/**
 * Hours until an arm has `needed` matured sends: its sends go out at `armPerHour`, and each
 * matures one window (plus its hour-long cohort) after it was sent.
 */
function hoursToMatured(arm: ArmFigures, needed: number, windowHours: number, armPerHour: number | null): number | null {
  if (arm.maturedSends >= needed) return 0;
  if (armPerHour === null || !(armPerHour > 0)) return null;
  const maturing = windowHours + COHORT_HOURS;
  if (arm.sends >= needed) return Math.max(0, maturing - (arm.sends - needed) / armPerHour);
  return (needed - arm.sends) / armPerHour + maturing;
}

/** The longest of the arms' waits, or null when one cannot be told. */
function longestWait(waits: readonly (number | null)[]): number | null {
  return waits.some((wait) => wait === null) ? null : Math.max(0, ...(waits as number[]));
}

/** "…, about 2 h at the current traffic" or nothing. */
function etaPhrase(hours: number | null): string {
  return hours === null ? '' : `, ${formatEta(hours)} at the current traffic`;
}

/**
 * What the stopping rule still needs before this segment has a winner, in the order the rule
 * applies (burn-in, matured sends, P(best), expected loss); empty once a winner is declared. P(best)
 * and the expected loss are not listed before any send matured (they would describe the prior).
 *
 * @param arms - the segment's arms.
 * @param leader - index of the arm with the highest P(best).
 * @param rules - the experiment's rules.
 * @param perHour - the segment's current traffic (null when unknown).
 * @param hasWinner - whether a winner is declared.
 * @returns the missing conditions.
 */
export function missingEvidence(arms: readonly ArmFigures[], leader: number, rules: WordingRules, perHour: number | null, hasWinner: boolean): MissingEvidence[] {
  if (hasWinner || arms.length === 0) return [];
  const missing: MissingEvidence[] = [];
  // A channel nobody in the segment can receive is not waited for (as the allocator's stopping rule).
  const segmentSends = arms.reduce((sum, arm) => sum + arm.sends, 0);
  const reachable = arms.filter((arm) => !isUnreachedArm(arm.sends, segmentSends));
  const fewestSends = Math.min(...reachable.map((arm) => arm.sends));
  if (fewestSends < rules.burnIn) {
    const uniformPerHour = perHour === null ? null : perHour / reachable.length;
    const eta = longestWait(reachable.map((arm) => (arm.sends >= rules.burnIn ? 0 : uniformPerHour && uniformPerHour > 0 ? (rules.burnIn - arm.sends) / uniformPerHour : null)));
    missing.push({
      requirement: 'burn_in',
      needed: rules.burnIn,
      current: fewestSends,
      etaHours: eta,
      text: `uniform split until every arm has ${formatCount(rules.burnIn)} sends: ${formatCount(fewestSends)} so far${etaPhrase(eta)}`,
    });
  }
  const fewestMatured = Math.min(...reachable.map((arm) => arm.maturedSends));
  if (fewestMatured < MIN_MATURED_SENDS_TO_STOP) {
    const eta = longestWait(reachable.map((arm) => hoursToMatured(arm, MIN_MATURED_SENDS_TO_STOP, rules.windowHours, perHour === null ? null : perHour * arm.weight)));
    missing.push({
      requirement: 'matured_sends',
      needed: MIN_MATURED_SENDS_TO_STOP,
      current: fewestMatured,
      etaHours: eta,
      text: `needs ${MIN_MATURED_SENDS_TO_STOP} matured sends per arm: ${formatCount(fewestMatured)} so far${etaPhrase(eta)}`,
    });
  }
  // Before any send matured, P(best) and the expected loss rest on the prior alone: only sends are missing.
  const top = arms.some((arm) => arm.maturedSends > 0) ? arms[leader] : undefined;
  if (top && top.probabilityBest < rules.probabilityBest) {
    missing.push({
      requirement: 'probability_best',
      needed: rules.probabilityBest,
      current: top.probabilityBest,
      etaHours: null,
      text: `needs ${formatProbability(rules.probabilityBest)} certainty: ${top.channel} is ${formatProbability(top.probabilityBest)} likely best`,
    });
  }
  if (top && top.expectedLoss > rules.maxExpectedLoss) {
    missing.push({
      requirement: 'expected_loss',
      needed: rules.maxExpectedLoss,
      current: top.expectedLoss,
      etaHours: null,
      text: `needs an expected loss ≤ ${(rules.maxExpectedLoss * POINTS_PER_RATE).toFixed(2)} points: choosing ${top.channel} now would lose ${(top.expectedLoss * POINTS_PER_RATE).toFixed(2)}`,
    });
  }
  return missing;
}

/**
 * What the segment's results can say now.
 *
 * @param arms - the segment's arms.
 * @param winner - the declared winner, if any.
 * @returns the status.
 */
export function segmentStatus(arms: readonly Pick<ArmFigures, 'sends' | 'maturedSends'>[], winner: Channel | null): SegmentStatus {
  if (winner !== null) return 'winner';
  if (arms.every((arm) => arm.sends === 0)) return 'no_sends';
  if (arms.every((arm) => arm.maturedSends === 0)) return 'too_early';
  return 'learning';
}

/**
 * The leader worth naming: none before there is evidence (no response, or nothing matured), and
 * never an arm without matured sends of its own (an arm no customer of the segment can receive has
 * a high P(best) from its prior alone: that is not evidence).
 *
 * @param status - the segment's status.
 * @param responses - the segment's responses.
 * @param leader - the allocator's leader (highest P(best)), if any.
 * @param arms - the segment's arms.
 * @returns the leader, or null.
 */
export function leaderToShow(status: SegmentStatus, responses: number, leader: Channel | null, arms: readonly ArmFigures[] = []): Channel | null {
  if (status === 'winner') return leader;
  const own = arms.find((arm) => arm.channel === leader);
  if (own !== undefined && own.maturedSends === 0) return null;
  return status === 'learning' && responses > 0 ? leader : null;
}

/** The arm with the highest rate among the others (the runner-up to compare with). */
function runnerUp(arms: readonly ArmFigures[], channel: Channel): ArmFigures | undefined {
  return arms.filter((arm) => arm.channel !== channel).sort((a, b) => b.rate - a.rate)[0];
}

/**
 * One sentence for the marketer: the winner and what to do, or why there is none yet.
 *
 * @param segment - the segment name.
 * @param arms - its arms.
 * @param status - its status.
 * @param leader - the leader to show (null before evidence), or the winner.
 * @param missing - what the rule still needs.
 * @param rules - the experiment's rules.
 * @returns the sentence.
 */
export function recommendation(segment: string, arms: readonly ArmFigures[], status: SegmentStatus, leader: Channel | null, missing: readonly MissingEvidence[], rules: WordingRules): string {
  const sends = arms.reduce((sum, arm) => sum + arm.sends, 0);
  const responses = arms.reduce((sum, arm) => sum + arm.responses, 0);
  const first = missing[0]?.text;
  const lead = arms.find((arm) => arm.channel === leader);
  if (status === 'no_sends') return `No sends yet for ${segment}: nothing to read until messages go out.`;
  if (status === 'winner' && lead) {
    const other = runnerUp(arms, lead.channel);
    const versus = other ? `, ${formatRate(lead.rate)} vs ${formatRate(other.rate)}` : '';
    const next = rules.onWinner === 'exploit' ? 'complete the experiment or keep exploiting' : 'complete the experiment when you are ready (the bandit keeps learning)';
    return `${lead.channel} wins for ${segment}, ${formatProbability(lead.probabilityBest)} sure${versus}: ${next}.`;
  }
  if (status === 'too_early') {
    return `Too early to say for ${segment}: ${countedNoun(sends, 'send')} and ${countedNoun(responses, 'response')}, none matured yet${first ? ` (${first})` : ''}; keep the experiment running.`;
  }
  if (!lead) return `No clear leader for ${segment} yet: ${formatCount(responses)} responses from ${formatCount(sends)} sends${first ? ` (${first})` : ''}; keep the experiment running.`;
  const other = runnerUp(arms, lead.channel);
  const versus = other ? `, ${formatRate(lead.rate)} vs ${formatRate(other.rate)}` : '';
  return `${lead.channel} leads for ${segment} (${formatProbability(lead.probabilityBest)} likely best${versus}) but is not a winner yet${first ? `: ${first}` : ''}; keep the experiment running.`;
}

/**
 * A detected change in words.
 *
 * @param change - the stored change.
 * @returns the change with its text.
 */
export function describeChange(change: DetectedChangeRecord): DetectedChange {
  const when = `${change.at.slice(0, 16).replace('T', ' ')} UTC`;
  return {
    at: change.at,
    channel: change.channel,
    rateBefore: change.rateBefore,
    rateAfter: change.rateAfter,
    text: `${change.channel} changed at ${when}: ${formatRate(change.rateBefore)} before, ${formatRate(change.rateAfter)} since; older sends no longer count`,
  };
}

/** A segment in words: its status, the leader worth naming, what is missing and the recommendation. */
export interface SegmentWords {
  /** What the results can say now. */
  readonly status: SegmentStatus;
  /** The leader to show (null before evidence), or the winner. */
  readonly leader: Channel | null;
  /** What the stopping rule still needs. */
  readonly missing: MissingEvidence[];
  /** One sentence for the marketer. */
  readonly recommendation: string;
}

/**
 * Status, leader, what is missing and the recommendation of one segment.
 *
 * @param segment - the segment name.
 * @param arms - its arms' figures.
 * @param allocatorLeader - the allocator's leader (highest P(best)), if any.
 * @param winner - the declared winner, if any.
 * @param rules - the experiment's rules.
 * @param perHour - the segment's current traffic, or null.
 * @returns the segment in words.
 */
export function segmentWords(
  segment: string,
  arms: readonly ArmFigures[],
  allocatorLeader: Channel | null,
  winner: Channel | null,
  rules: WordingRules,
  perHour: number | null,
): SegmentWords {
  const status = segmentStatus(arms, winner);
  const responses = arms.reduce((sum, arm) => sum + arm.responses, 0);
  const leader = leaderToShow(status, responses, winner ?? allocatorLeader, arms);
  const leaderIndex = Math.max(0, arms.findIndex((arm) => arm.channel === (winner ?? allocatorLeader)));
  const missing = missingEvidence(arms, leaderIndex, rules, perHour, winner !== null);
  return { status, leader, missing, recommendation: recommendation(segment, arms, status, leader, missing, rules) };}
