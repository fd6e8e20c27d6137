/** One step of a customer in an experiment that belongs (or may belong) to a journey. */
export interface JourneyStep {
  /** The experiment (a journey stage, or a stand-alone experiment). */
  readonly experimentId: string;
  readonly customerId: string;
  /** ISO instant of the step: for `entered`, when the triggering event happened; for `admit` and `sent`, the engine's clock when it fires. */
  readonly at: string;
  /** The pending send `admit` and `sent` are about: a retried firing carries it, so it holds one place under the cap. */
  readonly pendingSendId?: string;
}

/** Why a journey refuses a send that came due. */
export type JourneyRefusal = 'journey_cap' | 'later_stage';

/** The journey's answer for a send that came due. */
export type JourneyAdmission = { readonly admitted: true } | { readonly admitted: false; readonly reason: JourneyRefusal };

/**
 * What the trigger engine asks of journeys (the port jpolicy's DynamoDB gate implements):
 * - `entered` when a customer event triggers a send of the experiment (the customer is now in that stage);
 * - `admit` when that pending send comes due, before any decision: refused → the pending send
 *   exits with the reason, no decision is made (so it is never a send and never biases the bandit);
 * - `sent` after the send path made the decision (counts against the journey's per-customer cap).
 * Each call may be retried (at-least-once): implementations are idempotent per (experiment, customer, at).
 */
export interface JourneyGate {
  /** A trigger of `experimentId` matched for the customer. */
  entered(step: JourneyStep): Promise<void>;
  /** May the customer get this experiment's send now? */
  admit(step: JourneyStep): Promise<JourneyAdmission>;
  /** The customer got this experiment's send. */
  sent(step: JourneyStep): Promise<void>;
}

/** A gate for deployments and tests without journeys: every send is admitted, nothing is recorded. */
export const openJourneyGate: JourneyGate = {
  entered: async () => undefined,
  admit: async () => ({ admitted: true }),
  sent: async () => undefined,
};
