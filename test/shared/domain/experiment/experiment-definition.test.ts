import { describe, expect, it } from 'vitest';
import { ValidationError } from '../../../../shared/domain/errors/channel-lab-error';
import { parseOrThrow } from '../../../../shared/domain/errors/zod-issues';
import { ExperimentDefinitionSchema, segmentNames } from '../../../../shared/domain/experiment/experiment-definition';
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

describe('ExperimentDefinitionSchema', () => {
  it('applies the documented defaults to a minimal definition', () => {
    const definition = ExperimentDefinitionSchema.parse(surveyExperiment());
    expect(definition.policy).toEqual({ type: 'thompson', minShare: 0.01, burnIn: 0, holdout: 0.05, updateEveryMinutes: 15, sharing: true, changeDetection: true });
    expect(definition.stopping).toEqual({ probabilityBest: 0.95, maxExpectedLoss: 0.001, onWinner: 'exploit' });
    expect(definition.guardrails.quietHours).toEqual({ start: '21:00', end: '08:00' });
    expect(segmentNames(definition)).toEqual(['over_50', 'default']);
  });

  it.each([true, false])('issue 14: change detection is a policy option (changeDetection: %s)', (changeDetection) => {
    expect(ExperimentDefinitionSchema.parse(surveyExperiment({ policy: { changeDetection } })).policy.changeDetection).toBe(changeDetection);
  });

  it('gives epsilon_greedy its default epsilon', () => {
    const definition = ExperimentDefinitionSchema.parse(surveyExperiment({ policy: { type: 'epsilon_greedy' } }));
    expect(definition.policy.epsilon).toBe(0.1);
  });

  const sms = { channel: 'sms', text: 'hi' } as const;
  const email = { channel: 'email', subject: 's', text: 't' } as const;

  it.each([
    { name: 'one channel only', input: surveyExperiment({ channels: [sms] }), path: 'channels', message: 'an experiment needs at least 2 channels' },
    { name: 'a repeated channel', input: surveyExperiment({ channels: [sms, email, { ...sms }], variables: [] }), path: 'channels[2].channel', message: 'channel "sms" repeated: each channel is one arm' },
    { name: 'a floor too large for the arms', input: surveyExperiment({ policy: { minShare: 0.5 } }), path: 'policy.minShare', message: 'minShare × channels must be < 1 (got 0.5 × 2)' },
    { name: 'a repeated segment name', input: surveyExperiment({ segments: [{ name: 'a', rule: { attribute: 'x', op: 'exists' } }, { name: 'a', rule: { attribute: 'y', op: 'exists' } }] }), path: 'segments[1].name', message: 'segment name repeated: "a"' },
    { name: 'a segment named default', input: surveyExperiment({ segments: [{ name: 'default', rule: { attribute: 'x', op: 'exists' } }] }), path: 'segments[0].name', message: '"default" is the implicit last segment and cannot be defined' },
    { name: 'an sms over 1600 characters', input: surveyExperiment({ channels: [{ channel: 'sms', text: 'x'.repeat(1601) }, email], variables: [] }), path: 'channels[0].text', message: 'sms text over 1600 characters' },
    { name: 'an undeclared template variable', input: surveyExperiment({ variables: ['firstName'] }), path: 'channels[0]', message: 'sms content uses {{surveyUrl}}, which is not declared in variables' },
    { name: 'an email without a body', input: surveyExperiment({ channels: [sms, { channel: 'email', subject: 's' }], variables: [] }), path: 'channels[1].html', message: 'email needs an html or a text body (or both)' },
    { name: 'a webhook over plain http', input: surveyExperiment({ channels: [sms, { channel: 'webhook', url: 'http://example.com/hook', payloadTemplate: '{}' }], variables: [] }), path: 'channels[1].url', message: 'webhook url must use https' },
    { name: 'an unknown field', input: { ...surveyExperiment(), colour: 'blue' }, path: 'colour', message: 'unknown field "colour"' },
    { name: 'an unknown stage', input: surveyExperiment({ stage: 'retention' as never }), path: 'stage', message: 'Invalid option' },
    { name: 'a missing goal', input: { ...surveyExperiment(), goal: undefined }, path: 'goal', message: 'goal is required' },
    { name: 'a non-positive window', input: surveyExperiment({ goal: { event: 'clicked', windowHours: 0 } }), path: 'goal.windowHours', message: 'windowHours must be > 0' },
    { name: 'epsilon on thompson', input: surveyExperiment({ policy: { type: 'thompson', epsilon: 0.2 } }), path: 'policy.epsilon', message: 'epsilon applies only to policy type "epsilon_greedy"' },
    { name: 'a holdout above half', input: surveyExperiment({ policy: { holdout: 0.6 } }), path: 'policy.holdout', message: 'holdout must be ≤ 0.5' },
    { name: 'change detection that is not a boolean', input: surveyExperiment({ policy: { changeDetection: 'yes' as never } }), path: 'policy.changeDetection', message: 'changeDetection must be true or false' },
    { name: 'an update cadence under a minute', input: surveyExperiment({ policy: { updateEveryMinutes: 0.5 } }), path: 'policy.updateEveryMinutes', message: 'updateEveryMinutes must be ≥ 1' },
    { name: 'quiet hours not HH:MM', input: surveyExperiment({ guardrails: { quietHours: { start: '9pm', end: '08:00' } } }), path: 'guardrails.quietHours.start', message: 'must be HH:MM (24-hour)' },
    { name: 'more follow-up steps than other channels', input: surveyExperiment({ followUp: { afterHours: 48, maxSteps: 2 } }), path: 'followUp.maxSteps', message: 'maxSteps must be ≤ channels − 1 (1)' },
    { name: 'an end before the start', input: surveyExperiment({ schedule: { startAt: '2026-12-01T00:00:00Z', endAt: '2026-11-01T00:00:00Z' } }), path: 'schedule.endAt', message: 'schedule.endAt must be after schedule.startAt' },
  ])('refuses $name, naming the field', ({ input, path, message }) => {
    const errors = errorsOf(input);
    expect(errors).toContainEqual(expect.objectContaining({ path, message: expect.stringContaining(message) }));
  });
});
