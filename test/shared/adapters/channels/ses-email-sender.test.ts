import {
  CreateConfigurationSetCommand,
  CreateEmailIdentityCommand,
  InternalServiceErrorException,
  LimitExceededException,
  MailFromDomainNotVerifiedException,
  MessageRejected,
  SESv2Client,
  SendingPausedException,
  TooManyRequestsException,
} from '@aws-sdk/client-sesv2';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  ASSIGNMENT_TAG,
  EXPERIMENT_TAG,
  SesEmailSender,
  sendEmailInput,
  sesTagValue,
} from '../../../../shared/adapters/channels/ses-email-sender';
import { PermanentDeliveryError, TransientDeliveryError } from '../../../../shared/domain/errors/delivery-errors';
import type { RenderedEmail } from '../../../../shared/use-cases/ports/channel-sender';
import { abortMidCall, CANCEL_WITHIN_MS, startHungEndpoint } from '../../../support/hung-endpoint';
import { type Moto, startMoto } from '../../../support/moto';

const VERIFIED_FROM = 'news@shop.example.com';
const CONFIGURATION_SET = 'channel-lab-events';
const CONTEXT = { assignmentId: 'asg_01HZX:7', idempotencyKey: 'asg_01HZX:7', experimentId: 'exp.checkout' };

const EMAIL: RenderedEmail = {
  channel: 'email',
  to: 'zoe@example.com',
  subject: 'How did we do?',
  html: '<p>Rate us: <a href="https://t.example.com/t/abc">here</a></p>',
  text: 'Rate us: https://t.example.com/t/abc',
  unsubscribeUrl: 'https://t.example.com/u/signed',
};

/** SES message model as moto exposes it in /moto-api/data.json (moto 5.x). */
interface MotoSesMessage {
  id: string;
  source: string;
  subject: string;
  body: string;
  destinations: { ToAddresses?: string[] };
}

let moto: Moto;
let client: SESv2Client;

beforeAll(async () => {
  moto = await startMoto();
  client = new SESv2Client(moto.clientConfig);
  await client.send(new CreateEmailIdentityCommand({ EmailIdentity: VERIFIED_FROM }));
  await client.send(new CreateConfigurationSetCommand({ ConfigurationSetName: CONFIGURATION_SET }));
});

afterAll(async () => {
  client?.destroy();
  await moto?.stop();
});

async function sentMessages(): Promise<MotoSesMessage[]> {
  return ((await moto.modelData()).ses?.Message ?? []) as unknown as MotoSesMessage[];
}

describe('SesEmailSender against moto SES v2', () => {
  it('sends from a verified identity and returns the SES message id', async () => {
    const sender = new SesEmailSender({ client, defaultFrom: VERIFIED_FROM, configurationSetName: CONFIGURATION_SET });
    const { providerMessageId } = await sender.send(EMAIL, CONTEXT);

    const stored = (await sentMessages()).find((message) => message.id === providerMessageId);
    // moto keeps source, subject, recipients and one body (HTML when present); it drops headers and tags.
    expect(stored).toMatchObject({ source: VERIFIED_FROM, subject: EMAIL.subject, body: EMAIL.html, destinations: { ToAddresses: [EMAIL.to] } });
  });

  it('uses the content\'s own from address over the default', async () => {
    const sender = new SesEmailSender({ client, defaultFrom: 'nobody@unverified.example.org' });
    const { providerMessageId } = await sender.send({ ...EMAIL, from: VERIFIED_FROM, html: undefined }, CONTEXT);
    const stored = (await sentMessages()).find((message) => message.id === providerMessageId);
    expect(stored).toMatchObject({ source: VERIFIED_FROM, body: EMAIL.text });
  });

  it.each([
    { name: 'unverified From identity', from: 'news@unverified.example.org', to: EMAIL.to, providerCode: 'MessageRejected' },
    { name: 'malformed recipient address', from: VERIFIED_FROM, to: 'not-an-address', providerCode: 'InvalidParameterValue' },
  ])('refuses for good: $name', async ({ from, to, providerCode }) => {
    const sender = new SesEmailSender({ client, defaultFrom: from });
    const error = await sender.send({ ...EMAIL, to }, CONTEXT).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(PermanentDeliveryError);
    expect(error).toMatchObject({ code: 'delivery_rejected', providerCode });
  });
});

