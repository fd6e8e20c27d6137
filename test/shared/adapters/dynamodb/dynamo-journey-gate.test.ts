/**
 * The DynamoDB journey gate on DynamoDB Local: the cap holds across a journey's experiments, a
 * later stage supersedes earlier ones, retries count once, experiments outside journeys pass, and
 * concurrent admits for one customer never both pass a cap of one.
 */
import { GetCommand } from '@aws-sdk/lib-dynamodb';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DynamoJourneyGate } from '../../../../shared/adapters/dynamodb/dynamo-journey-gate';
import { journeyCustomerEntity } from '../../../../shared/adapters/dynamodb/entities/journey-entities';
import { createDocumentClient, createDynamoClient } from '../../../../shared/adapters/dynamodb/document-client';
import { DynamoJourneyRepository } from '../../../../shared/adapters/dynamodb/journey-repository';
import type { JourneyStage } from '../../../../shared/domain/experiment/journey';
import { type JourneyCap, JourneyDefinitionSchema, newJourney } from '../../../../shared/domain/journeys/journey-definition';
import { createTestTable, type TestTable } from '../../../support/dynamo';

const T0 = Date.parse('2026-06-01T09:00:00Z');
const HOUR_MS = 3_600_000;
const at = (hours: number) => new Date(T0 + hours * HOUR_MS).toISOString();

let table: TestTable;
let gate: DynamoJourneyGate;
let journeys: DynamoJourneyRepository;
let counter = 0;

beforeAll(async () => {
  table = await createTestTable('journey-gate');
  gate = new DynamoJourneyGate(table.documents, table.tableName);
  journeys = new DynamoJourneyRepository(table.documents, table.tableName);
});
afterAll(async () => table.drop());

/** A stored journey whose stages hold fresh experiment ids; returns the ids by stage and the journey. */
async function journeyOf(stages: readonly JourneyStage[], cap?: JourneyCap) {
  counter += 1;
  const ids = Object.fromEntries(stages.map((stage) => [stage, `exp-${counter}-${stage}`])) as Record<JourneyStage, string>;
  const definition = JourneyDefinitionSchema.parse({ name: `J${counter}`, stages: stages.map((stage) => ({ stage, experimentIds: [ids[stage]] })), ...(cap ? { cap } : {}) });
  const journey = newJourney(`journey-${counter}`, definition, new Date(T0));
  expect(await journeys.create(journey)).toEqual({ outcome: 'written' });
  return { ids, journey };
}

const step = (experimentId: string, customerId: string, hours: number) => ({ experimentId, customerId, at: at(hours) });

async function stateOf(customerId: string, journeyId: string) {
  const { Item } = await table.documents.send(new GetCommand({ TableName: table.tableName, Key: journeyCustomerEntity.key({ customerId, journeyId }) }));
  return Item === undefined ? undefined : journeyCustomerEntity.parse(Item);
}

