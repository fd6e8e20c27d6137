import type { Channel } from '../../domain/experiment/channels';
import type { Customer } from '../../domain/customer/customer';
import type { Assignment } from '../../domain/sends/assignment';
import { assignmentIdFor, decideForCustomer, type DecisionDependencies, initialAllocation } from '../sends/decide-for-customer';
import type { AllocationSource } from '../ports/allocation-source';
import type { CustomerRepository } from '../ports/customer-repository';
import type { ExperimentSource } from '../ports/experiment-source';
import type { FollowUpTimers } from '../ports/follow-up-timers';

/** Timers handled per run (the next run takes the rest). */
export const FOLLOW_UP_BATCH = 200;
/** Milliseconds in an hour. */
const MS_PER_HOUR = 3_600_000;
/** Allocation cache age accepted by the follow-up job (it runs once a minute). */
const ALLOCATION_MAX_AGE_MS = 60_000;

/** What following up needs. */
export interface FollowUpDependencies extends DecisionDependencies {
  /** Experiments. */
  readonly experimentSource: ExperimentSource;
  /** Weights. */
  readonly allocations: AllocationSource;
  /** Customers (fresh opt-outs). */
  readonly customers: CustomerRepository;
  /** Timers. */
  readonly followUps: FollowUpTimers;
}

/** When a sent decision's follow-up is due, if its experiment follows up and steps remain. */
export function followUpDueAt(assignment: Pick<Assignment, 'step'>, followUp: { afterHours: number; maxSteps: number } | undefined, sentAt: string): string | undefined {
  if (!followUp || assignment.step >= followUp.maxSteps) return undefined;
  return new Date(Date.parse(sentAt) + followUp.afterHours * MS_PER_HOUR).toISOString();
}

async function chainChannels(deps: FollowUpDependencies, assignment: Assignment): Promise<Channel[]> {
  const used: Channel[] = [];
  let current: Assignment | undefined = assignment;
  while (current) {
    if (current.channel) used.push(current.channel);
    current = current.parentAssignmentId ? await deps.assignments.get(current.parentAssignmentId) : undefined;
  }
  return used;
}

/** What one run did. */
export interface FollowUpReport {
  /** Follow-up decisions made (queued, deferred). */
  readonly followedUp: number;
  /** Timers closed without a follow-up (goal reached, experiment not running, no channel left). */
  readonly closed: number;
}

/**
 * Follow-up on silence: a customer who has not produced the goal `afterHours` after a message
 * gets it again on another channel, chosen by the bandit among the channels not yet used (with
 * its own logged propensity, step and statistics), up to `maxSteps`. Opt-outs, consent, quiet
 * hours and caps apply as for any decision; the first decision's window still counts for it.
 */
export async function runFollowUps(deps: FollowUpDependencies): Promise<FollowUpReport> {
  const timers = await deps.followUps.due(deps.clock.now().toISOString(), FOLLOW_UP_BATCH);
  let followedUp = 0;
  let closed = 0;
  for (const timer of timers) {
    const assignment = await deps.assignments.get(timer.assignmentId);
    const experiment = await deps.experimentSource.get(timer.experimentId);
    const followUp = experiment?.definition.followUp;
    if (!assignment || !experiment || !followUp || experiment.status !== 'running' || assignment.goalAt !== undefined || assignment.step >= followUp.maxSteps) {
      await deps.followUps.remove(timer);
      closed += 1;
      continue;
    }
    const stored = await deps.customers.get(assignment.customerId);
    // Consent given inline for the first decision still holds; opt-outs are always the stored, fresh ones.
    const consents: Customer['consents'] = { ...Object.fromEntries(assignment.eligibleChannels.map((channel) => [channel, true])), ...stored?.consents };
    const customer: Customer = {
      id: assignment.customerId,
      attributes: stored?.attributes ?? {},
      contact: { ...assignment.contact, ...stored?.contact },
      consents,
      optOuts: stored?.optOuts ?? {},
      updatedAt: deps.clock.now().toISOString(),
    };
    const allocation = (await deps.allocations.current(experiment.id, ALLOCATION_MAX_AGE_MS)) ?? initialAllocation(experiment);
    const result = await decideForCustomer(deps, experiment, allocation, {
      customer,
      step: assignment.step + 1,
      parentAssignmentId: assignment.id,
      excludeChannels: await chainChannels(deps, assignment),
      variables: assignment.variables,
      segment: assignment.segment,
      // A triggered decision's id is keyed by its pending send, not its step: its follow-up is keyed by it too (one customer may have several).
      ...(assignmentIdFor(deps.ids, experiment.id, assignment.customerId, assignment.step) === assignment.id ? {} : { decisionKey: `followup:${assignment.id}` }),
    });
    // A new `queued` decision reaches the dispatch queue through the table's stream (the dispatch outbox).
    if (result.kind === 'decided' && result.created) followedUp += 1;
    else closed += 1;
    await deps.followUps.remove(timer);
  }
  return { followedUp, closed };
}
