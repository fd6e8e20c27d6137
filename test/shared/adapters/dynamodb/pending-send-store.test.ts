import { GetCommand } from '@aws-sdk/lib-dynamodb';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { pendingSendEntity } from '../../../../shared/adapters/dynamodb/entities/pending-send-entities';
import { DynamoCustomerRepository } from '../../../../shared/adapters/dynamodb/customer-repository';
import { DynamoPendingSendStore, FIRING_LEASE_MS } from '../../../../shared/adapters/dynamodb/pending-send-store';
import type { PendingSend } from '../../../../shared/domain/triggers/pending-send';
import { createTestTable, type TestTable } from '../../../support/dynamo';

let table: TestTable;
let store: DynamoPendingSendStore;

beforeAll(async () => {
  table = await createTestTable('pending');
  store = new DynamoPendingSendStore(table.documents, table.tableName);
});
afterAll(async () => table.drop());

function pending(id: string, overrides: Partial<PendingSend> = {}): PendingSend {
  return {
    id,
    experimentId: 'exp-1',
    customerId: 'cust-1',
    eventId: `event-${id}`,
    eventName: 'order_delivered',
    occurredAt: '2026-06-10T10:00:00.000Z',
    triggeredAt: '2026-06-10T10:00:01.000Z',
    dueAt: '2026-06-12T08:00:00.000Z',
    status: 'waiting',
    variables: { surveyUrl: 'https://example.com/s' },
    updatedAt: '2026-06-10T10:00:01.000Z',
    ...overrides,
  };
}