describe('DynamoJourneyGate', () => {
  it('lets an experiment in no journey through and stores nothing', async () => {
    await gate.entered(step('lonely', 'c-none', 0));
    expect(await gate.admit(step('lonely', 'c-none', 0))).toEqual({ admitted: true });
    await gate.sent(step('lonely', 'c-none', 0));
  });

  it('holds the cap across the experiments of a journey, and frees it when the window passes', async () => {
    const { ids, journey } = await journeyOf(['awareness', 'consideration'], { messages: 1, perDays: 1 });
    expect(await gate.admit(step(ids.awareness, 'c-cap', 0))).toEqual({ admitted: true });
    await gate.sent(step(ids.awareness, 'c-cap', 0));
    expect(await gate.admit(step(ids.consideration, 'c-cap', 2))).toEqual({ admitted: false, reason: 'journey_cap' });
    expect(await gate.admit(step(ids.consideration, 'c-cap', 24))).toEqual({ admitted: true });
    // Another customer is not touched by the first one's messages.
    expect(await gate.admit(step(ids.consideration, 'c-other', 2))).toEqual({ admitted: true });
    const state = await stateOf('c-cap', journey.id);
    expect(state?.slots.map((slot) => slot.experimentId)).toEqual([ids.consideration]);
    expect(state?.expiresAt).toBeGreaterThan(T0 / 1000);
  });

  it('a customer who entered a later stage leaves the earlier stages: later_stage, whatever the cap', async () => {
    const { ids } = await journeyOf(['awareness', 'purchase', 'post_purchase']);
    await gate.entered(step(ids.awareness, 'c-order', 0));
    await gate.entered(step(ids.purchase, 'c-order', 1));
    expect(await gate.admit(step(ids.awareness, 'c-order', 2))).toEqual({ admitted: false, reason: 'later_stage' });
    expect(await gate.admit(step(ids.purchase, 'c-order', 2))).toEqual({ admitted: true });
    expect(await gate.admit(step(ids.post_purchase, 'c-order', 2))).toEqual({ admitted: true });
  });

  it('a retried admit and a retried sent count once', async () => {
    const { ids, journey } = await journeyOf(['awareness', 'consideration'], { messages: 2, perDays: 7 });
    for (let i = 0; i < 2; i += 1) expect(await gate.admit(step(ids.awareness, 'c-retry', 0))).toEqual({ admitted: true });
    for (let i = 0; i < 3; i += 1) await gate.sent(step(ids.awareness, 'c-retry', 0.1));
    expect((await stateOf('c-retry', journey.id))?.slots).toHaveLength(1);
    expect(await gate.admit(step(ids.consideration, 'c-retry', 1))).toEqual({ admitted: true });
    await gate.sent(step(ids.consideration, 'c-retry', 1));
    expect(await gate.admit(step(ids.awareness, 'c-retry', 2))).toEqual({ admitted: false, reason: 'journey_cap' });
  });

  it('a firing retried in a later run (same pending send, another time) keeps its one place', async () => {
    const { ids, journey } = await journeyOf(['awareness', 'consideration'], { messages: 2, perDays: 7 });
    const fire = (hours: number) => ({ ...step(ids.awareness, 'c-refire', hours), pendingSendId: 'pending-1' });
    expect(await gate.admit(fire(0))).toEqual({ admitted: true });
    expect(await gate.admit(fire(0.5))).toEqual({ admitted: true }); // the first firing was abandoned before `sent`
    await gate.sent(fire(0.5));
    await gate.sent(fire(0.5));
    expect((await stateOf('c-refire', journey.id))?.slots).toEqual([expect.objectContaining({ key: 'pending-1', admittedAt: at(0), sentAt: at(0.5) })]);
    expect(await gate.admit({ ...step(ids.consideration, 'c-refire', 1), pendingSendId: 'pending-2' })).toEqual({ admitted: true });
  });

  it('follows a journey whose cap changed: the membership carries the new cap', async () => {
    const { ids, journey } = await journeyOf(['awareness'], { messages: 1, perDays: 7 });
    expect(await gate.admit(step(ids.awareness, 'c-edit', 0))).toEqual({ admitted: true });
    await gate.sent(step(ids.awareness, 'c-edit', 0));
    expect(await gate.admit(step(ids.awareness, 'c-edit', 1))).toEqual({ admitted: false, reason: 'journey_cap' });
    const edited = { ...journey, cap: { messages: 3, perDays: 7 }, version: 2 };
    expect(await journeys.save(edited, journey)).toEqual({ outcome: 'written' });
    expect(await gate.admit(step(ids.awareness, 'c-edit', 2))).toEqual({ admitted: true });
  });

  it('keeps its state bounded: never more places than the cap counts', async () => {
    const { ids, journey } = await journeyOf(['awareness', 'consideration'], { messages: 2, perDays: 1 });
    for (let hour = 0; hour < 24 * 5; hour += 6) {
      const experiment = hour % 12 === 0 ? ids.awareness : ids.consideration;
      if ((await gate.admit(step(experiment, 'c-bounded', hour))).admitted) await gate.sent(step(experiment, 'c-bounded', hour));
      expect((await stateOf('c-bounded', journey.id))?.slots.length ?? 0).toBeLessThanOrEqual(2);
    }
  });

  it.each([
    { name: 'two due sends at once, cap of one', cap: { messages: 1, perDays: 1 }, concurrent: 2 },
    { name: 'five due sends at once, cap of two', cap: { messages: 2, perDays: 1 }, concurrent: 5 },
  ])('race: $name — exactly the cap passes, for each of 10 customers', async ({ cap, concurrent }) => {
    const stages: JourneyStage[] = ['awareness', 'consideration', 'purchase', 'post_purchase', 'loyalty'];
    const { ids } = await journeyOf(stages, cap);
    const customers = Array.from({ length: 10 }, (_, i) => `c-race-${counter}-${i}`);
    const answers = await Promise.all(
      customers.map((customer) => Promise.all(Array.from({ length: concurrent }, (_, i) => gate.admit(step(ids[stages[i % stages.length] as JourneyStage], customer, 0))))),
    );
    for (const perCustomer of answers) {
      expect(perCustomer.filter((answer) => answer.admitted)).toHaveLength(cap.messages);
      expect(perCustomer.filter((answer) => !answer.admitted)).toEqual(Array(concurrent - cap.messages).fill({ admitted: false, reason: 'journey_cap' }));
    }
  });

  it('a call that loses its conditional write retries on the item the refused write returned (ALL_OLD), without reading it again', async () => {
    const { ids, journey } = await journeyOf(['awareness', 'consideration', 'purchase'], { messages: 2, perDays: 7 });
    await gate.admit(step(ids.awareness, 'c-lost', 0));
    // A second instance of the gate on its own client; just before its write reaches the table,
    // another call changes the customer's item (the race two due sends run), so its write is refused.
    const client = createDocumentClient(createDynamoClient({ endpoint: table.endpoint }));
    const customerReads: string[] = [];
    let raced = false;
    client.middlewareStack.add(
      (next, context) => async (args) => {
        const input = args.input as { Key?: unknown; Item?: unknown };
        const onCustomer = JSON.stringify(input.Key ?? input.Item ?? '').includes(`JOURNEY#${journey.id}`);
        if (onCustomer && context.commandName === 'GetItemCommand') customerReads.push('get');
        if (onCustomer && context.commandName === 'PutItemCommand' && !raced) {
          raced = true;
          expect(await gate.admit(step(ids.consideration, 'c-lost', 0))).toEqual({ admitted: true });
        }
        return next(args);
      },
      { step: 'initialize', name: 'raceTheCustomerItem' },
    );
    const contended = new DynamoJourneyGate(client, table.tableName);
    // The racer took the second place: decided again on the returned item, the cap refuses this one.
    expect(await contended.admit(step(ids.purchase, 'c-lost', 0))).toEqual({ admitted: false, reason: 'journey_cap' });
    expect(raced).toBe(true);
    expect(customerReads).toHaveLength(1);
    client.destroy();
  });
});
