import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { LOCAL_MAX_RECEIVES } from '../../../../local/local-dispatch-queue';
import { PermanentDeliveryError, TransientDeliveryError } from '../../../../shared/domain/errors/delivery-errors';
import { reallocateNow } from '../../../../shared/use-cases/allocation/run-allocation';
import { eraseCustomer, optOutCustomer } from '../../../../shared/use-cases/customers/customer-service';
import { dispatchAssignment, MAX_DISPATCH_ATTEMPTS } from '../../../../shared/use-cases/dispatch/dispatch-assignment';
import { markPendingOnLastReceive } from '../../../../shared/use-cases/dispatch/mark-last-receive';
import { reconcile, STUCK_QUEUED_MS, STUCK_SENDING_MS } from '../../../../shared/use-cases/reconciliation/reconcile';
import { getResults } from '../../../../shared/use-cases/results/get-results';
import type { RenderedMessage, SendContext } from '../../../../shared/use-cases/ports/channel-sender';
import type { DispatchRequest } from '../../../../shared/use-cases/ports/dispatch-queue';
import { sendToRecipients } from '../../../../shared/use-cases/sends/send-message';
import { type SendHarness, startSendHarness, SURVEY_VARIABLES } from '../sends/send-harness';

let harness: SendHarness;
let counter = 0;

beforeAll(async () => {
  harness = await startSendHarness('dispatch');
});
afterAll(async () => harness.stop());

async function decide(options: { holdout?: number; variables?: Record<string, string> } = {}) {
  const experimentId = await harness.experiment({ policy: { holdout: options.holdout ?? 0 } });
  const customerId = `x-${(counter += 1)}`;
  await harness.customer(customerId);
  const [outcome] = await sendToRecipients(harness.deps, experimentId, [{ customerId, variables: options.variables ?? SURVEY_VARIABLES }]);
  return { experimentId, customerId, assignmentId: outcome?.assignmentId ?? '', outcome };
}

