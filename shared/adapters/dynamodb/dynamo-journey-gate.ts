import { type DynamoDBDocumentClient, GetCommand, PutCommand } from '@aws-sdk/lib-dynamodb';
import { admitSend, confirmSent, EMPTY_JOURNEY_STATE, enterStage, type JourneyCustomerState } from '../../domain/journeys/journey-policy';
import type { JourneyAdmission, JourneyGate, JourneyStep } from '../../use-cases/ports/journey-gate';
import { journeyCustomerEntity, journeyMemberEntity, type JourneyMembership, type StoredJourneyCustomer } from './entities/journey-entities';
import { PARTITION_KEY } from './table-definition';
import { conflictItem } from './conflict-item';

/** Tries of one gate call that lost a conditional write to a concurrent call for the same customer and journey. */
export const GATE_ATTEMPTS = 8;
/** How long a customer's journey state is kept after its last change (at least the longest cap window). */
export const JOURNEY_STATE_RETENTION_DAYS = 120;
const SECONDS_PER_DAY = 24 * 60 * 60;

/** Raised when a gate call lost its conditional write `GATE_ATTEMPTS` times in a row (the engine's retry takes over). */
export class JourneyGateContentionError extends Error {
  /** @param what - the call and its step. */
  constructor(what: string) {
    super(`journey gate: ${what} lost ${GATE_ATTEMPTS} conditional writes in a row to concurrent calls; retry`);
    this.name = 'JourneyGateContentionError';
  }
}

/**
 * The key of an admitted send: its pending send (a firing retried in a later run, at another time,
 * keeps its place), else the experiment and the step's time (the engine asks `admit` and `sent`
 * with the same step).
 */
const sendKey = (step: JourneyStep) => step.pendingSendId ?? `${step.experimentId}@${step.at}`;

/**
 * The journey gate on the single table. Each experiment's membership (`EXP#<id>` / `JOURNEY`)
 * names its journey, stage and cap; each customer's place in a journey is one item
 * (`CUST#<id>` / `JOURNEY#<journey>`) changed only by a write conditional on the version read
 * (optimistic concurrency): of two concurrent admits for the same customer, one write fails its
 * condition and decides again on the item the refused write returned (no second read), so a cap of 1 lets exactly one through. Experiments in no
 * journey pass untouched.
 */
export class DynamoJourneyGate implements JourneyGate {
  constructor(
    private readonly client: DynamoDBDocumentClient,
    private readonly tableName: string,
  ) {}

  async entered(step: JourneyStep): Promise<void> {
    const membership = await this.membership(step.experimentId);
    if (membership === undefined) return;
    await this.change(membership, step, 'entered', (state) => {
      const next = enterStage(state, membership.stage, step.at);
      return { result: undefined, next: next === state ? undefined : next };
    });
  }

  async admit(step: JourneyStep): Promise<JourneyAdmission> {
    const membership = await this.membership(step.experimentId);
    if (membership === undefined) return { admitted: true };
    return this.change<JourneyAdmission>(membership, step, 'admit', (state) => {
      const outcome = admitSend(state, { key: sendKey(step), experimentId: step.experimentId, stage: membership.stage, at: step.at }, membership.cap);
      if (!outcome.admitted) return { result: { admitted: false, reason: outcome.reason }, next: undefined };
      return { result: { admitted: true }, next: outcome.changed ? outcome.state : undefined };
    });
  }

  async sent(step: JourneyStep): Promise<void> {
    const membership = await this.membership(step.experimentId);
    if (membership === undefined || membership.cap === undefined) return;
    await this.change(membership, step, 'sent', (state) => ({ result: undefined, next: confirmSent(state, { key: sendKey(step), experimentId: step.experimentId, at: step.at }) }));
  }

  /** The experiment's journey membership, if it is in a journey. */
  private async membership(experimentId: string): Promise<JourneyMembership | undefined> {
    const { Item } = await this.client.send(new GetCommand({ TableName: this.tableName, Key: journeyMemberEntity.key({ experimentId }), ConsistentRead: true }));
    return Item === undefined ? undefined : journeyMemberEntity.parse(Item);
  }

  /**
   * Reads the customer's state, decides with `decide`, and writes the next state (when there is one)
   * on the condition that nobody wrote since the read; a lost race decides again on fresh state.
   */
  private async change<T>(
    membership: JourneyMembership,
    step: JourneyStep,
    what: string,
    decide: (state: JourneyCustomerState) => { readonly result: T; readonly next: JourneyCustomerState | undefined },
  ): Promise<T> {
    const key = { customerId: step.customerId, journeyId: membership.journeyId };
    // The item as last seen: read once, then taken from each refused write (ALL_OLD), never read again.
    let seen: Record<string, unknown> | null | undefined;
    for (let attempt = 1; attempt <= GATE_ATTEMPTS; attempt += 1) {
      if (seen === undefined) {
        const { Item } = await this.client.send(new GetCommand({ TableName: this.tableName, Key: journeyCustomerEntity.key(key), ConsistentRead: true }));
        seen = Item ?? null;
      }
      const stored = seen === null ? undefined : journeyCustomerEntity.parse(seen);
      const { result, next } = decide(stored ?? EMPTY_JOURNEY_STATE);
      if (next === undefined) return result;
      const item: StoredJourneyCustomer = {
        ...key,
        entered: next.entered,
        slots: next.slots,
        version: (stored?.version ?? 0) + 1,
        updatedAt: step.at,
        expiresAt: Math.floor(Date.parse(step.at) / 1000) + JOURNEY_STATE_RETENTION_DAYS * SECONDS_PER_DAY,
      };
      try {
        await this.client.send(
          new PutCommand({
            TableName: this.tableName,
            Item: journeyCustomerEntity.item(item, key),
            ConditionExpression: stored === undefined ? 'attribute_not_exists(#pk)' : '#version = :version',
            ExpressionAttributeNames: stored === undefined ? { '#pk': PARTITION_KEY } : { '#version': 'version' },
            ...(stored === undefined ? {} : { ExpressionAttributeValues: { ':version': stored.version } }),
            ReturnValuesOnConditionCheckFailure: 'ALL_OLD',
          }),
        );
        return result;
      } catch (error) {
        seen = conflictItem(error);
        if (seen === undefined) throw error;
      }
    }
    throw new JourneyGateContentionError(`${what} of ${step.experimentId} for customer ${step.customerId}`);
  }
}
