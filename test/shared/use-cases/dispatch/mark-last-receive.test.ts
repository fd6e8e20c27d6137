import { describe, expect, it } from 'vitest';
import { isLastReceive, type LastReceiveMark, markPendingOnLastReceive } from '../../../../shared/use-cases/dispatch/mark-last-receive';
import type { PendingAssignments } from '../../../../shared/use-cases/ports/pending-assignments';

/** The queue's receive limit in these scenarios (the stack's DLQ limit). */
const MAX_RECEIVES = 5;

/** A pending index that records what it is asked to mark, or fails as a throttled store does. */
function recordingPending(fails = false): Pick<PendingAssignments, 'markPending'> & { marked: string[] } {
  const marked: string[] = [];
  return {
    marked,
    markPending: async (ids) => {
      if (fails) throw new Error('ProvisionedThroughputExceededException');
      marked.push(...ids);
    },
  };
}

describe('last receive of a dispatch message: its decision is marked pending before the DLQ takes it', () => {
  it.each([
    { receiveCount: 1, maxReceiveCount: MAX_RECEIVES, last: false },
    { receiveCount: MAX_RECEIVES - 1, maxReceiveCount: MAX_RECEIVES, last: false },
    { receiveCount: MAX_RECEIVES, maxReceiveCount: MAX_RECEIVES, last: true },
    // SQS's count is approximate: a count past the limit is a last receive too.
    { receiveCount: MAX_RECEIVES + 1, maxReceiveCount: MAX_RECEIVES, last: true },
    { receiveCount: 1, maxReceiveCount: 1, last: true },
    { receiveCount: 99, maxReceiveCount: undefined, last: false },
  ])('receive $receiveCount of at most $maxReceiveCount: last = $last', ({ receiveCount, maxReceiveCount, last }) => {
    expect(isLastReceive(receiveCount, maxReceiveCount)).toBe(last);
  });

  it.each<{ scenario: string; receiveCount: number; fails: boolean; outcome: LastReceiveMark; marked: string[] }>([
    { scenario: 'an earlier receive writes nothing (SQS delivers it again)', receiveCount: 2, fails: false, outcome: 'not_last', marked: [] },
    { scenario: 'the last receive marks the decision (one write)', receiveCount: MAX_RECEIVES, fails: false, outcome: 'marked', marked: ['a-1'] },
    { scenario: 'a mark that fails is reported, not thrown (the dispatch error is what goes to SQS)', receiveCount: MAX_RECEIVES, fails: true, outcome: 'mark_failed', marked: [] },
  ])('$scenario', async ({ receiveCount, fails, outcome, marked }) => {
    const pending = recordingPending(fails);
    expect(await markPendingOnLastReceive(pending, 'a-1', receiveCount, MAX_RECEIVES)).toBe(outcome);
    expect(pending.marked).toEqual(marked);
  });
});
