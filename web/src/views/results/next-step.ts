/**
 * One sentence per segment that says what the figures mean and what to do next (pure:
 * unit-tested in Node), e.g. "SMS wins for seniors, 97 % sure, 16 % vs 4 %: complete the
 * experiment or keep exploiting." When the results API carries its own wording (the segment's
 * `status`, `recommendation`, `missing[]` and `changes[]`), that is used instead.
 */
import type { ArmResultView, ExperimentResults, SegmentResultView } from '../../../../shared/domain/results/results-schema';
import { channelName, shortPercent, surePercent } from '../../charts/format';
import { armEvidence, WINNER_MIN_MATURED_SENDS } from './evidence';

/** P(best) from which a leader is called "likely" rather than "no clear difference". */
export const LIKELY_PROBABILITY = 0.8;
/** P(best) the stopping rule asks for by default. */
export const WINNER_PROBABILITY = 0.95;

/** The kind of situation a segment is in (drives the sentence's styling). */
export type NextStepKind = 'no_sends' | 'too_early' | 'burn_in' | 'winner' | 'likely' | 'unclear';

/** What to tell the marketer about one segment. */
export interface NextStep {
  /** The situation. */
  readonly kind: NextStepKind;
  /** The sentence. */
  readonly sentence: string;
}

/** Arms sorted by rate, best first. */
function byRate(arms: readonly ArmResultView[]): ArmResultView[] {
  return [...arms].sort((a, b) => b.rate - a.rate);
}

/** "16 % vs 4 %": the channel's rate against the best other arm's. */
function versus(chosen: ArmResultView, arms: readonly ArmResultView[]): string {
  const other = byRate(arms.filter((arm) => arm.channel !== chosen.channel))[0];
  if (!other) return shortPercent(chosen.rate);
  const otherName = arms.length > 2 ? ` (${channelName(other.channel)})` : '';
  return `${shortPercent(chosen.rate)} vs ${shortPercent(other.rate)}${otherName}`;
}

/** What a winner still lacks under the default stopping rule, in words ('' when nothing obvious). */
function winnerNeeds(segment: SegmentResultView, leader: ArmResultView): string {
  const needs: string[] = [];
  if (leader.probabilityBest < WINNER_PROBABILITY) needs.push(`P(best) ≥ ${Math.round(WINNER_PROBABILITY * 100)} % (now ${surePercent(leader.probabilityBest)})`);
  const short = segment.arms.filter((arm) => arm.maturedSends < WINNER_MIN_MATURED_SENDS);
  if (short.length > 0) {
    needs.push(`${WINNER_MIN_MATURED_SENDS} matured sends per channel (${short.map((arm) => `${channelName(arm.channel)} has ${arm.maturedSends}`).join(', ')})`);
  }
  return needs.length === 0 ? 'a low enough expected loss' : needs.join(' and ');
}

/** What to do, given the experiment's status, when the evidence asks for more traffic. */
function keepGoing(status: ExperimentResults['status']): string {
  switch (status) {
    case 'running':
      return 'keep it running';
    case 'paused':
      return 'resume it to learn more';
    case 'draft':
      return 'start it to learn';
    default:
      return 'a new experiment would be needed to learn more';
  }
}

/** What the results API says of a segment (the bandit's wording); read as optional, so older answers work. */
interface SegmentWording {
  readonly status?: 'no_sends' | 'too_early' | 'learning' | 'winner';
  readonly recommendation?: string;
  readonly missing?: readonly { readonly text: string }[];
  readonly changes?: readonly { readonly text: string }[];
}

/** What the stopping rule still needs before a winner, in words, as the API says it (empty when it does not). */
export function segmentMissing(segment: SegmentResultView): string[] {
  return ((segment as SegmentResultView & SegmentWording).missing ?? []).map((item) => item.text);
}

