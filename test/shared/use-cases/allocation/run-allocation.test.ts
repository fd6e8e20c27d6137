import { TransactWriteCommand } from '@aws-sdk/lib-dynamodb';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { LocalPlatform } from '../../../../local/platform';
import { createDocumentClient, createDynamoClient } from '../../../../shared/adapters/dynamodb/document-client';
import { counterUpdate } from '../../../../shared/adapters/dynamodb/stats-counters';
import { reportedEstimates } from '../../../../shared/domain/results/reported-estimate';
import { aggregateCounters } from '../../../../shared/domain/statistics/cohort-counters';
import { reallocate, runAllocator } from '../../../../shared/use-cases/allocation/run-allocation';
import { call, startTestPlatform, TestClock } from '../../../support/local-api';

const MINUTE = 60_000;
const T0 = new Date('2026-11-20T12:00:00Z');
let platform: LocalPlatform;
const clock = new TestClock(T0);

beforeAll(async () => {
  platform = await startTestPlatform('allocator', { clock });
});
afterAll(async () => platform.stop());
// Each test starts at the same instant, whatever ran before it (no order dependence on the shared clock).
beforeEach(() => clock.set(T0));

async function runningExperiment(overrides: Record<string, unknown> = {}): Promise<string> {
  const created = await call(platform, 'POST', '/v1/experiments', {
    name: 'Allocator test',
    stage: 'purchase',
    channels: [
      { channel: 'sms', text: 'Offer' },
      { channel: 'email', subject: 'Offer', text: 'Offer' },
    ],
    goal: { event: 'converted', windowHours: 24 },
    policy: { minShare: 0.05, holdout: 0, burnIn: 0, updateEveryMinutes: 30 },
    ...overrides,
  });
  expect(created.status).toBe(201);
  await call(platform, 'POST', `/v1/experiments/${created.body.id}/start`);
  return created.body.id as string;
}

/** Writes matured counters straight into the table: sends and successes per channel, two days ago (or `hoursAgo`). */
async function seedCounters(experimentId: string, arms: Record<string, [number, number]>, hoursAgo = 48): Promise<void> {
  const client = createDynamoClient({ endpoint: platform.dynamoEndpoint });
  const documents = createDocumentClient(client);
  const cohortStart = new Date(T0.getTime() - hoursAgo * 60 * MINUTE).toISOString();
  await documents.send(
    new TransactWriteCommand({
      TransactItems: Object.entries(arms).flatMap(([arm, [sends, successes]], index) => [
        counterUpdate(platform.tableName, { experimentId, segment: 'default', arm, step: 0, cohortStart }, { sends, propensity: 0.5 }, index),
        counterUpdate(platform.tableName, { experimentId, segment: 'default', arm, step: 0, cohortStart }, { successes, delayBucket: 5, propensity: 0.5 }, index + 2),
      ]),
    }),
  );
  client.destroy();
}

