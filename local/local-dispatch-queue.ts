import type { DispatchQueue, DispatchRequest } from '../shared/use-cases/ports/dispatch-queue';

/** How often a message is tried before it is dead-lettered (the stack's DLQ maxReceiveCount). */
export const LOCAL_MAX_RECEIVES = 5;
/** Base delay between retries of a transient failure. */
const RETRY_BASE_MS = 200;

/**
 * The local platform's stand-in for SQS + the dispatcher Lambda: enqueued assignments are
 * dispatched in the background by the same use case, retried on transient failures with backoff,
 * and dead-lettered (kept in `deadLetters`) after {@link LOCAL_MAX_RECEIVES} tries.
 */
export class LocalDispatchQueue implements DispatchQueue {
  /** Messages that failed every try. */
  readonly deadLetters: { request: DispatchRequest; error: string }[] = [];
  private pending = 0;
  private idleWaiters: (() => void)[] = [];
  private consumer: ((assignmentId: string) => Promise<unknown>) | undefined;

  /** Sets the consumer (the dispatch use case). */
  consume(consumer: (assignmentId: string) => Promise<unknown>): void {
    this.consumer = consumer;
  }

  async enqueue(requests: readonly DispatchRequest[]): Promise<readonly string[]> {
    for (const request of requests) this.deliver(request, 1);
    return [];
  }

  private deliver(request: DispatchRequest, receive: number): void {
    this.pending += 1;
    const delay = receive === 1 ? 0 : RETRY_BASE_MS * 2 ** (receive - 2);
    setTimeout(() => {
      void this.run(request, receive);
    }, delay);
  }

  private async run(request: DispatchRequest, receive: number): Promise<void> {
    try {
      if (!this.consumer) throw new Error('local dispatch queue has no consumer');
      await this.consumer(request.assignmentId);
    } catch (error) {
      // The use case settles permanent failures itself; what it throws is worth another try.
      if (receive < LOCAL_MAX_RECEIVES) this.deliver(request, receive + 1);
      else this.deadLetters.push({ request, error: error instanceof Error ? error.message : String(error) });
    } finally {
      this.pending -= 1;
      if (this.pending === 0) for (const resolve of this.idleWaiters.splice(0)) resolve();
    }
  }

  /** Resolves when nothing is queued or in flight (tests and the simulator). */
  drain(): Promise<void> {
    return this.pending === 0 ? Promise.resolve() : new Promise((resolve) => this.idleWaiters.push(resolve));
  }
}
