import type { Context } from 'aws-lambda';
import { trackingRoutes } from '../../../functions/tracking/tracking-routes';
import type { RenderedEmail } from '../../../shared/domain/content/render-message';
import { createHttpHandler } from '../../../shared/runtime/http/api-gateway-adapter';
import { createRouter } from '../../../shared/runtime/http/router';
import { httpApiEvent } from '../../support/aws-events';
import { createHash } from 'node:crypto';
import { ScanCommand } from '@aws-sdk/lib-dynamodb';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { LocalPlatform } from '../../../local/platform';
import { createDocumentClient, createDynamoClient } from '../../../shared/adapters/dynamodb/document-client';
import { TTL_ATTRIBUTE } from '../../../shared/adapters/dynamodb/table-definition';
import { call, startTestPlatform, TestClock } from '../../support/local-api';
import { sendEmailTo, startClickExperiment } from '../../support/running-experiment';

const clock = new TestClock(new Date('2026-11-10T09:00:00Z'));
let platform: LocalPlatform;
let experimentId: string;
/** An experiment whose goal is the open. */
let openExperimentId: string;

beforeAll(async () => {
  platform = await startTestPlatform('tracking', { clock });
  experimentId = await startClickExperiment(platform);
});
afterAll(async () => platform.stop());

/** The signed links of the email sent for a decision, pointed at the local platform. */
async function linksOf(assignmentId: string): Promise<{ click: string; unsubscribe: string }> {
  const outbox = (await call(platform, 'GET', `/v1/outbox?experimentId=${experimentId}`)).body.items;
  const entry = outbox.find((item: { assignmentId: string }) => item.assignmentId === assignmentId);
  const local = (url: string) => url.replace(/^https?:\/\/[^/]+/, platform.url);
  return { click: local(/href="([^"]*\/t\/[^"]+)"/.exec(entry.message.html as string)![1]!), unsubscribe: local(entry.message.unsubscribeUrl as string) };
}

/** Every stored event record of a decision (a scan: the test looks at the whole table). */
async function storedEvents(assignmentId: string): Promise<Record<string, unknown>[]> {
  const raw = createDynamoClient({ endpoint: platform.dynamoEndpoint });
  try {
    const { Items = [] } = await createDocumentClient(raw).send(new ScanCommand({ TableName: platform.tableName }));
    return Items.filter((item) => item.entity === 'event' && item.assignmentId === assignmentId);
  } finally {
    raw.destroy();
  }
}

describe('the unsubscribe page', () => {
  it('is served with a strict Content-Security-Policy that allows exactly its own style', async () => {
    const assignmentId = await sendEmailTo(platform, experimentId, 'csp-reader');
    const { unsubscribe } = await linksOf(assignmentId);
    for (const response of [await fetch(unsubscribe), await fetch(unsubscribe, { method: 'POST', body: 'List-Unsubscribe=One-Click', headers: { 'content-type': 'application/x-www-form-urlencoded' } })]) {
      const policy = response.headers.get('content-security-policy') ?? '';
      expect(policy).toContain("default-src 'none'");
      expect(policy).toContain("frame-ancestors 'none'");
      expect(policy).toContain("form-action 'self'");
      expect(policy).not.toContain('unsafe-inline');
      expect(response.headers.get('referrer-policy')).toBe('no-referrer');
      const page = await response.text();
      expect(page).not.toMatch(/<script|\sstyle="/);
      const style = /<style>([^<]*)<\/style>/.exec(page)![1]!;
      expect(policy).toContain(`'sha256-${createHash('sha256').update(style).digest('base64')}'`);
    }
  });
});

describe('replayed clicks', () => {
  it('collapse into one stored event, and every stored event expires', async () => {
    const assignmentId = await sendEmailTo(platform, experimentId, 'replayer');
    const { click } = await linksOf(assignmentId);
    for (let replay = 0; replay < 5; replay += 1) {
      const response = await fetch(click, { redirect: 'manual' });
      expect(response.status).toBe(302);
    }
    const events = await storedEvents(assignmentId);
    expect(events.filter((event) => event.type === 'clicked')).toHaveLength(1);
    const now = Math.floor(clock.now().getTime() / 1000);
    for (const event of events) {
      expect(event[TTL_ATTRIBUTE], JSON.stringify(event)).toEqual(expect.any(Number));
      expect(event[TTL_ATTRIBUTE] as number).toBeGreaterThan(now);
    }
  });
});

/** The tracking Lambda as its entry builds it, invoked with a documented payload 2.0 event. */
const invoke = (method: string, url: string, body?: string) => {
  const { pathname, search } = new URL(url);
  const handler = createHttpHandler(createRouter(trackingRoutes(platform.deps)));
  return handler(httpApiEvent('tracking-click', { method, path: pathname, rawQueryString: search.slice(1) || 'utm_source=mail&utm_source=proxy', ...(body === undefined ? {} : { body, headers: { 'Content-Type': 'application/x-www-form-urlencoded' } }) }), {} as Context);
};

/** The HTML of the email delivered for an assignment (local outbox). */
async function deliveredHtml(assignmentId: string): Promise<string> {
  const entry = (await platform.deps.outbox?.list({ experimentId: openExperimentId }))?.find((candidate) => candidate.assignmentId === assignmentId);
  return (entry?.message as RenderedEmail | undefined)?.html ?? '';
}

const openResponses = async () => {
  await call(platform, 'POST', `/v1/experiments/${openExperimentId}/reallocate`);
  return (await platform.deps.allocationStore.snapshot(openExperimentId))!.segments[0]!.arms.find((arm) => arm.channel === 'email')!.responses;
};

describe('tracking routes, driven with API Gateway payload 2.0 events', () => {
  beforeAll(async () => {
    openExperimentId = await startClickExperiment(platform, { goal: { event: 'opened', windowHours: 24 } });
  });

  it('the email carries the signed open pixel; loading it answers a GIF and records one open', async () => {
    const assignmentId = await sendEmailTo(platform, openExperimentId, 'pixel-1');
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
    const assignmentId = await sendEmailTo(platform, openExperimentId, 'click-1');
    const link = /href="([^"]+\/t\/[^"]+)"/.exec(await deliveredHtml(assignmentId))?.[1] ?? '';
    expect(await invoke('GET', link)).toMatchObject({ statusCode: 302, headers: { location: 'https://shop.example.com/offer' } });
  });

  it('the unsubscribe link shows a page on GET and opts out on the one-click POST', async () => {
    const assignmentId = await sendEmailTo(platform, openExperimentId, 'unsub-1');
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
