import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { InvalidStateError, NotFoundError } from '../../../../shared/domain/errors/channel-lab-error';
import type { LifecycleAction } from '../../../../shared/domain/experiment/lifecycle';
import type { Assignment } from '../../../../shared/domain/sends/assignment';
import { optOutCustomer } from '../../../../shared/use-cases/customers/customer-service';
import { type SendOutcome, sendToRecipients } from '../../../../shared/use-cases/sends/send-message';
import { DAYTIME, type SendHarness, startSendHarness, SURVEY_VARIABLES } from './send-harness';

let harness: SendHarness;
let run = 0;
/** A customer id unique to this test file's run. */
const fresh = (name: string) => `${name}-${(run += 1)}`;

beforeAll(async () => {
  harness = await startSendHarness('sends');
});
afterAll(async () => harness.stop());

const send = (experimentId: string, recipients: unknown[]) => sendToRecipients(harness.deps, experimentId, recipients);
const recipient = (customerId: string, extra: Record<string, unknown> = {}) => ({ customerId, variables: SURVEY_VARIABLES, ...extra });
const stored = async (outcome: SendOutcome): Promise<Assignment> => {
  const assignment = await harness.deps.assignments.get(outcome.assignmentId ?? '');
  if (!assignment) throw new Error(`no assignment for ${JSON.stringify(outcome)}`);
  return assignment;
};

describe('an opted-out customer is never sent on that channel, even when the bandit favours it', () => {
  it('40 customers opted out of email, an allocation putting 98% on email: no email decided, none in the outbox', async () => {
    const experimentId = await harness.experiment({ policy: { holdout: 0 } });
    const ids = Array.from({ length: 40 }, () => fresh('no-email'));
    await Promise.all(
      ids.map(async (id) => {
        await harness.customer(id);
        await optOutCustomer(harness.deps, id, { channel: 'email' });
      }),
    );
    const controls = Array.from({ length: 20 }, () => fresh('control'));
    await Promise.all(controls.map((id) => harness.customer(id)));
    await harness.allocation(experimentId, 7, {
      default: { weights: { email: 0.98, sms: 0.02 }, holdout: 0 },
      over_50: { weights: { email: 0.98, sms: 0.02 }, holdout: 0 },
    });

    const outcomes = await send(experimentId, [...ids, ...controls].map((id) => recipient(id)));
    const optedOut = outcomes.slice(0, ids.length);
    expect(optedOut.every((outcome) => outcome.status === 'queued' && outcome.channel === 'sms')).toBe(true);
    // Renormalised over the one eligible channel: SMS was certain for them.
    expect(optedOut.every((outcome) => outcome.propensity === 1)).toBe(true);
    for (const outcome of optedOut) {
      const assignment = await stored(outcome);
      expect(assignment).toMatchObject({ eligibleChannels: ['sms'], excluded: { email: 'opted_out' }, allocationVersion: 7 });
    }
    // The allocation was really used: the customers who may get email mostly do.
    const controlOutcomes = outcomes.slice(ids.length);
    expect(controlOutcomes.filter((outcome) => outcome.channel === 'email').length).toBeGreaterThanOrEqual(15);

    const outbox = await harness.outbox(experimentId);
    const optedOutAssignments = new Set(optedOut.map((outcome) => outcome.assignmentId));
    const theirs = outbox.filter((entry) => optedOutAssignments.has(entry.assignmentId));
    expect(theirs).toHaveLength(ids.length);
    expect(theirs.every((entry) => entry.channel === 'sms' && entry.message.channel === 'sms')).toBe(true);
    expect(outbox.filter((entry) => entry.channel === 'email').length).toBeGreaterThanOrEqual(15);
  });

  it('an opt-out is effective for the very next decision', async () => {
    const experimentId = await harness.experiment({ policy: { holdout: 0 } });
    await harness.allocation(experimentId, 1, { default: { weights: { email: 1, sms: 0 }, holdout: 0 } });
    const [first, second] = [fresh('next'), fresh('next')];
    await harness.customer(first);
    await harness.customer(second);
    expect((await send(experimentId, [recipient(first)]))[0]).toMatchObject({ status: 'queued', channel: 'email' });
    await optOutCustomer(harness.deps, second, { channel: 'email' });
    // Email has all the weight, but the customer just opted out of it: nothing positive is left.
    expect((await send(experimentId, [recipient(second)]))[0]).toMatchObject({ status: 'suppressed', channel: null, reason: 'no_eligible_channel' });
  });

  it('opt-out "all" suppresses the customer with reason opted_out', async () => {
    const experimentId = await harness.experiment();
    const id = fresh('all-out');
    await harness.customer(id);
    await optOutCustomer(harness.deps, id, { channel: 'all' });
    const [outcome] = await send(experimentId, [recipient(id)]);
    expect(outcome).toEqual({
      customerId: id,
      segment: 'default',
      channel: null,
      status: 'suppressed',
      reason: 'opted_out',
      excluded: { sms: 'opted_out', email: 'opted_out' },
      message: `no channel may reach customer ${id} now: sms: opted out; email: opted out`,
    });
    expect(await harness.deps.assignments.listForCustomer(id)).toEqual([]);
  });

  it('inline consents cannot override a stored opt-out', async () => {
    const experimentId = await harness.experiment();
    const id = fresh('inline');
    await optOutCustomer(harness.deps, id, { channel: 'all' });
    const [outcome] = await send(experimentId, [recipient(id, { contact: { email: 'x@example.com' }, consents: { email: true, sms: true } })]);
    expect(outcome).toMatchObject({ status: 'suppressed', reason: 'opted_out' });
  });
});

