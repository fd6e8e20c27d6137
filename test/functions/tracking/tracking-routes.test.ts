import type { Context } from 'aws-lambda';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { trackingRoutes } from '../../../functions/tracking/tracking-routes';
import type { LocalPlatform } from '../../../local/platform';
import type { RenderedEmail } from '../../../shared/domain/content/render-message';
import { createHttpHandler } from '../../../shared/runtime/http/api-gateway-adapter';
import { createRouter } from '../../../shared/runtime/http/router';
import { httpApiEvent } from '../../support/aws-events';
import { call, startTestPlatform } from '../../support/local-api';
import { sendEmailTo, startClickExperiment } from '../../support/running-experiment';

let platform: LocalPlatform;
let experimentId: string;

beforeAll(async () => {
  platform = await startTestPlatform('tracking');
  experimentId = await startClickExperiment(platform, { goal: { event: 'opened', windowHours: 24 } });
});
afterAll(async () => platform.stop());

/** The tracking Lambda as its entry builds it, invoked with a documented payload 2.0 event. */
const invoke = (method: string, url: string, body?: string) => {
  const { pathname, search } = new URL(url);
  const handler = createHttpHandler(createRouter(trackingRoutes(platform.deps)));
  return handler(httpApiEvent('tracking-click', { method, path: pathname, rawQueryString: search.slice(1) || 'utm_source=mail&utm_source=proxy', ...(body === undefined ? {} : { body, headers: { 'Content-Type': 'application/x-www-form-urlencoded' } }) }), {} as Context);
};

/** The HTML of the email delivered for an assignment (local outbox). */
async function deliveredHtml(assignmentId: string): Promise<string> {
  const entry = (await platform.deps.outbox?.list({ experimentId }))?.find((candidate) => candidate.assignmentId === assignmentId);
  return (entry?.message as RenderedEmail | undefined)?.html ?? '';
}

const openResponses = async () => {
  await call(platform, 'POST', `/v1/experiments/${experimentId}/reallocate`);
  return (await platform.deps.allocationStore.snapshot(experimentId))!.segments[0]!.arms.find((arm) => arm.channel === 'email')!.responses;
};

describe('tracking routes, driven with API Gateway payload 2.0 events', () => {
  it('the email carries the signed open pixel; loading it answers a GIF and records one open', async () => {
    const assignmentId = await sendEmailTo(platform, experimentId, 'pixel-1');
    const pixel = /<img src="([^"]+\/o\/[^"]+)" width="1" height="1"/.exec(await deliveredHtml(assignmentId))?.[1];
    expect(pixel).toBeDefined();
    const before = await openResponses();
    const first = await invoke('GET', pixel ?? '');
    expect(first).toMatchObject({ statusCode: 200, isBase64Encoded: true, headers: { 'content-type': 'image/gif', 'cache-control': 'no-store' } });
    expect(Buffer.from(first.body ?? '', 'base64').subarray(0, 6).toString('latin1')).toBe('GIF89a');
    // Mail clients and privacy proxies load images again: an open counts once.
    expect((await invoke('GET', pixel ?? '')).statusCode).toBe(200);
    expect(await openResponses()).toBe(before + 1);
  });

  it('a click link redirects to its target, whatever query a scanner appended', async () => {
    const assignmentId = await sendEmailTo(platform, experimentId, 'click-1');
    const link = /href="([^"]+\/t\/[^"]+)"/.exec(await deliveredHtml(assignmentId))?.[1] ?? '';
    expect(await invoke('GET', link)).toMatchObject({ statusCode: 302, headers: { location: 'https://shop.example.com/offer' } });
  });

  it('the unsubscribe link shows a page on GET and opts out on the one-click POST', async () => {
    const assignmentId = await sendEmailTo(platform, experimentId, 'unsub-1');
    const link = /href="([^"]+\/u\/[^"]+)"/.exec(await deliveredHtml(assignmentId))?.[1] ?? '';
    expect(await invoke('GET', link)).toMatchObject({ statusCode: 200 });
    expect((await platform.deps.customers.get('unsub-1'))?.optOuts.email).toBeUndefined();
    expect(await invoke('POST', link, 'List-Unsubscribe=One-Click')).toMatchObject({ statusCode: 200 });
    expect((await platform.deps.customers.get('unsub-1'))?.optOuts.email).toBeDefined();
  });

  it('a forged token is refused with a 4xx', async () => {
    const answer = await invoke('GET', 'https://t.example.com/o/forged.token');
    expect(answer.statusCode).toBeGreaterThanOrEqual(400);
    expect(answer.statusCode).toBeLessThan(500);
  });
});
