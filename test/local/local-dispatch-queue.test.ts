import { describe, expect, it } from 'vitest';
import { LOCAL_MAX_RECEIVES, LocalDispatchQueue } from '../../local/local-dispatch-queue';
import { TransientDeliveryError } from '../../shared/domain/errors/delivery-errors';

describe('LocalDispatchQueue (the local SQS + dispatcher stand-in)', () => {
  it('delivers every enqueued request once and drain() waits for them', async () => {
    const queue = new LocalDispatchQueue();
    const seen: string[] = [];
    queue.consume(async (id) => {
      await new Promise((resolve) => setTimeout(resolve, 5));
      seen.push(id);
    });
    expect(await queue.enqueue([1, 2, 3].map((n) => ({ assignmentId: `a${n}`, experimentId: 'e' })))).toEqual([]);
    await queue.drain();
    expect(seen.sort()).toEqual(['a1', 'a2', 'a3']);
    await queue.drain(); // idle: resolves at once
  });

  it('retries what the consumer throws, and drain() waits for the retries', async () => {
    const queue = new LocalDispatchQueue();
    let calls = 0;
    queue.consume(async () => {
      calls += 1;
      if (calls < 3) throw new TransientDeliveryError('throttled');
    });
    await queue.enqueue([{ assignmentId: 'a', experimentId: 'e' }]);
    await queue.drain();
    expect(calls).toBe(3);
    expect(queue.deadLetters).toEqual([]);
  });

  it(`dead-letters after ${LOCAL_MAX_RECEIVES} tries`, async () => {
    const queue = new LocalDispatchQueue();
    let calls = 0;
    queue.consume(async () => {
      calls += 1;
      throw new Error('provider down');
    });
    await queue.enqueue([{ assignmentId: 'a', experimentId: 'e' }]);
    await queue.drain();
    expect(calls).toBe(LOCAL_MAX_RECEIVES);
    expect(queue.deadLetters).toEqual([{ request: { assignmentId: 'a', experimentId: 'e' }, error: 'provider down' }]);
  }, 10_000);

  it.each([
    { scenario: 'the hook runs once, on the last receive, before the message is dead-lettered', hookFails: false },
    { scenario: 'a hook that fails does not keep the message from its dead letters', hookFails: true },
  ])(`last receive (${LOCAL_MAX_RECEIVES}): $scenario`, async ({ hookFails }) => {
    const queue = new LocalDispatchQueue();
    const calls: string[] = [];
    queue.consume(async () => {
      calls.push('dispatch');
      throw new Error('claim throttled');
    });
    queue.onLastReceiveFailure(async (assignmentId, receive) => {
      calls.push(`last receive ${receive} of ${assignmentId} (dead letters: ${queue.deadLetters.length})`);
      if (hookFails) throw new Error('mark throttled');
    });
    await queue.enqueue([{ assignmentId: 'a', experimentId: 'e' }]);
    await queue.drain();
    expect(calls).toEqual([...Array.from({ length: LOCAL_MAX_RECEIVES }, () => 'dispatch'), `last receive ${LOCAL_MAX_RECEIVES} of a (dead letters: 0)`]);
    expect(queue.deadLetters).toEqual([{ request: { assignmentId: 'a', experimentId: 'e' }, error: 'claim throttled' }]);
  }, 10_000);

  it('drain() drains its feed (the dispatch outbox) first, then the queue, and the feed again until it adds nothing', async () => {
    const queue = new LocalDispatchQueue();
    const seen: string[] = [];
    // The feed's second round finds what the first round's dispatches wrote (as a stream would).
    const rounds = [['a1', 'a2'], ['a3'], []];
    let feeds = 0;
    queue.consume(async (id) => void seen.push(id));
    queue.feedFrom(async () => {
      const ids = rounds[feeds] ?? [];
      feeds += 1;
      await queue.enqueue(ids.map((assignmentId) => ({ assignmentId, experimentId: 'e' })));
    });
    await queue.drain();
    expect(seen.sort()).toEqual(['a1', 'a2', 'a3']);
    expect(feeds).toBe(3);
    await queue.drain(); // nothing new: one read of the feed
    expect(feeds).toBe(4);
  });
});
