import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { LocalPlatform } from '../../local/platform';
import { createSeededRng } from '../../shared/domain/random';
import type { OutboxEntry } from '../../shared/adapters/dynamodb/outbox-sender';
import { call, startTestPlatform, TestClock } from '../support/local-api';

/**
 * The learning loop end to end on the local platform: sends through the API, delivery by the
 * dispatcher, simulated customers answering through /v1/events and signed tracking links with
 * channel-specific delays, the allocator reallocating between rounds in simulated time.
 */

const HOUR = 3_600_000;
const T0 = new Date('2026-11-02T11:00:00Z'); // 12:00 in Paris: outside quiet hours
const ROUNDS = 5;
const CUSTOMERS_PER_SEGMENT_PER_ROUND = 60;
const WINDOW_HOURS = 24;

/** True response rates per segment and channel, and response delays per channel. */
const TRUE_RATES: Record<string, Record<string, number>> = {
  seniors: { sms: 0.35, email: 0.12, in_app: 0.04 },
  default: { sms: 0.04, email: 0.12, in_app: 0.35 },
};
/**
 * How many standard deviations of the difference of two rounds' binomial shares a round's share to
 * the best channel may fall below the previous round's (sampling noise, not a trend: with about 60
 * customers a round and shares near 0.9, one standard deviation is about 0.06).
 */
const SHARE_NOISE_SD = 3;
/** Standard deviation of the difference of two binomial shares, each over its own number of sends. */
const differenceSd = (a: { share: number; n: number }, b: { share: number; n: number }) => Math.sqrt((a.share * (1 - a.share)) / a.n + (b.share * (1 - b.share)) / b.n);
/** The channel with the highest true rate in a segment. */
const bestOf = (segment: string) => Object.entries(TRUE_RATES[segment] ?? {}).sort(([, a], [, b]) => b - a)[0]?.[0];
const DELAY_MS: Record<string, number> = { sms: 10 * 60_000, email: 9 * HOUR, in_app: 2 * HOUR };

let platform: LocalPlatform;
const clock = new TestClock(T0);
const rng = createSeededRng(20261123);

beforeAll(async () => {
  platform = await startTestPlatform('loop', { clock });
});
afterAll(async () => platform.stop());

interface Truth {
  sends: Record<string, Record<string, number>>;
  responders: Record<string, Record<string, Set<string>>>;
}

