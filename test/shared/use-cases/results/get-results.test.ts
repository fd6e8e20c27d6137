import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { LocalPlatform } from '../../../../local/platform';
import { call, startTestPlatform, TestClock } from '../../../support/local-api';
import { startClickExperiment } from '../../../support/running-experiment';

let platform: LocalPlatform;
const clock = new TestClock(new Date('2026-06-01T10:00:00Z'));

beforeAll(async () => {
  platform = await startTestPlatform('get-results', { clock });
});
afterAll(async () => platform.stop());
// Each test starts at the same instant, whatever ran before it (no order dependence on the shared clock).
beforeEach(() => clock.set(new Date('2026-06-01T10:00:00Z')));

describe('GET /v1/experiments/{id}/results right after a send', () => {
  it('shows 0 sends until the next allocation, and says when that is', async () => {
    const id = await startClickExperiment(platform, { policy: { holdout: 0, updateEveryMinutes: 15 } });
    await platform.runSchedule();
    const sent = await call(platform, 'POST', `/v1/experiments/${id}/sends`, { customerId: 'r-1', contact: { email: 'r@example.com' }, consents: { email: true } });
    expect(sent.body.status).toBe('queued');
    await platform.queue.drain();
    const results = await call(platform, 'GET', `/v1/experiments/${id}/results`);
    expect(results.body.totals.sends).toBe(0);
    expect(results.body.refresh).toEqual({
      nextUpdateAt: '2026-06-01T10:15:00.000Z',
      everyMinutes: 15,
      note: 'Figures as of the allocation at 10:00 UTC, with the sends and responses counted until a few seconds before it; those since then show at the next one, due 10:15 UTC (every 15 min).',
    });
    clock.advance(15 * 60_000);
    await platform.runSchedule();
    const refreshed = await call(platform, 'GET', `/v1/experiments/${id}/results`);
    expect(refreshed.body.totals.sends).toBe(1);
    expect(refreshed.body.refresh.nextUpdateAt).toBe('2026-06-01T10:30:00.000Z');
  });
});
