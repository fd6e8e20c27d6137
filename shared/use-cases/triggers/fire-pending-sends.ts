import type { Customer } from '../../domain/customer/customer';
import { describeSuppression } from '../../domain/eligibility/suppression-message';
import type { Experiment } from '../../domain/experiment/experiment';
import type { PendingSend } from '../../domain/triggers/pending-send';
import { mapWithConcurrency } from '../concurrency';
import type { AllocationSource } from '../ports/allocation-source';
import type { CustomerRepository } from '../ports/customer-repository';
import type { ExperimentSource } from '../ports/experiment-source';
import type { JourneyGate } from '../ports/journey-gate';
import type { PendingSendStore, PendingSendTimer } from '../ports/pending-sends';
import { decideForCustomer, type DecisionDependencies, initialAllocation } from '../sends/decide-for-customer';

/** Timers read per batch (one query per timer shard). */
export const FIRE_BATCH = 1_000;
/** Pending sends fired concurrently within a batch (each is a few sequential DynamoDB round trips). */
export const FIRE_CONCURRENCY = 32;
/** Most batches per run: 20,000 sends a minute from one run (the next run takes the rest). */
export const MAX_FIRE_BATCHES = 20;
/** Time a run keeps for the rest of the scheduled work (allocations): no new batch starts with less left. */
export const FIRE_RESERVE_MS = 20_000;
/** Allocation cache age accepted when firing (the job runs once a minute). */
const ALLOCATION_MAX_AGE_MS = 60_000;

/** What firing due sends needs. */
export interface FireDependencies extends DecisionDependencies {
  /** Experiments (cached). */
  readonly experimentSource: ExperimentSource;
  /** Weights. */
  readonly allocations: AllocationSource;
  /** Customers (fresh consents, opt-outs and contact at decision time). */
  readonly customers: CustomerRepository;
  /** Pending sends and their timers. */
  readonly pendingSends: PendingSendStore;
  /** Journeys (cap and stage order). */
  readonly journeys: JourneyGate;
  /** Milliseconds left in this invocation (the Lambda's); without it, runs are not time-bounded. */
  readonly remainingMs?: () => number;
}

/** What firing did in one run. */
export interface FireReport {
  /** Pending sends that became decisions (queued, deferred or held out). */
  readonly fired: number;
  /** Fired but suppressed by the send path (no channel may reach the customer): no decision. */
  readonly firedSuppressed: number;
  /** Exited when due: the journey refused them, or their experiment no longer runs. */
  readonly exitedWhenDue: number;
  /** Timers whose send was already handled (exited earlier, or a retried run). */
  readonly staleTimers: number;
  /** Timers left for a later run (another run holds the claim, or firing failed: retried). */
  readonly retryLater: number;
  /** The first failure of the run, in words (for the function's log), when a firing failed. */
  readonly firstFailure?: string;
}

type FireResult = 'fired' | 'suppressed' | 'exited' | 'stale' | 'later';

function runs(experiment: Experiment | undefined, now: Date): experiment is Experiment {
  if (!experiment || experiment.status !== 'running') return false;
  const { startAt, endAt } = experiment.definition.schedule ?? {};
  if (startAt !== undefined && Date.parse(startAt) > now.getTime()) return false;
  return endAt === undefined || Date.parse(endAt) > now.getTime();
}

/** The customer as the decision sees them: the stored profile (fresh opt-outs) with the event's attributes laid over. */
function customerFor(pending: PendingSend, stored: Customer | undefined, now: Date): Customer {
  return {
    id: pending.customerId,
    attributes: { ...stored?.attributes, ...pending.attributes },
    contact: stored?.contact ?? {},
    consents: stored?.consents ?? {},
    optOuts: stored?.optOuts ?? {},
    updatedAt: now.toISOString(),
  };
}

/**
 * Fires one due pending send: claims it (`waiting → firing`, conditional: two runs never fire
 * one send), asks the journey, then decides through the send path (segment by the customer's
 * attributes, the bandit's weights for that segment, consent, opt-outs, quiet hours and caps)
 * with a decision id keyed by the pending send (a retried fire finds the same decision); the table's
 * stream carries a new `queued` decision to the dispatch queue (the dispatch outbox). A send the
 * journey refuses or whose experiment stopped exits without a decision.
 */