describe('inline and stored consent (finding: consent given inline overrode a stored withdrawal)', () => {
  it.each([
    { name: 'a stored withdrawal wins over inline consent', stored: { email: false, sms: true }, inline: { email: true }, save: false, eligible: ['sms'] },
    { name: 'inline consent counts where the profile has no answer', stored: { sms: true }, inline: { email: true }, save: false, eligible: ['sms', 'email'] },
    { name: 'inline withdrawal narrows a stored consent', stored: { email: true, sms: true }, inline: { email: false }, save: false, eligible: ['sms'] },
    { name: 'saving the profile (saveCustomer) is a profile update: its consent applies', stored: { email: false, sms: true }, inline: { email: true }, save: true, eligible: ['sms', 'email'] },
  ])('$name', async ({ stored: consents, inline, save, eligible }) => {
    const experimentId = await harness.experiment({ policy: { holdout: 0 } });
    const id = fresh('consent');
    await harness.customer(id, { consents });
    const [outcome] = await send(experimentId, [recipient(id, { consents: inline, ...(save ? { saveCustomer: true } : {}) })]);
    expect((await stored(outcome as SendOutcome)).eligibleChannels).toEqual(eligible);
  });
});

describe('what a recipient would store must fit one DynamoDB item (depth ≤ 32, size ≤ 400 KB)', () => {
  const nested = (depth: number): unknown => (depth === 0 ? 'leaf' : { next: nested(depth - 1) });
  it.each([
    { name: 'attributes nested 40 deep (decision only)', extra: { attributes: { deep: nested(40) } }, mentions: 'nested more than' },
    { name: 'attributes nested 40 deep, saved', extra: { attributes: { deep: nested(40) }, saveCustomer: true }, mentions: 'nested more than' },
    { name: 'a profile of 420 KB, saved', extra: { attributes: { notes: 'n'.repeat(420_000) }, saveCustomer: true }, mentions: '400 KB' },
  ])('$name: rejected alone, nothing of it written, the others decided', async ({ extra, mentions }) => {
    const experimentId = await harness.experiment({ policy: { holdout: 0 } });
    const [before, bad, after] = [fresh('fit'), fresh('fit'), fresh('fit')];
    await Promise.all([before, after].map((id) => harness.customer(id)));
    const outcomes = await send(experimentId, [recipient(before), recipient(bad, extra), recipient(after)]);
    expect(outcomes.map((outcome) => outcome.status)).toEqual(['queued', 'rejected', 'queued']);
    expect(outcomes[1]?.error?.message).toContain(mentions);
    expect(await harness.deps.assignments.listForCustomer(bad)).toEqual([]);
    expect(await harness.deps.customers.get(bad)).toBeUndefined();
  });
});

