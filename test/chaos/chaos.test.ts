/**
 * Chaos on the send, dispatch and event paths, on the local platform (DynamoDB Local): a provider
 * failing permanently and transiently through the dead-letter queue and reconciliation, a Lambda
 * timeout in the middle of a batch, DynamoDB throttling on each write of the three paths. After
 * each scenario the invariants are checked from the stored items (test/support/invariants.ts):
 * one decision per accepted send, nothing sent twice, nothing accepted lost, counters equal to
 * the ground truth.
 */
import type { Context, SQSRecord } from 'aws-lambda';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createDispatcherHandler, DISPATCH_RESERVE_MS } from '../../functions/dispatcher/dispatcher-handler';
import { serializeDispatchMessage } from '../../shared/adapters/sqs/dispatch-message';
import { MAX_DISPATCH_ATTEMPTS } from '../../shared/use-cases/dispatch/dispatch-assignment';
import { recordEvents } from '../../shared/use-cases/events/record-events';
import type { DispatchRequest } from '../../shared/use-cases/ports/dispatch-queue';
import { DAYTIME, type SendHarness, startSendHarness, SURVEY_VARIABLES } from '../shared/use-cases/sends/send-harness';
import { recordFigure } from '../support/invariants';
import { outboxRequests, platformTable } from '../support/outbox-stream';
import { type CallMatcher, type FaultLog, invariantsOf, plannedProvider, type ProviderBehaviour, sendAsClient, settle, throttleCalls, throttleFirst, throttleOnce, withConsumer } from './chaos-harness';
import { LOCAL_MAX_RECEIVES } from '../../local/local-dispatch-queue';

let harness: SendHarness;
let run = 0;

beforeAll(async () => {
  harness = await startSendHarness('chaos');
});
afterAll(async () => harness.stop());
// Every scenario starts at the same instant (no scenario leaks its simulated time into the next).
beforeEach(() => harness.clock.set(DAYTIME));

/** `count` fresh customers with every consent. */
async function customers(count: number, prefix: string): Promise<string[]> {
  const ids = Array.from({ length: count }, (_, index) => `${prefix}-${(run += 1)}-${index}`);
  await Promise.all(ids.map((id) => harness.customer(id)));
  return ids;
}

/**
 * The first customer the provider sees refuses for good (→ failed), the second fails once (→ back
 * to queued), the rest are sent. Roles go by arrival, not by position in the request: a customer
 * picked by position may be held out (10 %) and never reach the provider, and the fault aimed at
 * that customer's write would then never be injected.
 */
function refusedThenFlaky(): (customerId: string) => ProviderBehaviour {
  const roles = new Map<string, ProviderBehaviour>();
  const arrivalRoles: readonly ProviderBehaviour[] = ['permanent', { transientTimes: 1 }];
  return (customerId) => {
    const known = roles.get(customerId);
    if (known !== undefined) return known;
    const role = arrivalRoles[roles.size] ?? 'ok';
    roles.set(customerId, role);
    return role;
  };
}

const recipientsOf = (ids: readonly string[], extra: Record<string, unknown> = {}) => ids.map((customerId) => ({ customerId, variables: SURVEY_VARIABLES, ...extra }));

describe('a provider failing permanently and transiently, through the DLQ and reconciliation', () => {
  it('permanent → failed at once; transient twice → sent; always transient → failed after the cap; the rest sent; invariants hold', async () => {
    const experimentId = await harness.experiment({ policy: { holdout: 0.1 } });
    const ids = await customers(40, 'provider');
    const plan = (customerId: string): ProviderBehaviour => {
      const index = ids.indexOf(customerId) % 4;
      return index === 0 ? 'permanent' : index === 1 ? { transientTimes: 2 } : index === 2 ? 'always_transient' : 'ok';
    };
    const faults: FaultLog = { injected: 0 };
    const deps = { ...harness.deps, sendMessage: plannedProvider(harness, plan, faults) };
    const { accepted } = await withConsumer(harness, deps, async () => {
      const sent = await sendAsClient(harness.deps, experimentId, recipientsOf(ids));
      await settle(harness);
      return sent;
    });
    const { violations, checks } = await invariantsOf(harness, experimentId, accepted);
    expect(violations).toEqual([]);
    expect(checks).toBeGreaterThan(ids.length);
    const assignments = await Promise.all([...accepted.values()].map((id) => harness.deps.assignments.get(id)));
    const byPlan = (kind: number) => assignments.filter((assignment) => assignment && assignment.channel !== null && ids.indexOf(assignment.customerId) % 4 === kind);
    expect(byPlan(0).every((assignment) => assignment?.status === 'failed' && /refused/.test(assignment.failureReason ?? ''))).toBe(true);
    expect(byPlan(1).every((assignment) => assignment?.status === 'sent' && assignment.attempts === 3)).toBe(true);
    expect(byPlan(2).every((assignment) => assignment?.status === 'failed' && assignment.attempts === MAX_DISPATCH_ATTEMPTS && /gave up/.test(assignment.failureReason ?? ''))).toBe(true);
    expect(byPlan(3).every((assignment) => assignment?.status === 'sent')).toBe(true);
    expect(faults.injected).toBe(byPlan(0).length + 2 * byPlan(1).length + MAX_DISPATCH_ATTEMPTS * byPlan(2).length);
    recordFigure('chaos', 'provider permanent/transient through DLQ and reconciliation', { decisions: accepted.size, faults: faults.injected, checks, violations: violations.length });
  }, 60_000);
});

