import { describe, expect, it } from 'vitest';
import { assignmentEntity, assignmentIdOf, statusAttributes } from '../../../../../shared/adapters/dynamodb/entities/assignment-entity';
import { CHANNEL_LAB_TABLE, UNCAPPED_ATTRIBUTE } from '../../../../../shared/adapters/dynamodb/table-definition';
import { ASSIGNMENT_STATUSES, type Assignment, CAPPED_STATUSES } from '../../../../../shared/domain/sends/assignment';

const DECISION: Assignment = {
  id: 'a-1', experimentId: 'e', customerId: 'c', step: 0, segment: 'default', eligibleChannels: ['sms'], excluded: {}, channel: 'sms',
  propensity: 1, allocationVersion: 0, policy: 'thompson', decisionSeed: 1, status: 'queued', decidedAt: '2026-01-01T00:00:00.000Z',
  variables: {}, contact: {}, attempts: 0,
};

/** Attributes a message's writes change after the decision: status, delivery, goal, retries. */
const MESSAGE_WRITES = ['status', 'statusChangedAt', 'attempts', 'messageId', 'sentAt', 'goalAt', 'goalEventId', 'failureReason'];

describe('the decision entity and the indexes it is in', () => {
  // A queued or sending decision is not in gsi4: it enters `PENDING#` only on a rare path
  // (`markPending`), and `MSG#` once sent, so the common path writes one gsi4 entry per message.
  it.each([
    { status: 'queued' as const, expected: ['gsi3'] },
    { status: 'sending' as const, expected: ['gsi3'] },
    { status: 'deferred' as const, expected: ['gsi3', 'gsi4'] },
    { status: 'sent' as const, expected: ['gsi3', 'gsi4'] },
  ])('a $status decision is only in $expected, which project none of the attributes its messages change', ({ status, expected }) => {
    const decision: Assignment = { ...DECISION, status, ...(status === 'deferred' ? { sendAt: '2026-01-01T06:00:00.000Z' } : {}), ...(status === 'sent' ? { messageId: 'm-1' } : {}) };
    const item = assignmentEntity.item(decision, decision);
    const indexes = CHANNEL_LAB_TABLE.globalIndexes.filter((index) => item[index.partitionKey] !== undefined);
    expect(indexes.map((index) => index.indexName)).toEqual(expected);
    for (const index of indexes) {
      expect(index.projection.type).not.toBe('ALL');
      const projected = index.projection.type === 'INCLUDE' ? index.projection.attributes : [];
      expect(projected.filter((name) => MESSAGE_WRITES.includes(name))).toEqual([]);
    }
  });

  it.each(ASSIGNMENT_STATUSES)('a %s decision carries the uncapped marker exactly when it does not count against the cap', (status) => {
    const capped = CAPPED_STATUSES.includes(status);
    expect(statusAttributes(status)).toEqual(capped ? { status } : { status, [UNCAPPED_ATTRIBUTE]: true });
    const item = assignmentEntity.item({ ...DECISION, status }, DECISION);
    expect(item[UNCAPPED_ATTRIBUTE]).toBe(capped ? undefined : true);
    expect(assignmentEntity.parse(item)).toEqual({ ...DECISION, status });
  });

  it('finds the decision a keys-only index entry points to, and refuses an entry of another item', () => {
    expect(assignmentIdOf({ pk: 'ASSIGN#a-1', sk: 'META', gsi4pk: 'MSG#m' })).toBe('a-1');
    expect(() => assignmentIdOf({ pk: 'EXP#e', sk: 'META' })).toThrow(/not a decision/);
  });
});
