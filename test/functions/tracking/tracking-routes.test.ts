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
