import type { Context, EventBridgeEvent } from 'aws-lambda';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { LocalPlatform } from '../../../local/platform';
import { createSesEventsHandler } from '../../../functions/ses-events/ses-events-handler';
import { type SesEventFixture, sesEvent, type SesMessageRef } from '../../support/aws-events';
import { call, startTestPlatform, TestClock } from '../../support/local-api';
import { sendEmailTo, startClickExperiment } from '../../support/running-experiment';

let platform: LocalPlatform;
// The fixtures' SES timestamps are 2026-11-12 09:00–09:31 UTC; events may not come from the future.
const clock = new TestClock(new Date('2026-11-12T08:59:00Z'));
let experimentId: string;
let counter = 0;

beforeAll(async () => {
  platform = await startTestPlatform('ses', { clock });
  experimentId = await startClickExperiment(platform);
});
afterAll(async () => platform.stop());

const invoke = (event: EventBridgeEvent<string, unknown>) => createSesEventsHandler(platform.deps)(event, {} as Context);

/** The email arm's counters, as the allocator reads them. */
async function emailArm() {
  await call(platform, 'POST', `/v1/experiments/${experimentId}/reallocate`);
  return (await platform.deps.allocationStore.snapshot(experimentId))!.segments[0]!.arms.find((arm) => arm.channel === 'email')!;
}

/** An email sent to a new customer, and the SES message reference its events carry. */
async function sentEmail(label: string): Promise<{ customerId: string; assignmentId: string; ref: SesMessageRef }> {
  counter += 1;
  const customerId = `ses-${label}-${counter}`;
  const assignmentId = await sendEmailTo(platform, experimentId, customerId);
  const messageId = (await platform.deps.assignments.get(assignmentId))?.messageId ?? '';
  expect(messageId).not.toBe('');
  return { customerId, assignmentId, ref: { id: `eb-${label}-${counter}`, messageId, assignmentId, experimentId } };
}

const emailOptedOut = async (customerId: string) => (await platform.deps.customers.get(customerId))?.optOuts.email !== undefined;

