import { describe, expect, it } from 'vitest';
import { mapSesEvent, SesEventBridgeSchema } from '../../../../shared/adapters/ses/ses-event-mapper';
import { type SesEventFixture, sesEvent } from '../../../support/aws-events';

const ref = { id: 'eb-1', messageId: 'ses-message-1', assignmentId: 'assignment-1', experimentId: 'experiment-1' };
const map = (fixture: SesEventFixture, overrides: Partial<typeof ref> = {}) => mapSesEvent(SesEventBridgeSchema.parse(sesEvent(fixture, { ...ref, ...overrides })));

describe('mapSesEvent over the documented SES events (EventBridge envelope)', () => {
  it.each<{ fixture: SesEventFixture; outcome: object }>([
    { fixture: 'send', outcome: { kind: 'ignore', reason: expect.stringContaining('accepted') } },
    { fixture: 'delivery', outcome: { kind: 'event', type: 'delivered', occurredAt: '2026-11-12T09:00:12.133Z' } },
    { fixture: 'bounce-permanent', outcome: { kind: 'bounced', permanent: true, reason: 'SES bounce: Permanent/General (5.1.1)', occurredAt: '2026-11-12T09:01:02.669Z' } },
    { fixture: 'bounce-transient', outcome: { kind: 'bounced', permanent: false, reason: 'SES bounce: Transient/MailboxFull (5.2.2)', occurredAt: '2026-11-12T09:01:02.669Z' } },
    { fixture: 'bounce-undetermined', outcome: { kind: 'bounced', permanent: false, reason: 'SES bounce: Undetermined/Undetermined', occurredAt: '2026-11-12T09:01:02.669Z' } },
    { fixture: 'complaint', outcome: { kind: 'event', type: 'complained', occurredAt: '2026-11-12T09:05:02.669Z' } },
    { fixture: 'reject', outcome: { kind: 'undelivered', reason: 'rejected by SES: Bad content', occurredAt: '2026-11-12T09:00:00.012Z' } },
    { fixture: 'rendering-failure', outcome: { kind: 'undelivered', reason: "rendering failure: Attribute 'attributeName' is not present in the rendering data.", occurredAt: '2026-11-12T09:00:00.012Z' } },
    { fixture: 'delivery-delay', outcome: { kind: 'ignore', reason: expect.stringContaining('TransientCommunicationFailure') } },
    { fixture: 'open', outcome: { kind: 'event', type: 'opened', occurredAt: '2026-11-12T09:20:19.652Z' } },
    { fixture: 'click', outcome: { kind: 'event', type: 'clicked', occurredAt: '2026-11-12T09:21:25.570Z' } },
    { fixture: 'subscription', outcome: { kind: 'event', type: 'unsubscribed', occurredAt: '2026-11-12T09:30:17.910Z' } },
  ])('$fixture', ({ fixture, outcome }) => {
    expect(map(fixture)).toEqual({ eventId: 'ses-eb-1', assignmentId: 'assignment-1', messageId: 'ses-message-1', outcome });
  });

  it('carries the SES message id when the assignment tag is missing', () => {
    expect(map('delivery', { assignmentId: undefined })).toEqual({ eventId: 'ses-eb-1', messageId: 'ses-message-1', outcome: expect.objectContaining({ type: 'delivered' }) });
  });

  it('a subscription change that opts in is not an unsubscribe', () => {
    const event = sesEvent('subscription', ref) as unknown as { detail: { subscription: Record<string, unknown> } };
    event.detail.subscription.newTopicPreferences = { unsubscribeAll: false, topicSubscriptionStatus: [{ topicName: 'ExampleTopicName', subscriptionStatus: 'OptIn' }] };
    expect(mapSesEvent(SesEventBridgeSchema.parse(event)).outcome).toEqual({ kind: 'ignore', reason: expect.stringContaining('opt-in') });
  });
});
