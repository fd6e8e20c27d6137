/** The DynamoDB journey repository on DynamoDB Local: what a create whose id is taken answers. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DynamoJourneyRepository } from '../../../../shared/adapters/dynamodb/journey-repository';
import { JourneyDefinitionSchema, newJourney } from '../../../../shared/domain/journeys/journey-definition';
import { createTestTable, type TestTable } from '../../../support/dynamo';

const T0 = new Date('2026-06-01T09:00:00Z');

let table: TestTable;
let journeys: DynamoJourneyRepository;

beforeAll(async () => {
  table = await createTestTable('journey-repository');
  journeys = new DynamoJourneyRepository(table.documents, table.tableName);
});
afterAll(async () => table.drop());

const journeyNamed = (id: string, name: string, experimentId: string) =>
  newJourney(id, JourneyDefinitionSchema.parse({ name, stages: [{ stage: 'purchase', experimentIds: [experimentId] }] }), T0);

describe('DynamoJourneyRepository.create', () => {
  it('answers a taken id with the stored journey and its request fingerprint, from the refused write itself (ALL_OLD: no second read)', async () => {
    const first = journeyNamed('journey-taken', 'First', 'exp-taken');
    expect(await journeys.create(first, 'fp-first')).toEqual({ outcome: 'written' });
    expect(await journeys.create(journeyNamed('journey-taken', 'Second', 'exp-taken'), 'fp-second')).toEqual({ outcome: 'exists', stored: first, requestFingerprint: 'fp-first' });
    expect((await journeys.get('journey-taken'))?.name).toBe('First');
  });

  it('names the journey holding an experiment another journey claims, writing nothing', async () => {
    await journeys.create(journeyNamed('journey-holder', 'Holder', 'exp-held'), 'fp');
    expect(await journeys.create(journeyNamed('journey-late', 'Late', 'exp-held'), 'fp')).toEqual({ outcome: 'claimed', conflicts: [{ experimentId: 'exp-held', journeyId: 'journey-holder' }] });
    expect(await journeys.get('journey-late')).toBeUndefined();
  });
});
