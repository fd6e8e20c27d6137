import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { LocalPlatform } from '../../../../local/platform';
import { call, startTestPlatform, TestClock } from '../../../support/local-api';

let platform: LocalPlatform;
const clock = new TestClock(new Date('2026-06-01T10:00:00Z'));

beforeAll(async () => {
  platform = await startTestPlatform('cached-experiments', { clock });
});
afterAll(async () => platform.stop());

const definition = {
  name: 'Cache check',
  stage: 'purchase',
  channels: [
    { channel: 'email', subject: 'Hi', text: 'Hello {{unsubscribeUrl}}' },
    { channel: 'in_app', title: 'Hi', body: 'Hello' },
  ],
  goal: { event: 'converted', windowHours: 24 },
  policy: { holdout: 0 },
};
const recipient = { customerId: 'cache-1', contact: { email: 'c@example.com' }, consents: { email: true, in_app: true } };

describe('CachedExperimentSource: a cached copy that is not running is read again', () => {
  it('a send refused while the experiment is a draft; right after start, the next send goes (no 5 s of "is draft")', async () => {
    const created = await call(platform, 'POST', '/v1/experiments', definition);
    const early = await call(platform, 'POST', `/v1/experiments/${created.body.id}/sends`, recipient);
    expect(early.status).toBe(409);
    expect(early.body.error.message).toMatch(/is draft/);
    expect((await call(platform, 'POST', `/v1/experiments/${created.body.id}/start`)).status).toBe(200);
    const sent = await call(platform, 'POST', `/v1/experiments/${created.body.id}/sends`, recipient);
    expect(sent.status).toBe(200);
    expect(sent.body.status).toBe('queued');
  });

  it('a running experiment stays cached: a pause takes effect within the cache period, as documented', async () => {
    const created = await call(platform, 'POST', '/v1/experiments', definition);
    await call(platform, 'POST', `/v1/experiments/${created.body.id}/start`);
    expect((await call(platform, 'POST', `/v1/experiments/${created.body.id}/sends`, { ...recipient, customerId: 'cache-2' })).status).toBe(200);
    await call(platform, 'POST', `/v1/experiments/${created.body.id}/pause`);
    expect((await call(platform, 'POST', `/v1/experiments/${created.body.id}/sends`, { ...recipient, customerId: 'cache-3' })).status).toBe(200);
    clock.advance(5_000);
    expect((await call(platform, 'POST', `/v1/experiments/${created.body.id}/sends`, { ...recipient, customerId: 'cache-4' })).status).toBe(409);
  });
});
