import { decide } from '../../domain/bandit';
import type { Customer } from '../../domain/customer/customer';
import { eligibility, type ExclusionReason, type SuppressionReason } from '../../domain/eligibility/eligibility';
import type { Channel } from '../../domain/experiment/channels';
import type { Experiment } from '../../domain/experiment/experiment';
import { createSeededRng } from '../../domain/random';
import { assignSegment, DEFAULT_SEGMENT } from '../../domain/segments/evaluate-segment';
import type { Assignment, AssignmentStatus } from '../../domain/sends/assignment';
import type { Clock, IdGenerator } from '../ports/clock';
import type { CurrentAllocation, SegmentWeights } from '../ports/allocation-source';
import type { AssignmentRepository } from '../ports/assignment-repository';
import type { SeedSource } from '../ports/seed-source';

/** Milliseconds in an hour. */
const MS_PER_HOUR = 3_600_000;

/** What a decision needs. */
export interface DecisionDependencies {
  /** Decisions. */
  readonly assignments: AssignmentRepository;
  /** Injected clock: every timestamp and window here is read from it (tests and the simulator move it). */
  readonly clock: Clock;
  readonly ids: IdGenerator;
  readonly seeds: SeedSource;
}

/** One decision to make for a customer. */
export interface DecisionRequest {
  /** The customer as the decision sees them (stored profile merged with inline data). */
  readonly customer: Customer;
  /** 0 for the first message, 1+ for follow-ups. */
  readonly step: number;
  /** The decision followed up. */
  readonly parentAssignmentId?: string;
  /** Channels this decision may not use (those earlier steps used). */
  readonly excludeChannels?: readonly Channel[];
  /** Template values. */
  readonly variables: Readonly<Record<string, string>>;
  /** Client idempotency key. */
  readonly idempotencyKey?: string;
  /** Keep this segment instead of evaluating the rules (follow-ups stay in their first decision's segment). */
  readonly segment?: string;
  /**
   * What the decision's id derives from instead of the step (a triggered send: `trigger:<pending id>`,
   * so that each triggering event gets its own decision, and a retried fire finds the same one).
   */
  readonly decisionKey?: string;
}

/** A decision's result. */
export type DecisionResult =
  | {
      readonly kind: 'suppressed';
      readonly segment: string;
      readonly reason: SuppressionReason | 'no_eligible_channel';
      /** Why each channel was left out. */
      readonly excluded: Readonly<Partial<Record<Channel, ExclusionReason>>>;
    }
  | { readonly kind: 'decided'; readonly assignment: Assignment; readonly created: boolean };

/**
 * Id of the decision for (experiment, customer, step), or for a key that replaces the step (see
 * {@link DecisionRequest.decisionKey}): the same inputs always give the same id (sticky decisions,
 * idempotent sends), keyed with the deployment's secret id key so that nobody can compute a
 * customer's assignment id from the experiment and customer ids.
 */
export function assignmentIdFor(ids: IdGenerator, experimentId: string, customerId: string, stepOrKey: number | string): string {
  return ids.secretIdFor(`assignment:${experimentId}:${customerId}:${stepOrKey}`);
}

/** The weights before the allocator's first run: uniform over the arms, with the policy's holdout. */
export function initialAllocation(experiment: Experiment): CurrentAllocation {
  const channels = experiment.definition.channels.map((content) => content.channel);
  const uniform: SegmentWeights = {
    weights: Object.fromEntries(channels.map((channel) => [channel, 1 / channels.length])),
    holdout: experiment.definition.policy.holdout,
  };
  const names = [...experiment.definition.segments.map((segment) => segment.name), DEFAULT_SEGMENT];
  return { version: 0, segments: Object.fromEntries(names.map((name) => [name, uniform])) };
}

/**
 * Decides for one customer: segment, eligible channels (consent, opt-out, address, frequency cap,
 * quiet hours, minus excluded ones), the allocator's draw among them with its exact propensity, and
 * the stored assignment (sticky: an existing decision for the same step is returned unchanged).
 * Follow-ups are never held out (the holdout is decided once, at step 0).
 */
export async function decideForCustomer(deps: DecisionDependencies, experiment: Experiment, allocation: CurrentAllocation, request: DecisionRequest): Promise<DecisionResult> {
  const now = deps.clock.now();
  const { definition } = experiment;
  const { customer } = request;
  const segment = request.segment ?? assignSegment(definition.segments, customer.attributes);
  const cap = definition.guardrails.frequencyCap;
  const recentSends = cap ? await deps.assignments.countRecentSends(customer.id, new Date(now.getTime() - cap.perHours * MS_PER_HOUR).toISOString()) : 0;
  const excluded = new Set(request.excludeChannels ?? []);
  const channels = definition.channels.map((content) => content.channel).filter((channel) => !excluded.has(channel));
  const allowed = eligibility({ channels, customer, contact: customer.contact, guardrails: definition.guardrails, recentSends, now });
  if (allowed.kind === 'suppressed') return { kind: 'suppressed', segment, reason: allowed.reason, excluded: allowed.excluded };
  const weights = allocation.segments[segment] ?? initialAllocation(experiment).segments[DEFAULT_SEGMENT];
  if (!weights) return { kind: 'suppressed', segment, reason: 'no_eligible_channel', excluded: allowed.excluded };
  const decisionSeed = deps.seeds.nextSeed();
  const holdout = request.step === 0 ? weights.holdout : 0;
  const decision = decide(weights.weights, allowed.channels, holdout, createSeededRng(decisionSeed));
  if (decision.kind === 'no_eligible_channel') return { kind: 'suppressed', segment, reason: 'no_eligible_channel', excluded: allowed.excluded };
  const channel = decision.kind === 'channel' ? decision.channel : null;
  const status: AssignmentStatus = channel === null ? 'holdout' : allowed.kind === 'deferred' ? 'deferred' : 'queued';
  const assignment: Assignment = {
    id: assignmentIdFor(deps.ids, experiment.id, customer.id, request.decisionKey ?? request.step),
    experimentId: experiment.id,
    customerId: customer.id,
    step: request.step,
    ...(request.parentAssignmentId ? { parentAssignmentId: request.parentAssignmentId } : {}),
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
    ...(allowed.kind === 'deferred' && status === 'deferred' ? { sendAt: allowed.sendAt.toISOString() } : {}),
    variables: request.variables,
    contact: channel === null ? {} : customer.contact,
    ...(request.idempotencyKey ? { idempotencyKey: request.idempotencyKey } : {}),
    attempts: 0,
  };
  const written = await deps.assignments.createIfAbsent(assignment);
  return written === 'created' ? { kind: 'decided', assignment, created: true } : { kind: 'decided', assignment: written, created: false };
}
