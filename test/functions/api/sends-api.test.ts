import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MAX_BATCH_RECIPIENTS } from '../../../shared/domain/sends/send-request';
import { call } from '../../support/local-api';
import { type SendHarness, startSendHarness, SURVEY_VARIABLES } from '../../shared/use-cases/sends/send-harness';

let harness: SendHarness;
let counter = 0;
const fresh = (name: string) => `${name}-${(counter += 1)}`;

beforeAll(async () => {
  harness = await startSendHarness('sends-api');
});
afterAll(async () => harness.stop());

const api = (method: string, path: string, body?: unknown) => call(harness.platform, method, path, body);
const sends = (experimentId: string, body: unknown) => api('POST', `/v1/experiments/${experimentId}/sends`, body);
const recipient = (customerId: string, extra: Record<string, unknown> = {}) => ({ customerId, variables: SURVEY_VARIABLES, ...extra });
const PROFILE = { attributes: { age: 30 }, contact: { email: 'c@example.com', phone: '+33612345678', timezone: 'Europe/Paris' }, consents: { email: true, sms: true } };

/** `count` template values of 10,000 characters each (the most one value may have). */
const bulkyVariables = (count: number) => Object.fromEntries(Array.from({ length: count }, (_, index) => [`bulk${index}`, 'v'.repeat(10_000)]));
/** A value nested `depth` maps deep. */
const nested = (depth: number): unknown => (depth === 0 ? 'leaf' : { next: nested(depth - 1) });

async function customer(id: string, profile: unknown = PROFILE) {
  expect((await api('PUT', `/v1/customers/${id}`, profile)).status).toBe(200);
}