describe('DynamoPendingSendStore', () => {
  it('stores a pending send once, arming its timer and counting it once, whatever the retries', async () => {
    const first = pending('p1', { experimentId: 'exp-once' });
    expect(await store.createIfAbsent(first)).toBe('created');
    const results = await Promise.all([store.createIfAbsent(first), store.createIfAbsent({ ...first, dueAt: '2030-01-01T00:00:00.000Z' })]);
    expect(results).toEqual([first, first]);
    expect(await store.get('cust-1', 'p1')).toEqual(first);
    const { Item } = await table.documents.send(new GetCommand({ TableName: table.tableName, Key: pendingSendEntity.key(first) }));
    expect(Item?.expiresAt, 'expires 180 days after it was due').toBe(Date.parse(first.dueAt) / 1000 + 180 * 86_400);
    expect((await store.counts('exp-once')).triggered).toBe(1);
    const due = await store.due('2026-06-12T08:00:00.000Z', 100);
    expect(due.filter((timer) => timer.pendingSendId === 'p1')).toEqual([{ pendingSendId: 'p1', experimentId: 'exp-once', customerId: 'cust-1', dueAt: first.dueAt }]);
    expect((await store.due('2026-06-12T07:59:59.999Z', 100)).some((timer) => timer.pendingSendId === 'p1')).toBe(false);
  });

  it('lets one of two concurrent fires claim a waiting send, and a later run reclaim it only after the lease', async () => {
    await store.createIfAbsent(pending('p2'));
    const at = '2026-06-12T08:00:10.000Z';
    const claims = await Promise.all([store.claim('cust-1', 'p2', at), store.claim('cust-1', 'p2', at)]);
    expect(claims.filter((claim) => claim.claimed)).toHaveLength(1);
    expect(claims.find((claim) => claim.claimed)).toMatchObject({ pending: { status: 'firing' } });
    // A refused claim answers with the send it found, from the refused write itself (ALL_OLD: no second read).
    expect(claims.find((claim) => !claim.claimed)).toEqual({ claimed: false, current: expect.objectContaining({ id: 'p2', status: 'firing', updatedAt: at }) });
    expect(await store.claim('cust-1', 'p2', new Date(Date.parse(at) + FIRING_LEASE_MS - 1000).toISOString())).toMatchObject({ claimed: false, current: { status: 'firing' } });
    expect(await store.claim('cust-1', 'p2', new Date(Date.parse(at) + FIRING_LEASE_MS + 1000).toISOString())).toMatchObject({ claimed: true, pending: { status: 'firing' } });
    expect(await store.claim('cust-1', 'missing', at)).toEqual({ claimed: false });
  });

  /** Claims a waiting send of cust-1 that no one else holds. */
  async function claimed(id: string) {
    const claim = await store.claim('cust-1', id, '2026-06-12T08:00:00.000Z');
    if (!claim.claimed) throw new Error(`${id} was not claimed`);
    return claim.pending;
  }

  it('finishes a firing send once and counts it; exits only from the stated status, counted by reason', async () => {
    const experimentId = 'exp-counts';
    for (const id of ['s1', 's2', 's3', 's4', 's5']) await store.createIfAbsent(pending(id, { experimentId }));
    const fired = await claimed('s1');
    expect(await store.finish(fired, { status: 'sent', assignmentId: 'a1' }, '2026-06-12T08:00:01.000Z')).toBe(true);
    expect(await store.finish(fired, { status: 'sent', assignmentId: 'a1' }, '2026-06-12T08:00:02.000Z')).toBe(false);
    const suppressed = await claimed('s2');
    expect(await store.finish(suppressed, { status: 'suppressed', reason: 'no consent' }, '2026-06-12T08:00:01.000Z')).toBe(true);
    const waiting = (await store.get('cust-1', 's3'))!;
    expect(await store.exit(waiting, { reason: 'exit_event', at: '2026-06-11T00:00:00.000Z', from: 'firing' })).toBe(false);
    expect(await store.exit(waiting, { reason: 'exit_event', at: '2026-06-11T00:00:00.000Z', from: 'waiting', exitEventId: 'returned-1' })).toBe(true);
    expect(await store.exit(waiting, { reason: 'exit_event', at: '2026-06-11T00:00:01.000Z', from: 'waiting', exitEventId: 'returned-1' })).toBe(false);
    const capped = await claimed('s4');
    expect(await store.exit(capped, { reason: 'journey_cap', at: '2026-06-12T08:00:00.000Z', from: 'firing' })).toBe(true);
    expect(await store.get('cust-1', 's3')).toMatchObject({ status: 'exited', exitReason: 'exit_event', exitEventId: 'returned-1' });
    expect(await store.get('cust-1', 's1')).toMatchObject({ status: 'sent', assignmentId: 'a1' });
    expect(await store.counts(experimentId)).toEqual({ triggered: 5, waiting: 1, sent: 1, suppressed: 1, exited: { total: 2, byReason: { exit_event: 1, journey_cap: 1 } } });
  });

  it('lists a customer’s pending sends newest due first, without disturbing the profile read', async () => {
    const customers = new DynamoCustomerRepository(table.documents, table.tableName);
    await customers.put({ id: 'cust-2', attributes: { age: 40 }, contact: {}, consents: {}, optOuts: {}, updatedAt: '2026-06-10T00:00:00.000Z' });
    await store.createIfAbsent(pending('l1', { customerId: 'cust-2', dueAt: '2026-06-11T00:00:00.000Z' }));
    await store.createIfAbsent(pending('l2', { customerId: 'cust-2', dueAt: '2026-06-13T00:00:00.000Z' }));
    expect((await store.listForCustomer('cust-2')).map((item) => item.id)).toEqual(['l2', 'l1']);
    expect((await customers.get('cust-2'))?.attributes).toEqual({ age: 40 });
    expect(await store.listForCustomer('nobody')).toEqual([]);
  });

  it('records a customer event once', async () => {
    const record = { eventId: 'ce-1', name: 'signed_up', customerId: 'c', occurredAt: '2026-06-10T00:00:00.000Z', receivedAt: '2026-06-10T00:00:01.000Z', triggered: [], exited: 0 };
    expect(await store.recordEvent(record)).toBe('recorded');
    expect(await store.recordEvent(record)).toBe('duplicate');
  });

  it('removes a handled timer', async () => {
    const item = pending('t1', { dueAt: '2020-01-01T00:00:00.000Z' });
    await store.createIfAbsent(item);
    const [timer] = (await store.due('2020-01-01T00:00:00.000Z', 10)).filter((entry) => entry.pendingSendId === 't1');
    await store.removeTimer(timer!);
    expect((await store.due('2020-01-01T00:00:00.000Z', 10)).some((entry) => entry.pendingSendId === 't1')).toBe(false);
  });
});
