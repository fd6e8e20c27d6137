import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DynamoCustomerRepository } from '../../../../shared/adapters/dynamodb/customer-repository';
import type { Customer } from '../../../../shared/domain/customer/customer';
import { createTestTable, type TestTable } from '../../../support/dynamo';

let table: TestTable;
let repository: DynamoCustomerRepository;

beforeAll(async () => {
  table = await createTestTable('customers');
  repository = new DynamoCustomerRepository(table.documents, table.tableName);
});
afterAll(async () => table.drop());

const customer = (id: string, overrides: Partial<Customer> = {}): Customer => ({
  id,
  attributes: { age: 40, tags: ['a', 'b'] },
  contact: { email: `${id}@example.com`, timezone: 'Europe/Paris' },
  consents: { email: true, sms: false },
  optOuts: {},
  updatedAt: '2026-06-01T10:00:00.000Z',
  ...overrides,
});

describe('DynamoCustomerRepository', () => {
  it('round-trips a profile; an unknown id is undefined', async () => {
    await repository.put(customer('c1'));
    expect(await repository.get('c1')).toEqual(customer('c1'));
    expect(await repository.get('nobody')).toBeUndefined();
  });

  it('opt-outs merge, keep their first time, and survive a profile replacement', async () => {
    await repository.put(customer('c2'));
    await repository.optOut('c2', ['email'], '2026-06-01T11:00:00.000Z');
    await repository.optOut('c2', ['email', 'sms'], '2026-06-01T12:00:00.000Z');
    await repository.put(customer('c2', { optOuts: { push: 'ignored: put does not write opt-outs' } }));
    expect((await repository.get('c2'))?.optOuts).toEqual({ email: '2026-06-01T11:00:00.000Z', sms: '2026-06-01T12:00:00.000Z' });
  });

  it('concurrent opt-outs of different channels are all kept', async () => {
    await Promise.all((['email', 'sms', 'push', 'in_app', 'webhook'] as const).map((channel) => repository.optOut('c3', [channel], '2026-06-01T11:00:00.000Z')));
    expect(Object.keys((await repository.get('c3'))?.optOuts ?? {}).sort()).toEqual(['email', 'in_app', 'push', 'sms', 'webhook']);
  });

  it('erasure removes the profile but keeps the opt-outs, marked erased; a new profile clears the mark', async () => {
    await repository.put(customer('c4'));
    await repository.optOut('c4', ['sms'], '2026-06-01T11:00:00.000Z');
    await repository.erase('c4', '2026-06-02T00:00:00.000Z');
    expect(await repository.get('c4')).toEqual({ id: 'c4', attributes: {}, contact: {}, consents: {}, optOuts: { sms: '2026-06-01T11:00:00.000Z' }, updatedAt: '2026-06-01T11:00:00.000Z', erasedAt: '2026-06-02T00:00:00.000Z' });
    await repository.put(customer('c4'));
    expect(await repository.get('c4')).toEqual(customer('c4', { optOuts: { sms: '2026-06-01T11:00:00.000Z' } }));
  });

  it('erasing a customer without opt-outs leaves nothing', async () => {
    await repository.put(customer('c5'));
    await repository.erase('c5', '2026-06-02T00:00:00.000Z');
    expect(await repository.get('c5')).toBeUndefined();
    await repository.erase('never-existed', '2026-06-02T00:00:00.000Z');
    expect(await repository.get('never-existed')).toBeUndefined();
  });
});
