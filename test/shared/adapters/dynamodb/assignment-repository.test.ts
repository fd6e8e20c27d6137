import { GetCommand } from '@aws-sdk/lib-dynamodb';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DynamoAssignmentRepository } from '../../../../shared/adapters/dynamodb/assignment-repository';
import { assignmentEntity } from '../../../../shared/adapters/dynamodb/entities/assignment-entity';
import { GSI4 } from '../../../../shared/adapters/dynamodb/table-definition';
import { readCounters } from '../../../../shared/adapters/dynamodb/stats-counters';
import { mergeShards } from '../../../../shared/domain/statistics/cohort-counters';
import type { Assignment, AssignmentStatus } from '../../../../shared/domain/sends/assignment';
import { drainCounterStream } from '../../../support/counter-stream';
import { createTestTable, type TestTable } from '../../../support/dynamo';

let table: TestTable;
let repository: DynamoAssignmentRepository;
let counter = 0;

beforeAll(async () => {
  table = await createTestTable('assignments');
  repository = new DynamoAssignmentRepository(table.documents, table.tableName);
});
afterAll(async () => table.drop());

function assignment(overrides: Partial<Assignment> = {}): Assignment {
  counter += 1;
  return {
    id: `a-${counter}`,
    experimentId: 'exp-1',
    customerId: `cust-${counter}`,
    step: 0,
    segment: 'default',
    eligibleChannels: ['email', 'sms'],
    excluded: { push: 'no_consent' },
    channel: 'email',
    propensity: 0.475,
    allocationVersion: 3,
    policy: 'thompson',
    decisionSeed: 42,
    status: 'queued',
    decidedAt: '2026-06-01T10:00:00.000Z',
    variables: { firstName: 'Ada' },
    contact: { email: 'ada@example.com' },
    attempts: 0,
    ...overrides,
  };
}

/** The stored item of a decision, as DynamoDB holds it (index keys included). */
async function storedItem(id: string): Promise<Record<string, unknown> | undefined> {
  return (await table.documents.send(new GetCommand({ TableName: table.tableName, Key: assignmentEntity.key({ id }), ConsistentRead: true }))).Item;
}

/** Whether reconciliation's pending list holds the decision. */
const isListedPending = async (id: string) => (await repository.listPending()).some((item) => item.id === id);

