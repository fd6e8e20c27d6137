/**
 * `POST /v1/segments/estimate`: how many known customers each segment of a draft would get, with
 * the experiment's own rule evaluation (first match wins, default takes the rest); bad rules get a
 * 400 naming them.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { LocalPlatform } from '../../../local/platform';
import { call, startTestPlatform } from '../../support/local-api';

let platform: LocalPlatform;
let empty: LocalPlatform;

const CUSTOMERS = [
  { id: 'e-1', attributes: { age: 63, country: 'FR' } },
  { id: 'e-2', attributes: { age: 51, country: 'BE' } },
  { id: 'e-3', attributes: { age: 25, country: 'FR' } },
  { id: 'e-4', attributes: { age: 30, app: { platform: 'ios' } } },
  { id: 'e-5', attributes: {} },
];

beforeAll(async () => {
  [platform, empty] = await Promise.all([startTestPlatform('estimate'), startTestPlatform('estimate-empty')]);
  for (const customer of CUSTOMERS) {
    expect((await call(platform, 'PUT', `/v1/customers/${customer.id}`, { attributes: customer.attributes, contact: {}, consents: {} })).status).toBe(200);
  }
});
afterAll(async () => {
  await Promise.all([platform?.stop(), empty?.stop()]);
});

describe('POST /v1/segments/estimate', () => {
  it.each([
    {
      name: 'seniors first, then French, default last',
      segments: [
        { name: 'seniors', rule: { attribute: 'age', op: 'gte', value: 50 } },
        { name: 'french', rule: { attribute: 'country', op: 'eq', value: 'FR' } },
      ],
      expected: [
        { segment: 'seniors', customers: 2 },
        { segment: 'french', customers: 1 },
        { segment: 'default', customers: 2 },
      ],
    },
    {
      name: 'an any-rule over a nested attribute',
      segments: [{ name: 'apps', rule: { any: [{ attribute: 'app.platform', op: 'in', value: ['ios', 'android'] }, { attribute: 'country', op: 'eq', value: 'BE' }] } }],
      expected: [
        { segment: 'apps', customers: 2 },
        { segment: 'default', customers: 3 },
      ],
    },
    { name: 'no segment at all', segments: [], expected: [{ segment: 'default', customers: 5 }] },
  ])('counts $name', async ({ segments, expected }) => {
    const answer = await call(platform, 'POST', '/v1/segments/estimate', { segments });
    expect(answer.status).toBe(200);
    expect(answer.body).toEqual({ customersConsidered: 5, truncated: false, segments: expected });
  });

  it('says that no customer is known yet', async () => {
    const answer = await call(empty, 'POST', '/v1/segments/estimate', { segments: [{ name: 'seniors', rule: { attribute: 'age', op: 'gte', value: 50 } }] });
    expect(answer.body).toEqual({ customersConsidered: 0, truncated: false, segments: [{ segment: 'seniors', customers: 0 }, { segment: 'default', customers: 0 }] });
  });

  it.each([
    { name: 'a list operator without a list', body: { segments: [{ name: 's', rule: { attribute: 'age', op: 'in', value: 5 } }] }, path: 'segments[0].rule.value' },
    { name: 'a bad segment name', body: { segments: [{ name: '1st', rule: { attribute: 'age', op: 'exists' } }] }, path: 'segments[0].name' },
    { name: 'no segments field', body: {}, path: 'segments' },
  ])('refuses $name with a 400 naming $path', async ({ body, path }) => {
    const answer = await call(platform, 'POST', '/v1/segments/estimate', body);
    expect(answer.status).toBe(400);
    expect(answer.body.error.code).toBe('validation_failed');
    expect(answer.body.error.details.map((detail: { path: string }) => detail.path)).toContain(path);
  });
});
