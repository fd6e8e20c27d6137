import { contentTemplates, type Channel } from '../../domain/experiment/channels';
import type { Experiment } from '../../domain/experiment/experiment';
import { BUILT_IN_VARIABLES, missingVariables } from '../../domain/content/template';
import { unsafeVariables } from '../../domain/content/variable-safety';
import type { Customer } from '../../domain/customer/customer';
import type { ExclusionReason } from '../../domain/eligibility/eligibility';
import { describeSuppression, type SendSuppressionReason } from '../../domain/eligibility/suppression-message';
import { InvalidStateError, NotFoundError, ValidationError } from '../../domain/errors/channel-lab-error';
import { issuesToDetails } from '../../domain/errors/zod-issues';
import type { Assignment, AssignmentStatus } from '../../domain/sends/assignment';
import { type Recipient, RecipientSchema } from '../../domain/sends/send-request';
import { depthProblem, storageProblem } from '../../domain/sends/storable';
import { mapWithConcurrency } from '../concurrency';
import type { Clock, IdGenerator } from '../ports/clock';
import type { AllocationSource, CurrentAllocation } from '../ports/allocation-source';
import type { AssignmentRepository } from '../ports/assignment-repository';
import type { CustomerRepository } from '../ports/customer-repository';
import type { ExperimentSource } from '../ports/experiment-source';
import type { SeedSource } from '../ports/seed-source';
import { assignmentIdFor, decideForCustomer, initialAllocation } from './decide-for-customer';

export { assignmentIdFor, initialAllocation } from './decide-for-customer';

/** What sending needs. */
export interface SendDependencies {
  /** Experiments (briefly cached). */
  readonly experimentSource: ExperimentSource;
  /** Allocations (cached for at most a fifth of the update cadence). */
  readonly allocations: AllocationSource;
  readonly customers: CustomerRepository;
  /** Decisions. */
  readonly assignments: AssignmentRepository;
  /** Injected clock: every timestamp and window here is read from it (tests and the simulator move it). */
  readonly clock: Clock;
  readonly ids: IdGenerator;
  /** Decision seeds. */
  readonly seeds: SeedSource;
}

/** What happened to one recipient. */
export interface SendOutcome {
  /** The customer, when the recipient was readable. */
  readonly customerId?: string;
  /** The decision's id (absent when suppressed or rejected: nothing was decided). */
  readonly assignmentId?: string;
  /** Segment the customer fell in. */
  readonly segment?: string;
  /** Chosen channel; null for holdout, suppressed and rejected. */
  readonly channel: Channel | null;
  /** Probability of the outcome. */
  readonly propensity?: number;
  /** `queued`, `holdout`, `deferred`, `suppressed`, `rejected`, or the status of an existing assignment. */
  readonly status: AssignmentStatus | 'suppressed' | 'rejected';
  /** When a deferred message goes. */
  readonly sendAt?: string;
  /** Why suppressed (`unknown_customer`: no stored profile and no inline contact or consents). */
  readonly reason?: SendSuppressionReason;
  /** Why suppressed, per channel (`{ sms: 'no_address', email: 'no_consent' }`). */
  readonly excluded?: Readonly<Partial<Record<Channel, ExclusionReason>>>;
  /** Why suppressed, in words. */
  readonly message?: string;
  /** Why rejected. */
  readonly error?: { readonly code: string; readonly message: string; readonly details?: readonly { path: string; message: string }[] };
  /** True when the customer already had this assignment (sticky): nothing new was sent. */
  readonly existing?: boolean;
}

/** Share of the update cadence the weight cache may live. */
export const WEIGHT_CACHE_FRACTION = 5;
/** Recipients decided concurrently within a batch. */
export const BATCH_CONCURRENCY = 16;
/** Milliseconds in a minute. */
const MS_PER_MINUTE = 60_000;

