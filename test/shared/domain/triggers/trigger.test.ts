import { describe, expect, it } from 'vitest';
import { ValidationError } from '../../../../shared/domain/errors/channel-lab-error';
import { parseOrThrow } from '../../../../shared/domain/errors/zod-issues';
import { ExperimentDefinitionSchema } from '../../../../shared/domain/experiment/experiment-definition';
import { surveyExperiment } from '../../../support/experiments';

function errorsOf(input: unknown): { path: string; message: string }[] {
  try {
    parseOrThrow(ExperimentDefinitionSchema, input, 'experiment definition');
  } catch (error) {
    if (error instanceof ValidationError) return [...(error.details ?? [])];
    throw error;
  }
  return [];
}

const delivered = { event: 'order_delivered', delay: { minutes: 2880, atLocalTime: '10:00' }, variables: { surveyUrl: 'survey.url' } };

describe('trigger and exits on an experiment definition', () => {
  it('accepts a trigger with filters, delay and variables, and exits, applying defaults', () => {
    const definition = ExperimentDefinitionSchema.parse(
      surveyExperiment({
        trigger: { ...delivered, where: { event: { attribute: 'total', op: 'gte', value: 20 }, customer: { attribute: 'age', op: 'exists' } } },
        exits: [{ event: 'order_returned' }],
      }),
    );
    expect(definition.trigger?.delay).toEqual({ minutes: 2880, atLocalTime: '10:00' });
    expect(definition.exits).toEqual([{ event: 'order_returned' }]);
    expect(ExperimentDefinitionSchema.parse(surveyExperiment({ trigger: { event: 'signed_up' } })).trigger).toEqual({ event: 'signed_up', delay: { minutes: 0 }, variables: {} });
  });

  it('leaves definitions without a trigger unchanged', () => {
    const definition = ExperimentDefinitionSchema.parse(surveyExperiment());
    expect(definition.trigger).toBeUndefined();
    expect(definition.exits).toBeUndefined();
  });

  it.each([
    { name: 'a bad event name', trigger: { event: '1 order' }, path: 'trigger.event', message: 'event names start with a letter' },
    { name: 'a negative delay', trigger: { event: 'a', delay: { minutes: -1 } }, path: 'trigger.delay.minutes', message: 'delay.minutes must be ≥ 0' },
    { name: 'a delay over 60 days', trigger: { event: 'a', delay: { minutes: 86_401 } }, path: 'trigger.delay.minutes', message: 'at most 86400 (60 days)' },
    { name: 'a local time out of range', trigger: { event: 'a', delay: { atLocalTime: '24:00' } }, path: 'trigger.delay.atLocalTime', message: 'atLocalTime must be HH:MM' },
    { name: 'an unknown time zone', trigger: { event: 'a', delay: { atLocalTime: '10:00', timeZone: 'Mars/Base' } }, path: 'trigger.delay.timeZone', message: 'IANA time zone' },
    { name: 'an undeclared variable', trigger: { event: 'a', variables: { coupon: 'code' } }, path: 'trigger.variables.coupon', message: 'trigger fills {{coupon}}, which is not declared in variables' },
    { name: 'a bad property path', trigger: { event: 'a', variables: { surveyUrl: 'a..b' } }, path: 'trigger.variables.surveyUrl', message: 'a property path' },
    { name: 'a bad filter operator', trigger: { event: 'a', where: { event: { attribute: 'x', op: 'like', value: 1 } } }, path: 'trigger.where.event', message: '' },
    { name: 'an unknown filter key', trigger: { event: 'a', where: { order: { attribute: 'x', op: 'exists' } } }, path: 'trigger.where', message: '' },
    { name: 'an unknown trigger field', trigger: { event: 'a', after: 5 }, path: 'trigger', message: '' },
  ])('refuses $name, naming the field', ({ trigger, path, message }) => {
    const errors = errorsOf(surveyExperiment({ trigger: trigger as never }));
    const hit = errors.find((error) => error.path.startsWith(path));
    expect(hit, JSON.stringify(errors)).toBeDefined();
    expect(hit?.message).toContain(message);
  });

  it.each([
    { name: 'too many exits', exits: Array.from({ length: 11 }, () => ({ event: 'x' })), path: 'exits', message: 'at most 10 exits' },
    { name: 'a bad exit event name', exits: [{ event: '' }], path: 'exits[0].event', message: 'event names start with a letter' },
  ])('refuses $name, naming the field', ({ exits, path, message }) => {
    const errors = errorsOf(surveyExperiment({ exits }));
    expect(errors.find((error) => error.path === path)?.message).toContain(message);
  });
});
