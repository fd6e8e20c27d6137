import { describe, expect, it } from 'vitest';
import { ExperimentDefinitionSchema, type ExperimentDefinitionInput } from '../../../../shared/domain/experiment/experiment-definition';
import type { ExperimentStatus } from '../../../../shared/domain/experiment/lifecycle';
import { CustomerEventSchema, type CustomerEventInput } from '../../../../shared/domain/triggers/customer-event';
import { dueAtFor, type ListeningExperiment, matchCustomerEvent, triggerVariables } from '../../../../shared/domain/triggers/match-event';
import { surveyExperiment } from '../../../support/experiments';

const NOW = new Date('2026-06-10T12:00:00Z');

function experiment(id: string, overrides: Partial<ExperimentDefinitionInput>, status: ExperimentStatus = 'running'): ListeningExperiment {
  return { id, status, definition: ExperimentDefinitionSchema.parse(surveyExperiment(overrides)) };
}

function event(overrides: Partial<CustomerEventInput> = {}) {
  return CustomerEventSchema.parse({ kind: 'customer', eventId: 'e1', name: 'order_delivered', customerId: 'c1', occurredAt: '2026-06-10T11:00:00Z', properties: { total: 42, survey: { url: 'https://example.com/s/1' }, name: 'Ann' }, ...overrides });
}

const survey = experiment('survey', { trigger: { event: 'order_delivered', delay: { minutes: 60 }, variables: { surveyUrl: 'survey.url', firstName: 'name' } }, exits: [{ event: 'order_returned' }] });

describe('matchCustomerEvent', () => {
  it.each([
    { name: 'the trigger event', experiments: [survey], input: event(), triggers: ['survey'], exits: [] },
    { name: 'another event name', experiments: [survey], input: event({ name: 'signed_up' }), triggers: [], exits: [] },
    { name: 'an exit event', experiments: [survey], input: event({ name: 'order_returned' }), triggers: [], exits: ['survey'] },
    { name: 'a paused experiment: no trigger, but its exits hold', experiments: [{ ...survey, status: 'paused' as const }], input: event({ name: 'order_returned' }), triggers: [], exits: ['survey'] },
    { name: 'a paused experiment takes no trigger', experiments: [{ ...survey, status: 'paused' as const }], input: event(), triggers: [], exits: [] },
    { name: 'a draft takes nothing', experiments: [{ ...survey, status: 'draft' as const }], input: event({ name: 'order_returned' }), triggers: [], exits: [] },
    {
      name: 'an event filter that holds',
      experiments: [experiment('big', { trigger: { event: 'order_delivered', where: { event: { attribute: 'total', op: 'gte', value: 40 } }, variables: { surveyUrl: 'survey.url', firstName: 'name' } } })],
      input: event(),
      triggers: ['big'],
      exits: [],
    },
    {
      name: 'an event filter that fails',
      experiments: [experiment('big', { trigger: { event: 'order_delivered', where: { event: { attribute: 'total', op: 'gte', value: 50 } }, variables: { surveyUrl: 'survey.url', firstName: 'name' } } })],
      input: event(),
      triggers: [],
      exits: [],
    },
    {
      name: 'a customer filter on the inline attributes over the stored ones',
      experiments: [experiment('vip', { trigger: { event: 'order_delivered', where: { customer: { attribute: 'tier', op: 'eq', value: 'gold' } }, variables: { surveyUrl: 'survey.url', firstName: 'name' } } })],
      input: event({ attributes: { tier: 'gold' } }),
      triggers: ['vip'],
      exits: [],
    },
    {
      name: 'a conditional exit that does not hold',
      experiments: [experiment('cart', { trigger: { event: 'cart_abandoned', variables: { surveyUrl: 'u', firstName: 'n' } }, exits: [{ event: 'order_placed', where: { event: { attribute: 'total', op: 'gt', value: 100 } } }] })],
      input: event({ name: 'order_placed' }),
      triggers: [],
      exits: [],
    },
    {
      name: 'a schedule that has not started',
      experiments: [experiment('later', { trigger: { event: 'order_delivered', variables: { surveyUrl: 'survey.url', firstName: 'name' } }, schedule: { startAt: '2026-07-01T00:00:00Z' } })],
      input: event(),
      triggers: [],
      exits: [],
    },
  ])('$name', ({ experiments, input, triggers, exits }) => {
    const attributes = { tier: 'silver', ...input.attributes };
    const match = matchCustomerEvent({ experiments, event: input, attributes, now: NOW });
    expect(match.triggers.map((trigger) => trigger.experimentId)).toEqual(triggers);
    expect(match.exits).toEqual(exits);
  });

  it('takes the template values from the event and dates the send from when it happened', () => {
    const [match] = matchCustomerEvent({ experiments: [survey], event: event(), attributes: {}, now: NOW }).triggers;
    expect(match).toEqual({ experimentId: 'survey', dueAt: new Date('2026-06-10T12:00:00Z'), variables: { surveyUrl: 'https://example.com/s/1', firstName: 'Ann' } });
  });

  it.each([
    { name: 'a property that is missing', properties: { survey: { url: 'https://example.com/s' } }, message: '{{firstName}} (property name missing or not a string, number or boolean)' },
    { name: 'a property that is an object', properties: { survey: { url: 'https://example.com/s' }, name: { first: 'A' } }, message: '{{firstName}} (property name missing' },
    { name: 'an unsafe link', properties: { survey: { url: 'javascript:alert(1)' }, name: 'A' }, message: 'unsafe template values from the event (variables.surveyUrl)' },
  ])('triggers nothing, saying why, for $name', ({ properties, message }) => {
    const match = matchCustomerEvent({ experiments: [survey], event: event({ properties }), attributes: {}, now: NOW });
    expect(match.triggers).toEqual([]);
    expect(match.problems[0]?.message).toContain(message);
  });

  it('says which template variables the trigger does not fill', () => {
    const partial = experiment('partial', { trigger: { event: 'order_delivered', variables: { surveyUrl: 'survey.url' } } });
    expect(matchCustomerEvent({ experiments: [partial], event: event(), attributes: {}, now: NOW }).problems[0]?.message).toContain('{{firstName}} (not filled by the trigger)');
  });
});