/** The answer for a decision: the new one, or (sticky) the one the customer already had. */
function outcomeOf(assignment: Assignment, existing: boolean): SendOutcome {
  return {
    customerId: assignment.customerId,
    assignmentId: assignment.id,
    segment: assignment.segment,
    channel: assignment.channel,
    propensity: assignment.propensity,
    status: assignment.status,
    ...(assignment.sendAt ? { sendAt: assignment.sendAt } : {}),
    ...(existing ? { existing: true } : {}),
  };
}

function rejected(error: ValidationError, customerId?: string): SendOutcome {
  return {
    ...(customerId ? { customerId } : {}),
    channel: null,
    status: 'rejected',
    error: { code: error.code, message: error.message, ...(error.details ? { details: error.details } : {}) },
  };
}

/**
 * Consent for one decision. Inline consent counts where the stored profile has no answer, and an
 * inline `false` narrows a stored `true`; a stored withdrawal (`false`) always wins over an inline
 * `true`, unless the request saves the profile (`saveCustomer`), which is a profile update.
 */
export function effectiveConsents(stored: Customer['consents'] | undefined, inline: Customer['consents'] | undefined, saves: boolean): Customer['consents'] {
  const merged: Record<string, boolean> = { ...stored, ...inline };
  if (!saves) for (const [channel, given] of Object.entries(stored ?? {})) if (given === false) merged[channel] = false;
  return merged;
}

/** Merges stored and inline customer data; opt-outs always come from the stored profile. */
function effectiveCustomer(stored: Customer | undefined, recipient: Recipient, now: Date): Customer {
  return {
    id: recipient.customerId,
    attributes: { ...stored?.attributes, ...recipient.attributes },
    contact: { ...stored?.contact, ...recipient.contact },
    consents: effectiveConsents(stored?.consents, recipient.consents, recipient.saveCustomer),
    optOuts: stored?.optOuts ?? {},
    updatedAt: now.toISOString(),
  };
}

function checkVariables(experiment: Experiment, recipient: Recipient): ValidationError | undefined {
  const values: Record<string, string> = { ...recipient.variables };
  for (const builtIn of BUILT_IN_VARIABLES) values[builtIn] ??= builtIn;
  const missing = missingVariables(experiment.definition.channels.flatMap(contentTemplates), values);
  if (missing.length === 0) {
    const unsafe = unsafeVariables(experiment.definition.channels, recipient.variables);
    return unsafe.length === 0 ? undefined : new ValidationError(`unsafe template values: ${unsafe.map((detail) => detail.path).join(', ')}`, unsafe);
  }
  return new ValidationError(`missing template variables: ${missing.join(', ')}`, missing.map((name) => ({ path: `variables.${name}`, message: `variable "${name}" is required by this experiment's content` })));
}

