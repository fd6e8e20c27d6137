import { describe, expect, it } from 'vitest';
import type { OutboxEntryResponse } from '../../../../shared/contracts/sends';
import { fromInbox, fromOutbox, headline, prettyPayload } from '../../../../web/src/views/outbox/delivered-message';

const base = { messageId: 'outbox-1', assignmentId: 'a-1', experimentId: 'e-1', sentAt: '2026-03-02T13:00:00.000Z' };

describe('delivered messages as the outbox view lists them', () => {
  it.each<{ entry: OutboxEntryResponse; kind: string; line: string }>([
    { entry: { ...base, channel: 'email', message: { channel: 'email', to: 'ana@example.com', subject: 'Hi', html: '<p>Hi</p>', unsubscribeUrl: 'http://x/u/1' } }, kind: 'email', line: 'Email to ana@example.com' },
    { entry: { ...base, channel: 'sms', message: { channel: 'sms', phoneNumber: '+33612345678', text: 'Hi' } }, kind: 'sms', line: 'SMS to +33612345678' },
    { entry: { ...base, channel: 'push', message: { channel: 'push', endpointArn: 'arn:aws:sns:x', title: 'T', body: 'B', data: {} } }, kind: 'push', line: 'Push to arn:aws:sns:x' },
    { entry: { ...base, channel: 'webhook', message: { channel: 'webhook', url: 'https://hooks.example.com/x', body: '{"a":1}' } }, kind: 'webhook', line: 'Webhook to https://hooks.example.com/x' },
    { entry: { ...base, channel: 'in_app', message: { channel: 'in_app', customerId: 'c-42', title: 'T', body: 'B' } }, kind: 'in_app', line: 'In-app in the inbox of c-42' },
  ])('$kind', ({ entry, kind, line }) => {
    const message = fromOutbox(entry);
    expect(message).toMatchObject({ kind, id: 'outbox-1', at: base.sentAt, experimentId: 'e-1' });
    expect(headline(message)).toBe(line);
  });

  it('pretty-prints a JSON webhook body and leaves anything else as it came', () => {
    expect(prettyPayload('{"a":1}')).toBe('{\n  "a": 1\n}');
    expect(prettyPayload('not json')).toBe('not json');
  });

  it('reads an inbox message with its status', () => {
    const message = fromInbox('c-42', { messageId: 'm-1', assignmentId: 'a-1', title: 'T', body: 'B', status: 'read', createdAt: base.sentAt, callToAction: { label: 'Go', url: 'http://x/t/1' } });
    expect(message).toEqual({ kind: 'in_app', id: 'm-1', at: base.sentAt, to: 'c-42', title: 'T', body: 'B', callToAction: { label: 'Go', url: 'http://x/t/1' }, status: 'read' });
  });
});