describe('POST /v1/experiments/{id}/sends', () => {
  it('one recipient: 200 with the decision; the same request again returns it marked existing; the outbox shows one message', async () => {
    const experimentId = await harness.experiment({ policy: { holdout: 0 } });
    const id = fresh('one');
    await customer(id);
    const first = await sends(experimentId, recipient(id, { idempotencyKey: 'order-1' }));
    expect(first.status).toBe(200);
    expect(first.body).toEqual({ customerId: id, assignmentId: expect.any(String), segment: 'default', channel: expect.stringMatching(/^(sms|email)$/), propensity: 0.5, status: 'queued' });
    const again = await sends(experimentId, recipient(id, { idempotencyKey: 'order-1' }));
    expect(again.status).toBe(200);
    expect(again.body).toMatchObject({ assignmentId: first.body.assignmentId, channel: first.body.channel, existing: true });
    await harness.platform.queue.drain();
    const outbox = await api('GET', `/v1/outbox?experimentId=${experimentId}`);
    expect(outbox.body.items).toHaveLength(1);
    expect(outbox.body.items[0]).toMatchObject({ assignmentId: first.body.assignmentId, channel: first.body.channel });
  });

  it('two concurrent identical requests: one decision, one message', async () => {
    const experimentId = await harness.experiment({ policy: { holdout: 0 } });
    const id = fresh('race');
    await customer(id);
    const answers = await Promise.all([sends(experimentId, recipient(id)), sends(experimentId, recipient(id)), sends(experimentId, recipient(id))]);
    expect(answers.map((answer) => answer.status)).toEqual([200, 200, 200]);
    expect(new Set(answers.map((answer) => answer.body.assignmentId)).size).toBe(1);
    expect(answers.filter((answer) => answer.body.existing === true)).toHaveLength(2);
    await harness.platform.queue.drain();
    expect((await api('GET', `/v1/outbox?experimentId=${experimentId}`)).body.items).toHaveLength(1);
  });

  it('a batch with one bad recipient: 200, that one rejected naming the field, the rest queued', async () => {
    const experimentId = await harness.experiment({ policy: { holdout: 0 } });
    const ids = [fresh('b'), fresh('b'), fresh('b')];
    for (const id of ids) await customer(id);
    const response = await sends(experimentId, { recipients: [recipient(ids[0] ?? ''), recipient(ids[1] ?? '', { contact: { phone: '12345' } }), recipient(ids[2] ?? '')] });
    expect(response.status).toBe(200);
    expect(response.body.results.map((result: { status: string }) => result.status)).toEqual(['queued', 'rejected', 'queued']);
    expect(response.body.results[1]).toMatchObject({ customerId: ids[1], channel: null, error: { code: 'validation_failed', details: [{ path: 'contact.phone', message: expect.stringContaining('E.164') }] } });
    expect(response.body.results[1].error.message).toContain('contact.phone');
  });

  // Finding: one oversized recipient failed the whole batch with a 500 and left the others `queued`
  // but never enqueued. Each is now rejected alone, before anything of it is written.
  it.each([
    { name: 'template values of about 420 KB (an assignment over 400 KB)', extra: () => ({ variables: { ...SURVEY_VARIABLES, ...bulkyVariables(42) } }), mentions: '400 KB' },
    { name: 'attributes of about 420 KB saved on the profile', extra: () => ({ attributes: { notes: 'n'.repeat(420_000) }, saveCustomer: true }), mentions: '400 KB' },
  ])('a batch with $name in the middle: that one rejected (naming it), the others queued and sent, nothing of it written', async ({ extra, mentions }) => {
    const experimentId = await harness.experiment({ policy: { holdout: 0 } });
    const ids = [fresh('edge'), fresh('edge'), fresh('edge')];
    for (const id of [ids[0], ids[2]]) await customer(id ?? '');
    const response = await sends(experimentId, { recipients: [recipient(ids[0] ?? ''), recipient(ids[1] ?? '', { ...PROFILE, ...extra() }), recipient(ids[2] ?? '')] });
    expect(response.status).toBe(200);
    expect(response.body.results.map((result: { status: string }) => result.status)).toEqual(['queued', 'rejected', 'queued']);
    expect(response.body.results[1]).toMatchObject({ customerId: ids[1], channel: null, error: { code: 'validation_failed' } });
    expect(JSON.stringify(response.body.results[1].error)).toContain(mentions);
    await harness.platform.queue.drain();
    const outbox = await api('GET', `/v1/outbox?experimentId=${experimentId}`);
    expect(outbox.body.items.map((item: { assignmentId: string }) => item.assignmentId).sort()).toEqual([response.body.results[0].assignmentId, response.body.results[2].assignmentId].sort());
    expect(await harness.deps.assignments.listForCustomer(ids[1] ?? '')).toEqual([]);
    expect(await harness.deps.customers.get(ids[1] ?? '')).toBeUndefined();
  });

  // Finding: a recipient nested deeper than DynamoDB's 32 levels failed its whole batch with a 400
  // (the body guard ran before the per-recipient check). It is now rejected alone, like an oversized one.
  it.each([
    { name: 'attributes nested 40 deep', depth: 40 },
    { name: 'attributes nested 200 deep', depth: 200 },
  ])('a batch with one recipient whose $name: that one rejected naming the depth, the others queued and sent, nothing of it written', async ({ depth }) => {
    const experimentId = await harness.experiment({ policy: { holdout: 0 } });
    const ids = [fresh('deep'), fresh('deep'), fresh('deep')];
    for (const id of [ids[0], ids[2]]) await customer(id ?? '');
    const response = await sends(experimentId, { recipients: [recipient(ids[0] ?? ''), recipient(ids[1] ?? '', { ...PROFILE, attributes: { deep: nested(depth) }, saveCustomer: true }), recipient(ids[2] ?? '')] });
    expect(response.status).toBe(200);
    expect(response.body.results.map((result: { status: string }) => result.status)).toEqual(['queued', 'rejected', 'queued']);
    expect(response.body.results[1]).toMatchObject({ customerId: ids[1], channel: null, error: { code: 'validation_failed', details: [{ path: 'attributes', message: expect.stringContaining('levels deep') }] } });
    await harness.platform.queue.drain();
    const outbox = await api('GET', `/v1/outbox?experimentId=${experimentId}`);
    expect(outbox.body.items.map((item: { assignmentId: string }) => item.assignmentId).sort()).toEqual([response.body.results[0].assignmentId, response.body.results[2].assignmentId].sort());
    expect(await harness.deps.assignments.listForCustomer(ids[1] ?? '')).toEqual([]);
    expect(await harness.deps.customers.get(ids[1] ?? '')).toBeUndefined();
  });

  // Absurd nesting is still refused whole at the edge (json-guard), before any recursive code sees it.
  it('a batch nested 3,000 deep → 400 naming the depth, nothing written for anyone', async () => {
    const experimentId = await harness.experiment({ policy: { holdout: 0 } });
    const ids = [fresh('abyss'), fresh('abyss')];
    await customer(ids[0] ?? '');
    const response = await sends(experimentId, { recipients: [recipient(ids[0] ?? ''), recipient(ids[1] ?? '', { attributes: { deep: nested(3000) }, saveCustomer: true })] });
    expect(response.status).toBe(400);
    expect(JSON.stringify(response.body.error)).toContain('deeper than');
    for (const id of ids) expect(await harness.deps.assignments.listForCustomer(id ?? '')).toEqual([]);
    expect(await harness.deps.customers.get(ids[1] ?? '')).toBeUndefined();
  });

  it('a single oversized recipient → 400 naming the size, nothing written', async () => {
    const experimentId = await harness.experiment({ policy: { holdout: 0 } });
    const id = fresh('huge');
    const response = await sends(experimentId, recipient(id, { ...PROFILE, variables: { ...SURVEY_VARIABLES, ...bulkyVariables(42) } }));
    expect(response.status).toBe(400);
    expect(response.body.error).toMatchObject({ code: 'validation_failed', message: expect.stringContaining('400 KB') });
    expect(await harness.deps.assignments.listForCustomer(id)).toEqual([]);
  });

  it(`a batch of ${MAX_BATCH_RECIPIENTS} is accepted`, async () => {
    const experimentId = await harness.experiment({ policy: { holdout: 0 } });
    // Suppressed recipients (unknown customers) keep this fast: every one is still decided and answered.
    const response = await sends(experimentId, { recipients: Array.from({ length: MAX_BATCH_RECIPIENTS }, (_, index) => recipient(`big-${counter}-${index}`)) });
    expect(response.status).toBe(200);
    expect(response.body.results).toHaveLength(MAX_BATCH_RECIPIENTS);
    expect(response.body.results.every((result: { status: string; reason: string }) => result.status === 'suppressed' && result.reason === 'unknown_customer')).toBe(true);
  });

  it.each([
    { name: `a batch of ${MAX_BATCH_RECIPIENTS + 1}`, body: () => ({ recipients: Array.from({ length: MAX_BATCH_RECIPIENTS + 1 }, (_, index) => recipient(`over-${index}`)) }), mentions: `at most ${MAX_BATCH_RECIPIENTS}` },
    { name: 'an empty batch', body: () => ({ recipients: [] }), mentions: 'must not be empty' },
    { name: 'recipients that are not a list', body: () => ({ recipients: 'everyone' }), mentions: 'recipients' },
    { name: 'a batch with a stray field', body: () => ({ recipients: [recipient('x')], dryRun: true }), mentions: 'dryRun' },
    { name: 'a single recipient with a bad phone', body: () => recipient('single', { contact: { phone: 'call me' } }), mentions: 'contact.phone' },
    { name: 'a single recipient missing a variable', body: () => ({ customerId: 'single' }), mentions: 'firstName' },
    { name: 'a single recipient with an unknown field', body: () => recipient('single', { priority: 'high' }), mentions: 'priority' },
    { name: 'a body that is not an object', body: () => [1, 2], mentions: 'recipient' },
  ])('$name → 400 validation_failed mentioning $mentions, nothing decided', async ({ body, mentions }) => {
    const experimentId = await harness.experiment({ policy: { holdout: 0 } });
    const response = await sends(experimentId, body());
    expect(response.status).toBe(400);
    expect(response.body.error.code).toBe('validation_failed');
    expect(JSON.stringify(response.body.error)).toContain(mentions);
    await harness.platform.queue.drain();
    expect((await api('GET', `/v1/outbox?experimentId=${experimentId}`)).body.items).toEqual([]);
  });

  it.each([
    { name: 'draft', actions: [] as const, status: 409, code: 'invalid_state' },
    { name: 'paused', actions: ['start', 'pause'] as const, status: 409, code: 'invalid_state' },
    { name: 'completed', actions: ['start', 'complete'] as const, status: 409, code: 'invalid_state' },
  ])('a $name experiment → $status $code', async ({ actions, status, code }) => {
    const experimentId = await harness.experiment({}, actions);
    const response = await sends(experimentId, recipient(fresh('state')));
    expect(response.status).toBe(status);
    expect(response.body.error.code).toBe(code);
    expect(response.body.error.message).toContain('running');
  });

  it('an unknown experiment → 404', async () => {
    const response = await sends('does-not-exist', recipient('x'));
    expect(response.status).toBe(404);
    expect(response.body.error.code).toBe('not_found');
  });
});