describe('learning loop on the local platform', () => {
  it('moves traffic to the best channel of each segment, and its statistics equal the ground truth', async () => {
    const created = await call(platform, 'POST', '/v1/experiments', {
      name: 'Post-purchase survey, learning loop',
      stage: 'post_purchase',
      channels: [
        { channel: 'sms', text: 'How was your order? {{surveyUrl}}' },
        { channel: 'email', subject: 'How was your order?', html: '<p><a href="{{surveyUrl}}">Answer the survey</a></p>' },
        { channel: 'in_app', title: 'How was your order?', body: 'Tell us', callToAction: { label: 'Answer', url: 'https://example.com/survey' } },
      ],
      variables: ['surveyUrl'],
      segments: [{ name: 'seniors', rule: { attribute: 'age', op: 'gte', value: 50 } }],
      goal: { event: 'clicked', windowHours: WINDOW_HOURS },
      policy: { type: 'thompson', minShare: 0.02, burnIn: 0, holdout: 0.05, updateEveryMinutes: 60 },
    });
    expect(created.status).toBe(201);
    const experimentId = created.body.id as string;
    await call(platform, 'POST', `/v1/experiments/${experimentId}/start`);

    const truth: Truth = { sends: { seniors: {}, default: {} }, responders: { seniors: {}, default: {} } };
    const segmentOfCustomer = new Map<string, string>();
    const bestShares: Record<string, number[]> = {};
    const bestSends: Record<string, number[]> = {};
    /** The weights of the latest allocation (none before the first: the uniform split). */
    const weightsInForce: Record<string, Record<string, number>> = {};
    let eventCounter = 0;
    let linkClicks = 0;

    for (let round = 0; round < ROUNDS; round += 1) {
      clock.set(new Date(T0.getTime() + round * (WINDOW_HOURS + 2) * HOUR));
      const recipients = [];
      for (const segment of ['seniors', 'default']) {
        for (let index = 0; index < CUSTOMERS_PER_SEGMENT_PER_ROUND; index += 1) {
          const customerId = `r${round}-${segment}-${index}`;
          segmentOfCustomer.set(customerId, segment);
          recipients.push({
            customerId,
            attributes: { age: segment === 'seniors' ? 67 : 31 },
            contact: { email: `${customerId}@example.com`, phone: `+3361234${String(round * 1000 + index + (segment === 'seniors' ? 500 : 0)).padStart(4, '0')}`, timezone: 'Europe/Paris' },
            consents: { email: true, sms: true, in_app: true },
            variables: { surveyUrl: 'https://example.com/survey' },
          });
        }
      }
      const sent = await call(platform, 'POST', `/v1/experiments/${experimentId}/sends`, { recipients });
      expect(sent.status).toBe(200);
      await platform.queue.drain();

      // The send path follows the allocator: every decision of round r was made with the weights of
      // allocation version r (the allocator ran after each earlier round), and the share sent to
      // each segment's best channel rises from round to round.
      const messaged = (sent.body.results as { customerId: string; assignmentId?: string; channel: string | null; status: string }[]).filter((result) => result.status === 'queued' && result.channel !== null);
      const versions = new Set(await Promise.all(messaged.map(async (result) => (await platform.deps.assignments.get(result.assignmentId ?? ''))?.allocationVersion)));
      expect([...versions], `allocation versions of round ${round}'s decisions`).toEqual([round]);
      for (const segment of ['seniors', 'default']) {
        const theirs = messaged.filter((result) => segmentOfCustomer.get(result.customerId) === segment);
        const share = theirs.filter((result) => result.channel === bestOf(segment)).length / theirs.length;
        (bestShares[segment] ??= []).push(share);
        (bestSends[segment] ??= []).push(theirs.length);
        // Every channel is eligible for these customers: the share follows the weight (binomial, 4 sd).
        const weight = weightsInForce[segment]?.[bestOf(segment) ?? ''] ?? 1 / 3;
        expect(Math.abs(share - weight), `${segment} round ${round}: share ${share} vs weight ${weight} of version ${round}`).toBeLessThanOrEqual(4 * Math.sqrt((weight * (1 - weight)) / theirs.length) + 0.02);
      }

      const outbox = (await call(platform, 'GET', `/v1/outbox?experimentId=${experimentId}&limit=1000`)).body.items as OutboxEntry[];
      const inboxByAssignment = new Map<string, string>();
      for (const result of sent.body.results as { customerId: string; assignmentId?: string; channel: string | null; status: string }[]) {
        if (result.status !== 'queued' || result.channel === null || !result.assignmentId) continue;
        const segment = segmentOfCustomer.get(result.customerId) ?? 'default';
        truth.sends[segment]![result.channel] = (truth.sends[segment]![result.channel] ?? 0) + 1;
        if (result.channel === 'in_app') inboxByAssignment.set(result.assignmentId, result.customerId);
        const rate = TRUE_RATES[segment]![result.channel]!;
        if (rng.next() >= rate) continue;
        (truth.responders[segment]![result.channel] ??= new Set()).add(result.assignmentId);
        const occurredAt = new Date(clock.now().getTime() + DELAY_MS[result.channel]!).toISOString();
        const sentClock = clock.now();
        clock.set(new Date(occurredAt)); // the customer answers later
        if (result.channel === 'email') {
          // Email answers arrive through the signed link in the message, clicked at the time of the answer.
          const entry = outbox.find((candidate) => candidate.assignmentId === result.assignmentId);
          const link = /href="([^"]+\/t\/[^"]+)"/.exec((entry?.message as { html?: string }).html ?? '')?.[1];
          expect(link).toBeDefined();
          const response = await fetch(link!.replace(/^https?:\/\/[^/]+/, platform.url), { redirect: 'manual' });
          expect(response.status).toBe(302);
          expect(response.headers.get('location')).toBe('https://example.com/survey');
          linkClicks += 1;
        } else {
          eventCounter += 1;
          const event = { eventId: `evt-${eventCounter}`, type: 'clicked', occurredAt, assignmentId: result.assignmentId };
          const first = await call(platform, 'POST', '/v1/events', event);
          expect(first.body, JSON.stringify(first.body)).toMatchObject({ status: 'counted' });
          // At-least-once delivery: the same event again changes nothing.
          const again = await call(platform, 'POST', '/v1/events', event);
          expect(again.body.status).toBe('duplicate');
        }
        clock.set(sentClock);
      }
      expect(inboxByAssignment.size).toBeGreaterThan(0);
      // Every window of this round closes before the next allocation.
      clock.set(new Date(clock.now().getTime() + (WINDOW_HOURS + 1) * HOUR));
      const reallocated = await call(platform, 'POST', `/v1/experiments/${experimentId}/reallocate`);
      expect(reallocated.status).toBe(200);
      expect(reallocated.body.version).toBe(round + 1);
      for (const [segment, split] of Object.entries(reallocated.body.segments as Record<string, { weights: Record<string, number> }>)) weightsInForce[segment] = split.weights;
    }
    expect(linkClicks).toBeGreaterThan(0);
    for (const segment of ['seniors', 'default']) {
      const shares = bestShares[segment] ?? [];
      const sends = bestSends[segment] ?? [];
      // Round 0 decides with the uniform split (a third each); each later round gives the best
      // channel more, up to sampling noise (3 sd of the difference of the two rounds' shares).
      expect(shares[0], `${segment}: round 0 is uniform`).toBeLessThan(0.5);
      for (let round = 1; round < ROUNDS; round += 1) {
        const previous = { share: shares[round - 1] ?? 0, n: sends[round - 1] ?? 1 };
        const current = { share: shares[round] ?? 0, n: sends[round] ?? 1 };
        expect(current.share, `${segment}: share to the best channel, round ${round} vs ${round - 1} (${shares.join(', ')})`).toBeGreaterThanOrEqual(previous.share - SHARE_NOISE_SD * differenceSd(previous, current));
      }
      expect(shares[ROUNDS - 1], `${segment}: last round vs first (${shares.join(', ')})`).toBeGreaterThan((shares[0] ?? 0) + 0.3);
    }

    const snapshot = await platform.deps.allocationStore.snapshot(experimentId);
    expect(snapshot).toBeDefined();
    for (const segment of snapshot!.segments) {
      const best = Object.entries(TRUE_RATES[segment.segment]!).sort(([, a], [, b]) => b - a)[0]![0];
      const byWeight = [...segment.arms].sort((a, b) => b.weight - a.weight);
      expect(byWeight[0]!.channel, `largest weight in ${segment.segment}`).toBe(best);
      for (const arm of segment.arms) {
        expect(arm.sends, `${segment.segment}/${arm.channel} sends`).toBe(truth.sends[segment.segment]![arm.channel] ?? 0);
        expect(arm.responses, `${segment.segment}/${arm.channel} responses`).toBe(truth.responders[segment.segment]![arm.channel]?.size ?? 0);
        expect(arm.maturedSends).toBe(arm.sends);
      }
      expect(segment.holdout.sends).toBeGreaterThan(0);
    }
    expect(snapshot!.history.length).toBe(ROUNDS * 2);
  }, 180_000);
});
