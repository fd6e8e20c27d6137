/**
 * Journeys over HTTP on the local platform: create, read, list, replace, delete; an experiment in
 * at most one journey (409 naming the holder, nothing half-written); bad input is a 400 naming the
 * field; optimistic locking and idempotent creates.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { LocalPlatform } from '../../../local/platform';
import { surveyExperiment } from '../../support/experiments';
import { call, startTestPlatform } from '../../support/local-api';

let platform: LocalPlatform;

beforeAll(async () => {
  platform = await startTestPlatform('journeys');
});
afterAll(async () => platform.stop());

async function experiment(stage: 'awareness' | 'consideration' | 'purchase' | 'post_purchase' = 'post_purchase'): Promise<string> {
  const created = await call(platform, 'POST', '/v1/experiments', surveyExperiment({ name: `${stage} message`, stage }));
  expect(created.status).toBe(201);
  return created.body.id as string;
}

async function journey(body: unknown, headers: Record<string, string> = {}) {
  return call(platform, 'POST', '/v1/journeys', body, headers);
}

describe('journeys API over HTTP', () => {
  it('creates, reads, lists, replaces and deletes a journey', async () => {
    const [awareness, survey] = [await experiment('awareness'), await experiment('post_purchase')];
    const definition = { name: 'Welcome to review', stages: [{ stage: 'awareness', experimentIds: [awareness] }, { stage: 'post_purchase', experimentIds: [survey] }], cap: { messages: 2, perDays: 7 } };
    const created = await journey(definition);
    expect(created.status).toBe(201);
    expect(created.headers.get('location')).toBe(`/v1/journeys/${created.body.id}`);
    expect(created.body).toMatchObject({ ...definition, version: 1 });

    const read = await call(platform, 'GET', `/v1/journeys/${created.body.id}`);
    expect(read).toMatchObject({ status: 200, body: created.body });
    expect(read.headers.get('etag')).toBe('"1"');
    expect((await call(platform, 'GET', '/v1/journeys?limit=100')).body.items.map((item: { id: string }) => item.id)).toContain(created.body.id);

    const { cap: _cap, ...uncapped } = definition;
    const replaced = await call(platform, 'PUT', `/v1/journeys/${created.body.id}`, { ...uncapped, name: 'Renamed', stages: [definition.stages[1]] }, { 'if-match': '"1"' });
    expect(replaced.status).toBe(200);
    expect(replaced.body).toMatchObject({ name: 'Renamed', version: 2, stages: [definition.stages[1]] });
    expect(replaced.body).not.toHaveProperty('cap');

    // The dropped experiment is free for another journey.
    const other = await journey({ name: 'Other', stages: [{ stage: 'awareness', experimentIds: [awareness] }] });
    expect(other.status).toBe(201);

    expect((await call(platform, 'DELETE', `/v1/journeys/${created.body.id}`, undefined, { 'if-match': '"2"' })).status).toBe(204);
    expect((await call(platform, 'GET', `/v1/journeys/${created.body.id}`)).status).toBe(404);
    expect((await journey({ name: 'Again', stages: [{ stage: 'post_purchase', experimentIds: [survey] }] })).status).toBe(201);
  });

  it('an experiment belongs to at most one journey: 409 naming it and its journey, nothing written', async () => {
    const [held, free] = [await experiment(), await experiment('purchase')];
    const first = await journey({ name: 'First', stages: [{ stage: 'post_purchase', experimentIds: [held] }] });
    const second = await journey({ name: 'Second', stages: [{ stage: 'purchase', experimentIds: [free] }, { stage: 'post_purchase', experimentIds: [held] }] });
    expect(second.status).toBe(409);
    expect(second.body.error).toMatchObject({
      code: 'journey_conflict',
      message: expect.stringContaining(`experiment ${held} is already in journey ${first.body.id}`),
      details: [{ path: 'stages[1].experimentIds[0]', message: `experiment ${held} is already in journey ${first.body.id}` }],
    });
    // Nothing half-written: the free experiment was not claimed by the refused journey.
    expect((await journey({ name: 'Third', stages: [{ stage: 'purchase', experimentIds: [free] }] })).status).toBe(201);

    // Replacing a journey to take a held experiment is refused the same way, and leaves it as it was.
    const put = await call(platform, 'PUT', `/v1/journeys/${first.body.id}`, { name: 'First', stages: [{ stage: 'purchase', experimentIds: [free] }, { stage: 'post_purchase', experimentIds: [held] }] });
    expect(put).toMatchObject({ status: 409, body: { error: { code: 'journey_conflict', details: [{ path: 'stages[0].experimentIds[0]' }] } } });
    expect((await call(platform, 'GET', `/v1/journeys/${first.body.id}`)).body).toMatchObject({ version: 1, stages: [{ stage: 'post_purchase', experimentIds: [held] }] });
  });

  it.each([
    { name: 'unknown experiment', body: async () => ({ name: 'J', stages: [{ stage: 'awareness', experimentIds: ['nope'] }] }), path: 'stages[0].experimentIds[0]', message: 'experiment nope not found' },
    {
      name: 'experiment listed under another stage than its own',
      body: async () => ({ name: 'J', stages: [{ stage: 'awareness', experimentIds: [await experiment('purchase')] }] }),
      path: 'stages[0].experimentIds[0]',
      message: /is a purchase message: list it under purchase, not awareness/,
    },
    { name: 'stages out of order', body: async () => ({ name: 'J', stages: [{ stage: 'purchase', experimentIds: ['a'] }, { stage: 'awareness', experimentIds: ['b'] }] }), path: 'stages[1].stage', message: /cannot come after purchase/ },
    { name: 'cap of zero', body: async () => ({ name: 'J', stages: [{ stage: 'purchase', experimentIds: ['a'] }], cap: { messages: 0, perDays: 1 } }), path: 'cap.messages', message: /≥ 1/ },
    { name: 'unknown field', body: async () => ({ name: 'J', stages: [{ stage: 'purchase', experimentIds: ['a'] }], order: 'strict' }), path: 'order', message: /unknown field/ },
  ])('refuses $name with a 400 naming the field', async ({ body, path, message }) => {
    const answer = await journey(await body());
    expect(answer.status).toBe(400);
    expect(answer.body.error.code).toBe('validation_failed');
    expect(answer.body.error.details).toEqual(expect.arrayContaining([{ path, message: expect.stringMatching(message) }]));
  });

  it('answers 404 for an unknown journey, 409 on a stale If-Match, 400 on a malformed one', async () => {
    const survey = await experiment();
    const created = await journey({ name: 'Locked', stages: [{ stage: 'post_purchase', experimentIds: [survey] }] });
    const body = { name: 'Locked 2', stages: [{ stage: 'post_purchase', experimentIds: [survey] }] };
    expect((await call(platform, 'GET', '/v1/journeys/missing')).status).toBe(404);
    expect((await call(platform, 'PUT', '/v1/journeys/missing', body)).status).toBe(404);
    expect((await call(platform, 'DELETE', '/v1/journeys/missing')).status).toBe(404);
    expect((await call(platform, 'PUT', `/v1/journeys/${created.body.id}`, body, { 'if-match': '"7"' })).body.error.code).toBe('concurrent_modification');
    expect((await call(platform, 'DELETE', `/v1/journeys/${created.body.id}`, undefined, { 'if-match': '"7"' })).status).toBe(409);
    const malformed = await call(platform, 'PUT', `/v1/journeys/${created.body.id}`, body, { 'if-match': 'latest' });
    expect(malformed).toMatchObject({ status: 400, body: { error: { message: 'If-Match must be the ETag of the journey, e.g. "3"' } } });
    expect((await call(platform, 'GET', '/v1/journeys?limit=0')).status).toBe(400);
    expect((await call(platform, 'GET', '/v1/journeys?cursor=forged')).status).toBe(400);
  });

  it('of two concurrent replacements on the same version, one wins and one gets 409', async () => {
    const survey = await experiment();
    const created = await journey({ name: 'Race', stages: [{ stage: 'post_purchase', experimentIds: [survey] }] });
    const body = (name: string) => ({ name, stages: [{ stage: 'post_purchase', experimentIds: [survey] }] });
    const answers = await Promise.all(['A', 'B'].map((name) => call(platform, 'PUT', `/v1/journeys/${created.body.id}`, body(name), { 'if-match': '"1"' })));
    expect(answers.map((answer) => answer.status).sort()).toEqual([200, 409]);
  });

  it('an Idempotency-Key makes a repeated create return the first journey; another body with it is refused', async () => {
    const survey = await experiment();
    const body = { name: 'Once', stages: [{ stage: 'post_purchase', experimentIds: [survey] }] };
    const first = await journey(body, { 'idempotency-key': `once-${survey}` });
    const again = await journey(body, { 'idempotency-key': `once-${survey}` });
    expect([first.status, again.status]).toEqual([201, 200]);
    expect(again.body.id).toBe(first.body.id);
    const other = await journey({ ...body, name: 'Twice' }, { 'idempotency-key': `once-${survey}` });
    expect(other.body.error.code).toBe('idempotency_conflict');
  });
});
