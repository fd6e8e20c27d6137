import type { Channel } from '../shared/domain/experiment/channels';
import type { GoalEvent } from '../shared/domain/experiment/journey';
import type { Segment } from '../shared/domain/segments/evaluate-segment';
import type { SimulatedRecipient } from './population';
import type { SimulatedExperiment } from './scenario';

/** An experiment ready to drive: running, with what the simulator needs of its definition. */
export interface PreparedExperiment {
  /** Experiment id. */
  readonly id: string;
  readonly name: string;
  /** Journey stage. */
  readonly stage: string;
  /** The goal event the simulated customers send. */
  readonly goal: GoalEvent;
  /** The experiment's channels. */
  readonly channels: readonly Channel[];
  /** Its segment rules (to print which segment each kind falls in). */
  readonly segments: readonly Segment[];
  /** The scenario's part for it (true rates, variables). */
  readonly spec: SimulatedExperiment;
}

/** The platform's answer for one recipient (the fields the simulator reads). */
export interface SendAnswer {
  readonly customerId?: string;
  /** The decision. */
  readonly assignmentId?: string;
  /** Chosen channel (null: holdout, suppressed, rejected). */
  readonly channel: Channel | null;
  /** queued, deferred, holdout, suppressed, rejected… */
  readonly status: string;
  /** When a deferred message leaves. */
  readonly sendAt?: string;
}

/** A response a simulated customer gives. */
export interface SimulatedResponse {
  /** Idempotent event id. */
  readonly eventId: string;
  /** The goal event. */
  readonly type: GoalEvent;
  /** When the customer responded (simulated time). */
  readonly occurredAt: string;
  /** The decision answered. */
  readonly assignmentId: string;
  readonly experimentId: string;
  readonly customerId: string;
  /** The channel that carried the message (null: a held-out customer's organic response). */
  readonly channel: Channel | null;
}

/** What the platform made of a batch of responses. */
export interface RespondAnswer {
  /** Responses counted as goal successes. */
  readonly counted: number;
  /** Responses to messages that had not left the queue yet (the customer cannot have them yet). */
  readonly notSentYet: readonly SimulatedResponse[];
}

/** What the simulator needs of a platform (HTTP in every real use; the same API locally and deployed). */
export interface SimulationTarget {
  /** Sends an experiment's message to recipients (≤ 500), returning one answer each. */
  send(experimentId: string, recipients: readonly SimulatedRecipient[]): Promise<readonly SendAnswer[]>;
  /** Delivers responses; says how many counted and which came before their message had left. */
  respond(responses: readonly SimulatedResponse[]): Promise<RespondAnswer>;
}