describe('a Lambda timeout in the middle of a batch', () => {
  it('the calls still hanging when the budget runs out return to queued; the redelivery sends them once; invariants hold', async () => {
    const experimentId = await harness.experiment({ policy: { holdout: 0 } });
    const ids = await customers(10, 'timeout');
    const { accepted } = await sendAsClient(harness.deps, experimentId, recipientsOf(ids));
    // What the dispatch outbox sends to SQS (the test plays SQS and the dispatcher's invocations).
    const enqueued = await outboxRequests(platformTable(harness.platform), [...accepted.values()]);
    const hanging = new Set(enqueued.slice(3, 7).map((request) => request.assignmentId));
    const hangingDeps = {
      ...harness.deps,
      sendMessage: (message: Parameters<SendHarness['deps']['sendMessage']>[0], context: Parameters<SendHarness['deps']['sendMessage']>[1]) =>
        hanging.has(context.assignmentId) ? new Promise<never>((_, reject) => context.signal?.addEventListener('abort', () => reject(new Error('aborted')))) : harness.deps.sendMessage(message, context),
    };
    const record = (request: DispatchRequest, receive: number): SQSRecord => ({
      messageId: `${request.assignmentId}-${receive}`,
      receiptHandle: `r-${request.assignmentId}-${receive}`,
      body: serializeDispatchMessage(request),
      attributes: { ApproximateReceiveCount: String(receive), SentTimestamp: '0', SenderId: 'test', ApproximateFirstReceiveTimestamp: '0' },
      messageAttributes: {},
      md5OfBody: '',
      eventSource: 'aws:sqs',
      eventSourceARN: 'arn:aws:sqs:us-east-1:123456789012:dispatch',
      awsRegion: 'us-east-1',
    });
    const context = (remaining: number) => ({ functionName: 'dispatcher', awsRequestId: 'chaos', getRemainingTimeInMillis: () => remaining }) as unknown as Context;
    const first = await createDispatcherHandler(hangingDeps)({ Records: enqueued.map((request) => record(request, 1)) }, context(DISPATCH_RESERVE_MS + 1_000));
    // The hanging calls fail the budget; on a loaded machine a slow one of the others may too (it returns to queued as well).
    const failed = first.batchItemFailures.map((failure) => failure.itemIdentifier);
    expect(failed).toEqual(expect.arrayContaining([...hanging].map((id) => `${id}-1`)));
    for (const id of hanging) expect((await harness.deps.assignments.get(id))?.status).toBe('queued');
    // SQS redelivers the failed ones (and, at-least-once, the others too): each is sent once.
    const second = await createDispatcherHandler(harness.deps)({ Records: enqueued.map((request) => record(request, 2)) }, context(30_000));
    expect(second.batchItemFailures).toEqual([]);
    const { violations, checks } = await invariantsOf(harness, experimentId, accepted);
    expect(violations).toEqual([]);
    recordFigure('chaos', 'Lambda timeout mid-batch', { decisions: accepted.size, faults: hanging.size, checks, violations: violations.length });
  });
});

/** A write of one path, made to fail once with DynamoDB's throttling error (below the SDK's retries). */
interface ThrottledWrite {
  readonly path: 'send' | 'dispatch' | 'event';
  readonly write: string;
  readonly match: CallMatcher;
}

