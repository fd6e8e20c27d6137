import { describe, expect, it } from 'vitest';
import { ExperimentDefinitionSchema } from '../../../../shared/domain/experiment/experiment-definition';
import { definitionOf, emptyForm, formFromDefinition } from '../../../../web/src/pages/editor/draft-form';
import { FieldErrors, formPaths } from '../../../../web/src/pages/editor/field-errors';
import { newCondition } from '../../../../web/src/pages/editor/rule-draft';
import { delayMinutes, emptyTrigger, exitsOf, newExit, newFilter, triggerOf, type TriggerDraft } from '../../../../web/src/pages/editor/trigger-draft';
import { surveyExperiment } from '../../../support/experiments';

const survey: TriggerDraft = {
  enabled: true,
  event: 'order_delivered',
  where: { event: { kind: 'group', combinator: 'all', children: [{ ...newCondition(), attribute: 'total', op: 'gte', value: '50', valueType: 'number' }] } },
  delayAmount: '2',
  delayUnit: 'days',
  atLocalTime: '10:00',
  timeZone: '',
  variables: [{ variable: 'surveyUrl', path: 'survey.url' }],
};

describe('the trigger and exits as edited', () => {
  it('sends no trigger and no exits while the experiment is not triggered', () => {
    const definition = definitionOf({ ...emptyForm(), name: 'Plain' });
    expect(definition).not.toHaveProperty('trigger');
    expect(definition).not.toHaveProperty('exits');
    expect(triggerOf(emptyTrigger())).toBeUndefined();
  });

  it('turns a trigger with a filter, a delay in days, a local time and a variable into what the API accepts, and back', () => {
    const form = { ...emptyForm(), name: 'Survey', trigger: survey, exits: [{ event: 'order_returned', where: {} }] };
    const definition = definitionOf(form);
    expect(definition.trigger).toEqual({ event: 'order_delivered', where: { event: { all: [{ attribute: 'total', op: 'gte', value: 50 }] } }, delay: { minutes: 2880, atLocalTime: '10:00' }, variables: { surveyUrl: 'survey.url' } });
    expect(definition.exits).toEqual([{ event: 'order_returned' }]);
    const stored = ExperimentDefinitionSchema.parse({ ...definition, channels: [{ channel: 'sms', text: 'Hi {{firstName}}: {{surveyUrl}}' }, { channel: 'email', subject: 'Hi', text: '{{surveyUrl}}' }], variables: ['firstName', 'surveyUrl'] });
    const again = formFromDefinition(stored);
    expect(again.trigger).toMatchObject({ enabled: true, event: 'order_delivered', delayAmount: '2', delayUnit: 'days', atLocalTime: '10:00', variables: [{ variable: 'surveyUrl', path: 'survey.url' }] });
    expect(definitionOf(again).trigger).toEqual(definition.trigger);
    expect(definitionOf(again).exits).toEqual(definition.exits);
  });

  it.each([
    [{ delayAmount: '90', delayUnit: 'minutes' as const }, 90],
    [{ delayAmount: '1.5', delayUnit: 'hours' as const }, 90],
    [{ delayAmount: 'soon', delayUnit: 'days' as const }, 'soon'],
  ])('sends the delay %j as %j minutes (what does not parse goes as typed)', (delay, minutes) => {
    expect(delayMinutes(delay)).toBe(minutes);
  });

  it('puts the API’s errors on the trigger and exit fields they name', () => {
    const form = { ...emptyForm(), name: 'Survey', trigger: { ...survey, where: { customer: newFilter() } }, exits: [newExit()] };
    const errors = new FieldErrors(
      [
        { path: 'trigger.event', message: 'bad name' },
        { path: 'trigger.delay.minutes', message: 'too long' },
        { path: 'trigger.variables.surveyUrl', message: 'not declared' },
        { path: 'trigger.where.customer.all[0].attribute', message: 'required' },
        { path: 'exits[0].event', message: 'bad name' },
      ],
      formPaths(form),
    );
    expect(errors.placed.map((error) => error.field)).toEqual(['trigger.event', 'trigger.delay.minutes', 'trigger.variables.surveyUrl', 'trigger.where.customer.all[0].attribute', 'exits[0].event']);
  });

  it('refuses (in the API’s own schema) a trigger that fills a variable the content does not declare, at that variable', () => {
    const definition = definitionOf({ ...emptyForm(), name: 'Survey', trigger: { ...survey, variables: [{ variable: 'orderId', path: 'order.id' }] } });
    const result = ExperimentDefinitionSchema.safeParse(definition);
    expect(result.success).toBe(false);
    expect(result.error?.issues.map((issue) => issue.path.join('.'))).toContain('trigger.variables.orderId');
  });

  it('keeps the exits of a cloned triggered experiment', () => {
    const stored = ExperimentDefinitionSchema.parse(surveyExperiment({ trigger: { event: 'order_delivered', delay: { minutes: 60 } }, exits: [{ event: 'order_cancelled', where: { customer: { attribute: 'vip', op: 'eq', value: true } } }] }));
    expect(exitsOf(formFromDefinition(stored).exits)).toEqual([{ event: 'order_cancelled', where: { customer: { all: [{ attribute: 'vip', op: 'eq', value: true }] } } }]);
  });
});
