import type { DispatchQueue, DispatchRequest } from '../shared/use-cases/ports/dispatch-queue';

/** How often a message is tried before it is dead-lettered (the stack's DLQ maxReceiveCount). */
export const LOCAL_MAX_RECEIVES = 5;
/** Base delay between retries of a transient failure. */
const RETRY_BASE_MS = 200;

/**
 * The local platform's stand-in for SQS + the dispatcher Lambda: enqueued assignments are
 * dispatched in the background by the same use case, retried on transient failures with backoff,
 * and dead-lettered (kept in `deadLetters`) after {@link LOCAL_MAX_RECEIVES} tries, after its
 * last-receive hook ran (as the stack's dispatcher marks the decision pending on the last receive).
 * Its feed (the dispatch outbox on the table's stream) is drained by {@link drain} first.
 */
export class LocalDispatchQueue implements DispatchQueue {
  /** Messages that failed every try. */
  readonly deadLetters: { request: DispatchRequest; error: string }[] = [];
  private pending = 0;
  private idleWaiters: (() => void)[] = [];
  private consumer: ((assignmentId: string) => Promise<unknown>) | undefined;
  private feed: (() => Promise<void>) | undefined;
  private lastReceive: ((assignmentId: string, receive: number) => Promise<unknown>) | undefined;
  /** Requests enqueued so far (a drain loops while its feed adds some). */
  private received = 0;

  /** Sets the consumer (the dispatch use case). */
  consume(consumer: (assignmentId: string) => Promise<unknown>): void {
    this.consumer = consumer;
  }

  /**
   * Sets what runs when a try fails on the message's last receive, before it is dead-lettered
   * (the platform marks the decision pending, as the stack's dispatcher does); its error is ignored.
   */
  onLastReceiveFailure(hook: (assignmentId: string, receive: number) => Promise<unknown>): void {
    this.lastReceive = hook;
  }

  /**
   * Sets what feeds the queue: the dispatch outbox's reader of the table's stream, which enqueues
   * new decisions here. {@link drain} drains it first.
   */
  feedFrom(feed: () => Promise<void>): void {
    this.feed = feed;
  }

  async enqueue(requests: readonly DispatchRequest[]): Promise<readonly string[]> {
    this.received += requests.length;
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
      else {
        await this.lastReceive?.(request.assignmentId, receive).catch(() => undefined);
        this.deadLetters.push({ request, error: error instanceof Error ? error.message : String(error) });
      }
    } finally {
      this.pending -= 1;
      if (this.pending === 0) for (const resolve of this.idleWaiters.splice(0)) resolve();
    }
  }

  /**
   * Resolves when the feed has nothing more and nothing is queued or in flight (tests and the
   * simulator call it right after a send): the feed is drained (new decisions enqueued), the
   * queue waited for, and the feed drained again as long as the last round enqueued something.
   */
  async drain(): Promise<void> {
    for (;;) {
      const before = this.received;
      await this.feed?.();
      await this.idle();
      if (this.received === before) return;
    }
  }

  /** Resolves when nothing is queued or in flight. */
  private idle(): Promise<void> {
    return this.pending === 0 ? Promise.resolve() : new Promise((resolve) => this.idleWaiters.push(resolve));
  }
}