const onAssignment = (input: string) => input.includes('"pk":{"S":"ASSIGN#');
const THROTTLED_WRITES: readonly ThrottledWrite[] = [
  { path: 'send', write: 'customer profile put (saveCustomer)', match: (command, input) => command === 'PutItemCommand' && input.includes('"pk":{"S":"CUST#') },
  { path: 'send', write: 'decision put', match: (command, input) => command === 'PutItemCommand' && onAssignment(input) },
  { path: 'dispatch', write: 'claim queued → sending', match: (command, input) => command === 'UpdateItemCommand' && onAssignment(input) && input.includes('"attempts"') },
  { path: 'dispatch', write: 'back to queued after a transient provider failure', match: (command, input) => command === 'UpdateItemCommand' && onAssignment(input) && input.includes('"failureReason"') },
  // One write: the table's stream counts the send (the follow-up timer would make it a transaction; none is configured here).
  { path: 'dispatch', write: 'sending → sent (the stream counts it)', match: (command, input) => command === 'UpdateItemCommand' && onAssignment(input) && input.includes('"messageId"') && input.includes('"sendCountedBy"') },
  { path: 'dispatch', write: 'sending → failed with its counter', match: (command, input) => command === 'TransactWriteItemsCommand' && onAssignment(input) && input.includes('"S":"failed"') },
  { path: 'event', write: 'event record put (the dedupe gate)', match: (command, input) => command === 'PutItemCommand' && input.includes('"pk":{"S":"EVENT#') },
  { path: 'event', write: 'goal write, after the event record (the stream counts it)', match: (command, input) => command === 'UpdateItemCommand' && onAssignment(input) && input.includes('"goalEventId"') },
];

/** `match`, for the first decision it matches only (every try of that one write fails, not one try of several). */
function onOneDecision(match: CallMatcher): CallMatcher {
  let target: string | undefined;
  return (command, input) => {
    if (!match(command, input)) return false;
    const decision = /"pk":\{"S":"(ASSIGN#[^"]+)"/.exec(input)?.[1];
    target ??= decision;
    return decision === target;
  };
}

/** Goal events for every decision, each sent like a client would (again on an error). */
async function answerAll(accepted: ReadonlyMap<string, string>): Promise<void> {
  for (const assignmentId of accepted.values()) {
    const event = { eventId: `goal-${assignmentId}`, type: 'survey_completed', occurredAt: new Date(harness.clock.now().getTime() + 60_000).toISOString(), assignmentId };
    for (let attempt = 1; ; attempt += 1) {
      try {
        await recordEvents(harness.deps, [event]);
        break;
      } catch (error) {
        if (attempt === 3) throw error;
      }
    }
  }
}

