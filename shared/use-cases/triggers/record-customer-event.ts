import { ValidationError } from '../../domain/errors/channel-lab-error';
import { issuesToDetails } from '../../domain/errors/zod-issues';
import { MAX_FUTURE_SKEW_MS } from '../../domain/events/response-event';
import { type CustomerEvent, CustomerEventSchema } from '../../domain/triggers/customer-event';
import { matchCustomerEvent, type TriggerMatch } from '../../domain/triggers/match-event';
import type { PendingSend } from '../../domain/triggers/pending-send';
import type { EventOutcome } from '../events/record-events';
import type { Clock, IdGenerator } from '../ports/clock';
import type { CustomerRepository } from '../ports/customer-repository';
import type { JourneyGate } from '../ports/journey-gate';
import type { ListeningExperiments } from '../ports/listening-experiments';
import type { PendingSendStore } from '../ports/pending-sends';
import { depthProblem, storageProblem } from '../../domain/sends/storable';

/** What recording a customer event needs. */
export interface CustomerEventDependencies {
  /** The experiments listening for customer events (cached). */
  readonly listening: ListeningExperiments;
  /** Customers (attributes for filters, time zone for the delay). */
  readonly customers: CustomerRepository;
  /** Pending triggered sends. */
  readonly pendingSends: PendingSendStore;
  /** Journeys (told when a customer enters a stage). */
  readonly journeys: JourneyGate;
  readonly clock: Clock;
  /** Ids (pending send ids from experiment + event id). */
  readonly ids: IdGenerator;
}

/** The id of the pending send an event triggers in an experiment (the same event always gives the same id: idempotent). */
export function pendingSendIdFor(ids: IdGenerator, experimentId: string, eventId: string): string {
  return ids.idFor(`pending:${experimentId}:${eventId}`);
}

function rejected(error: ValidationError, eventId?: string): EventOutcome {
  return { ...(eventId ? { eventId } : {}), kind: 'customer', status: 'rejected', error: { code: error.code, message: error.message, ...(error.details ? { details: error.details } : {}) } };
}

/**
 * Cancels the customer's waiting sends in the experiments whose exits the event matched: only
 * sends triggered by earlier events (an exit that happened before the trigger does not cancel it),
 * each `waiting → exited` conditionally (a send already firing or fired is left alone).
 * @returns how many were cancelled.
 */
async function applyExits(deps: CustomerEventDependencies, event: CustomerEvent, experimentIds: readonly string[], at: string): Promise<number> {
  if (experimentIds.length === 0) return 0;
  const exiting = new Set(experimentIds);
  const waiting = (await deps.pendingSends.listForCustomer(event.customerId)).filter(
    (pending) => pending.status === 'waiting' && exiting.has(pending.experimentId) && pending.eventId !== event.eventId && pending.occurredAt <= new Date(event.occurredAt).toISOString(),
  );
  let exited = 0;
  for (const pending of waiting) {
    if (await deps.pendingSends.exit(pending, { reason: 'exit_event', at, from: 'waiting', exitEventId: event.eventId })) exited += 1;
  }
  return exited;
}

/** Stores the pending send of one trigger (once per event id) and tells the journey the customer entered. */
async function applyTrigger(deps: CustomerEventDependencies, event: CustomerEvent, match: TriggerMatch, at: string): Promise<{ pending: PendingSend; created: boolean }> {
  const pending: PendingSend = {
    id: pendingSendIdFor(deps.ids, match.experimentId, event.eventId),
    experimentId: match.experimentId,
    customerId: event.customerId,
    eventId: event.eventId,
    eventName: event.name,
    occurredAt: new Date(event.occurredAt).toISOString(),
    triggeredAt: at,
    dueAt: match.dueAt.toISOString(),
    status: 'waiting',
    variables: match.variables,
    ...(event.attributes ? { attributes: event.attributes } : {}),
    updatedAt: at,
  };
  const stored = await deps.pendingSends.createIfAbsent(pending);
  // Told on every try (the gate is idempotent): a retry after a failure here still enters the customer.
  await deps.journeys.entered({ experimentId: match.experimentId, customerId: event.customerId, at: pending.occurredAt, pendingSendId: pending.id });
  return stored === 'created' ? { pending, created: true } : { pending: stored, created: false };
}