describe('duplicate requests send once', () => {
  it.each([
    { name: 'the same customer twice', second: (id: string) => recipient(id) },
    { name: 'the same idempotency key twice', second: (id: string) => recipient(id, { idempotencyKey: `key-${id}` }), first: (id: string) => recipient(id, { idempotencyKey: `key-${id}` }) },
  ])('$name → one assignment, one message, the second answer marked existing', async ({ first, second }) => {
    const experimentId = await harness.experiment({ policy: { holdout: 0 } });
    const id = fresh('dup');
    await harness.customer(id);
    const [a] = await send(experimentId, [(first ?? recipient)(id)]);
    const [b] = await send(experimentId, [second(id)]);
    expect(a?.status).toBe('queued');
    expect(a?.existing).toBeUndefined();
    expect(b).toMatchObject({ assignmentId: a?.assignmentId, channel: a?.channel, propensity: a?.propensity, existing: true });
    expect(await harness.deps.assignments.listForCustomer(id)).toHaveLength(1);
    expect(await harness.outbox(experimentId)).toHaveLength(1);
  });

  it('two concurrent identical requests → one created, one existing, one message', async () => {
    const experimentId = await harness.experiment({ policy: { holdout: 0 } });
    const id = fresh('race');
    await harness.customer(id);
    const results = await Promise.all(Array.from({ length: 4 }, () => send(experimentId, [recipient(id)])));
    const outcomes = results.map(([outcome]) => outcome);
    expect(new Set(outcomes.map((outcome) => outcome?.assignmentId)).size).toBe(1);
    expect(outcomes.filter((outcome) => outcome?.existing !== true)).toHaveLength(1);
    expect(new Set(outcomes.map((outcome) => outcome?.channel)).size).toBe(1);
    expect(await harness.deps.assignments.listForCustomer(id)).toHaveLength(1);
    expect(await harness.outbox(experimentId)).toHaveLength(1);
  });

  it('the same customer twice in one batch → one message', async () => {
    const experimentId = await harness.experiment({ policy: { holdout: 0 } });
    const id = fresh('batch-dup');
    await harness.customer(id);
    const outcomes = await send(experimentId, [recipient(id), recipient(id)]);
    expect(outcomes[0]?.assignmentId).toBe(outcomes[1]?.assignmentId);
    expect(outcomes.filter((outcome) => outcome.existing === true)).toHaveLength(1);
    expect(await harness.outbox(experimentId)).toHaveLength(1);
  });
});

describe('a batch never fails as a whole for one bad recipient', () => {
  it.each([
    { name: 'a bad phone number', bad: (id: string) => recipient(id, { contact: { phone: '0612' } }), field: 'contact.phone', mentions: 'contact.phone' },
    { name: 'a missing template variable', bad: (id: string) => ({ customerId: id, variables: { firstName: 'Bo' } }), field: 'variables.surveyUrl', mentions: 'surveyUrl' },
    { name: 'an unknown field', bad: (id: string) => recipient(id, { channel: 'sms' }), field: 'channel', mentions: 'unknown field "channel"' },
    { name: 'a bad time zone', bad: (id: string) => recipient(id, { contact: { timezone: 'Moon/Base' } }), field: 'contact.timezone', mentions: 'contact.timezone' },
    { name: 'no customer id', bad: () => ({ variables: SURVEY_VARIABLES }), field: 'customerId', mentions: 'customerId' },
  ])('$name: that one rejected naming $field, the rest queued', async ({ bad, field, mentions }) => {
    const experimentId = await harness.experiment({ policy: { holdout: 0 } });
    const good = [fresh('ok'), fresh('ok'), fresh('ok')];
    for (const id of good) await harness.customer(id);
    const badId = fresh('bad');
    const outcomes = await send(experimentId, [recipient(good[0] ?? ''), bad(badId), recipient(good[1] ?? ''), recipient(good[2] ?? '')]);
    expect(outcomes.map((outcome) => outcome.status)).toEqual(['queued', 'rejected', 'queued', 'queued']);
    const rejected = outcomes[1];
    expect(rejected?.channel).toBeNull();
    expect(rejected?.assignmentId).toBeUndefined();
    expect(rejected?.error?.code).toBe('validation_failed');
    expect(rejected?.error?.message).toContain(mentions);
    expect(rejected?.error?.details?.map((detail) => detail.path)).toContain(field);
    expect(await harness.deps.assignments.listForCustomer(badId)).toEqual([]);
    expect(await harness.outbox(experimentId)).toHaveLength(3);
  });
});