describe('the allocator', () => {
  it.each([
    { onWinner: 'exploit', expected: { sms: 0.9875, email: 0.0125 } },
    { onWinner: 'keep_learning', expected: undefined },
  ] as const)('declares the winner once the evidence is strong, then $onWinner', async ({ onWinner, expected }) => {
    const experimentId = await runningExperiment({ stopping: { onWinner } });
    await seedCounters(experimentId, { sms: [1000, 300], email: [1000, 100] });
    const record = await reallocate(platform.deps, (await platform.deps.experiments.get(experimentId))!);
    const split = record.segments.default!;
    expect(split.winner).toBe('sms');
    expect(split.winnerSince).toBe(T0.toISOString());
    if (expected) expect(split.weights).toEqual(expected);
    else expect(split.weights.sms).toBeGreaterThan(0.9);
    const snapshot = await platform.deps.allocationStore.snapshot(experimentId);
    const sms = snapshot!.segments[0]!.arms.find((arm) => arm.channel === 'sms')!;
    expect(sms).toMatchObject({ sends: 1000, maturedSends: 1000, responses: 300 });
    expect(sms.probabilityBest).toBeGreaterThan(0.95);
    expect(sms.ipwRate).toBeCloseTo(0.3, 10);
  });

  it('issue 14: detects that a channel changed, counts only its evidence since, and says so in results and history', async () => {
    const experimentId = await runningExperiment({ stopping: { onWinner: 'keep_learning' } });
    await seedCounters(experimentId, { sms: [1000, 300], email: [1000, 100] }, 96);
    await seedCounters(experimentId, { sms: [1000, 40], email: [1000, 100] }, 48);
    const record = await reallocate(platform.deps, (await platform.deps.experiments.get(experimentId))!);
    expect(record.segments.default!.leader).toBe('email');
    const snapshot = await platform.deps.allocationStore.snapshot(experimentId);
    const segment = snapshot!.segments[0]!;
    expect(segment.changes).toEqual([
      { at: T0.toISOString(), channel: 'sms', since: new Date(T0.getTime() - 48 * 60 * MINUTE).toISOString(), rateBefore: 0.3, rateAfter: 0.04 },
    ]);
    // Counts stay what was sent and answered; the rate is the recent one.
    const sms = segment.arms.find((arm) => arm.channel === 'sms')!;
    expect(sms).toMatchObject({ sends: 2000, responses: 340 });
    expect(sms.rate).toBeLessThan(0.06);
    expect(snapshot!.history.at(-1)?.changes).toEqual(['sms']);
    // The next run keeps the reset and detects nothing new.
    clock.advance(60 * MINUTE);
    await reallocate(platform.deps, (await platform.deps.experiments.get(experimentId))!);
    expect((await platform.deps.allocationStore.snapshot(experimentId))!.segments[0]!.changes).toHaveLength(1);
    clock.set(T0);
  });

  it('issue 14: with changeDetection off, the same change is not detected and every send counts', async () => {
    const experimentId = await runningExperiment({ policy: { minShare: 0.05, holdout: 0, burnIn: 0, updateEveryMinutes: 30, changeDetection: false }, stopping: { onWinner: 'keep_learning' } });
    await seedCounters(experimentId, { sms: [1000, 300], email: [1000, 100] }, 96);
    await seedCounters(experimentId, { sms: [1000, 40], email: [1000, 100] }, 48);
    const record = await reallocate(platform.deps, (await platform.deps.experiments.get(experimentId))!);
    expect(record.segments.default!.leader).toBe('sms');
    const snapshot = await platform.deps.allocationStore.snapshot(experimentId);
    expect(snapshot!.segments[0]!.changes ?? []).toEqual([]);
    expect(snapshot!.segments[0]!.arms.find((arm) => arm.channel === 'sms')!.rate).toBeGreaterThan(0.15);
    expect(snapshot!.history.at(-1)?.changes).toBeUndefined();
  });

  it('issue 14: the results show the reported estimate (calibrated), while the split and P(best) stay the allocator\'s', async () => {
    const experimentId = await runningExperiment({ stopping: { onWinner: 'keep_learning' } });
    await seedCounters(experimentId, { sms: [400, 40], email: [400, 12] });
    await reallocate(platform.deps, (await platform.deps.experiments.get(experimentId))!);
    const arms = (await platform.deps.allocationStore.snapshot(experimentId))!.segments[0]!.arms;
    const counters = await platform.deps.statistics.read(experimentId);
    const stats = aggregateCounters(counters, { now: T0, windowHours: 24, channels: ['sms', 'email'], segments: ['default'] });
    const reported = reportedEstimates({ channels: ['sms', 'email'], segments: stats.segments, windowMinutes: 24 * 60 })[0]!;
    expect(arms.map((arm) => [arm.rate, arm.ci95])).toEqual(reported.map((estimate) => [estimate.rate, estimate.ci95]));
  });

  it('declares no winner on thin evidence', async () => {
    const experimentId = await runningExperiment();
    await seedCounters(experimentId, { sms: [30, 9], email: [30, 3] });
    const record = await reallocate(platform.deps, (await platform.deps.experiments.get(experimentId))!);
    expect(record.segments.default!.winner).toBeNull();
    expect(record.segments.default!.leader).toBe('sms');
  });

  it('runs experiments when their cadence is due, and completes them when their end has come', async () => {
    clock.set(T0);
    const endAt = new Date(T0.getTime() + 90 * MINUTE).toISOString();
    const experimentId = await runningExperiment({ schedule: { endAt } });
    const first = await runAllocator(platform.deps);
    expect(first.reallocated).toContain(experimentId);
    clock.advance(10 * MINUTE);
    expect((await runAllocator(platform.deps)).reallocated).not.toContain(experimentId);
    clock.advance(21 * MINUTE);
    expect((await runAllocator(platform.deps)).reallocated).toContain(experimentId);
    expect((await platform.deps.allocationStore.current(experimentId))?.version).toBe(2);

    clock.set(new Date(Date.parse(endAt) + MINUTE));
    const last = await runAllocator(platform.deps);
    expect(last.completed).toContain(experimentId);
    expect((await platform.deps.experiments.get(experimentId))?.status).toBe('completed');
    expect((await platform.deps.allocationStore.current(experimentId))?.version).toBe(3);
    const refused = await call(platform, 'POST', `/v1/experiments/${experimentId}/sends`, { customerId: 'late' });
    expect(refused.status).toBe(409);
  });

  it('lets one of two concurrent runs write a version; the other is refused, nothing half-written', async () => {
    const experimentId = await runningExperiment();
    const experiment = (await platform.deps.experiments.get(experimentId))!;
    // Both runs read the current allocation before either writes (a barrier on `current`).
    const store = platform.deps.allocationStore;
    let arrived = 0;
    let release: () => void = () => undefined;
    const bothRead = new Promise<void>((resolve) => (release = resolve));
    const racingStore = Object.assign(Object.create(Object.getPrototypeOf(store)) as typeof store, store, {
      current: async (id: string) => {
        const value = await store.current(id);
        arrived += 1;
        if (arrived === 2) release();
        await bothRead;
        return value;
      },
    });
    const deps = { ...platform.deps, allocationStore: racingStore };
    const outcomes = await Promise.allSettled([reallocate(deps, experiment), reallocate(deps, experiment)]);
    expect(outcomes.filter((outcome) => outcome.status === 'fulfilled')).toHaveLength(1);
    expect((await platform.deps.allocationStore.current(experimentId))?.version).toBe(1);
    expect((await platform.deps.allocationStore.snapshot(experimentId))?.allocationVersion).toBe(1);
  });

  it('answers 409 for reallocating a draft and 404 for an unknown experiment', async () => {
    const draft = await call(platform, 'POST', '/v1/experiments', { name: 'Draft', stage: 'purchase', channels: [{ channel: 'sms', text: 'a' }, { channel: 'email', subject: 's', text: 't' }], goal: { event: 'converted', windowHours: 24 } });
    expect((await call(platform, 'POST', `/v1/experiments/${draft.body.id}/reallocate`)).status).toBe(409);
    expect((await call(platform, 'POST', '/v1/experiments/unknown/reallocate')).status).toBe(404);
  });
});
