import { attribute, type Attribution } from '../../domain/events/attribution';
import type { Goal } from '../../domain/experiment/journey';
import { MAX_FUTURE_SKEW_MS, type ResponseEvent, ResponseEventSchema } from '../../domain/events/response-event';
import { NotFoundError, ValidationError } from '../../domain/errors/channel-lab-error';
import { issuesToDetails } from '../../domain/errors/zod-issues';
import type { Channel } from '../../domain/experiment/channels';
import type { Assignment } from '../../domain/sends/assignment';
import { mapWithConcurrency } from '../concurrency';
import type { Clock, IdGenerator } from '../ports/clock';
import type { EventStore, GoalCandidate } from '../ports/event-store';
import type { AssignmentRepository } from '../ports/assignment-repository';
import type { CustomerRepository } from '../ports/customer-repository';
import type { ExperimentSource } from '../ports/experiment-source';
import { assignmentIdFor } from '../sends/decide-for-customer';

/** What recording events needs. */
export interface EventDependencies {
  /** Decisions. */
  readonly assignments: AssignmentRepository;
  /** Experiments (cached). */
  readonly experimentSource: ExperimentSource;
  /** Customers (unsubscribes, bounces and complaints opt out). */
  readonly customers: CustomerRepository;
  readonly events: EventStore;
  /** Injected clock: every timestamp and window here is read from it (tests and the simulator move it). */
  readonly clock: Clock;
  /** Ids (assignment ids from experiment + customer). */
  readonly ids: IdGenerator;
}

/** What happened to one event. */
export interface EventOutcome {
  /** The event id, when readable. */
  readonly eventId?: string;
  /**
   * `counted`: a success for the decision (and for the earlier steps it follows up, inside their windows);
   * `recorded`: stored, not a success (another type, late, or the decision already had one);
   * `duplicate`: seen before, nothing changed; `rejected`: invalid or unknown decision, nothing stored.
   * Customer events: `triggered` (sends now pending), `exited` (waiting sends cancelled), `recorded`
   * (nothing matched), `duplicate`, `rejected`.
   */
  readonly status: 'counted' | 'recorded' | 'duplicate' | 'rejected' | 'triggered' | 'exited';
  /** `customer` for a customer event (response events leave it out). */
  readonly kind?: 'customer';
  /** Sends a customer event made pending. */
  readonly triggered?: readonly { readonly experimentId: string; readonly pendingSendId: string; readonly dueAt: string }[];
  /** Waiting sends a customer event cancelled. */
  readonly exited?: number;
  /** The decision it was attributed to. */
  readonly assignmentId?: string;
  /** Decisions that got a success. */
  readonly counted?: readonly string[];
  /** How it relates to the goal (`goal`, `late`, `not_goal`, `before_decision`). */
  readonly attribution?: string;
  /** Why a `recorded` event did not count. */
  readonly reason?: NotCountedReason;
  /** The reason in words. */
  readonly message?: string;
  /** Why rejected. */
  readonly error?: { readonly code: string; readonly message: string; readonly details?: readonly { path: string; message: string }[] };
}

/** Why a recorded event did not count as a success. */
export type NotCountedReason = 'not_goal' | 'late' | 'before_decision' | 'not_sent_yet' | 'already_counted';

/** Why an event that counted nothing did not count, with the reason in words. */
export function notCountedReason(own: Attribution, assignment: Assignment, goal: Goal, eventType: string): { reason: NotCountedReason; message: string } {
  if (own.kind === 'not_goal') return { reason: 'not_goal', message: `${eventType} is not this experiment's goal (${goal.event}): recorded, not counted` };
  if (own.kind === 'late') return { reason: 'late', message: `the goal came after the ${goal.windowHours} h attribution window closed: recorded, not counted` };
  if (own.kind === 'before_decision') return { reason: 'before_decision', message: 'the event is dated before the decision was made: it cannot be its response' };
  if (assignment.channel !== null && assignment.sentAt === undefined) {
    return {
      reason: 'not_sent_yet',
      message: `the message had not left the queue yet (status ${assignment.status}) when this response came: a response before the send is not caused by it, so it does not count`,
    };
  }
  return { reason: 'already_counted', message: 'this decision already has its success: a goal counts once per decision' };
}

/** Events of a batch recorded concurrently. */
export const EVENT_CONCURRENCY = 16;

/** Steps a chain of follow-ups can have at most (first message + 4 follow-ups). */
const MAX_CHAIN = 5;

/** The ids of a customer's decision chain in an experiment: steps 0 … `steps` − 1. */
function chainIds(deps: EventDependencies, experimentId: string, customerId: string, steps: number): string[] {
  return Array.from({ length: steps }, (_, step) => assignmentIdFor(deps.ids, experimentId, customerId, step));
}

/**
 * The decision an event answers and the chain of decisions it follows up (newest first), read in
 * at most two round trips: the answered decision, then its earlier steps in one batch (their ids
 * follow from experiment, customer and step).
 */