describe('DynamoDB throttling on each write of the send, dispatch and event paths', () => {
  it.each(THROTTLED_WRITES)('$path path: $write throttled → retried, invariants hold', async ({ path, write, match }) => {
    const experimentId = await harness.experiment({ policy: { holdout: 0.1 } });
    const ids = await customers(12, `throttle-${path}`);
    // One customer's provider refuses for good (→ failed), another's fails once (→ back to queued).
    const plan = refusedThenFlaky();
    const faults: FaultLog = { injected: 0 };
    const removeFault = throttleCalls(harness.platform.documents, match, 1, faults);
    try {
      const { accepted } = await withConsumer(harness, { ...harness.deps, sendMessage: plannedProvider(harness, plan, { injected: 0 }) }, async () => {
        const sent = await sendAsClient(harness.deps, experimentId, recipientsOf(ids, { saveCustomer: true }));
        await settle(harness);
        return sent;
      });
      await answerAll(accepted);
      expect(faults.injected).toBe(1);
      const { violations, checks } = await invariantsOf(harness, experimentId, accepted);
      expect(violations).toEqual([]);
      recordFigure('chaos', `throttled ${path}: ${write}`, { decisions: accepted.size, faults: faults.injected, checks, violations: violations.length });
    } finally {
      removeFault();
    }
  }, 60_000);

  // Finding: a status write after the claim that failed beyond the SDK's retries left the decision
  // in `sending`, where every redelivery did nothing (reported by reconciliation, never resent).
  // Now the outcome is noted on the decision alone (one small write, no counter) and the redelivery
  // applies it: sent → recorded with the provider's id (no second call); not sent → released and retried.
  it.each(THROTTLED_WRITES.filter(({ path, write }) => path === 'dispatch' && !write.startsWith('claim')))(
    'dispatch path: $write throttled beyond the SDK\'s retries → the outcome noted and applied on redelivery, invariants hold',
    async ({ write, match }) => {
      const experimentId = await harness.experiment({ policy: { holdout: 0.1 } });
      const ids = await customers(12, 'beyond');
      const plan = refusedThenFlaky();
      const calls: FaultLog = { injected: 0 };
      const faults: FaultLog = { injected: 0 };
      // Every try the SDK's retry strategy makes of the write (DynamoDB's default `maxAttempts`: 4).
      const tries = await harness.platform.documents.config.maxAttempts();
      const removeFault = throttleCalls(harness.platform.documents, onOneDecision(match), tries, faults);
      try {
        const provider = plannedProvider(harness, plan, { injected: 0 });
        const counting: typeof provider = async (message, context) => ((calls.injected += 1), provider(message, context));
        const { accepted } = await withConsumer(harness, { ...harness.deps, sendMessage: counting }, async () => {
          const sent = await sendAsClient(harness.deps, experimentId, recipientsOf(ids));
          await settle(harness);
          return sent;
        });
        expect(faults.injected).toBe(tries);
        const decisions = await Promise.all([...accepted.values()].map((id) => harness.deps.assignments.get(id)));
        expect(decisions.filter((decision) => decision?.status === 'sending')).toEqual([]);
        // One provider call per message, one more for the flaky customer's retry: nothing sent twice.
        const messages = decisions.filter((decision) => decision?.channel !== null).length;
        expect(calls.injected).toBe(messages + 1);
        await answerAll(accepted);
        const { violations, checks } = await invariantsOf(harness, experimentId, accepted);
        expect(violations).toEqual([]);
        recordFigure('chaos', `throttled beyond the SDK's retries, dispatch: ${write}`, { decisions: accepted.size, faults: faults.injected, checks, violations: violations.length });
      } finally {
        removeFault();
      }
    },
    60_000,
  );

  it('the SQS send of the dispatch outbox fails → the decisions are marked pending, reconciliation enqueues them, invariants hold', async () => {
    const experimentId = await harness.experiment({ policy: { holdout: 0.1 } });
    const ids = await customers(12, 'throttle-queue');
    const faults: FaultLog = { injected: 0 };
    const { accepted } = await sendAsClient(harness.deps, experimentId, recipientsOf(ids));
    // The outbox's first enqueue (the whole batch of new decisions) fails.
    const queue = harness.platform.queue;
    const original = queue.enqueue.bind(queue);
    queue.enqueue = throttleOnce({ enqueue: original }, 'enqueue', 1, faults).enqueue;
    try {
      await settle(harness);
    } finally {
      queue.enqueue = original;
    }
    expect(faults.injected).toBe(1);
    const { violations, checks } = await invariantsOf(harness, experimentId, accepted);
    expect(violations).toEqual([]);
    recordFigure('chaos', 'SQS send of the dispatch outbox fails', { decisions: accepted.size, faults: faults.injected, checks, violations: violations.length });
  }, 60_000);
});

// Finding: a message whose every receive failed before the claim (the claim throttled on each)
// was dead-lettered with its decision `queued` and no
// pending entry: reconciliation never re-enqueued it. The last receive now marks it.
describe('every receive of a dispatch message fails before the claim', () => {
  it('the local queue marks the decision on its last receive, before dead-lettering: reconciliation re-enqueues it, it is sent once; invariants hold', async () => {
    const experimentId = await harness.experiment({ policy: { holdout: 0 } });
    const ids = await customers(1, 'last-receive');
    const faults: FaultLog = { injected: 0 };
    // Every receive's claim is refused.
    const assignments = throttleFirst(harness.deps.assignments, 'claim', LOCAL_MAX_RECEIVES, faults);
    const { accepted } = await withConsumer(harness, { ...harness.deps, assignments }, async () => {
      const sent = await sendAsClient(harness.deps, experimentId, recipientsOf(ids));
      await harness.platform.queue.drain();
      const [assignmentId] = [...sent.accepted.values()];
      expect(harness.platform.queue.deadLetters.map((letter) => letter.request.assignmentId)).toContain(assignmentId);
      expect(await harness.deps.assignments.get(assignmentId ?? '')).toMatchObject({ status: 'queued', attempts: 0 });
      await settle(harness);
      return sent;
    });
    expect(faults.injected).toBe(LOCAL_MAX_RECEIVES);
    const [assignmentId] = [...accepted.values()];
    expect(await harness.deps.assignments.get(assignmentId ?? '')).toMatchObject({ status: 'sent', attempts: 1 });
    const { violations, checks } = await invariantsOf(harness, experimentId, accepted);
    expect(violations).toEqual([]);
    recordFigure('chaos', 'every receive fails before the claim (last receive marks it)', { decisions: accepted.size, faults: faults.injected, checks, violations: violations.length });
  }, 60_000);
});
