import type { Context, EventBridgeEvent } from 'aws-lambda';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { LocalPlatform } from '../../../local/platform';
import { createSesEventsHandler } from '../../../functions/ses-events/ses-events-handler';
import { call, startTestPlatform, TestClock } from '../../support/local-api';
import { sendEmailTo, startClickExperiment } from '../../support/running-experiment';

let platform: LocalPlatform;
const clock = new TestClock(new Date('2026-11-12T09:00:00Z'));
let experimentId: string;

beforeAll(async () => {
  platform = await startTestPlatform('ses', { clock });
  experimentId = await startClickExperiment(platform);
});
afterAll(async () => platform.stop());

function sesEvent(id: string, eventType: string, assignmentId: string, extra: Record<string, unknown> = {}): EventBridgeEvent<string, unknown> {
  return {
    id,
    version: '0',
    account: '123456789012',
    time: clock.now().toISOString(),
    region: 'us-east-1',
    resources: [],
    source: 'aws.ses',
    'detail-type': `Email ${eventType}`,
    detail: { eventType, mail: { messageId: `ses-${assignmentId}`, timestamp: clock.now().toISOString(), tags: { assignmentId: [assignmentId] } }, ...extra },
  } as EventBridgeEvent<string, unknown>;
}

const invoke = (event: EventBridgeEvent<string, unknown>) => createSesEventsHandler(platform.deps)(event, {} as Context);

async function emailArm() {
  await call(platform, 'POST', `/v1/experiments/${experimentId}/reallocate`);
  return (await platform.deps.allocationStore.snapshot(experimentId))!.segments[0]!.arms.find((arm) => arm.channel === 'email')!;
}

describe('SES events', () => {
  it('marks a delivery, counts a click once even when EventBridge delivers it twice', async () => {
    const assignmentId = await sendEmailTo(platform, experimentId, 'ses-ok');
    expect(await invoke(sesEvent('d-1', 'Delivery', assignmentId, { delivery: { timestamp: clock.now().toISOString() } }))).toMatchObject({ status: 'recorded' });
    expect((await platform.deps.assignments.get(assignmentId))?.status).toBe('delivered');
    const click = sesEvent('c-1', 'Click', assignmentId, { click: { timestamp: clock.now().toISOString(), link: 'https://shop.example.com/offer' } });
    expect(await invoke(click)).toMatchObject({ status: 'counted' });
    expect(await invoke(click)).toMatchObject({ status: 'duplicate' });
  });

  it('takes a rejected message out of the sends', async () => {
    const before = await emailArm();
    const assignmentId = await sendEmailTo(platform, experimentId, 'ses-reject');
    expect((await emailArm()).sends).toBe(before.sends + 1);
    expect(await invoke(sesEvent('r-1', 'Reject', assignmentId, { reject: { reason: 'Bad content' } }))).toMatchObject({ status: 'undelivered' });
    expect(await platform.deps.assignments.get(assignmentId)).toMatchObject({ status: 'failed', failureReason: 'rejected by SES: Bad content' });
    expect((await emailArm()).sends).toBe(before.sends);
    expect(await invoke(sesEvent('r-2', 'Reject', assignmentId))).toMatchObject({ status: 'ignored' });
    expect((await emailArm()).sends).toBe(before.sends);
  });

  it.each([
    { name: 'a complaint', eventType: 'Complaint', extra: { complaint: {} }, optedOut: true },
    { name: 'a permanent bounce', eventType: 'Bounce', extra: { bounce: { bounceType: 'Permanent' } }, optedOut: true },
    { name: 'a transient bounce', eventType: 'Bounce', extra: { bounce: { bounceType: 'Transient' } }, optedOut: false },
  ])('$name suppresses the address: $optedOut', async ({ eventType, extra, optedOut }) => {
    const customerId = `ses-${eventType}-${optedOut}`;
    const assignmentId = await sendEmailTo(platform, experimentId, customerId);
    await invoke(sesEvent(`x-${customerId}`, eventType, assignmentId, extra));
    expect((await platform.deps.customers.get(customerId))?.optOuts.email !== undefined).toBe(optedOut);
  });

  it('drops a malformed event', async () => {
    expect(await invoke({ id: 'm', source: 'aws.ses', detail: {} } as unknown as EventBridgeEvent<string, unknown>)).toMatchObject({ status: 'malformed' });
  });
});