describe('dueAtFor', () => {
  const at = new Date('2026-06-10T18:00:00Z');
  it.each([
    { name: 'no delay', delay: { minutes: 0 }, zone: undefined, expected: '2026-06-10T18:00:00.000Z' },
    { name: 'two days', delay: { minutes: 2880 }, zone: undefined, expected: '2026-06-12T18:00:00.000Z' },
    { name: 'two days, then 10:00 in the customer zone', delay: { minutes: 2880, atLocalTime: '10:00' }, zone: 'Europe/Paris', expected: '2026-06-13T08:00:00.000Z' },
    { name: '10:00 in the trigger zone when the customer has none', delay: { minutes: 0, atLocalTime: '10:00', timeZone: 'America/New_York' }, zone: undefined, expected: '2026-06-11T14:00:00.000Z' },
    { name: '10:00 UTC when no zone is known', delay: { minutes: 0, atLocalTime: '10:00' }, zone: undefined, expected: '2026-06-11T10:00:00.000Z' },
    { name: 'the customer zone wins over the trigger zone', delay: { minutes: 0, atLocalTime: '10:00', timeZone: 'America/New_York' }, zone: 'Asia/Tokyo', expected: '2026-06-11T01:00:00.000Z' },
  ])('$name', ({ delay, zone, expected }) => {
    expect(dueAtFor(at, delay, zone).toISOString()).toBe(expected);
  });
});

describe('triggerVariables', () => {
  it('turns numbers and booleans into words and leaves out what is not a value', () => {
    expect(triggerVariables({ variables: { a: 'n', b: 'flag', c: 'obj', d: 'missing', e: 'deep.x' } }, { n: 3.5, flag: false, obj: {}, deep: { x: 'y' } })).toEqual({ a: '3.5', b: 'false', e: 'y' });
  });
});
