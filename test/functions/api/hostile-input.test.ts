import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { call } from '../../support/local-api';
import { surveyExperiment } from '../../support/experiments';
import { type SendHarness, startSendHarness, SURVEY_VARIABLES } from '../../shared/use-cases/sends/send-harness';

/**
 * The review's hostile inputs (issue 10, "smaller ones"): each answered 500 or was accepted; each
 * must be a 400 that names the problem, with nothing stored.
 */

let harness: SendHarness;
let experimentId: string;

beforeAll(async () => {
  harness = await startSendHarness('hostile-input');
  experimentId = await harness.experiment({ policy: { holdout: 0 } });
});
afterAll(async () => harness.stop());

const api = (method: string, path: string, body?: unknown, headers?: Record<string, string>) => call(harness.platform, method, path, body, headers);

/** `{ a: { a: … { a: leaf } } }`, `depth` objects deep. */
function nested(depth: number, key: string, leaf: unknown): unknown {
  let value = leaf;
  for (let level = 0; level < depth; level += 1) value = { [key]: value };
  return value;
}

/** A segment rule of `depth` nested `not`s around one condition. */
function deepRule(depth: number): unknown {
  return nested(depth, 'not', { attribute: 'age', op: 'gte', value: 50 });
}

describe('hostile request bodies get a 400 naming the problem, never a 500', () => {
  it.each([
    { name: 'a __proto__ attribute', path: '/v1/customers/proto-1', raw: '{"attributes":{"__proto__":{"admin":true}}}', mentions: '__proto__' },
    { name: 'attributes nested 41 deep', path: '/v1/customers/deep-1', raw: JSON.stringify({ attributes: { tree: nested(41, 'a', 1) } }), mentions: 'nest' },
    { name: 'a rule nested 3,000 deep', path: '/v1/experiments', raw: JSON.stringify(surveyExperiment({ segments: [{ name: 'deep', rule: deepRule(3000) as never }] })), mentions: 'nest' },
  ])('$name → 400', async ({ path, raw, mentions }) => {
    const method = path === '/v1/experiments' ? 'POST' : 'PUT';
    const response = await api(method, path, raw);
    expect(response.status, JSON.stringify(response.body)).toBe(400);
    expect(JSON.stringify(response.body.error)).toContain(mentions);
    if (method === 'PUT') expect((await api('GET', path)).status).toBe(404);
  });

  it.each([
    { name: 'CR/LF in a customer id', body: { customerId: 'a\r\nb', variables: SURVEY_VARIABLES }, path: 'customerId' },
    { name: 'NUL in a customer id', body: { customerId: 'a\u0000b', variables: SURVEY_VARIABLES }, path: 'customerId' },
    { name: 'CR/LF in an idempotency key', body: { customerId: 'ctl-1', idempotencyKey: 'k\r\nx', variables: SURVEY_VARIABLES }, path: 'idempotencyKey' },
    { name: 'CR/LF in a variable used in the subject', body: { customerId: 'ctl-2', variables: { ...SURVEY_VARIABLES, firstName: 'Ada\r\nBcc: all@example.com' } }, path: 'variables.firstName' },
  ])('a send with $name → 400 naming $path, nothing decided', async ({ body, path }) => {
    const response = await api('POST', `/v1/experiments/${experimentId}/sends`, body);
    expect(response.status, JSON.stringify(response.body)).toBe(400);
    expect(response.body.error.details.map((detail: { path: string }) => detail.path)).toContain(path);
    expect(await harness.deps.assignments.listForCustomer(body.customerId)).toEqual([]);
  });

  it.each([
    { name: 'CR/LF in an event id', event: { eventId: 'e\r\n1' }, path: 'eventId' },
    { name: 'NUL in an event id', event: { eventId: 'e\u00001' }, path: 'eventId' },
    { name: 'CR/LF in an assignment id', event: { eventId: 'e-ctl-3', assignmentId: 'a\nb' }, path: 'assignmentId' },
  ])('an event with $name is rejected naming $path', async ({ event, path }) => {
    const response = await api('POST', '/v1/events', { type: 'clicked', occurredAt: harness.clock.now().toISOString(), assignmentId: 'unknown', ...event });
    expect(response.status, JSON.stringify(response.body)).toBe(400);
    expect(response.body.error.details.map((detail: { path: string }) => detail.path)).toContain(path);
  });

  it('an email subject with CR/LF is refused when the experiment is defined', async () => {
    const response = await api('POST', '/v1/experiments', surveyExperiment({ channels: [{ channel: 'sms', text: '{{firstName}} {{surveyUrl}}' }, { channel: 'email', subject: 'Hi\r\nBcc: x@example.com', html: '<p>{{firstName}} {{surveyUrl}}</p>' }] }));
    expect(response.status).toBe(400);
    expect(JSON.stringify(response.body.error.details)).toContain('subject');
  });
});

describe('variables are data, never code', () => {
  it('a variable named constructor without a value is reported missing, not rendered as native code', async () => {
    const id = await harness.experiment({
      channels: [
        { channel: 'sms', text: 'Hi {{constructor}} {{surveyUrl}}' },
        { channel: 'in_app', title: 'Hi {{constructor}}', body: '{{surveyUrl}}' },
      ],
      variables: ['constructor', 'surveyUrl'],
      policy: { holdout: 0 },
    });
    const response = await api('POST', `/v1/experiments/${id}/sends`, { customerId: 'ctor-1', variables: { surveyUrl: 'https://example.com/s' } });
    expect(response.status, JSON.stringify(response.body)).toBe(400);
    expect(response.body.error.details.map((detail: { path: string }) => detail.path)).toContain('variables.constructor');
  });

  it.each(['javascript:alert(document.cookie)', ' JavaScript:alert(1)', 'data:text/html,<script>alert(1)</script>', 'java\tscript:alert(1)'])(
    'a %j URL from a variable never reaches an href: 400 at send',
    async (url) => {
      const customerId = `js-${url.length}-${url.charCodeAt(1)}`;
      await harness.customer(customerId);
      const response = await api('POST', `/v1/experiments/${experimentId}/sends`, { customerId, variables: { ...SURVEY_VARIABLES, surveyUrl: url } });
      expect(response.status, JSON.stringify(response.body)).toBe(400);
      expect(response.body.error.details.map((detail: { path: string }) => detail.path)).toContain('variables.surveyUrl');
    },
  );
});