/** Rate changes the allocator detected in the segment, in words (empty when none or not reported). */
export function segmentChanges(segment: SegmentResultView): string[] {
  return ((segment as SegmentResultView & SegmentWording).changes ?? []).map((item) => item.text);
}

/** The next step for one segment of an experiment. */
export function nextStep(results: Pick<ExperimentResults, 'status' | 'goal'>, segment: SegmentResultView): NextStep {
  const wording = segment as SegmentResultView & SegmentWording;
  const fromApi = wording.recommendation;
  const name = segment.segment;
  const kindOf = (): NextStepKind => {
    if (wording.status === 'no_sends' || segment.sends === 0) return 'no_sends';
    if (wording.status === 'too_early') return 'too_early';
    if (wording.status === undefined && segment.arms.some((arm) => armEvidence(arm).tooEarly)) return 'too_early';
    if (segment.winner) return 'winner';
    if (segment.inBurnIn) return 'burn_in';
    const leader = segment.arms.find((arm) => arm.channel === segment.leader);
    return leader && leader.probabilityBest >= LIKELY_PROBABILITY ? 'likely' : 'unclear';
  };
  const kind = kindOf();
  if (typeof fromApi === 'string' && fromApi !== '') return { kind, sentence: fromApi };
  const finished = results.status === 'completed' || results.status === 'archived';
  switch (kind) {
    case 'no_sends':
      return { kind, sentence: `No sends yet for ${name}: ${results.status === 'running' ? 'send the message to customers of this segment' : keepGoing(results.status)}.` };
    case 'too_early': {
      const missing = segment.arms.map(armEvidence).filter((evidence) => evidence.tooEarly).map((evidence) => evidence.missing);
      return {
        kind,
        sentence: `Too early to say for ${name}: ${missing.join('; ')} (a send matures ${results.goal.windowHours} h after it goes out). ${capitalise(keepGoing(results.status))}.`,
      };
    }
    case 'winner': {
      const winner = segment.arms.find((arm) => arm.channel === segment.winner) as ArmResultView;
      const figures = `${surePercent(winner.probabilityBest)} sure, ${versus(winner, segment.arms)}`;
      return finished
        ? { kind, sentence: `${channelName(winner.channel)} won for ${name}, ${figures}: use ${channelName(winner.channel)} for this message.` }
        : { kind, sentence: `${channelName(winner.channel)} wins for ${name}, ${figures}: complete the experiment or keep exploiting.` };
    }
    case 'burn_in': {
      const leader = segment.arms.find((arm) => arm.channel === segment.leader);
      const lead = leader ? `; ${channelName(leader.channel)} leads so far, ${surePercent(leader.probabilityBest)} sure, ${versus(leader, segment.arms)}` : '';
      return { kind, sentence: `${capitalise(name)} is still in burn-in, traffic split evenly until every channel has enough matured sends${lead}: ${keepGoing(results.status)}.` };
    }
    case 'likely': {
      const leader = segment.arms.find((arm) => arm.channel === segment.leader) as ArmResultView;
      const figures = `${surePercent(leader.probabilityBest)} sure, ${versus(leader, segment.arms)}`;
      return finished
        ? { kind, sentence: `${channelName(leader.channel)} led for ${name} without a declared winner, ${figures}: prefer it, but the evidence stopped short of the stopping rule.` }
        : { kind, sentence: `${channelName(leader.channel)} leads for ${name}, ${figures}: ${keepGoing(results.status)}; a winner needs ${winnerNeeds(segment, leader)}.` };
    }
    case 'unclear': {
      const leader = segment.arms.find((arm) => arm.channel === segment.leader);
      const lead = leader ? `${channelName(leader.channel)} leads with only ${surePercent(leader.probabilityBest)} sure, ${versus(leader, segment.arms)}` : 'no channel leads';
      return { kind, sentence: `No clear difference yet for ${name}: ${lead}. ${capitalise(keepGoing(results.status))}.` };
    }
  }
}

function capitalise(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}
