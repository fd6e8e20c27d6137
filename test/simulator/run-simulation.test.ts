import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ApiClient } from '../../cli/api-client';
import type { LocalPlatform } from '../../local/platform';
import type { ExperimentResults } from '../../shared/domain/results/results-schema';
import type { SimulationClock } from '../../simulator/clock';
import { HttpSimulationTarget } from '../../simulator/http-target';
import { runSimulation } from '../../simulator/run-simulation';
import { ScenarioSchema } from '../../simulator/scenario';
import type { PreparedExperiment } from '../../simulator/target';
import { call, startTestPlatform, TestClock } from '../support/local-api';

/** Simulated time that jumps to each instant asked for: the run costs no wall time. */
class JumpingClock implements SimulationClock {
  constructor(private readonly clock: TestClock) {}
  now(): Date {
    return this.clock.now();
  }
  async sleepUntil(at: Date): Promise<void> {
    if (at.getTime() > this.clock.now().getTime()) this.clock.set(at);
  }
}

const START = new Date('2026-03-02T09:00:00Z');
const SCHEDULE_EVERY_MS = 10 * 60_000;

const scenario = ScenarioSchema.parse({
  seed: 3,
  duration: '3h',
  tick: '10m',
  arrivalsPerMinute: 1,
  customers: [
    { kind: 'texters', share: 1, attributes: { age: 60 }, reachable: ['email', 'sms'] },
  ],
  delays: { sms: { median: '2m' }, email: { median: '10m' } },
  experiments: [{ id: 'set-below', rates: { texters: { sms: 0.5, email: 0.05 } } }],
});

describe('runSimulation on the local platform (test clock)', () => {
  let platform: LocalPlatform;
  const clock = new TestClock(START);

  beforeAll(async () => {
    platform = await startTestPlatform('simulator', { clock });
  });
  afterAll(async () => platform.stop());

  it('sends through the API, answers with the true rates after the delays, and traffic moves to the best channel', async () => {
    const created = await call(platform, 'POST', '/v1/experiments', {
      name: 'Simulated reminder',
      stage: 'purchase',
      channels: [
        { channel: 'sms', text: 'Your cart is waiting' },
        { channel: 'email', subject: 'Your cart', text: 'It is waiting. {{unsubscribeUrl}}' },
      ],
      goal: { event: 'converted', windowHours: 1 },
      policy: { holdout: 0, updateEveryMinutes: 10 },
    });
    await call(platform, 'POST', `/v1/experiments/${created.body.id}/start`);
    const experiment: PreparedExperiment = {
      id: created.body.id,
      name: 'Simulated reminder',
      stage: 'purchase',
      goal: 'converted',
      channels: ['sms', 'email'],
      segments: [],
      spec: scenario.experiments[0]!,
    };
    let lastSchedule = 0;
    const final = await runSimulation({
      scenario,
      experiments: [experiment],
      target: new HttpSimulationTarget(new ApiClient({ baseUrl: platform.url })),
      clock: new JumpingClock(clock),
      runId: 'test',
      afterTick: async (at) => {
        await platform.queue.drain();
        if (at.getTime() - lastSchedule >= SCHEDULE_EVERY_MS) {
          lastSchedule = at.getTime();
          await platform.runSchedule();
        }
      },
    });

    expect(final.errors).toBe(0);
    // Customers arrive as simulated time passes: none at the first tick, the tick's share at each later one.
    expect(final.customers).toBe(180 - 10);
    expect(final.messages).toBe(final.customers);
    expect(final.responses).toBeGreaterThan(20);
    // Each response is given after its message left, so it counts, except when the platform's queue
    // was behind and the answer, retried a tick later, fell outside the 1 h window (then it is late).
    expect(final.counted).toBeLessThanOrEqual(final.responses);
    expect(final.counted).toBeGreaterThanOrEqual(Math.floor(final.responses * 0.95));
    const results = (await call(platform, 'GET', `/v1/experiments/${experiment.id}/results`)).body as ExperimentResults;
    const segment = results.segments[0]!;
    const sms = segment.arms.find((arm) => arm.channel === 'sms')!;
    expect(segment.leader).toBe('sms');
    expect(sms.weight).toBeGreaterThan(0.8);
    expect(sms.sends).toBeGreaterThan(segment.sends / 2);
  }, 180_000);
});