/**
 * Records a customer event: validates it, matches it against the running experiments' triggers
 * and exits (filters on its properties and on the customer's attributes), cancels the matching
 * waiting sends first (so an event that both exits and triggers an experiment replaces its
 * waiting send), then stores a pending send per matching trigger, due after its delay in the
 * customer's zone. No decision is made here: it is made when the send comes due. Idempotent on
 * the event id: a repeated event triggers nothing new and answers `duplicate`.
 */
export async function recordCustomerEvent(deps: CustomerEventDependencies, raw: unknown): Promise<EventOutcome> {
  const parsed = CustomerEventSchema.safeParse(raw);
  const rawId = typeof (raw as { eventId?: unknown } | null)?.eventId === 'string' ? (raw as { eventId: string }).eventId : undefined;
  if (!parsed.success) {
    const details = issuesToDetails(parsed.error.issues);
    return rejected(new ValidationError(`invalid customer event: ${details.map((detail) => `${detail.path}: ${detail.message}`).join('; ')}`, details), rawId);
  }
  const event = parsed.data;
  // Its attributes are stored on the sends it triggers: nested deeper than DynamoDB stores, it is rejected alone.
  const tooDeep = depthProblem(`customer event ${event.eventId}`, { attributes: event.attributes ?? {}, properties: event.properties });
  if (tooDeep) return rejected(tooDeep, event.eventId);
  // Its attributes are stored whole on each send it triggers: they must fit one item.
  const tooLarge = storageProblem(`customer event ${event.eventId}`, { attributes: event.attributes ?? {} });
  if (tooLarge) return rejected(tooLarge, event.eventId);
  const now = deps.clock.now();
  if (Date.parse(event.occurredAt) > now.getTime() + MAX_FUTURE_SKEW_MS) {
    return rejected(new ValidationError('occurredAt is in the future', [{ path: 'occurredAt', message: 'must not be later than now' }]), event.eventId);
  }
  const at = now.toISOString();
  const experiments = await deps.listening.list();
  const stored = experiments.length > 0 ? await deps.customers.get(event.customerId) : undefined;
  const match = matchCustomerEvent({
    experiments,
    event,
    attributes: { ...stored?.attributes, ...event.attributes },
    ...(stored?.contact.timezone ? { timeZone: stored.contact.timezone } : {}),
    now,
  });
  const exited = await applyExits(deps, event, match.exits, at);
  const triggered: { pending: PendingSend; created: boolean }[] = [];
  const problems = match.problems.map((problem) => problem.message);
  for (const trigger of match.triggers) {
    // The event's values and attributes together must fit the pending send's item.
    const unstorable = storageProblem(`the send event ${event.eventId} triggers in experiment ${trigger.experimentId}`, { attributes: event.attributes ?? {}, variables: trigger.variables });
    if (unstorable) problems.push(`${unstorable.message}: no send triggered`);
    else triggered.push(await applyTrigger(deps, event, trigger, at));
  }
  const seen = await deps.pendingSends.recordEvent({
    eventId: event.eventId,
    name: event.name,
    customerId: event.customerId,
    occurredAt: event.occurredAt,
    receivedAt: at,
    triggered: triggered.map(({ pending }) => pending.id),
    exited,
  });
  const sends = triggered.map(({ pending }) => ({ experimentId: pending.experimentId, pendingSendId: pending.id, dueAt: pending.dueAt }));
  const common = { eventId: event.eventId, kind: 'customer' as const, ...(sends.length > 0 ? { triggered: sends } : {}), exited };
  if (seen === 'duplicate' && exited === 0 && triggered.every(({ created }) => !created)) {
    return { ...common, status: 'duplicate', message: 'this event id was recorded before: nothing new was triggered or cancelled' };
  }
  if (sends.length > 0) return { ...common, status: 'triggered' };
  if (exited > 0) return { ...common, status: 'exited' };
  return {
    ...common,
    status: 'recorded',
    message: problems.length > 0 ? problems.join('; ') : match.exits.length > 0 ? `no waiting send to cancel for ${event.customerId}` : `no running experiment's trigger or exit matches ${event.name} for this customer`,
  };
}