async function fireOne(deps: FireDependencies, timer: PendingSendTimer): Promise<FireResult> {
  const now = deps.clock.now();
  const at = now.toISOString();
  const claim = await deps.pendingSends.claim(timer.customerId, timer.pendingSendId, at);
  if (!claim.claimed) {
    // What the refused claim found: another run holds it (its lease still runs), or it is done or gone.
    if (claim.current?.status === 'waiting' || claim.current?.status === 'firing') return 'later';
    await deps.pendingSends.removeTimer(timer);
    return 'stale';
  }
  const pending = claim.pending;
  const step = { experimentId: pending.experimentId, customerId: pending.customerId, at, pendingSendId: pending.id };
  const experiment = await deps.experimentSource.get(pending.experimentId);
  if (!runs(experiment, now)) {
    await deps.pendingSends.exit(pending, { reason: 'experiment_not_running', at, from: 'firing' });
    await deps.pendingSends.removeTimer(timer);
    return 'exited';
  }
  const admission = await deps.journeys.admit(step);
  if (!admission.admitted) {
    await deps.pendingSends.exit(pending, { reason: admission.reason, at, from: 'firing' });
    await deps.pendingSends.removeTimer(timer);
    return 'exited';
  }
  const stored = await deps.customers.get(pending.customerId);
  const allocation = (await deps.allocations.current(experiment.id, ALLOCATION_MAX_AGE_MS)) ?? initialAllocation(experiment);
  const result = await decideForCustomer(deps, experiment, allocation, {
    customer: customerFor(pending, stored, now),
    step: 0,
    variables: pending.variables,
    decisionKey: `trigger:${pending.id}`,
  });
  if (result.kind === 'suppressed') {
    const reason = stored === undefined ? 'unknown_customer' : result.reason;
    await deps.pendingSends.finish(pending, { status: 'suppressed', reason: describeSuppression(pending.customerId, reason, result.excluded) }, at);
    await deps.pendingSends.removeTimer(timer);
    return 'suppressed';
  }
  // A retried fire finds the decision its first try stored: the stream carried that insert already.
  await deps.journeys.sent(step);
  await deps.pendingSends.finish(pending, { status: 'sent', assignmentId: result.assignment.id }, at);
  await deps.pendingSends.removeTimer(timer);
  return 'fired';
}

/**
 * Fires the pending triggered sends that are due (the one-minute scheduled work): timers are read
 * across their shards oldest first, {@link FIRE_BATCH} at a time, and fired {@link FIRE_CONCURRENCY}
 * at a time. A send whose firing fails keeps its timer and is
 * retried by a later run (its claim expires after a lease). Runs stop taking batches after
 * {@link MAX_FIRE_BATCHES}, or when less than {@link FIRE_RESERVE_MS} of the invocation is left.
 */
export async function firePendingSends(deps: FireDependencies): Promise<FireReport> {
  const counts: Record<FireResult, number> = { fired: 0, suppressed: 0, exited: 0, stale: 0, later: 0 };
  let firstFailure: string | undefined;
  for (let batch = 0; batch < MAX_FIRE_BATCHES; batch += 1) {
    if (deps.remainingMs && deps.remainingMs() < FIRE_RESERVE_MS) break;
    const timers = await deps.pendingSends.due(deps.clock.now().toISOString(), FIRE_BATCH);
    const results = await mapWithConcurrency(timers, FIRE_CONCURRENCY, async (timer) => {
      try {
        return await fireOne(deps, timer);
      } catch (error) {
        firstFailure ??= `pending send ${timer.pendingSendId}: ${error instanceof Error ? error.message : String(error)}`;
        return 'later' as const; // its timer stays: a later run retries (the claim's lease lets it)
      }
    });
    for (const result of results) counts[result] += 1;
    // A short batch was the last one due; a batch of nothing but retries would only find them again.
    if (timers.length < FIRE_BATCH || results.every((result) => result === 'later')) break;
  }
  return { fired: counts.fired, firedSuppressed: counts.suppressed, exitedWhenDue: counts.exited, staleTimers: counts.stale, retryLater: counts.later, ...(firstFailure ? { firstFailure } : {}) };
}
