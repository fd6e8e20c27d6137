import {
  CreatePlatformApplicationCommand,
  CreatePlatformEndpointCommand,
  SetEndpointAttributesCommand,
  SNSClient,
  ThrottledException,
} from '@aws-sdk/client-sns';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PUSH_ASSIGNMENT_DATA_KEY, SnsPushSender } from '../../../../shared/adapters/channels/sns-push-sender';
import { PermanentDeliveryError, TransientDeliveryError } from '../../../../shared/domain/errors/delivery-errors';
import type { RenderedPush } from '../../../../shared/use-cases/ports/channel-sender';
import { abortMidCall, CANCEL_WITHIN_MS, startHungEndpoint } from '../../../support/hung-endpoint';
import { type Moto, startMoto } from '../../../support/moto';

const CONTEXT = { assignmentId: 'asg-9', idempotencyKey: 'asg-9' };

/** Platform endpoint model as moto exposes it in /moto-api/data.json (moto 5.x). */
interface MotoEndpoint {
  arn: string;
  messages: Record<string, string>;
}

let moto: Moto;
let client: SNSClient;
let applicationArn: string;

beforeAll(async () => {
  moto = await startMoto();
  client = new SNSClient(moto.clientConfig);
  const application = await client.send(
    new CreatePlatformApplicationCommand({ Name: 'channel-lab-app', Platform: 'GCM', Attributes: { PlatformCredential: 'fake-fcm-key' } }),
  );
  applicationArn = application.PlatformApplicationArn ?? '';
});

afterAll(async () => {
  client?.destroy();
  await moto?.stop();
});

async function createEndpoint(token: string): Promise<string> {
  const endpoint = await client.send(new CreatePlatformEndpointCommand({ PlatformApplicationArn: applicationArn, Token: token }));
  return endpoint.EndpointArn ?? '';
}

const push = (endpointArn: string): RenderedPush => ({
  channel: 'push',
  endpointArn,
  title: 'Your order shipped',
  body: 'Tap to rate "us" ✓',
  data: { orderId: 'A-1' },
});

describe('SnsPushSender against moto SNS', () => {
  it('publishes default, FCM v1 and APNs payloads to the endpoint', async () => {
    const endpointArn = await createEndpoint('device-token-1');
    const { providerMessageId } = await new SnsPushSender({ client }).send(push(endpointArn), CONTEXT);

    const endpoints = ((await moto.modelData()).sns?.PlatformEndpoint ?? []) as unknown as MotoEndpoint[];
    const stored = endpoints.find((endpoint) => endpoint.arn === endpointArn)?.messages[providerMessageId];
    expect(stored).toBeDefined();
    const platforms = JSON.parse(stored ?? '{}') as Record<string, string>;
    const data = { orderId: 'A-1', [PUSH_ASSIGNMENT_DATA_KEY]: 'asg-9' };
    expect(platforms.default).toBe('Tap to rate "us" ✓');
    expect(JSON.parse(platforms.GCM ?? '')).toEqual({
      fcmV1Message: { message: { notification: { title: 'Your order shipped', body: 'Tap to rate "us" ✓' }, data } },
    });
    expect(JSON.parse(platforms.APNS ?? '')).toEqual({ aps: { alert: { title: 'Your order shipped', body: 'Tap to rate "us" ✓' } }, ...data });
    expect(platforms.APNS_SANDBOX).toBe(platforms.APNS);
  });

  it.each([
    {
      name: 'disabled endpoint',
      arn: async () => {
        const arn = await createEndpoint('device-token-2');
        await client.send(new SetEndpointAttributesCommand({ EndpointArn: arn, Attributes: { Enabled: 'false' } }));
        return arn;
      },
      providerCode: 'EndpointDisabledException',
    },
    {
      name: 'unknown endpoint',
      arn: async () => `${applicationArn.replace(':app/', ':endpoint/')}/00000000-0000-0000-0000-000000000000`,
      providerCode: 'NotFoundException',
    },
  ])('refuses for good: $name', async ({ arn, providerCode }) => {
    const error = await new SnsPushSender({ client }).send(push(await arn()), CONTEXT).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(PermanentDeliveryError);
    expect(error).toMatchObject({ providerCode });
  });

  it('maps throttling to a transient error (mocked client)', async () => {
    const failing = { send: () => Promise.reject(new ThrottledException({ message: 'slow down', $metadata: {} })) } as unknown as SNSClient;
    await expect(new SnsPushSender({ client: failing }).send(push('arn:x'), CONTEXT)).rejects.toBeInstanceOf(TransientDeliveryError);
  });
});

// Finding: a call at the dispatch's time budget was abandoned, not cancelled.
describe('SnsPushSender against an endpoint that never answers', () => {
  it('cancels the call when the dispatch signal aborts: the connection is closed, no retry follows, a transient error', async () => {
    const hung = await startHungEndpoint();
    const hungClient = new SNSClient({ ...moto.clientConfig, endpoint: hung.endpoint });
    try {
      const endpointArn = await createEndpoint('device-token-hung');
      const error = await abortMidCall(hung, (signal) => new SnsPushSender({ client: hungClient }).send(push(endpointArn), { ...CONTEXT, signal }));
      expect(error).toBeInstanceOf(TransientDeliveryError);
      await hung.allClosed(CANCEL_WITHIN_MS);
      expect(hung.requests()).toBe(1);
    } finally {
      hungClient.destroy();
      await hung.stop();
    }
  });
});
