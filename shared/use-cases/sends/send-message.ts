import { createSeededRng } from '../../domain/random';
import { decide } from '../../domain/bandit';
import { contentTemplates, type Channel } from '../../domain/experiment/channels';
import type { Experiment } from '../../domain/experiment/experiment';
import { BUILT_IN_VARIABLES, missingVariables } from '../../domain/content/template';
import type { Customer } from '../../domain/customer/customer';
import { eligibility, type SuppressionReason } from '../../domain/eligibility/eligibility';
import { InvalidStateError, NotFoundError, ValidationError } from '../../domain/errors/channel-lab-error';
import { issuesToDetails } from '../../domain/errors/zod-issues';
import { assignSegment } from '../../domain/segments/evaluate-segment';
import type { Assignment, AssignmentStatus } from '../../domain/sends/assignment';
import { type Recipient, RecipientSchema } from '../../domain/sends/send-request';
import { mapWithConcurrency } from '../concurrency';
import type { Clock, IdGenerator } from '../ports/clock';
import type {
  AllocationSource,
  AssignmentRepository,
  CurrentAllocation,
  CustomerRepository,
  DispatchQueue,
  ExperimentSource,
  SeedSource,
  SegmentWeights,
} from '../ports/send-ports';

/** What sending needs. */
export interface SendDependencies {
  /** Experiments (briefly cached). */
  readonly experimentSource: ExperimentSource;
  /** Allocations (cached for at most a fifth of the update cadence). */
  readonly allocations: AllocationSource;
  /** Customers. */
  readonly customers: CustomerRepository;
  /** Decisions. */
  readonly assignments: AssignmentRepository;
  /** Dispatch queue. */
  readonly queue: DispatchQueue;
  /** Time. */
  readonly clock: Clock;
  /** Ids. */
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
  /** Why suppressed. */
  readonly reason?: SuppressionReason | 'no_eligible_channel';
  /** Why rejected. */
  readonly error?: { readonly code: string; readonly message: string; readonly details?: readonly { path: string; message: string }[] };
  /** True when the customer already had this assignment (sticky): nothing new was sent. */
  readonly existing?: boolean;
}

/** Share of the update cadence the weight cache may live. */
export const WEIGHT_CACHE_FRACTION = 5;
/** Recipients decided concurrently within a batch. */
export const BATCH_CONCURRENCY = 16;
/** Milliseconds in an hour. */
const MS_PER_HOUR = 3_600_000;
/** Milliseconds in a minute. */
const MS_PER_MINUTE = 60_000;

/** The weights before the allocator's first run: uniform over the arms, with the policy's holdout. */
export function initialAllocation(experiment: Experiment): CurrentAllocation {
  const channels = experiment.definition.channels.map((content) => content.channel);
  const uniform: SegmentWeights = {
    weights: Object.fromEntries(channels.map((channel) => [channel, 1 / channels.length])),
    holdout: experiment.definition.policy.holdout,
  };
  const names = [...experiment.definition.segments.map((segment) => segment.name), 'default'];
  return { version: 0, segments: Object.fromEntries(names.map((name) => [name, uniform])) };
}

/** Id of the decision for (experiment, customer, step): the same inputs always give the same id. */
export function assignmentIdFor(ids: IdGenerator, experimentId: string, customerId: string, step: number): string {
  return ids.idFor(`assignment:${experimentId}:${customerId}:${step}`);
}

