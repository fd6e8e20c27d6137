import { createHash } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { LocalPlatform } from '../../../local/platform';
import { experimentWebhookSecret } from '../../../shared/adapters/channels/webhook-signature';
import { signTrackingToken, type TrackingPayload } from '../../../shared/domain/tracking';
import { call, startTestPlatform, TestClock } from '../../support/local-api';
import { sendEmailTo, startClickExperiment } from '../../support/running-experiment';

/**
 * Issue 10, "one secret signs tracking links and webhook calls": a webhook receiver could mint
 * `/t/` redirects, fake clicks and unsubscribe anyone; assignment ids were an unkeyed hash of
 * public ids; the unsubscribe's channel came from the link.
 */
const DAY = 86_400_000;
const clock = new TestClock(new Date('2026-11-10T09:00:00Z'));
const OLD_KEY = 'old-link-key-0123456789abcdef0123456789abcdef';
const NEW_KEY = 'new-link-key-0123456789abcdef0123456789abcdef';
let platform: LocalPlatform;
let experimentId: string;

beforeAll(async () => {
  // Rotated yesterday: the previous key is accepted for one more day.
  platform = await startTestPlatform('link-secrets', { clock, linkKeys: { current: NEW_KEY, previous: { secret: OLD_KEY, acceptedUntil: new Date(clock.now().getTime() + DAY).toISOString() } } });
  experimentId = await startClickExperiment(platform);
});
afterAll(async () => platform.stop());

const click = (assignmentId: string, key: string, url = 'https://evil.example.com/phish') =>
  fetch(`${platform.url}/t/${signTrackingToken({ v: 1, kind: 'click', assignmentId, url }, key)}`, { redirect: 'manual' });

describe('one secret per purpose', () => {
  it('what a webhook receiver holds (its experiment secret, even the webhook master key) cannot mint a tracking link', async () => {
    const assignmentId = await sendEmailTo(platform, experimentId, 'receiver-victim');
    const webhookMaster = platform.secrets.webhooks!.current as string;
    for (const key of [experimentWebhookSecret(webhookMaster, experimentId), webhookMaster]) {
      const response = await click(assignmentId, key);
      expect(response.status).toBe(404);
      expect(response.headers.get('location')).toBeNull();
    }
    expect((await click(assignmentId, NEW_KEY, 'https://shop.example.com/ok')).status).toBe(302);
  });

  it('assignment ids cannot be computed from the experiment and customer ids, and stay sticky', async () => {
    const first = await call(platform, 'POST', `/v1/experiments/${experimentId}/sends`, { customerId: 'guessable', contact: { email: 'g@example.com' }, consents: { email: true } });
    const again = await call(platform, 'POST', `/v1/experiments/${experimentId}/sends`, { customerId: 'guessable', contact: { email: 'g@example.com' }, consents: { email: true } });
    expect(again.body.assignmentId).toBe(first.body.assignmentId);
    const unkeyed = createHash('sha256').update(`assignment:${experimentId}:guessable:0`).digest('hex').slice(0, 32);
    expect(first.body.assignmentId).not.toBe(unkeyed);
  });
});

describe('unsubscribe', () => {
  it("opts out of the stored decision's channel, whatever channel a link names", async () => {
    const assignmentId = await sendEmailTo(platform, experimentId, 'channel-forger');
    const forged: TrackingPayload = { v: 1, kind: 'unsubscribe', assignmentId, customerId: 'someone-else', channel: 'sms' };
    const token = signTrackingToken(forged, NEW_KEY);
    const page = await fetch(`${platform.url}/u/${token}`);
    expect(await page.text()).toContain('Stop receiving email messages');
    const posted = await fetch(`${platform.url}/u/${token}`, { method: 'POST', body: 'List-Unsubscribe=One-Click', headers: { 'content-type': 'application/x-www-form-urlencoded' } });
    expect(posted.status).toBe(200);
    expect((await platform.deps.customers.get('channel-forger'))?.optOuts).toEqual({ email: expect.any(String) });
    expect(await platform.deps.customers.get('someone-else')).toBeUndefined();
  });
});

describe('key rotation', () => {
  it('links signed with the previous key work during the grace period, then stop', async () => {
    const assignmentId = await sendEmailTo(platform, experimentId, 'old-link-holder');
    try {
      expect((await click(assignmentId, OLD_KEY, 'https://shop.example.com/old')).status).toBe(302);
      clock.advance(DAY + 1);
      expect((await click(assignmentId, OLD_KEY, 'https://shop.example.com/old-2')).status).toBe(404);
      expect((await click(assignmentId, NEW_KEY, 'https://shop.example.com/new')).status).toBe(302);
    } finally {
      clock.set(new Date('2026-11-10T09:00:00Z'));
    }
  });
});
