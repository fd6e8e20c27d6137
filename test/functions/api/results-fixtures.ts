import { expect } from 'vitest';
import type { LocalPlatform } from '../../../local/platform';
import type { ExperimentDefinitionInput } from '../../../shared/domain/experiment/experiment-definition';
import { surveyExperiment } from '../../support/experiments';
import { call, type TestClock } from '../../support/local-api';

/** Milliseconds in an hour. */
export const HOUR_MS = 3_600_000;

/** What was really sent and answered, per segment and channel (the ground truth). */
export interface GroundTruth {
  /** `${segment}/${channel}` → sends. */
  readonly sends: Map<string, number>;
  /** `${segment}/${channel}` → responses. */
  readonly responses: Map<string, number>;
  /** Held-out decisions per segment. */
  readonly holdout: Map<string, number>;
  /** Goal events of held-out customers per segment. */
  readonly holdoutResponses: Map<string, number>;
  /** Survey scores per `${segment}/${channel}`. */
  readonly scores: Map<string, number[]>;
}

/** Whether customer `index` answers on `channel` (deterministic: SMS answers more among the over-50s). */
export type Responder = (index: number, segment: string, channel: string) => boolean;

/** Default responder: over 50, SMS answers every 2nd customer and email every 5th; below 50, the reverse. */
export const defaultResponder: Responder = (index, segment, channel) => {
  const rank = Math.floor(index / 2); // customers alternate between the segments
  return (segment === 'over_50') === (channel === 'sms') ? rank % 2 === 0 : rank % 5 === 0;
};

const bump = (map: Map<string, number>, key: string, by = 1) => map.set(key, (map.get(key) ?? 0) + by);

/**
 * Creates and starts an experiment, sends it to `customers` customers (half over 50), lets the
 * dispatcher deliver, posts survey answers (each twice: duplicates must count once) within the
 * window, moves the clock past the window and reallocates. Returns the id and the ground truth.
 */
export async function runSurvey(
  platform: LocalPlatform,
  clock: TestClock,
  options: { readonly customers: number; readonly prefix: string; readonly responder?: Responder; readonly overrides?: Partial<ExperimentDefinitionInput> },
): Promise<{ id: string; truth: GroundTruth }> {
  const definition = surveyExperiment({ goal: { event: 'survey_completed', windowHours: 1 }, ...options.overrides });
  const created = await call(platform, 'POST', '/v1/experiments', definition);
  expect(created.status).toBe(201);
  const id = created.body.id as string;
  expect((await call(platform, 'POST', `/v1/experiments/${id}/start`)).status).toBe(200);
  const recipients = Array.from({ length: options.customers }, (_, index) => ({
    customerId: `${options.prefix}-${index}`,
    attributes: { age: index % 2 === 0 ? 60 : 30 },
    contact: { email: `c${index}@example.com`, phone: `+1415555${String(1000 + index).padStart(4, '0')}`, timezone: 'Europe/Paris' },
    consents: { sms: true, email: true },
    variables: { firstName: `C${index}`, surveyUrl: 'https://example.com/s' },
  }));
  const sent = await call(platform, 'POST', `/v1/experiments/${id}/sends`, { recipients });
  expect(sent.status).toBe(200);
  await platform.queue.drain();
  const truth: GroundTruth = { sends: new Map(), responses: new Map(), holdout: new Map(), holdoutResponses: new Map(), scores: new Map() };
  const responder = options.responder ?? defaultResponder;
  clock.advance(10 * 60_000);
  const events: unknown[] = [];
  (sent.body.results as { status: string; segment: string; channel: string | null; assignmentId: string }[]).forEach((result, index) => {
    if (result.status === 'holdout') {
      bump(truth.holdout, result.segment);
      if (Math.floor(index / 2) % 3 !== 0) return; // a third of held-out customers answer anyway
      bump(truth.holdoutResponses, result.segment);
      events.push({ eventId: `${options.prefix}-ho-${index}`, type: 'survey_completed', occurredAt: clock.now().toISOString(), assignmentId: result.assignmentId });
    }
    if (result.status !== 'queued' || result.channel === null) return;
    const key = `${result.segment}/${result.channel}`;
    bump(truth.sends, key);
    if (!responder(index, result.segment, result.channel)) return;
    bump(truth.responses, key);
    const score = 1 + (index % 5);
    truth.scores.set(key, [...(truth.scores.get(key) ?? []), score]);
    const event = { eventId: `${options.prefix}-ev-${index}`, type: 'survey_completed', occurredAt: clock.now().toISOString(), assignmentId: result.assignmentId, value: score };
    events.push(event, event); // the duplicate must count once
  });
  for (let start = 0; start < events.length; start += 500) {
    const posted = await call(platform, 'POST', '/v1/events', { events: events.slice(start, start + 500) });
    expect(posted.status).toBe(200);
  }
  clock.advance(3 * HOUR_MS); // past the window: every send matured
  expect((await call(platform, 'POST', `/v1/experiments/${id}/reallocate`)).status).toBe(200);
  return { id, truth };
}
