import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { LocalPlatform } from '../../local/platform';
import { call, startTestPlatform, TestClock } from '../support/local-api';

const HOUR = 3_600_000;
const T0 = new Date('2026-11-03T10:00:00Z');

let platform: LocalPlatform;
const clock = new TestClock(T0);

beforeAll(async () => {
  platform = await startTestPlatform('followup', { clock });
});
afterAll(async () => platform.stop());

async function runningExperiment(): Promise<string> {
  const created = await call(platform, 'POST', '/v1/experiments', {
    name: 'Survey with follow-up',
    stage: 'post_purchase',
    channels: [
      { channel: 'email', subject: 'Survey', text: 'Answer: https://example.com/s' },
      { channel: 'sms', text: 'Answer: https://example.com/s' },
    ],
    goal: { event: 'survey_completed', windowHours: 96 },
    policy: { holdout: 0, burnIn: 0 },
    followUp: { afterHours: 48, maxSteps: 1 },
  });
  expect(created.status).toBe(201);
  await call(platform, 'POST', `/v1/experiments/${created.body.id}/start`);
  return created.body.id as string;
}

const recipient = (customerId: string) => ({
  customerId,
  contact: { email: `${customerId}@example.com`, phone: '+33612345678', timezone: 'Europe/Paris' },
  consents: { email: true, sms: true },
});

describe('follow-up on silence', () => {
  it('re-solicits a silent customer once on the other channel, and not a customer who answered', async () => {
    const experimentId = await runningExperiment();
    const sent = await call(platform, 'POST', `/v1/experiments/${experimentId}/sends`, { recipients: [recipient('silent'), recipient('answers')] });
    const [silent, answers] = sent.body.results as { assignmentId: string; channel: string }[];
    await platform.queue.drain();

    clock.advance(2 * HOUR);
    const answered = await call(platform, 'POST', '/v1/events', { eventId: 'answer-1', type: 'survey_completed', occurredAt: clock.now().toISOString(), assignmentId: answers!.assignmentId, value: 9 });
    expect(answered.body.status).toBe('counted');

    clock.advance(47 * HOUR); // 49 h after the sends
    const report = await platform.runSchedule();
    expect(report.followedUp).toBe(1);
    await platform.queue.drain();

    const silentMessages = (await call(platform, 'GET', `/v1/outbox?experimentId=${experimentId}`)).body.items.filter((entry: { message: { to?: string; phoneNumber?: string }; assignmentId: string }) => entry.assignmentId !== answers!.assignmentId);
    expect(silentMessages).toHaveLength(2);
    const channels = silentMessages.map((entry: { channel: string }) => entry.channel).sort();
    expect(channels).toEqual(['email', 'sms']);

    const followUpEntry = silentMessages.find((entry: { assignmentId: string }) => entry.assignmentId !== silent!.assignmentId);
    const followUp = await platform.deps.assignments.get(followUpEntry.assignmentId);
    expect(followUp).toMatchObject({ step: 1, parentAssignmentId: silent!.assignmentId, segment: 'default', status: 'sent', propensity: 1 });
    expect(followUp!.channel).not.toBe(silent!.channel);
    expect(followUp!.eligibleChannels).toEqual([followUp!.channel]);

    // Nothing more: maxSteps is 1, and a second run finds no timer.
    clock.advance(49 * HOUR);
    expect((await platform.runSchedule()).followedUp).toBe(0);

    // An answer after the follow-up, inside the first message's window, counts for both decisions.
    const late = await call(platform, 'POST', '/v1/events', { eventId: 'answer-2', type: 'survey_completed', occurredAt: new Date(T0.getTime() + 90 * HOUR).toISOString(), experimentId, customerId: 'silent' });
    expect(late.body.status).toBe('counted');
    expect([...late.body.counted].sort()).toEqual([silent!.assignmentId, followUp!.id].sort());
  });
});