describe('frequency cap across experiments', () => {
  it('cap 1 per 24 h: the second experiment suppresses with frequency_cap, until the period passes', async () => {
    const guardrails = { frequencyCap: { max: 1, perHours: 24 } };
    const first = await harness.experiment({ name: 'First', guardrails, policy: { holdout: 0 } });
    const second = await harness.experiment({ name: 'Second', guardrails, policy: { holdout: 0 } });
    const third = await harness.experiment({ name: 'Third', guardrails, policy: { holdout: 0 } });
    const id = fresh('capped');
    await harness.customer(id);
    expect((await send(first, [recipient(id)]))[0]?.status).toBe('queued');
    harness.clock.advance(23 * 3_600_000);
    expect((await send(second, [recipient(id)]))[0]).toMatchObject({ status: 'suppressed', reason: 'frequency_cap', channel: null });
    harness.clock.advance(3_600_000 + 60_000);
    expect((await send(third, [recipient(id)]))[0]?.status).toBe('queued');
    harness.clock.set(DAYTIME);
  });

  it('cap 2: max − 1 recent sends still allowed, max suppressed', async () => {
    const guardrails = { frequencyCap: { max: 2, perHours: 24 } };
    const experiments = [await harness.experiment({ guardrails, policy: { holdout: 0 } }), await harness.experiment({ guardrails, policy: { holdout: 0 } }), await harness.experiment({ guardrails, policy: { holdout: 0 } })];
    const id = fresh('cap2');
    await harness.customer(id);
    const statuses = [];
    for (const experimentId of experiments) statuses.push((await send(experimentId, [recipient(id)]))[0]?.status);
    expect(statuses).toEqual(['queued', 'queued', 'suppressed']);
  });

  it('held-out decisions do not count against the cap', async () => {
    const guardrails = { frequencyCap: { max: 1, perHours: 24 } };
    const holdoutExperiment = await harness.experiment({ guardrails, policy: { holdout: 0.5 } });
    await harness.allocation(holdoutExperiment, 1, { default: { weights: { sms: 0.5, email: 0.5 }, holdout: 0.5 } });
    const other = await harness.experiment({ guardrails, policy: { holdout: 0 } });
    // Find customers held out in the first experiment.
    const ids = Array.from({ length: 20 }, () => fresh('held'));
    for (const id of ids) await harness.customer(id);
    const outcomes = await send(holdoutExperiment, ids.map((id) => recipient(id)));
    const held = outcomes.filter((outcome) => outcome.status === 'holdout').map((outcome) => outcome.customerId ?? '');
    expect(held.length).toBeGreaterThan(0);
    const later = await send(other, held.map((id) => recipient(id)));
    expect(later.every((outcome) => outcome.status === 'queued')).toBe(true);
  });
});