describe('SES events, as AWS documents them, through the EventBridge envelope', () => {

  it.each<{ fixture: SesEventFixture; result: string; decision: string; sends: number; responses: number; optedOut: boolean; failed?: number }>([
    { fixture: 'send', result: 'ignored', decision: 'sent', sends: 0, responses: 0, optedOut: false },
    { fixture: 'delivery', result: 'recorded', decision: 'delivered', sends: 0, responses: 0, optedOut: false },
    { fixture: 'bounce-permanent', result: 'bounced', decision: 'bounced', sends: 0, responses: 0, optedOut: true },
    { fixture: 'bounce-transient', result: 'bounced', decision: 'bounced', sends: 0, responses: 0, optedOut: false },
    { fixture: 'bounce-undetermined', result: 'bounced', decision: 'bounced', sends: 0, responses: 0, optedOut: false },
    { fixture: 'complaint', result: 'recorded', decision: 'sent', sends: 0, responses: 0, optedOut: true },
    { fixture: 'reject', result: 'undelivered', decision: 'failed', sends: -1, responses: 0, optedOut: false, failed: 1 },
    { fixture: 'rendering-failure', result: 'undelivered', decision: 'failed', sends: -1, responses: 0, optedOut: false, failed: 1 },
    { fixture: 'delivery-delay', result: 'ignored', decision: 'sent', sends: 0, responses: 0, optedOut: false },
    { fixture: 'open', result: 'recorded', decision: 'sent', sends: 0, responses: 0, optedOut: false },
    { fixture: 'click', result: 'counted', decision: 'sent', sends: 0, responses: 1, optedOut: false },
    { fixture: 'subscription', result: 'recorded', decision: 'sent', sends: 0, responses: 0, optedOut: true },
  ])('$fixture → $result: decision $decision, sends $sends, responses $responses, email opt-out $optedOut', async ({ fixture, result, decision, sends, responses, optedOut, failed = 0 }) => {
    clock.set(new Date('2026-11-12T08:59:00Z'));
    const { customerId, assignmentId, ref } = await sentEmail(fixture);
    const before = await emailArm();
    clock.set(new Date('2026-11-12T09:31:00Z'));
    expect(await invoke(sesEvent(fixture, ref))).toMatchObject({ status: result });
    expect((await platform.deps.assignments.get(assignmentId))?.status).toBe(decision);
    const after = await emailArm();
    expect(after.sends - before.sends).toBe(sends);
    expect(after.responses - before.responses).toBe(responses);
    expect((after.failed ?? 0) - (before.failed ?? 0)).toBe(failed);
    expect(await emailOptedOut(customerId)).toBe(optedOut);
    // EventBridge delivers at least once: the same event again changes nothing.
    expect(await invoke(sesEvent(fixture, ref))).toMatchObject({ status: expect.stringMatching(/^(ignored|duplicate)$/) });
    expect((await emailArm()).sends).toBe(after.sends);
  });

  it('finds the decision by mail.messageId when the assignment tag is missing', async () => {
    clock.set(new Date('2026-11-12T08:59:00Z'));
    const { assignmentId, ref } = await sentEmail('untagged');
    clock.set(new Date('2026-11-12T09:31:00Z'));
    const { assignmentId: _tag, ...untagged } = ref;
    expect(await invoke(sesEvent('bounce-permanent', untagged))).toMatchObject({ status: 'bounced', assignmentId });
    expect((await platform.deps.assignments.get(assignmentId))?.status).toBe('bounced');
  });

  it('finds the decision by mail.messageId when the tag names no decision (a rewritten tag value)', async () => {
    clock.set(new Date('2026-11-12T08:59:00Z'));
    const { assignmentId, ref } = await sentEmail('retagged');
    clock.set(new Date('2026-11-12T09:31:00Z'));
    expect(await invoke(sesEvent('delivery', { ...ref, assignmentId: 'no_such_assignment' }))).toMatchObject({ status: 'recorded', assignmentId });
  });

  it('answers unknown when neither the tag nor the message id names a decision', async () => {
    expect(await invoke(sesEvent('delivery', { id: 'eb-nobody', messageId: 'EXAMPLE-unknown-000000' }))).toMatchObject({ status: 'unknown' });
  });

  it('a transient bounce after the delivery (an auto-reply SES classes as a bounce) leaves the decision delivered', async () => {
    clock.set(new Date('2026-11-12T08:59:00Z'));
    const { assignmentId, ref } = await sentEmail('auto-reply');
    clock.set(new Date('2026-11-12T09:31:00Z'));
    await invoke(sesEvent('delivery', ref));
    expect(await invoke(sesEvent('bounce-transient', { ...ref, id: `${ref.id}-b` }))).toMatchObject({ status: 'ignored' });
    expect((await platform.deps.assignments.get(assignmentId))?.status).toBe('delivered');
  });

  it('a permanent bounce after the delivery (an asynchronous bounce) makes it bounced', async () => {
    clock.set(new Date('2026-11-12T08:59:00Z'));
    const { assignmentId, ref } = await sentEmail('async-bounce');
    clock.set(new Date('2026-11-12T09:31:00Z'));
    await invoke(sesEvent('delivery', ref));
    expect(await invoke(sesEvent('bounce-permanent', { ...ref, id: `${ref.id}-b` }))).toMatchObject({ status: 'bounced' });
    expect(await platform.deps.assignments.get(assignmentId)).toMatchObject({ status: 'bounced', failureReason: 'SES bounce: Permanent/General (5.1.1)' });
  });

  it('fails on a malformed event, naming the problem, so that it ends in the alarmed DLQ instead of vanishing', async () => {
    await expect(invoke({ id: 'm', source: 'aws.ses', detail: {} } as unknown as EventBridgeEvent<string, unknown>)).rejects.toThrow(/malformed SES event m: detail\.eventType/);
  });
});