/** The experiment's results as the API serves them. */
async function resultsOf(experimentId: string) {
  const answer = await getResults(harness.deps, { experimentId, format: 'json' });
  if (answer.kind !== 'results') throw new Error('expected results');
  return answer.results;
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
    const outcomes = await sendToRecipients(harness.deps, experimentId, customers.map((customerId) => ({ customerId, variables: SURVEY_VARIABLES, contact: { email: 'a@example.com' }, consents: { email: true } })));
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

describe('retries end (finding: DLQ → reconciliation re-enqueued forever, attempts 5 → 10 → 15 → 20)', () => {
  it('a provider that keeps failing transiently: after the cap the decision is failed with its reason, never re-enqueued, counted in results', async () => {
    const { assignmentId, experimentId } = await decide();
    let calls = 0;
    const sendMessage = async (): Promise<never> => {
      calls += 1;
      throw new TransientDeliveryError('provider throttled (HTTP 503)');
    };
    const requeued: DispatchRequest[] = [];
    const deps = { ...harness.deps, sendMessage, queue: { enqueue: async (requests: readonly DispatchRequest[]) => (requeued.push(...requests), []) } };
    const start = harness.clock.now();
    try {
      // Four rounds of SQS (LOCAL_MAX_RECEIVES receives, then the DLQ) followed by reconciliation.
      for (let round = 0; round < 4; round += 1) {
        for (let receive = 0; receive < LOCAL_MAX_RECEIVES; receive += 1) await dispatchAssignment(deps, assignmentId).catch(() => 'redelivered by SQS');
        harness.clock.advance(STUCK_QUEUED_MS + 60_000);
        await reconcile(deps);
      }
    } finally {
      harness.clock.set(start);
    }
    const assignment = await harness.deps.assignments.get(assignmentId);
    expect(assignment).toMatchObject({ status: 'failed', attempts: MAX_DISPATCH_ATTEMPTS, failureReason: expect.stringMatching(new RegExp(`gave up after ${MAX_DISPATCH_ATTEMPTS} attempts: provider throttled`)) });
    expect(calls).toBe(MAX_DISPATCH_ATTEMPTS);
    expect(requeued.filter((request) => request.assignmentId === assignmentId).length).toBeLessThan(MAX_DISPATCH_ATTEMPTS / LOCAL_MAX_RECEIVES);
    await reallocateNow(harness.deps, experimentId);
    const results = await resultsOf(experimentId);
    expect(results.totals).toMatchObject({ sends: 0, failed: 1 });
    expect(results.segments.find((segment) => segment.segment === assignment?.segment)?.arms.find((arm) => arm.channel === assignment?.channel)).toMatchObject({ sends: 0, failed: 1 });
  });

  it('a permanent failure is failed at once and counted in results too', async () => {
    const { assignmentId, experimentId } = await decide();
    const sendMessage = async (): Promise<never> => {
      throw new PermanentDeliveryError('address rejected');
    };
    expect(await dispatchAssignment({ ...harness.deps, sendMessage }, assignmentId)).toBe('failed');
    await reallocateNow(harness.deps, experimentId);
    expect((await resultsOf(experimentId)).totals).toMatchObject({ sends: 0, failed: 1 });
  });
});

describe('consent at dispatch (finding: a consent withdrawn while the message was queued was still sent)', () => {
  it.each([
    ['consent withdrawn on the profile', async (customerId: string) => harness.customer(customerId, { consents: { email: false, sms: false } }), 'cancelled', /consent .* withdrawn/],
    ['opted out', async (customerId: string) => void (await optOutCustomer(harness.deps, customerId, { channel: 'all' })), 'cancelled', /opted out/],
    // Erasure empties the decision's contact and template values: nothing can be rendered or addressed.
    ['erased', async (customerId: string) => void (await eraseCustomer(harness.deps, customerId)), 'failed', /rendering failed/],
  ])('%s after the decision: not sent, the reason stored', async (_name, change, status, reason) => {
    const { assignmentId, customerId } = await decide();
    await change(customerId);
    const provider = countingProvider();
    expect(await dispatchAssignment({ ...harness.deps, sendMessage: provider.sendMessage }, assignmentId)).toBe(status);
    expect(provider.handed).toEqual([]);
    expect(await harness.deps.assignments.get(assignmentId)).toMatchObject({ status, failureReason: expect.stringMatching(reason) });
  });

  it('a consent given inline for a customer without a stored answer still goes (nothing was withdrawn)', async () => {
    const experimentId = await harness.experiment({ policy: { holdout: 0 } });
    const customerId = `inline-${(counter += 1)}`;
    await harness.customer(customerId, { consents: {} });
    const [outcome] = await sendToRecipients(harness.deps, experimentId, [{ customerId, variables: SURVEY_VARIABLES, consents: { email: true } }]);
    expect(outcome).toMatchObject({ status: 'queued', channel: 'email' });
    const provider = countingProvider();
    expect(await dispatchAssignment({ ...harness.deps, sendMessage: provider.sendMessage }, outcome?.assignmentId ?? '')).toBe('sent');
  });
});

// A new decision is not in the pending index (it enters it only on a rare path): the rare paths of
// dispatch must put it there, or reconciliation would never see it.
describe('rare paths of dispatch put the decision where reconciliation looks', () => {
  /** Runs reconciliation `ms` later (clock restored after); the ids it re-enqueued and its report. */
  async function reconcileAfter(ms: number) {
    const requeued: DispatchRequest[] = [];
    const start = harness.clock.now();
    harness.clock.advance(ms);
    try {
      const report = await reconcile({ ...harness.deps, queue: { enqueue: async (requests) => (requeued.push(...requests), []) } });
      return { report, requeued: requeued.map((request) => request.assignmentId) };
    } finally {
      harness.clock.set(start);
    }
  }

  it('a decision left in sending by a crashed dispatcher is reported once a redelivery found it, never resent', async () => {
    const { assignmentId } = await decide();
    // The dispatcher claimed it, called the provider and stopped before `sent` (no error to catch).
    expect((await harness.deps.assignments.claim(assignmentId, harness.clock.now().toISOString())).claimed).toBe(true);
    const unseen = await reconcileAfter(STUCK_SENDING_MS + 60_000);
    const provider = countingProvider();
    expect(await dispatchAssignment({ ...harness.deps, sendMessage: provider.sendMessage }, assignmentId)).toBe('skipped'); // SQS redelivers
    const seen = await reconcileAfter(STUCK_SENDING_MS + 60_000);
    expect(seen.report.stuckSending).toBe(unseen.report.stuckSending + 1);
    expect(seen.requeued).not.toContain(assignmentId);
    expect(provider.handed).toEqual([]);
    expect(await harness.deps.assignments.get(assignmentId)).toMatchObject({ status: 'sending', attempts: 1 });
  });

  // DynamoDB throttling of the claim beyond the SDK's retries (a fault DynamoDB Local cannot produce):
  // SQS redelivers, and if every receive fails the message ends in the DLQ while the decision is queued;
  // the handler's last receive marks it (`markPendingOnLastReceive`), as it does here.
  it('a claim that throws on the last receive leaves the decision queued where reconciliation re-enqueues it; it is sent once', async () => {
    const { assignmentId } = await decide();
    const assignments = new Proxy(harness.deps.assignments, {
      get(target, property, receiver) {
        if (property === 'claim') return async () => Promise.reject(new Error('ProvisionedThroughputExceededException (injected)'));
        const value: unknown = Reflect.get(target, property, receiver);
        return typeof value === 'function' ? value.bind(target) : value;
      },
    });
    const provider = countingProvider();
    await expect(dispatchAssignment({ ...harness.deps, assignments, sendMessage: provider.sendMessage }, assignmentId)).rejects.toThrow(/injected/);
    expect(await markPendingOnLastReceive(harness.deps.pending, assignmentId, LOCAL_MAX_RECEIVES, LOCAL_MAX_RECEIVES)).toBe('marked');
    const { requeued } = await reconcileAfter(STUCK_QUEUED_MS + 60_000);
    expect(requeued).toContain(assignmentId);
    expect(await dispatchAssignment({ ...harness.deps, sendMessage: provider.sendMessage }, assignmentId)).toBe('sent');
    expect(provider.handed).toHaveLength(1);
    expect((await reconcileAfter(STUCK_QUEUED_MS + 60_000)).requeued).not.toContain(assignmentId);
  });
});