describe('holdout and propensities', () => {
  it('holdout 0.5 over 120 sends: about half held out, no message for them, propensity 0.5 logged', async () => {
    const experimentId = await harness.experiment({ policy: { holdout: 0.5 } });
    const ids = Array.from({ length: 120 }, () => fresh('h'));
    const outcomes = await send(experimentId, ids.map((id) => recipient(id, { contact: { email: `${id}@example.com`, phone: '+33612345678', timezone: 'Europe/Paris' }, consents: { email: true, sms: true } })));
    const held = outcomes.filter((outcome) => outcome.status === 'holdout');
    // Binomial(120, 0.5): mean 60, sd 5.5; ±5 sd (seeds are deterministic anyway).
    expect(held.length).toBeGreaterThan(32);
    expect(held.length).toBeLessThan(88);
    expect(held.every((outcome) => outcome.channel === null && outcome.propensity === 0.5 && outcome.assignmentId !== undefined)).toBe(true);
    const queued = outcomes.filter((outcome) => outcome.status === 'queued');
    expect(queued.length + held.length).toBe(120);
    // Two eligible channels with the initial uniform split: (1 − 0.5) · 0.5 / 1.
    expect(queued.every((outcome) => outcome.propensity === 0.25)).toBe(true);
    const sample = await stored(held[0] as SendOutcome);
    expect(sample).toMatchObject({ status: 'holdout', channel: null, propensity: 0.5, contact: {} });

    const outbox = await harness.outbox(experimentId);
    expect(outbox).toHaveLength(queued.length);
    const heldAssignments = new Set(held.map((outcome) => outcome.assignmentId));
    expect(outbox.some((entry) => heldAssignments.has(entry.assignmentId))).toBe(false);
    expect(new Set(outbox.map((entry) => entry.assignmentId))).toEqual(new Set(queued.map((outcome) => outcome.assignmentId)));
  });

  it.each([
    { name: 'both channels eligible', consents: { email: true, sms: true }, eligible: ['email', 'sms'] },
    { name: 'only email', consents: { email: true }, eligible: ['email'] },
    { name: 'only SMS', consents: { sms: true }, eligible: ['sms'] },
  ])('each queued propensity is the weight renormalised over the eligible channels: $name', async ({ consents, eligible }) => {
    const weights = { email: 0.7, sms: 0.3 } as const;
    const holdout = 0.1;
    const experimentId = await harness.experiment({ policy: { holdout } });
    await harness.allocation(experimentId, 4, { default: { weights, holdout }, over_50: { weights, holdout } });
    const ids = Array.from({ length: 24 }, () => fresh('p'));
    const outcomes = await send(experimentId, ids.map((id) => recipient(id, { contact: { email: `${id}@example.com`, phone: '+33612345678', timezone: 'Europe/Paris' }, consents })));
    const total = eligible.reduce((sum, channel) => sum + weights[channel as keyof typeof weights], 0);
    for (const outcome of outcomes) {
      if (outcome.status === 'holdout') {
        expect(outcome.propensity).toBe(holdout);
        continue;
      }
      expect(outcome.status).toBe('queued');
      expect(eligible).toContain(outcome.channel);
      expect(outcome.propensity).toBeCloseTo(((1 - holdout) * weights[outcome.channel as keyof typeof weights]) / total, 12);
      expect([...(await stored(outcome)).eligibleChannels].sort()).toEqual(eligible);
    }
  });
});

describe('every decision is stored before its message is queued', () => {
  it('with experiment, customer, segment, eligible channels, choice, propensity, allocation version, policy, time and status', async () => {
    const experimentId = await harness.experiment({ policy: { type: 'uniform', holdout: 0 } });
    const id = fresh('record');
    await harness.customer(id, { attributes: { age: 61 }, contact: { email: 'old@example.com', timezone: 'Europe/Paris' } });
    const [outcome] = await send(experimentId, [recipient(id, { idempotencyKey: 'abc' })]);
    expect(outcome).toMatchObject({ customerId: id, segment: 'over_50', channel: 'email', propensity: 1, status: 'queued' });
    const assignment = await stored(outcome as SendOutcome);
    expect(assignment).toMatchObject({
      id: outcome?.assignmentId,
      experimentId,
      customerId: id,
      step: 0,
      segment: 'over_50',
      eligibleChannels: ['email'],
      excluded: { sms: 'no_address' },
      channel: 'email',
      propensity: 1,
      allocationVersion: 0,
      policy: 'uniform',
      decidedAt: DAYTIME.toISOString(),
      variables: SURVEY_VARIABLES,
      contact: { email: 'old@example.com', timezone: 'Europe/Paris' },
      idempotencyKey: 'abc',
      attempts: 0,
    });
    expect(['queued', 'sending', 'sent']).toContain(assignment.status);
    expect(Number.isInteger(assignment.decisionSeed)).toBe(true);
    await harness.platform.queue.drain();
    expect(await harness.deps.assignments.get(assignment.id)).toMatchObject({ status: 'sent', messageId: expect.stringMatching(/^outbox-/), sentAt: expect.any(String) });
  });

  it('inline data is used for the decision and stored only when asked', async () => {
    const experimentId = await harness.experiment({ policy: { holdout: 0 } });
    const [kept, passing] = [fresh('save'), fresh('pass')];
    const inline = { attributes: { age: 70 }, contact: { email: 'inline@example.com' }, consents: { email: true } };
    const outcomes = await send(experimentId, [recipient(kept, { ...inline, saveCustomer: true }), recipient(passing, inline)]);
    expect(outcomes.map((outcome) => [outcome.segment, outcome.channel])).toEqual([
      ['over_50', 'email'],
      ['over_50', 'email'],
    ]);
    expect(await harness.deps.customers.get(kept)).toMatchObject({ attributes: { age: 70 }, contact: { email: 'inline@example.com' }, consents: { email: true } });
    expect(await harness.deps.customers.get(passing)).toBeUndefined();
  });
});