async function decideOne(deps: SendDependencies, experiment: Experiment, allocation: CurrentAllocation, raw: unknown): Promise<{ outcome: SendOutcome }> {
  const parsed = RecipientSchema.safeParse(raw);
  if (!parsed.success) {
    const details = issuesToDetails(parsed.error.issues);
    const customerId = typeof (raw as { customerId?: unknown } | null)?.customerId === 'string' ? (raw as { customerId: string }).customerId : undefined;
    return { outcome: rejected(new ValidationError(`invalid recipient: ${details.map((detail) => `${detail.path}: ${detail.message}`).join('; ')}`, details), customerId) };
  }
  const recipient = parsed.data;
  const missing = checkVariables(experiment, recipient);
  if (missing) return { outcome: rejected(missing, recipient.customerId) };
  // What this recipient would store must fit one item, checked before anything is written.
  const what = `recipient ${recipient.customerId}`;
  const unstorable = depthProblem(what, { attributes: recipient.attributes ?? {} }) ?? storageProblem(what, { variables: recipient.variables, contact: recipient.contact ?? {} });
  if (unstorable) return { outcome: rejected(unstorable, recipient.customerId) };

  // No read for stickiness: the conditional write of the decision returns an existing one.
  const stored = await deps.customers.get(recipient.customerId);
  const customer = effectiveCustomer(stored, recipient, deps.clock.now());
  if (recipient.saveCustomer) {
    const profileProblem = storageProblem(`${what}'s profile`, { attributes: customer.attributes, contact: customer.contact, consents: customer.consents });
    if (profileProblem) return { outcome: rejected(profileProblem, recipient.customerId) };
    await deps.customers.put(customer);
  }

  const result = await decideForCustomer(deps, experiment, allocation, {
    customer,
    step: 0,
    variables: recipient.variables,
    ...(recipient.idempotencyKey ? { idempotencyKey: recipient.idempotencyKey } : {}),
  });
  if (result.kind === 'suppressed') {
    // A customer decided before keeps that decision (sticky), even if no longer eligible now.
    const sticky = await deps.assignments.get(assignmentIdFor(deps.ids, experiment.id, recipient.customerId, 0));
    if (sticky) return { outcome: outcomeOf(sticky, true) };
    const unknown = stored === undefined && recipient.contact === undefined && recipient.consents === undefined;
    const reason: SendSuppressionReason = unknown ? 'unknown_customer' : result.reason;
    return {
      outcome: { customerId: customer.id, segment: result.segment, channel: null, status: 'suppressed', reason, excluded: result.excluded, message: describeSuppression(customer.id, reason, result.excluded) },
    };
  }
  return { outcome: outcomeOf(result.assignment, !result.created) };
}

/** Loads a running experiment and its weights. */
async function runningExperiment(deps: SendDependencies, experimentId: string): Promise<{ experiment: Experiment; allocation: CurrentAllocation }> {
  const experiment = await deps.experimentSource.get(experimentId);
  if (!experiment) throw new NotFoundError(`experiment ${experimentId} not found`);
  if (experiment.status !== 'running') throw new InvalidStateError(`experiment ${experimentId} is ${experiment.status}: sends are accepted only while it is running`);
  const { startAt, endAt } = experiment.definition.schedule ?? {};
  const now = deps.clock.now().getTime();
  if (startAt !== undefined && Date.parse(startAt) > now) throw new InvalidStateError(`experiment ${experimentId} starts at ${startAt}: no sends before its schedule`);
  if (endAt !== undefined && Date.parse(endAt) <= now) throw new InvalidStateError(`experiment ${experimentId} ended at ${endAt}: no sends after its schedule`);
  const maxAgeMs = (experiment.definition.policy.updateEveryMinutes * MS_PER_MINUTE) / WEIGHT_CACHE_FRACTION;
  const allocation = (await deps.allocations.current(experimentId, maxAgeMs)) ?? initialAllocation(experiment);
  return { experiment, allocation };
}

/**
 * Sends a running experiment's message to recipients: per recipient, the segment, the eligible
 * channels (consent, opt-out, address, frequency cap, quiet hours), the allocator's choice and its
 * propensity; the decision is stored (sticky per customer), and that put is the request's only
 * write of it: the table's stream carries a new `queued` decision to the dispatch queue (the
 * dispatch outbox, `dispatchNewDecisions`). One bad recipient is rejected alone; the batch never
 * fails as a whole for it.
 */
export async function sendToRecipients(deps: SendDependencies, experimentId: string, recipients: readonly unknown[]): Promise<SendOutcome[]> {
  const { experiment, allocation } = await runningExperiment(deps, experimentId);
  // A recipient whose store fails (throttling) does not stop the others: the decisions written are
  // on their way (the stream carries them), then the error is answered (the client's retry finds them, sticky).
  let failure: { readonly error: unknown } | undefined;
  const decided = await mapWithConcurrency(recipients, BATCH_CONCURRENCY, async (recipient) => {
    try {
      return await decideOne(deps, experiment, allocation, recipient);
    } catch (error) {
      failure ??= { error };
      return undefined;
    }
  });
  if (failure) throw failure.error;
  return decided.map((item) => item?.outcome ?? { channel: null, status: 'rejected' });
}