function existingOutcome(assignment: Assignment): SendOutcome {
  return {
    customerId: assignment.customerId,
    assignmentId: assignment.id,
    segment: assignment.segment,
    channel: assignment.channel,
    propensity: assignment.propensity,
    status: assignment.status,
    ...(assignment.sendAt ? { sendAt: assignment.sendAt } : {}),
    existing: true,
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

/** Merges stored and inline customer data; opt-outs always come from the stored profile. */
function effectiveCustomer(stored: Customer | undefined, recipient: Recipient, now: Date): Customer {
  return {
    id: recipient.customerId,
    attributes: { ...stored?.attributes, ...recipient.attributes },
    contact: { ...stored?.contact, ...recipient.contact },
    consents: { ...stored?.consents, ...recipient.consents },
    optOuts: stored?.optOuts ?? {},
    updatedAt: now.toISOString(),
  };
}

function checkVariables(experiment: Experiment, recipient: Recipient): ValidationError | undefined {
  const values: Record<string, string> = { ...recipient.variables };
  for (const builtIn of BUILT_IN_VARIABLES) values[builtIn] ??= builtIn;
  const missing = missingVariables(experiment.definition.channels.flatMap(contentTemplates), values);
  if (missing.length === 0) return undefined;
  return new ValidationError(`missing template variables: ${missing.join(', ')}`, missing.map((name) => ({ path: `variables.${name}`, message: `variable "${name}" is required by this experiment's content` })));
}

async function decideOne(deps: SendDependencies, experiment: Experiment, allocation: CurrentAllocation, raw: unknown): Promise<{ outcome: SendOutcome; enqueue?: string }> {
  const parsed = RecipientSchema.safeParse(raw);
  if (!parsed.success) {
    const details = issuesToDetails(parsed.error.issues);
    const customerId = typeof (raw as { customerId?: unknown } | null)?.customerId === 'string' ? (raw as { customerId: string }).customerId : undefined;
    return { outcome: rejected(new ValidationError(`invalid recipient: ${details.map((detail) => `${detail.path}: ${detail.message}`).join('; ')}`, details), customerId) };
  }
  const recipient = parsed.data;
  const missing = checkVariables(experiment, recipient);
  if (missing) return { outcome: rejected(missing, recipient.customerId) };

  const id = assignmentIdFor(deps.ids, experiment.id, recipient.customerId, 0);
  const sticky = await deps.assignments.get(id);
  if (sticky) return { outcome: existingOutcome(sticky) };

  const now = deps.clock.now();
  const stored = await deps.customers.get(recipient.customerId);
  const customer = effectiveCustomer(stored, recipient, now);
  if (recipient.saveCustomer) await deps.customers.put(customer);

  const { definition } = experiment;
  const segment = assignSegment(definition.segments, customer.attributes);
  const cap = definition.guardrails.frequencyCap;
  const recentSends = cap ? await deps.assignments.countRecentSends(customer.id, new Date(now.getTime() - cap.perHours * MS_PER_HOUR).toISOString()) : 0;
  const channels = definition.channels.map((content) => content.channel);
  const allowed = eligibility({ channels, customer, contact: customer.contact, guardrails: definition.guardrails, recentSends, now });
  if (allowed.kind === 'suppressed') {
    return { outcome: { customerId: customer.id, segment, channel: null, status: 'suppressed', reason: allowed.reason } };
  }
  const weights = allocation.segments[segment] ?? initialAllocation(experiment).segments.default;
  if (!weights) throw new InvalidStateError(`no weights for segment ${segment}`);
  const decisionSeed = deps.seeds.nextSeed();
  const decision = decide(weights.weights, allowed.channels, weights.holdout, createSeededRng(decisionSeed));
  if (decision.kind === 'no_eligible_channel') {
    return { outcome: { customerId: customer.id, segment, channel: null, status: 'suppressed', reason: 'no_eligible_channel' } };
  }
  const channel = decision.kind === 'channel' ? decision.channel : null;
  const status: AssignmentStatus = channel === null ? 'holdout' : allowed.kind === 'deferred' ? 'deferred' : 'queued';
  const assignment: Assignment = {
    id,
    experimentId: experiment.id,
    customerId: customer.id,
    step: 0,
    segment,
    eligibleChannels: allowed.channels,
    excluded: allowed.excluded,
    channel,
    propensity: decision.propensity,
    allocationVersion: allocation.version,
    policy: definition.policy.type,
    decisionSeed,
    status,
    decidedAt: now.toISOString(),
    ...(status === 'deferred' && allowed.kind === 'deferred' ? { sendAt: allowed.sendAt.toISOString() } : {}),
    variables: recipient.variables,
    contact: channel === null ? {} : customer.contact,
    ...(recipient.idempotencyKey ? { idempotencyKey: recipient.idempotencyKey } : {}),
    attempts: 0,
  };
  const written = await deps.assignments.createIfAbsent(assignment);
  if (written !== 'created') return { outcome: existingOutcome(written) };
  const outcome: SendOutcome = {
    customerId: customer.id,
    assignmentId: id,
    segment,
    channel,
    propensity: decision.propensity,
    status,
    ...(assignment.sendAt ? { sendAt: assignment.sendAt } : {}),
  };
  return status === 'queued' ? { outcome, enqueue: id } : { outcome };
}

/** Loads a running experiment and its weights. */
async function runningExperiment(deps: SendDependencies, experimentId: string): Promise<{ experiment: Experiment; allocation: CurrentAllocation }> {
  const experiment = await deps.experimentSource.get(experimentId);
  if (!experiment) throw new NotFoundError(`experiment ${experimentId} not found`);
  if (experiment.status !== 'running') throw new InvalidStateError(`experiment ${experimentId} is ${experiment.status}: sends are accepted only while it is running`);
  const maxAgeMs = (experiment.definition.policy.updateEveryMinutes * MS_PER_MINUTE) / WEIGHT_CACHE_FRACTION;
  const allocation = (await deps.allocations.current(experimentId, maxAgeMs)) ?? initialAllocation(experiment);
  return { experiment, allocation };
}

/**
 * Sends a running experiment's message to recipients: per recipient, the segment, the eligible
 * channels (consent, opt-out, address, frequency cap, quiet hours), the allocator's choice and its
 * propensity; the decision is stored (sticky per customer) before its message is enqueued.
 * One bad recipient is rejected alone; the batch never fails as a whole for it.
 */
export async function sendToRecipients(deps: SendDependencies, experimentId: string, recipients: readonly unknown[]): Promise<SendOutcome[]> {
  const { experiment, allocation } = await runningExperiment(deps, experimentId);
  const decided = await mapWithConcurrency(recipients, BATCH_CONCURRENCY, (recipient) => decideOne(deps, experiment, allocation, recipient));
  const toEnqueue = decided.flatMap((item) => (item.enqueue ? [{ assignmentId: item.enqueue, experimentId }] : []));
  if (toEnqueue.length > 0) await deps.queue.enqueue(toEnqueue); // failures stay `queued`: reconciliation re-enqueues them
  return decided.map((item) => item.outcome);
}
