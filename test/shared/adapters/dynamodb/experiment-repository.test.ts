import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DynamoExperimentRepository } from '../../../../shared/adapters/dynamodb/experiment-repository';
import { ConcurrentModificationError, ValidationError } from '../../../../shared/domain/errors/channel-lab-error';
import { applyAction, newExperiment } from '../../../../shared/domain/experiment/experiment';
import { ExperimentDefinitionSchema } from '../../../../shared/domain/experiment/experiment-definition';
import { createTestTable, type TestTable } from '../../../support/dynamo';
import { surveyExperiment } from '../../../support/experiments';

let table: TestTable;
let repository: DynamoExperimentRepository;
const definition = ExperimentDefinitionSchema.parse(surveyExperiment());
const at = (minute: number) => new Date(Date.UTC(2026, 10, 23, 10, minute));

beforeAll(async () => {
  table = await createTestTable('experiments');
  repository = new DynamoExperimentRepository(table.documents, table.tableName);
});
afterAll(async () => table.drop());

describe('DynamoExperimentRepository', () => {
  it('stores and reads back an experiment unchanged', async () => {
    const experiment = newExperiment('round-trip', definition, at(0));
    expect(await repository.create(experiment, 'fp-1')).toEqual({ outcome: 'created' });
    expect(await repository.get('round-trip')).toEqual(experiment);
  });

  it('does not overwrite an existing id, and answers with what is stored and its fingerprint from the refused write itself (ALL_OLD: no second read)', async () => {
    const experiment = newExperiment('twice', definition, at(0));
    await repository.create(experiment, 'fp-a');
    expect(await repository.create({ ...experiment, definition: { ...definition, name: 'other' } }, 'fp-b')).toEqual({ outcome: 'exists', stored: experiment, requestFingerprint: 'fp-a' });
    expect((await repository.get('twice'))?.definition.name).toBe(definition.name);
  });

  it('saves on the version read and refuses a stale write', async () => {
    const draft = newExperiment('locking', definition, at(0));
    await repository.create(draft, 'fp');
    const started = applyAction(draft, 'start', at(1));
    await repository.save(started, draft.version);
    const paused = applyAction(draft, 'start', at(2));
    await expect(repository.save(paused, draft.version)).rejects.toBeInstanceOf(ConcurrentModificationError);
    expect(await repository.get('locking')).toEqual(started);
    // The save kept the creation fingerprint: a repeated create still answers with it.
    expect(await repository.create(draft, 'other')).toMatchObject({ outcome: 'exists', requestFingerprint: 'fp' });
  });

  it('lists newest first, pages with a cursor, and filters by status and stage', async () => {
    const listing = await createTestTable('listing');
    const repo = new DynamoExperimentRepository(listing.documents, listing.tableName);
    try {
      for (let index = 0; index < 5; index += 1) {
        const stage = index % 2 === 0 ? 'post_purchase' : 'awareness';
        const experiment = newExperiment(`e${index}`, { ...definition, stage }, at(index));
        await repo.create(index < 2 ? applyAction(experiment, 'start', at(index)) : experiment);
      }
      const first = await repo.list({ limit: 2 });
      expect(first.items.map((item) => item.id)).toEqual(['e4', 'e3']);
      const second = await repo.list({ limit: 2, cursor: first.nextCursor });
      expect(second.items.map((item) => item.id)).toEqual(['e2', 'e1']);
      const third = await repo.list({ limit: 2, cursor: second.nextCursor });
      expect(third.items.map((item) => item.id)).toEqual(['e0']);
      expect((await repo.list({ limit: 10, status: 'running' })).items.map((item) => item.id)).toEqual(['e1', 'e0']);
      expect((await repo.list({ limit: 10, stage: 'awareness' })).items.map((item) => item.id)).toEqual(['e3', 'e1']);
      await expect(repo.list({ limit: 2, cursor: 'not-a-cursor' })).rejects.toBeInstanceOf(ValidationError);
    } finally {
      await listing.drop();
    }
  });
});
