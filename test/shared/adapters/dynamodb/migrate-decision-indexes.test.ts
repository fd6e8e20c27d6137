import { PutCommand } from '@aws-sdk/lib-dynamodb';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DynamoAssignmentRepository } from '../../../../shared/adapters/dynamodb/assignment-repository';
import { assignmentEntity } from '../../../../shared/adapters/dynamodb/entities/assignment-entity';
import { migrateDecisionIndexes } from '../../../../shared/adapters/dynamodb/migrate-decision-indexes';
import type { Assignment } from '../../../../shared/domain/sends/assignment';
import { createTestTable, type TestTable } from '../../../support/dynamo';

let table: TestTable;
let repository: DynamoAssignmentRepository;

beforeAll(async () => {
  table = await createTestTable('migrate');
  repository = new DynamoAssignmentRepository(table.documents, table.tableName);
});
afterAll(async () => table.drop());

const BASE: Assignment = {
  id: 'x', experimentId: 'e', customerId: 'old-customer', step: 0, segment: 'default', eligibleChannels: ['email'], excluded: {}, channel: 'email',
  propensity: 1, allocationVersion: 0, policy: 'thompson', decisionSeed: 1, status: 'queued', decidedAt: '2026-06-01T10:00:00.000Z',
  variables: {}, contact: {}, attempts: 0,
};

/** A decision as the previous version stored it: keyed in gsi1 (customer) and gsi2 (state), both projecting ALL. */
async function putOldStyle(decision: Assignment, gsi2: { gsi2pk: string; gsi2sk: string } | undefined): Promise<void> {
  const { gsi3pk, gsi3sk, gsi4pk, gsi4sk, uncapped, ...rest } = assignmentEntity.item(decision, decision);
  void [gsi4pk, gsi4sk, uncapped];
  await table.documents.send(new PutCommand({ TableName: table.tableName, Item: { ...rest, gsi1pk: gsi3pk, gsi1sk: gsi3sk, ...gsi2 } }));
}

describe('migrating a deployed table to the decisions’ own indexes', () => {
  it('moves old decisions to gsi3/gsi4, so the cap, the customer listing, the pending list and message lookups find them; a second run moves nothing', async () => {
    const queued: Assignment = { ...BASE, id: 'old-queued' };
    const sent: Assignment = { ...BASE, id: 'old-sent', status: 'sent', messageId: 'ses-old', sentAt: '2026-06-01T10:00:05.000Z', decidedAt: '2026-06-01T10:00:01.000Z' };
    const failed: Assignment = { ...BASE, id: 'old-failed', status: 'failed', failureReason: 'refused', decidedAt: '2026-06-01T10:00:02.000Z' };
    await putOldStyle(queued, { gsi2pk: 'PENDING#1', gsi2sk: queued.id });
    await putOldStyle(sent, { gsi2pk: 'MSG#ses-old', gsi2sk: 'MSG' });
    await putOldStyle(failed, undefined);
    expect(await repository.countRecentSends('old-customer', '2026-06-01T00:00:00.000Z')).toBe(0);

    expect(await migrateDecisionIndexes(table.documents, table.tableName)).toEqual({ moved: 3, changedMeanwhile: 0 });
    expect(await repository.countRecentSends('old-customer', '2026-06-01T00:00:00.000Z')).toBe(2);
    expect((await repository.listForCustomer('old-customer')).map((decision) => decision.id)).toEqual(['old-failed', 'old-sent', 'old-queued']);
    expect((await repository.findByMessageId('ses-old'))?.id).toBe('old-sent');
    expect((await repository.listPending()).map((pending) => pending.id)).toContain('old-queued');
    expect(await repository.get('old-queued')).toEqual(queued);
    expect(await migrateDecisionIndexes(table.documents, table.tableName)).toEqual({ moved: 0, changedMeanwhile: 0 });
  });
});
