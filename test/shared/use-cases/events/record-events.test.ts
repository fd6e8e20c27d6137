import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { LocalPlatform } from '../../../../local/platform';
import { call, startTestPlatform, TestClock } from '../../../support/local-api';
import { sendEmailTo, startClickExperiment } from '../../../support/running-experiment';

const HOUR = 3_600_000;
let platform: LocalPlatform;
const clock = new TestClock(new Date('2026-11-10T09:00:00Z'));
let experimentId: string;

beforeAll(async () => {
  platform = await startTestPlatform('record-events', { clock });
  experimentId = await startClickExperiment(platform);
});
afterAll(async () => platform.stop());
// Each test starts at the same instant, whatever ran before it (no order dependence on the shared clock).
beforeEach(() => clock.set(new Date('2026-11-10T09:00:00Z')));

const click = (eventId: string, assignmentId: string) => ({ eventId, type: 'clicked', occurredAt: clock.now().toISOString(), assignmentId });

describe('recordEvent: an event that does not count says why', () => {
  it('a response before the message left the queue: not_sent_yet, with the status it is in', async () => {
    platform.queue.consume(async () => 'skipped'); // the dispatcher never gets to it: the message stays queued
    const sent = await call(platform, 'POST', `/v1/experiments/${experimentId}/sends`, { customerId: 'early', contact: { email: 'early@example.com' }, consents: { email: true } });
    expect(sent.body.status).toBe('queued');
    const early = await call(platform, 'POST', '/v1/events', click('early-click', sent.body.assignmentId));
    expect(early.body).toMatchObject({ status: 'recorded', counted: [], reason: 'not_sent_yet' });
    expect(early.body.message).toMatch(/had not left the queue/);
  });

  it.each([
    { name: 'another event type', event: (id: string) => ({ ...click('open-1', id), type: 'opened' }), reason: 'not_goal', advance: 0 },
    { name: 'a goal after the window', event: (id: string) => click('late-1', id), reason: 'late', advance: 25 * HOUR },
  ])('$name: $reason', async ({ event, reason, advance }) => {
    const { dispatchAssignment } = await import('../../../../shared/use-cases/dispatch/dispatch-assignment');
    platform.queue.consume((id) => dispatchAssignment(platform.deps, id));
    const assignmentId = await sendEmailTo(platform, experimentId, `why-${reason}`);
    clock.advance(advance);
    const answer = await call(platform, 'POST', '/v1/events', event(assignmentId));
    expect(answer.body).toMatchObject({ status: 'recorded', reason });
    expect(typeof answer.body.message).toBe('string');
  });

  it('a second goal event for a decision that already counted: already_counted', async () => {
    const assignmentId = await sendEmailTo(platform, experimentId, 'twice');
    expect((await call(platform, 'POST', '/v1/events', click('first', assignmentId))).body.status).toBe('counted');
    const second = await call(platform, 'POST', '/v1/events', click('second', assignmentId));
    expect(second.body).toMatchObject({ status: 'recorded', reason: 'already_counted' });
  });
});
