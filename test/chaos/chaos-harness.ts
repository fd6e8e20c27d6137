/**
 * Fault injection for the chaos and race tests. Faults that the local platform cannot produce
 * (DynamoDB throttling, a provider that fails on purpose) are injected by wrapping one port
 * method; everything else is the real platform on DynamoDB Local.
 */
import type { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import type { OutboxEntry } from '../../shared/adapters/dynamodb/outbox-sender';
import { PermanentDeliveryError, TransientDeliveryError } from '../../shared/domain/errors/delivery-errors';
import { dispatchAssignment } from '../../shared/use-cases/dispatch/dispatch-assignment';
import type { RenderedMessage, SendContext, SendResult } from '../../shared/use-cases/ports/channel-sender';
import { STUCK_QUEUED_MS } from '../../shared/use-cases/reconciliation/reconcile';
import { type SendOutcome, sendToRecipients } from '../../shared/use-cases/sends/send-message';
import { checkInvariants } from '../support/invariants';
import type { SendHarness } from '../shared/use-cases/sends/send-harness';

/** How a test counts what it injected. */
export interface FaultLog {
  injected: number;
}

/** The error DynamoDB answers when a partition is over its throughput. */
export function throttlingError(): Error {
  const error = new Error('Rate of requests exceeds the allowed throughput (injected)');
  error.name = 'ProvisionedThroughputExceededException';
  return error;
}

/** Picks the DynamoDB calls a fault applies to (low-level command name, marshalled input as JSON). */
export type CallMatcher = (commandName: string, input: string) => boolean;

let middlewareCount = 0;

/**
 * Makes the next `times` DynamoDB calls that `match` fail with the throttling error, below the
 * SDK's retry strategy (as DynamoDB would answer), on the document client every handler shares.
 * @returns a function that removes the fault.
 */
export function throttleCalls(documents: DynamoDBDocumentClient, match: CallMatcher, times: number, log: FaultLog): () => void {
  let remaining = times;
  const name = `chaos-throttle-${(middlewareCount += 1)}`;
  documents.middlewareStack.add(
    (next, context) => async (args) => {
      if (remaining > 0 && match(context.commandName ?? '', JSON.stringify((args as { input?: unknown }).input ?? {}))) {
        remaining -= 1;
        log.injected += 1;
        throw throttlingError();
      }
      return next(args);
    },
    { step: 'deserialize', name },
  );
  return () => void documents.middlewareStack.remove(name);
}

/**
 * `target` with `method` throwing DynamoDB's throttling error (as it surfaces beyond the SDK's
 * retries; the write is not made) on the calls `throws` picks by their number (1 for the first),
 * every other call passed through.
 */
function throttlePortCalls<T extends object>(target: T, method: keyof T & string, throws: (call: number) => boolean, log: FaultLog): T {
  let calls = 0;
  return new Proxy(target, {
    get(object, property, receiver) {
      const value: unknown = Reflect.get(object, property, receiver);
      if (typeof value !== 'function') return value;
      if (property !== method) return value.bind(object);
      return async (...args: unknown[]) => {
        calls += 1;
        if (throws(calls)) {
          log.injected += 1;
          throw throttlingError();
        }
        return (value as (...inner: unknown[]) => unknown).apply(object, args);
      };
    },
  });
}

/** `target` with `method` throttled on its `nth` call only (see {@link throttlePortCalls}). */
export function throttleOnce<T extends object>(target: T, method: keyof T & string, nth: number, log: FaultLog): T {
  return throttlePortCalls(target, method, (call) => call === nth, log);
}

/** `target` with `method` throttled on its first `times` calls, every later call passed through. */
export function throttleFirst<T extends object>(target: T, method: keyof T & string, times: number, log: FaultLog): T {
  return throttlePortCalls(target, method, (call) => call <= times, log);
}

/** What a provider does with a message, by customer. */
export type ProviderBehaviour = 'ok' | 'permanent' | { readonly transientTimes: number } | 'always_transient';

/** A provider that follows a plan per customer and delivers the rest through the platform's outbox. */
export function plannedProvider(harness: SendHarness, plan: (customerId: string) => ProviderBehaviour, log: FaultLog) {
  const failures = new Map<string, number>();
  return async (message: RenderedMessage, context: SendContext): Promise<SendResult> => {
    const assignment = await harness.deps.assignments.get(context.assignmentId);
    const behaviour = plan(assignment?.customerId ?? '');
    const failed = failures.get(context.assignmentId) ?? 0;
    if (behaviour === 'permanent') {
      log.injected += 1;
      throw new PermanentDeliveryError('address refused by the provider (injected)');
    }
    if (behaviour === 'always_transient' || (typeof behaviour === 'object' && failed < behaviour.transientTimes)) {
      failures.set(context.assignmentId, failed + 1);
      log.injected += 1;
      throw new TransientDeliveryError('provider throttled, HTTP 503 (injected)');
    }
    return harness.platform.deps.sendMessage(message, context);
  };
}

/** Sends like a client: the whole request again on an error (at most `tries` times); the accepted decisions. */
export async function sendAsClient(deps: SendHarness['deps'], experimentId: string, recipients: readonly unknown[], tries = 4): Promise<{ outcomes: SendOutcome[]; accepted: Map<string, string>; errors: number }> {
  let errors = 0;
  for (let attempt = 1; ; attempt += 1) {
    try {
      const outcomes = await sendToRecipients(deps, experimentId, recipients);
      const accepted = new Map(outcomes.flatMap((outcome) => (outcome.customerId && outcome.assignmentId ? [[outcome.customerId, outcome.assignmentId] as const] : [])));
      return { outcomes, accepted, errors };
    } catch (error) {
      errors += 1;
      if (attempt >= tries) throw error;
    }
  }
}

/** Lets the queue drain, then runs reconciliation after the lost-message age, until nothing is pending (at most `rounds`). */
export async function settle(harness: SendHarness, rounds = 4): Promise<void> {
  for (let round = 0; round < rounds; round += 1) {
    await harness.platform.queue.drain();
    const pending = await harness.deps.pending.listPending();
    if (pending.length === 0) return;
    harness.clock.advance(STUCK_QUEUED_MS + 60_000);
    await harness.platform.runReconciliation();
  }
  await harness.platform.queue.drain();
}

/** Dispatches with `deps` for the duration of `run` (the platform's consumer is restored after). */
export async function withConsumer<T>(harness: SendHarness, deps: SendHarness['deps'], run: () => Promise<T>): Promise<T> {
  harness.platform.queue.consume((assignmentId) => dispatchAssignment(deps, assignmentId));
  try {
    return await run();
  } finally {
    harness.platform.queue.consume((assignmentId) => dispatchAssignment(harness.platform.deps, assignmentId));
  }
}

/** The invariants of one experiment after a scenario (see `test/support/invariants.ts`). */
export async function invariantsOf(harness: SendHarness, experimentId: string, accepted: ReadonlyMap<string, string>, handed?: readonly Pick<OutboxEntry, 'assignmentId'>[]) {
  // What the provider was handed, when the caller counted it (an erasure deletes the outbox's copy).
  const delivered: readonly Pick<OutboxEntry, 'assignmentId'>[] = handed ?? (await harness.platform.deps.outbox.list({ experimentId, limit: 10_000 }));
  const deadLettered = new Set(harness.platform.queue.deadLetters.map((letter) => letter.request.assignmentId));
  return checkInvariants({ documents: harness.documents, tableName: harness.platform.tableName, experimentId, accepted, delivered, deadLettered, drainCounters: harness.platform.drainCounters });
}