describe('quiet hours in the send path', () => {
  it('at 23:00 local, SMS-only customer deferred to 08:00 (not queued), an email customer gets email now', async () => {
    const experimentId = await harness.experiment({ policy: { holdout: 0 } });
    harness.clock.set(new Date('2026-06-01T21:00:00Z'));
    try {
      const [smsOnly, both, noZone] = [fresh('night-sms'), fresh('night-both'), fresh('no-zone')];
      await harness.customer(smsOnly, { consents: { sms: true } });
      await harness.customer(both);
      await harness.customer(noZone, { contact: { phone: '+33612345678' }, consents: { sms: true } });
      const outcomes = await send(experimentId, [recipient(smsOnly), recipient(both), recipient(noZone)]);
      expect(outcomes[0]).toMatchObject({ status: 'deferred', channel: 'sms', sendAt: '2026-06-02T06:00:00.000Z', propensity: 1 });
      expect(outcomes[1]).toMatchObject({ status: 'queued', channel: 'email', propensity: 1 });
      expect(outcomes[2]).toMatchObject({ status: 'suppressed', reason: 'no_timezone' });
      expect(await stored(outcomes[1] as SendOutcome)).toMatchObject({ excluded: { sms: 'quiet_hours' } });
      const outbox = await harness.outbox(experimentId);
      expect(outbox.map((entry) => entry.channel)).toEqual(['email']);
      expect(await stored(outcomes[0] as SendOutcome)).toMatchObject({ status: 'deferred', sendAt: '2026-06-02T06:00:00.000Z' });
    } finally {
      harness.clock.set(DAYTIME);
    }
  });
});

describe('only running experiments send', () => {
  it.each<{ name: string; actions: LifecycleAction[] }>([
    { name: 'draft', actions: [] },
    { name: 'paused', actions: ['start', 'pause'] },
    { name: 'completed', actions: ['start', 'complete'] },
  ])('a $name experiment refuses with invalid_state and decides nothing', async ({ actions }) => {
    const experimentId = await harness.experiment({}, actions);
    const id = fresh('state');
    await harness.customer(id);
    await expect(send(experimentId, [recipient(id)])).rejects.toBeInstanceOf(InvalidStateError);
    expect(await harness.deps.assignments.listForCustomer(id)).toEqual([]);
  });

  it('an unknown experiment is not found', async () => {
    await expect(send('no-such-experiment', [recipient('c')])).rejects.toBeInstanceOf(NotFoundError);
  });
});

describe('a suppressed send says what is missing, per channel', () => {
  it('a customer id that does not exist (and no inline data): unknown_customer', async () => {
    const experimentId = await harness.experiment({ policy: { holdout: 0 } });
    const [outcome] = await send(experimentId, [recipient(fresh('nobody'))]);
    expect(outcome).toMatchObject({ status: 'suppressed', reason: 'unknown_customer', excluded: { sms: 'no_consent', email: 'no_consent' } });
    expect(outcome?.message).toMatch(/has no profile/);
  });

  it.each([
    {
      name: 'SMS consent but no phone',
      input: { contact: { email: 'x@example.com', timezone: 'Europe/Paris' }, consents: { sms: true } },
      reason: 'no_consent',
      excluded: { sms: 'no_address', email: 'no_consent' },
      message: /sms: consent given but no phone number.*email: no consent/,
    },
    {
      name: 'consents but no addresses at all',
      input: { contact: { timezone: 'Europe/Paris' }, consents: { sms: true, email: true } },
      reason: 'no_address',
      excluded: { sms: 'no_address', email: 'no_address' },
      message: /sms: consent given but no phone number.*email: consent given but no email address/,
    },
  ])('$name: reason $reason, and each channel its own', async ({ input, reason, excluded, message }) => {
    const experimentId = await harness.experiment({ policy: { holdout: 0 } });
    const id = fresh('partial');
    await harness.customer(id, input);
    const [outcome] = await send(experimentId, [recipient(id)]);
    expect(outcome).toMatchObject({ status: 'suppressed', reason, excluded });
    expect(outcome?.message).toMatch(message);
  });
});
