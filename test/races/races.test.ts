/**
 * Races on the local platform: a consent withdrawal, an opt-out or an erasure racing the dispatch
 * of a queued message, and two different goal events for one decision at the same time. Whoever
 * wins, the invariants hold (test/support/invariants.ts): one decision, at most one message and
 * only if the decision ends `sent`, nothing left pending, counters equal the ground truth.
 */
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { eraseCustomer, optOutCustomer } from '../../shared/use-cases/customers/customer-service';
import { dispatchAssignment } from '../../shared/use-cases/dispatch/dispatch-assignment';
import { recordEvents } from '../../shared/use-cases/events/record-events';
import { invariantsOf, sendAsClient } from '../chaos/chaos-harness';
import { recordFigure } from '../support/invariants';
import { outboxRequests, platformTable } from '../support/outbox-stream';
import { DAYTIME, type SendHarness, startSendHarness, SURVEY_VARIABLES } from '../shared/use-cases/sends/send-harness';

/** Decisions raced per kind of race. */
const RACERS = 16;

let harness: SendHarness;
let run = 0;

beforeAll(async () => {
  harness = await startSendHarness('races');
});
afterAll(async () => harness.stop());
beforeEach(() => harness.clock.set(DAYTIME));

/** A running experiment with `RACERS` queued decisions (nothing dispatches them: the test does). */
async function queuedDecisions(prefix: string) {
  const experimentId = await harness.experiment({ policy: { holdout: 0 } });
  const ids = Array.from({ length: RACERS }, (_, index) => `${prefix}-${(run += 1)}-${index}`);
  await Promise.all(ids.map((id) => harness.customer(id)));
  const { accepted } = await sendAsClient(harness.deps, experimentId, ids.map((customerId) => ({ customerId, variables: SURVEY_VARIABLES })));
  // What the dispatch outbox sends to SQS for them (the platform's own outbox is not drained: the test dispatches).
  expect(await outboxRequests(platformTable(harness.platform), [...accepted.values()])).toHaveLength(RACERS);
  return { experimentId, accepted };
}

describe('a change to the customer racing the dispatch of a queued message', () => {
  it.each([
    { race: 'consent withdrawal', change: (customerId: string) => harness.customer(customerId, { consents: { email: false, sms: false } }), lost: ['cancelled'] },
    { race: 'opt-out', change: (customerId: string) => optOutCustomer(harness.deps, customerId, { channel: 'all' }), lost: ['cancelled'] },
    { race: 'erasure', change: (customerId: string) => eraseCustomer(harness.deps, customerId), lost: ['failed', 'cancelled'] },
  ])('$race × dispatch, $race first or not: sent once or not at all, the invariants hold', async ({ race, change, lost }) => {
    const { experimentId, accepted } = await queuedDecisions('race');
    // Deliveries are counted where the provider takes them: an erasure rightly deletes the
    // customer's delivered copies from the outbox afterwards, so the outbox cannot tell.
    const handed: { assignmentId: string }[] = [];
    const dispatching = {
      ...harness.deps,
      sendMessage: async (...call: Parameters<typeof harness.deps.sendMessage>) => {
        const result = await harness.deps.sendMessage(...call);
        handed.push({ assignmentId: call[1].assignmentId });
        return result;
      },
    };
    await Promise.all([...accepted].map(async ([customerId, assignmentId]) => Promise.all([change(customerId), dispatchAssignment(dispatching, assignmentId)])));
    // A redelivery after the race changes nothing.
    for (const assignmentId of accepted.values()) expect(await dispatchAssignment(harness.deps, assignmentId)).toBe('skipped');
    const statuses = await Promise.all([...accepted.values()].map(async (id) => (await harness.deps.assignments.get(id))?.status));
    expect(statuses.every((status) => status === 'sent' || lost.includes(status ?? ''))).toBe(true);
    const { violations, checks } = await invariantsOf(harness, experimentId, accepted, handed);
    expect(violations).toEqual([]);
    recordFigure('races', `${race} × dispatch`, { races: accepted.size, sent: statuses.filter((status) => status === 'sent').length, notSent: statuses.filter((status) => status !== 'sent').length, checks, violations: violations.length });
  });

  it('once the withdrawal is stored, no dispatch sends (the deterministic half of the race)', async () => {
    const { experimentId, accepted } = await queuedDecisions('after');
    await Promise.all([...accepted.keys()].map((customerId) => harness.customer(customerId, { consents: { email: false, sms: false } })));
    const outcomes = await Promise.all([...accepted.values()].map((assignmentId) => dispatchAssignment(harness.deps, assignmentId)));
    expect(new Set(outcomes)).toEqual(new Set(['cancelled']));
    expect((await invariantsOf(harness, experimentId, accepted)).violations).toEqual([]);
  });
});

describe('two different goal events for one decision at once', () => {
  it('exactly one counts (one success per decision), both are stored once, the counters equal the ground truth', async () => {
    const { experimentId, accepted } = await queuedDecisions('goal');
    await Promise.all([...accepted.values()].map((assignmentId) => dispatchAssignment(harness.deps, assignmentId)));
    const at = (seconds: number) => new Date(harness.clock.now().getTime() + seconds * 1000).toISOString();
    const answers = await Promise.all(
      [...accepted.values()].map((assignmentId) =>
        Promise.all([
          recordEvents(harness.deps, [{ eventId: `a-${assignmentId}`, type: 'survey_completed', occurredAt: at(60), assignmentId }]),
          recordEvents(harness.deps, [{ eventId: `b-${assignmentId}`, type: 'survey_completed', occurredAt: at(90), assignmentId }]),
        ]),
      ),
    );
    for (const pair of answers) expect(pair.map(([outcome]) => outcome?.status).sort(), JSON.stringify(pair)).toEqual(['counted', 'recorded']);
    const goals = await Promise.all([...accepted.values()].map(async (id) => (await harness.deps.assignments.get(id))?.goalEventId));
    expect(goals.every((goal) => goal !== undefined)).toBe(true);
    const { violations, checks } = await invariantsOf(harness, experimentId, accepted);
    expect(violations).toEqual([]);
    recordFigure('races', 'two goal events × one decision', { races: accepted.size, checks, violations: violations.length });
  });
});