describe('sendEmailInput (what moto does not keep)', () => {
  const request = sendEmailInput(EMAIL, CONTEXT, { defaultFrom: VERIFIED_FROM, configurationSetName: CONFIGURATION_SET, replyTo: ['help@shop.example.com'] });

  it.each([
    { name: 'RFC 8058 one-click unsubscribe headers', check: () => expect(request.Content?.Simple?.Headers).toEqual([
      { Name: 'List-Unsubscribe', Value: '<https://t.example.com/u/signed>' },
      { Name: 'List-Unsubscribe-Post', Value: 'List-Unsubscribe=One-Click' },
    ]) },
    { name: 'configuration set', check: () => expect(request.ConfigurationSetName).toBe(CONFIGURATION_SET) },
    { name: 'assignment and experiment tags in SES\'s alphabet', check: () => expect(request.EmailTags).toEqual([
      { Name: ASSIGNMENT_TAG, Value: 'asg_01HZX_7' },
      { Name: EXPERIMENT_TAG, Value: 'exp_checkout' },
    ]) },
    { name: 'UTF-8 html and text parts', check: () => expect(request.Content?.Simple?.Body).toEqual({
      Html: { Data: EMAIL.html, Charset: 'UTF-8' },
      Text: { Data: EMAIL.text, Charset: 'UTF-8' },
    }) },
    { name: 'reply-to', check: () => expect(request.ReplyToAddresses).toEqual(['help@shop.example.com']) },
  ])('$name', ({ check }) => check());

  it.each([
    { name: 'allowed characters kept', value: 'abc-DEF_123', expected: 'abc-DEF_123' },
    { name: 'others replaced', value: 'a:b.c/d é', expected: 'a_b_c_d__' },
    { name: 'long values cut at 256', value: 'x'.repeat(300), expected: 'x'.repeat(256) },
    { name: 'empty becomes a placeholder', value: '', expected: '_' },
  ])('sesTagValue: $name', ({ value, expected }) => {
    expect(sesTagValue(value)).toBe(expected);
  });
});

describe('SesEmailSender fault mapping (mocked client: moto cannot throttle)', () => {
  const metadata = { $metadata: {} };
  it.each([
    { name: 'throttled', error: new TooManyRequestsException({ message: 'Too many requests', ...metadata }), expected: TransientDeliveryError },
    { name: 'daily quota exceeded', error: new LimitExceededException({ message: 'Daily message quota exceeded', ...metadata }), expected: TransientDeliveryError },
    { name: 'SES internal error', error: new InternalServiceErrorException({ message: 'boom', ...metadata }), expected: TransientDeliveryError },
    { name: 'sending paused', error: new SendingPausedException({ message: 'paused', ...metadata }), expected: TransientDeliveryError },
    { name: 'message rejected', error: new MessageRejected({ message: 'Email address is not verified', ...metadata }), expected: PermanentDeliveryError },
    { name: 'MAIL FROM domain not verified', error: new MailFromDomainNotVerifiedException({ message: 'not verified', ...metadata }), expected: PermanentDeliveryError },
    { name: 'network failure', error: Object.assign(new Error('socket hang up'), { code: 'ECONNRESET' }), expected: TransientDeliveryError },
  ])('$name', async ({ error, expected }) => {
    const failing = { send: () => Promise.reject(error) } as unknown as SESv2Client;
    const sender = new SesEmailSender({ client: failing, defaultFrom: VERIFIED_FROM });
    const caught = await sender.send(EMAIL, CONTEXT).catch((thrown: unknown) => thrown);
    expect(caught).toBeInstanceOf(expected);
    expect((caught as Error).cause).toBe(error);
  });
});

// Finding: a call at the dispatch's time budget was abandoned, not cancelled: the SDK kept the
// connection (and its retries) going, so SES could still take a message the decision retried.
describe('SesEmailSender against an endpoint that never answers', () => {
  it('cancels the call when the dispatch signal aborts: the connection is closed, no retry follows, a transient error', async () => {
    const hung = await startHungEndpoint();
    const hungClient = new SESv2Client({ ...moto.clientConfig, endpoint: hung.endpoint });
    try {
      const sender = new SesEmailSender({ client: hungClient, defaultFrom: VERIFIED_FROM });
      const error = await abortMidCall(hung, (signal) => sender.send(EMAIL, { ...CONTEXT, signal }));
      expect(error).toBeInstanceOf(TransientDeliveryError);
      await hung.allClosed(CANCEL_WITHIN_MS);
      expect(hung.requests()).toBe(1);
    } finally {
      hungClient.destroy();
      await hung.stop();
    }
  });
});
