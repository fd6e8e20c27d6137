import { SESv2Client } from '@aws-sdk/client-sesv2';
import { SNSClient } from '@aws-sdk/client-sns';
import { describe, expect, it } from 'vitest';
import { createSenders, sendRenderedMessage } from '../../../../shared/adapters/channels/create-senders';
import { PermanentDeliveryError } from '../../../../shared/domain/errors/delivery-errors';
import type { ChannelSender, RenderedMessage } from '../../../../shared/use-cases/ports/channel-sender';

const CONTEXT = { assignmentId: 'asg-1', idempotencyKey: 'asg-1' };
const client = <T>(messageId: string) => ({ send: async () => ({ MessageId: messageId }) }) as unknown as T;

const inApp: ChannelSender<'in_app'> = { channel: 'in_app', send: async () => ({ providerMessageId: 'inbox-1' }) };
const fetchOk = (async () => new Response(null, { status: 200, headers: { 'x-message-id': 'hook-1' } })) as typeof fetch;

const senders = createSenders({
  ses: { client: client<SESv2Client>('ses-1'), defaultFrom: 'news@shop.example.com' },
  sns: { client: client<SNSClient>('sns-1') },
  webhook: { secret: 'whsec', fetch: fetchOk },
  inApp,
});

describe('createSenders + sendRenderedMessage', () => {
  it.each<{ name: string; message: RenderedMessage; expected: string }>([
    { name: 'email through SES', message: { channel: 'email', to: 'a@example.com', subject: 's', text: 't', unsubscribeUrl: 'https://t/u/x' }, expected: 'ses-1' },
    { name: 'sms through SNS', message: { channel: 'sms', phoneNumber: '+15555550100', text: 't', smsType: 'transactional' }, expected: 'sns-1' },
    { name: 'push through SNS', message: { channel: 'push', endpointArn: 'arn:x', title: 't', body: 'b', data: {} }, expected: 'sns-1' },
    { name: 'in-app through the inbox sender', message: { channel: 'in_app', customerId: 'c', title: 't', body: 'b' }, expected: 'inbox-1' },
    { name: 'webhook', message: { channel: 'webhook', url: 'https://hooks.example.com/', body: '{}' }, expected: 'hook-1' },
  ])('routes $name', async ({ message, expected }) => {
    await expect(sendRenderedMessage(senders, message, CONTEXT)).resolves.toEqual({ providerMessageId: expected });
  });

  it('a channel without a sender is a permanent failure, not a crash', async () => {
    const none = createSenders({});
    expect(Object.keys(none)).toEqual([]);
    await expect(sendRenderedMessage(none, { channel: 'sms', phoneNumber: '+1', text: 't', smsType: 'transactional' }, CONTEXT)).rejects.toBeInstanceOf(
      PermanentDeliveryError,
    );
  });
});