async function resolveChain(deps: EventDependencies, event: ResponseEvent): Promise<Assignment[]> {
  if (event.assignmentId === undefined && event.messageId === undefined) {
    if (event.experimentId === undefined || event.customerId === undefined) return [];
    // The latest step of this customer's chain decided by the event's time answers; earlier steps get credit through the chain.
    const steps = await deps.assignments.getMany(chainIds(deps, event.experimentId, event.customerId, MAX_CHAIN));
    const byStep = new Map(steps.map((decision) => [decision.step, decision]));
    const chain: Assignment[] = [];
    for (let step = 0; step < MAX_CHAIN; step += 1) {
      const decision = byStep.get(step);
      if (!decision || (step > 0 && Date.parse(decision.decidedAt) > Date.parse(event.occurredAt))) break;
      chain.unshift(decision);
    }
    return chain;
  }
  const answered = event.assignmentId !== undefined ? await deps.assignments.get(event.assignmentId) : await deps.assignments.findByMessageId(event.messageId ?? '');
  if (!answered) return [];
  if (answered.step === 0) return [answered];
  const earlier = await deps.assignments.getMany(chainIds(deps, answered.experimentId, answered.customerId, Math.min(answered.step, MAX_CHAIN)));
  return [answered, ...earlier.filter((decision) => decision.step < answered.step).sort((a, b) => b.step - a.step)];
}

/** Side effects of event types on the customer: an unsubscribe, bounce or complaint stops that channel. */
async function applyCustomerEffects(deps: EventDependencies, event: ResponseEvent, assignment: Assignment): Promise<void> {
  const channel: Channel | null = assignment.channel;
  if (channel === null) return;
  if (event.type === 'unsubscribed' || event.type === 'complained' || event.type === 'bounced') {
    await deps.customers.optOut(assignment.customerId, [channel], event.occurredAt);
  }
  if (event.type === 'delivered') await deps.assignments.transition({ id: assignment.id, from: ['sent'], to: 'delivered' });
}

function rejectedOutcome(error: ValidationError | NotFoundError, eventId?: string): EventOutcome {
  return { ...(eventId ? { eventId } : {}), status: 'rejected', error: { code: error.code, message: error.message, ...(error.details ? { details: error.details } : {}) } };
}

/**
 * Records one response: validates it, finds the decision it answers, attributes it to the goal
 * (once per decision, only inside the window; a follow-up's response also credits the earlier
 * steps whose windows are still open), applies opt-outs, and stores it idempotently by event id.
 */
export async function recordEvent(deps: EventDependencies, raw: unknown): Promise<EventOutcome> {
  const parsed = ResponseEventSchema.safeParse(raw);
  const rawId = typeof (raw as { eventId?: unknown } | null)?.eventId === 'string' ? (raw as { eventId: string }).eventId : undefined;
  if (!parsed.success) {
    const details = issuesToDetails(parsed.error.issues);
    return rejectedOutcome(new ValidationError(`invalid event: ${details.map((detail) => `${detail.path}: ${detail.message}`).join('; ')}`, details), rawId);
  }
  const event = parsed.data;
  const now = deps.clock.now();
  if (Date.parse(event.occurredAt) > now.getTime() + MAX_FUTURE_SKEW_MS) {
    return rejectedOutcome(new ValidationError('occurredAt is in the future', [{ path: 'occurredAt', message: 'must not be later than now' }]), event.eventId);
  }
  const chain = await resolveChain(deps, event);
  const assignment = chain[0];
  if (!assignment) {
    return rejectedOutcome(new NotFoundError('unknown decision: no assignment matches this assignmentId, messageId or experimentId + customerId'), event.eventId);
  }
  const experiment = await deps.experimentSource.get(assignment.experimentId);
  if (!experiment) return rejectedOutcome(new NotFoundError(`experiment ${assignment.experimentId} not found`), event.eventId);
  const goal = experiment.definition.goal;
  const own = attribute(event, assignment, goal);
  const goals: GoalCandidate[] = [];
  if (own.kind === 'goal' || own.kind === 'late') {
    for (const decision of chain) {
      const verdict = attribute(event, decision, goal);
      if (verdict.kind === 'goal' && decision.goalAt === undefined && (decision.channel === null || decision.sentAt !== undefined)) {
        goals.push({ assignment: decision, delayMs: verdict.delayMs });
      }
    }
  }
  await applyCustomerEffects(deps, event, assignment);
  const result = await deps.events.record({
    event: { ...event, assignmentId: assignment.id, experimentId: assignment.experimentId, customerId: assignment.customerId },
    attribution: own.kind,
    goals,
    receivedAt: now.toISOString(),
  });
  if (result.status === 'duplicate') return { eventId: event.eventId, status: 'duplicate', assignmentId: assignment.id };
  const counted = result.counted.length > 0;
  return {
    eventId: event.eventId,
    status: counted ? 'counted' : 'recorded',
    assignmentId: assignment.id,
    counted: result.counted,
    attribution: own.kind,
    ...(counted ? {} : notCountedReason(own, assignment, goal, event.type)),
  };
}

/** Records a batch of events one by one; one bad event is rejected alone. */
export async function recordEvents(deps: EventDependencies, events: readonly unknown[]): Promise<EventOutcome[]> {
  return mapWithConcurrency(events, EVENT_CONCURRENCY, (event) => recordEvent(deps, event));
}