describe('DynamoAssignmentRepository', () => {
  it('stores a decision once and reads it back whole; a second create returns the first (sticky)', async () => {
    const first = assignment();
    expect(await repository.createIfAbsent(first)).toBe('created');
    expect(await repository.get(first.id)).toEqual(first);
    const rival = { ...first, channel: 'sms' as const, propensity: 0.5 };
    expect(await repository.createIfAbsent(rival)).toEqual(first);
    expect(await repository.get('nope')).toBeUndefined();
  });

  it('concurrent creates of one id: exactly one is created', async () => {
    const base = assignment();
    const results = await Promise.all([base, { ...base, channel: 'sms' as const }, { ...base, channel: null, status: 'holdout' as const }].map((candidate) => repository.createIfAbsent(candidate)));
    expect(results.filter((result) => result === 'created')).toHaveLength(1);
    const stored = await repository.get(base.id);
    for (const result of results) if (result !== 'created') expect(result).toEqual(stored);
  });

  it.each([
    ['a queued decision is claimed: sending, one more attempt, returned whole', 'queued' as const, { claimed: true, status: 'sending', attempts: 1 }],
    ['a decision already sending is not claimed again (a redelivery)', 'sending' as const, { claimed: false, status: 'sending', attempts: 0 }],
    ['a sent decision is not claimed', 'sent' as const, { claimed: false, status: 'sent', attempts: 0 }],
  ])('claim: %s', async (_name, status, expected) => {
    const decision = assignment({ status });
    await repository.createIfAbsent(decision);
    const result = await repository.claim(decision.id, '2026-06-01T10:00:05.000Z');
    expect(result.claimed).toBe(expected.claimed);
    const seen = result.claimed ? result.assignment : result.current;
    expect(seen).toMatchObject({ id: decision.id, status: expected.status, attempts: expected.attempts });
    expect(await repository.get(decision.id)).toEqual(seen);
  });

  it('getMany reads the decisions that exist in one batch, whatever the order and repeats', async () => {
    const decisions = [assignment(), assignment(), assignment()];
    for (const decision of decisions) await repository.createIfAbsent(decision);
    const ids = [decisions[2]!.id, 'missing', decisions[0]!.id, decisions[2]!.id, decisions[1]!.id];
    const found = await repository.getMany(ids);
    expect([...found].sort((a, b) => a.id.localeCompare(b.id))).toEqual([...decisions].sort((a, b) => a.id.localeCompare(b.id)));
    expect(await repository.getMany([])).toEqual([]);
  });

  it('claim of an unknown id writes nothing and says so', async () => {
    expect(await repository.claim('never-decided', '2026-06-01T10:00:05.000Z')).toEqual({ claimed: false });
    expect(await repository.get('never-decided')).toBeUndefined();
  });

  // A dispatch outcome whose status write failed is noted on the claim that made it, and settled by the next status change.
  it.each([
    { name: 'sent, with the provider id', outcome: { to: 'sent' as const, messageId: 'ses-1', at: '2026-06-01T10:00:06.000Z' }, settle: (decision: Assignment) => repository.markSent(decision, 'ses-1', '2026-06-01T10:00:06.000Z') },
    { name: 'back to queued', outcome: { to: 'queued' as const, reason: 'HTTP 503', at: '2026-06-01T10:00:06.000Z' }, settle: (decision: Assignment) => repository.transition({ id: decision.id, from: ['sending'], to: 'queued' }) },
    { name: 'failed', outcome: { to: 'failed' as const, reason: 'refused', at: '2026-06-01T10:00:06.000Z' }, settle: (decision: Assignment) => repository.markFailed(decision, 'refused', '2026-06-01T10:00:06.000Z') },
  ])('noteOutcome ($name): only on the sending claim that made it; the status change removes it', async ({ outcome, settle }) => {
    const decision = assignment();
    await repository.createIfAbsent(decision);
    expect(await repository.noteOutcome(decision.id, { ...outcome, attempt: 1 })).toBe(false); // still queued
    const claim = await repository.claim(decision.id, '2026-06-01T10:00:05.000Z');
    if (!claim.claimed) throw new Error('not claimed');
    expect(await repository.noteOutcome(decision.id, { ...outcome, attempt: 2 })).toBe(false); // another claim's
    expect(await repository.noteOutcome(decision.id, { ...outcome, attempt: 1 })).toBe(true);
    expect((await repository.get(decision.id))?.pendingOutcome).toEqual({ ...outcome, attempt: 1 });
    expect(await settle(claim.assignment)).toBe(true);
    expect((await repository.get(decision.id))?.pendingOutcome).toBeUndefined();
  });

  it('markSent is one write of the decision: its send reaches the counter through the table’s stream, once', async () => {
    const decision = assignment({ experimentId: 'exp-stream-send' });
    await repository.createIfAbsent(decision);
    expect((await repository.claim(decision.id, '2026-06-01T10:00:01.000Z')).claimed).toBe(true);
    expect(await repository.markSent(decision, 'ses-stream', '2026-06-01T10:00:02.000Z')).toBe(true);
    const sends = async () => mergeShards(await readCounters(table.documents, table.tableName, 'exp-stream-send')).reduce((sum, counter) => sum + counter.sends, 0);
    expect(await sends()).toBe(0);
    await drainCounterStream(table);
    expect(await sends()).toBe(1);
    expect(await repository.markSent(decision, 'ses-stream', '2026-06-01T10:00:03.000Z')).toBe(false);
    await drainCounterStream(table);
    expect(await sends()).toBe(1);
  });

  it('status transitions are conditional on the current status', async () => {
    const decision = assignment();
    await repository.createIfAbsent(decision);
    expect(await repository.transition({ id: decision.id, from: ['queued'], to: 'sending', set: { attempts: 1 } })).toBe(true);
    expect(await repository.transition({ id: decision.id, from: ['queued'], to: 'sending', set: { attempts: 2 } })).toBe(false);
    expect(await repository.transition({ id: 'missing', from: ['queued'], to: 'sending' })).toBe(false);
    expect(await repository.get(decision.id)).toMatchObject({ status: 'sending', attempts: 1 });
    expect(await repository.markSent(decision, 'ses-123', '2026-06-01T10:00:05.000Z')).toBe(true);
    expect(await repository.markSent(decision, 'ses-456', '2026-06-01T10:00:06.000Z')).toBe(false);
    expect(await repository.get(decision.id)).toMatchObject({ status: 'sent', messageId: 'ses-123', sentAt: '2026-06-01T10:00:05.000Z' });
    expect((await repository.findByMessageId('ses-123'))?.id).toBe(decision.id);
  });

  it.each<{ status: AssignmentStatus; counts: boolean }>([
    { status: 'queued', counts: true },
    { status: 'deferred', counts: true },
    { status: 'sending', counts: true },
    { status: 'sent', counts: true },
    { status: 'delivered', counts: true },
    { status: 'holdout', counts: false },
    { status: 'failed', counts: false },
    { status: 'cancelled', counts: false },
    { status: 'bounced', counts: false },
  ])('frequency cap counting: a $status decision counts: $counts', async ({ status, counts }) => {
    const customerId = `cap-${status}`;
    await repository.createIfAbsent(assignment({ customerId, status, ...(status === 'deferred' ? { sendAt: '2026-06-01T20:00:00.000Z' } : {}) }));
    expect(await repository.countRecentSends(customerId, '2026-06-01T00:00:00.000Z')).toBe(counts ? 1 : 0);
  });

  it.each<{ how: string; leave: (decision: Assignment) => Promise<boolean> }>([
    { how: 'fails at dispatch', leave: async (decision) => (await repository.claim(decision.id, '2026-06-01T10:00:01.000Z')).claimed && repository.markFailed(decision, 'refused', '2026-06-01T10:00:02.000Z') },
    { how: 'is cancelled', leave: (decision) => repository.transition({ id: decision.id, from: ['queued'], to: 'cancelled', set: { failureReason: 'opted out' } }) },
    { how: 'bounces after it was sent', leave: async (decision) => (await repository.claim(decision.id, '2026-06-01T10:00:01.000Z')).claimed && (await repository.markSent(decision, `m-${decision.id}`, '2026-06-01T10:00:02.000Z')) && repository.transition({ id: decision.id, from: ['sent'], to: 'bounced' }) },
    { how: 'is never delivered (SES reject)', leave: async (decision) => (await repository.claim(decision.id, '2026-06-01T10:00:01.000Z')).claimed && (await repository.markSent(decision, `m-${decision.id}`, '2026-06-01T10:00:02.000Z')) && repository.markUndelivered({ ...decision, sentAt: '2026-06-01T10:00:02.000Z' }, 'rejected') },
  ])('frequency cap counting: a decision that $how stops counting', async ({ how, leave }) => {
    const customerId = `cap-leaves-${how.replaceAll(' ', '-')}`;
    const decision = assignment({ customerId });
    await repository.createIfAbsent(decision);
    expect(await repository.countRecentSends(customerId, '2026-06-01T00:00:00.000Z')).toBe(1);
    expect(await leave(decision)).toBe(true);
    expect(await repository.countRecentSends(customerId, '2026-06-01T00:00:00.000Z')).toBe(0);
  });

  it('lists more decisions of a customer than one batch read holds, and lists more marked pending decisions than one batch read holds', async () => {
    const customerId = 'many-decisions';
    const decisions = Array.from({ length: 130 }, (_, index) => assignment({ customerId, experimentId: `many-${index}`, decidedAt: `2026-04-01T00:00:${String(index % 60).padStart(2, '0')}.${String(index).padStart(3, '0')}Z` }));
    for (const decision of decisions) await repository.createIfAbsent(decision);
    const listed = await repository.listForCustomer(customerId);
    expect(listed).toHaveLength(130);
    expect(listed.map((item) => item.decidedAt)).toEqual([...listed.map((item) => item.decidedAt)].sort().reverse());
    // A new decision is not pending (it enters the list only on a rare path); marked ones are all
    // listed, more than one batch read holds.
    const pendingIds = async () => new Set((await repository.listPending()).map((item) => item.id));
    const before = await pendingIds();
    expect(decisions.filter((decision) => before.has(decision.id))).toEqual([]);
    await repository.markPending(decisions.map((decision) => decision.id));
    const after = await pendingIds();
    expect(decisions.every((decision) => after.has(decision.id))).toBe(true);
  });

  it('frequency cap counting: only decisions at or after `since`, across experiments', async () => {
    const customerId = 'cap-window';
    await repository.createIfAbsent(assignment({ customerId, experimentId: 'e1', decidedAt: '2026-05-31T09:59:59.999Z' }));
    await repository.createIfAbsent(assignment({ customerId, experimentId: 'e2', decidedAt: '2026-05-31T10:00:00.000Z' }));
    await repository.createIfAbsent(assignment({ customerId, experimentId: 'e3', decidedAt: '2026-06-01T09:00:00.000Z' }));
    expect(await repository.countRecentSends(customerId, '2026-05-31T10:00:00.000Z')).toBe(2);
    expect(await repository.countRecentSends(customerId, '2026-06-01T09:00:00.001Z')).toBe(0);
  });

  it('lists a customer’s decisions newest first and erases their contact data', async () => {
    const customerId = 'erase-me';
    const older = assignment({ customerId, experimentId: 'e1', decidedAt: '2026-05-01T00:00:00.000Z' });
    const newer = assignment({ customerId, experimentId: 'e2', decidedAt: '2026-05-02T00:00:00.000Z' });
    await repository.createIfAbsent(older);
    await repository.createIfAbsent(newer);
    expect((await repository.listForCustomer(customerId)).map((item) => item.id)).toEqual([newer.id, older.id]);
    await repository.eraseContact(older.id);
    expect(await repository.get(older.id)).toEqual({ ...older, contact: {}, variables: {} });
    await expect(repository.eraseContact('missing')).rejects.toThrow();
  });

  it('deferred decisions come due at their sendAt', async () => {
    const due = assignment({ status: 'deferred', sendAt: '2026-06-02T06:00:00.000Z' });
    const later = assignment({ status: 'deferred', sendAt: '2026-06-02T07:00:00.000Z' });
    await repository.createIfAbsent(due);
    await repository.createIfAbsent(later);
    const ids = async (now: string) => (await repository.dueDeferred(now, 100)).map((item) => item.id).filter((id) => id === due.id || id === later.id);
    expect(await ids('2026-06-02T05:59:59.999Z')).toEqual([]);
    expect(await ids('2026-06-02T06:00:00.000Z')).toEqual([due.id]);
    expect(await repository.transition({ id: due.id, from: ['deferred'], to: 'queued' })).toBe(true);
    expect(await ids('2026-06-02T08:00:00.000Z')).toEqual([later.id]);
  });

  it.each<{ status: AssignmentStatus; marked: boolean }>([
    { status: 'queued', marked: true },
    { status: 'sending', marked: true },
    { status: 'deferred', marked: false },
    { status: 'sent', marked: false },
    { status: 'failed', marked: false },
    { status: 'cancelled', marked: false },
    { status: 'holdout', marked: false },
  ])('markPending: a $status decision is put where reconciliation looks: $marked (others are left alone, no error)', async ({ status, marked }) => {
    const decision = assignment({ status, ...(status === 'deferred' ? { sendAt: '2026-06-02T06:00:00.000Z' } : {}), ...(status === 'sent' ? { messageId: `m-mark-${status}` } : {}), ...(status === 'holdout' ? { channel: null } : {}) });
    await repository.createIfAbsent(decision);
    const before = await storedItem(decision.id);
    expect(await isListedPending(decision.id)).toBe(false);
    await repository.markPending([decision.id]);
    expect(await isListedPending(decision.id)).toBe(marked);
    if (!marked) expect(await storedItem(decision.id)).toEqual(before);
    await repository.markPending([decision.id]); // repeated: harmless
    expect(await isListedPending(decision.id)).toBe(marked);
    expect(await repository.get(decision.id)).toEqual(decision);
  });

  it('markPending of several ids marks each; an unknown id creates nothing; no ids writes nothing', async () => {
    const decisions = [assignment(), assignment()];
    for (const decision of decisions) await repository.createIfAbsent(decision);
    await repository.markPending([]);
    await repository.markPending([decisions[0]!.id, 'never-decided', decisions[1]!.id]);
    expect(await isListedPending(decisions[0]!.id)).toBe(true);
    expect(await isListedPending(decisions[1]!.id)).toBe(true);
    expect(await storedItem('never-decided')).toBeUndefined();
  });

  it('a new decision is in gsi4 only once sent: no PENDING# entry while queued or sending, MSG# at sent', async () => {
    const decision = assignment();
    await repository.createIfAbsent(decision);
    expect((await storedItem(decision.id))?.[GSI4.partitionKey]).toBeUndefined();
    expect((await repository.claim(decision.id, '2026-06-01T10:00:01.000Z')).claimed).toBe(true);
    expect((await storedItem(decision.id))?.[GSI4.partitionKey]).toBeUndefined();
    expect(await isListedPending(decision.id)).toBe(false);
    expect(await repository.markSent(decision, 'ses-new-style', '2026-06-01T10:00:02.000Z')).toBe(true);
    expect(await storedItem(decision.id)).toMatchObject({ [GSI4.partitionKey]: 'MSG#ses-new-style', [GSI4.sortKey]: 'MSG' });
    expect((await repository.findByMessageId('ses-new-style'))?.id).toBe(decision.id);
  });

  it.each<{ how: string; from: AssignmentStatus; pending: boolean }>([
    // The release's write is the stream record the dispatch outbox sends: one index write (DEFERRED removed).
    { how: 'released from deferred', from: 'deferred', pending: false },
    // A retry is already past the outbox: reconciliation must find it.
    { how: 'back from sending (a retry)', from: 'sending', pending: true },
  ])('a decision $how to queued is in the pending index: $pending', async ({ from, pending }) => {
    const decision = assignment({ status: from, ...(from === 'deferred' ? { sendAt: '2026-06-02T06:00:00.000Z' } : {}) });
    await repository.createIfAbsent(decision);
    expect(await repository.transition({ id: decision.id, from: [from], to: 'queued' })).toBe(true);
    const stored = await storedItem(decision.id);
    expect(stored).toMatchObject({ status: 'queued' });
    expect(stored?.[GSI4.partitionKey]).toEqual(pending ? expect.stringMatching(/^PENDING#/) : undefined);
    expect(await isListedPending(decision.id)).toBe(pending);
  });

  // Decisions written before this change carry their PENDING# entry: nothing to migrate by hand.
  it('an old decision stored with its PENDING# entry moves to MSG# at sent and leaves the pending list', async () => {
    const decision = assignment();
    await repository.createIfAbsent(decision);
    await repository.markPending([decision.id]); // as every decision was stored before
    expect((await repository.claim(decision.id, '2026-06-01T10:00:01.000Z')).claimed).toBe(true);
    expect(await isListedPending(decision.id)).toBe(true);
    expect(await repository.markSent(decision, 'ses-old-style', '2026-06-01T10:00:02.000Z')).toBe(true);
    expect(await storedItem(decision.id)).toMatchObject({ [GSI4.partitionKey]: 'MSG#ses-old-style', [GSI4.sortKey]: 'MSG' });
    expect((await repository.findByMessageId('ses-old-style'))?.id).toBe(decision.id);
    expect(await isListedPending(decision.id)).toBe(false);
  });

  // A noted outcome is for the redelivery; when the redeliveries run out, reconciliation enqueues it.
  it('noteOutcome puts the decision where reconciliation looks, with its outcome noted', async () => {
    const decision = assignment();
    await repository.createIfAbsent(decision);
    expect((await repository.claim(decision.id, '2026-06-01T10:00:01.000Z')).claimed).toBe(true);
    expect(await repository.noteOutcome(decision.id, { to: 'sent', attempt: 1, messageId: 'ses-noted', at: '2026-06-01T10:00:02.000Z' })).toBe(true);
    expect((await repository.listPending()).find((item) => item.id === decision.id)).toEqual({ id: decision.id, experimentId: decision.experimentId, status: 'sending', since: '2026-06-01T10:00:01.000Z', outcomeNoted: true });
  });
});
