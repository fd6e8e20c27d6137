import { expect } from 'vitest';
import type { LocalPlatform } from '../../local/platform';
import { call } from './local-api';

/** Creates and starts an email + in-app experiment whose goal is a click within 24 h (no holdout). */
export async function startClickExperiment(platform: LocalPlatform, overrides: Record<string, unknown> = {}): Promise<string> {
  const created = await call(platform, 'POST', '/v1/experiments', {
    name: 'Click test',
    stage: 'consideration',
    channels: [
      { channel: 'email', subject: 'Hello', html: '<p><a href="https://shop.example.com/offer">Offer</a> <a href="{{unsubscribeUrl}}">Unsubscribe</a></p>' },
      { channel: 'in_app', title: 'Hello', body: 'Offer inside', callToAction: { label: 'See', url: 'https://shop.example.com/offer' } },
    ],
    goal: { event: 'clicked', windowHours: 24 },
    policy: { holdout: 0, burnIn: 0 },
    ...overrides,
  });
  expect(created.status).toBe(201);
  await call(platform, 'POST', `/v1/experiments/${created.body.id}/start`);
  return created.body.id as string;
}

/** Sends to one customer who may receive email only; returns the assignment id once delivered. */
export async function sendEmailTo(platform: LocalPlatform, experimentId: string, customerId: string): Promise<string> {
  const sent = await call(platform, 'POST', `/v1/experiments/${experimentId}/sends`, {
    customerId,
    contact: { email: `${customerId}@example.com` },
    consents: { email: true },
  });
  expect(sent.body).toMatchObject({ status: 'queued', channel: 'email' });
  await platform.queue.drain();
  return sent.body.assignmentId as string;
}