describe('opt-outs through the API are effective for the very next send', () => {
  it('POST /opt-out {channel: email} then a send: SMS only, with propensity 1 over the one eligible channel', async () => {
    const experimentId = await harness.experiment({ policy: { holdout: 0 } });
    await harness.allocation(experimentId, 2, { default: { weights: { email: 0.95, sms: 0.05 }, holdout: 0 } });
    const id = fresh('opt');
    await customer(id);
    const optOut = await api('POST', `/v1/customers/${id}/opt-out`, { channel: 'email' });
    expect(optOut.status).toBe(200);
    expect(optOut.body.optOuts).toEqual({ email: expect.any(String) });
    const response = await sends(experimentId, recipient(id));
    expect(response.body).toMatchObject({ status: 'queued', channel: 'sms', propensity: 1 });
  });

  it('opt-out "all" → suppressed, opted_out, even with inline contact and consents', async () => {
    const experimentId = await harness.experiment();
    const id = fresh('all');
    await customer(id);
    expect((await api('POST', `/v1/customers/${id}/opt-out`, { channel: 'all' })).status).toBe(200);
    const response = await sends(experimentId, recipient(id, { contact: { email: 'new@example.com' }, consents: { email: true } }));
    expect(response.status).toBe(200);
    expect(response.body).toEqual({
      customerId: id,
      segment: 'default',
      channel: null,
      status: 'suppressed',
      reason: 'opted_out',
      excluded: { sms: 'opted_out', email: 'opted_out' },
      message: `no channel may reach customer ${id} now: sms: opted out; email: opted out`,
    });
  });

  it('a bad opt-out body → 400 naming the field', async () => {
    const response = await api('POST', '/v1/customers/someone/opt-out', { channel: 'fax' });
    expect(response.status).toBe(400);
    expect(response.body.error.details[0].path).toBe('channel');
  });
});
