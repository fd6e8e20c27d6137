import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { LocalDependencies } from '../../../../local/platform';
import { dispatchAssignment } from '../../../../shared/use-cases/dispatch/dispatch-assignment';
import type { RenderedMessage, SendContext } from '../../../../shared/use-cases/ports/channel-sender';
import type { DispatchRequest } from '../../../../shared/use-cases/ports/send-ports';
import { sendToRecipients } from '../../../../shared/use-cases/sends/send-message';
import { type SendHarness, startSendHarness, SURVEY_VARIABLES } from '../sends/send-harness';

let harness: SendHarness;
let deciding: LocalDependencies;
let enqueued: DispatchRequest[] = [];
let counter = 0;

beforeAll(async () => {
  harness = await startSendHarness('dispatch');
  deciding = { ...harness.deps, queue: { enqueue: async (requests) => (enqueued.push(...requests), []) } };
});
afterAll(async () => harness.stop());

async function decide(options: { holdout?: number; variables?: Record<string, string> } = {}) {
  const experimentId = await harness.experiment({ policy: { holdout: options.holdout ?? 0 } });
  const customerId = `x-${(counter += 1)}`;
  await harness.customer(customerId);
  enqueued = [];
  const [outcome] = await sendToRecipients(deciding, experimentId, [{ customerId, variables: options.variables ?? SURVEY_VARIABLES }]);
  return { experimentId, customerId, assignmentId: outcome?.assignmentId ?? '', outcome };
}

/** A provider that counts what it was handed. */
function countingProvider() {
  const handed: SendContext[] = [];
  return {
    handed,
    sendMessage: async (_message: RenderedMessage, context: SendContext) => {
      handed.push(context);
      return { providerMessageId: `provider-${handed.length}` };
    },
  };
}

describe('dispatchAssignment', () => {
  it('an unknown assignment → unknown, nothing sent', async () => {
    const provider = countingProvider();
    expect(await dispatchAssignment({ ...harness.deps, sendMessage: provider.sendMessage }, 'missing-id')).toBe('unknown');
    expect(provider.handed).toEqual([]);
  });

  it('a held-out decision → skipped, nothing sent', async () => {
    const experimentId = await harness.experiment({ policy: { holdout: 0.5 } });
    const customers = Array.from({ length: 12 }, () => `h-${(counter += 1)}`);
    const outcomes = await sendToRecipients(deciding, experimentId, customers.map((customerId) => ({ customerId, variables: SURVEY_VARIABLES, contact: { email: 'a@example.com' }, consents: { email: true } })));
    const held = outcomes.find((outcome) => outcome.status === 'holdout');
    expect(held).toBeDefined();
    const provider = countingProvider();
    expect(await dispatchAssignment({ ...harness.deps, sendMessage: provider.sendMessage }, held?.assignmentId ?? '')).toBe('skipped');
    expect(provider.handed).toEqual([]);
  });

  it('content that no longer renders (a variable erased) → failed with the reason, nothing sent', async () => {
    const { assignmentId } = await decide();
    await harness.deps.assignments.eraseContact(assignmentId);
    const provider = countingProvider();
    expect(await dispatchAssignment({ ...harness.deps, sendMessage: provider.sendMessage }, assignmentId)).toBe('failed');
    expect(provider.handed).toEqual([]);
    expect(await harness.deps.assignments.get(assignmentId)).toMatchObject({ status: 'failed', failureReason: expect.stringMatching(/rendering failed/) });
  });

  it('sends once, stores the provider id, and a second dispatch is skipped', async () => {
    const { assignmentId } = await decide();
    const provider = countingProvider();
    const deps = { ...harness.deps, sendMessage: provider.sendMessage };
    expect(await dispatchAssignment(deps, assignmentId)).toBe('sent');
    expect(await dispatchAssignment(deps, assignmentId)).toBe('skipped');
    expect(provider.handed).toEqual([{ assignmentId, idempotencyKey: assignmentId, experimentId: expect.any(String) }]);
    expect(await harness.deps.assignments.get(assignmentId)).toMatchObject({ status: 'sent', messageId: 'provider-1', sentAt: harness.clock.now().toISOString() });
  });

  it('concurrent dispatches of one assignment hand one message to the provider', async () => {
    const { assignmentId } = await decide();
    const provider = countingProvider();
    const deps = { ...harness.deps, sendMessage: provider.sendMessage };
    const outcomes = await Promise.all(Array.from({ length: 5 }, () => dispatchAssignment(deps, assignmentId)));
    expect(outcomes.filter((outcome) => outcome === 'sent')).toHaveLength(1);
    expect(provider.handed).toHaveLength(1);
  });

  // A store failure after the provider accepted (DynamoDB throttling on markSent, which DynamoDB
  // Local cannot produce) must not lead to a second message.
  it('a failure to record `sent` after the provider accepted never leads to a second message', async () => {
    const { assignmentId } = await decide();
    const provider = countingProvider();
    let failures = 1;
    const assignments = new Proxy(harness.deps.assignments, {
      get(target, property, receiver) {
        if (property === 'markSent' && failures > 0) {
          return async () => {
            failures -= 1;
            throw new Error('ProvisionedThroughputExceededException');
          };
        }
        const value: unknown = Reflect.get(target, property, receiver);
        return typeof value === 'function' ? value.bind(target) : value;
      },
    });
    const deps = { ...harness.deps, assignments, sendMessage: provider.sendMessage };
    await dispatchAssignment(deps, assignmentId).catch(() => 'retried by SQS');
    await dispatchAssignment(deps, assignmentId).catch(() => 'retried by SQS');
    expect(provider.handed).toHaveLength(1);
  });
});
