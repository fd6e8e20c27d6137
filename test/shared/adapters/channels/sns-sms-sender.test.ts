import { SNSClient, ThrottledException, InternalErrorException, OptedOutException } from '@aws-sdk/client-sns';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  publishSmsInput,
  SMS_SENDER_ID_ATTRIBUTE,
  SMS_TYPE_ATTRIBUTE,
  SnsSmsSender,
} from '../../../../shared/adapters/channels/sns-sms-sender';
import { PermanentDeliveryError, TransientDeliveryError } from '../../../../shared/domain/errors/delivery-errors';
import type { RenderedSms } from '../../../../shared/use-cases/ports/channel-sender';
import { abortMidCall, CANCEL_WITHIN_MS, startHungEndpoint } from '../../../support/hung-endpoint';
import { type Moto, startMoto } from '../../../support/moto';

const CONTEXT = { assignmentId: 'asg-1', idempotencyKey: 'asg-1' };
const SMS: RenderedSms = { channel: 'sms', phoneNumber: '+15555550100', text: 'How was your order? https://t.example.com/t/abc', smsType: 'transactional' };

/** SMS model as moto exposes it in /moto-api/data.json (moto 5.x). */
interface MotoSms {
  message_id: string;
  phone_number: string;
  message: string;
}

let moto: Moto;
let client: SNSClient;

beforeAll(async () => {
  moto = await startMoto();
  client = new SNSClient(moto.clientConfig);
});

afterAll(async () => {
  client?.destroy();
  await moto?.stop();
});

describe('SnsSmsSender against moto SNS', () => {
  it.each([
    { name: 'transactional', smsType: 'transactional' as const },
    { name: 'promotional', smsType: 'promotional' as const },
  ])('publishes a $name SMS and returns the SNS message id', async ({ smsType }) => {
    const sender = new SnsSmsSender({ client });
    const { providerMessageId } = await sender.send({ ...SMS, smsType }, CONTEXT);

    const published = ((await moto.modelData()).sns?.SMS ?? []) as unknown as MotoSms[];
    // moto records number and text; it drops message attributes (SMS type), asserted on the request below.
    expect(published.find((sms) => sms.message_id === providerMessageId)).toEqual({
      message_id: providerMessageId,
      phone_number: SMS.phoneNumber,
      message: SMS.text,
    });
  });

  it('refuses a number that is not E.164 for good', async () => {
    const error = await new SnsSmsSender({ client }).send({ ...SMS, phoneNumber: 'call-me-maybe' }, CONTEXT).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(PermanentDeliveryError);
    expect(error).toMatchObject({ providerCode: 'InvalidParameterException' });
  });
});

describe('publishSmsInput', () => {
  it.each([
    { name: 'transactional', smsType: 'transactional' as const, value: 'Transactional' },
    { name: 'promotional', smsType: 'promotional' as const, value: 'Promotional' },
  ])('sets the $name SMS type attribute', ({ smsType, value }) => {
    expect(publishSmsInput({ ...SMS, smsType }, {}).MessageAttributes?.[SMS_TYPE_ATTRIBUTE]).toEqual({ DataType: 'String', StringValue: value });
  });

  it.each([
    { name: "the deployment's default when the experiment does not say", defaultSmsType: 'promotional' as const, value: 'Promotional' },
    { name: 'transactional when neither says', defaultSmsType: undefined, value: 'Transactional' },
  ])('uses $name', ({ defaultSmsType, value }) => {
    const { smsType: _omitted, ...untyped } = SMS;
    const options = defaultSmsType ? { defaultSmsType } : {};
    expect(publishSmsInput(untyped, options).MessageAttributes?.[SMS_TYPE_ATTRIBUTE]).toEqual({ DataType: 'String', StringValue: value });
  });

  it("lets the experiment's type win over the deployment's default", () => {
    expect(publishSmsInput({ ...SMS, smsType: 'transactional' }, { defaultSmsType: 'promotional' }).MessageAttributes?.[SMS_TYPE_ATTRIBUTE]?.StringValue).toBe('Transactional');
  });

  it('adds the sender id when configured', () => {
    expect(publishSmsInput(SMS, { senderId: 'SHOP' }).MessageAttributes?.[SMS_SENDER_ID_ATTRIBUTE]).toEqual({ DataType: 'String', StringValue: 'SHOP' });
  });
});

describe('SnsSmsSender fault mapping (mocked client)', () => {
  const metadata = { $metadata: {} };
  it.each([
    { name: 'throttled', error: new ThrottledException({ message: 'Rate exceeded', ...metadata }), expected: TransientDeliveryError },
    { name: 'SNS internal error', error: new InternalErrorException({ message: 'boom', ...metadata }), expected: TransientDeliveryError },
    { name: 'number opted out', error: new OptedOutException({ message: 'opted out', ...metadata }), expected: PermanentDeliveryError },
  ])('$name', async ({ error, expected }) => {
    const failing = { send: () => Promise.reject(error) } as unknown as SNSClient;
    await expect(new SnsSmsSender({ client: failing }).send(SMS, CONTEXT)).rejects.toBeInstanceOf(expected);
  });
});

// Finding: a call at the dispatch's time budget was abandoned, not cancelled.
describe('SnsSmsSender against an endpoint that never answers', () => {
  it('cancels the call when the dispatch signal aborts: the connection is closed, no retry follows, a transient error', async () => {
    const hung = await startHungEndpoint();
    const hungClient = new SNSClient({ ...moto.clientConfig, endpoint: hung.endpoint });
    try {
      const error = await abortMidCall(hung, (signal) => new SnsSmsSender({ client: hungClient }).send(SMS, { ...CONTEXT, signal }));
      expect(error).toBeInstanceOf(TransientDeliveryError);
      await hung.allClosed(CANCEL_WITHIN_MS);
      expect(hung.requests()).toBe(1);
    } finally {
      hungClient.destroy();
      await hung.stop();
    }
  });
});
