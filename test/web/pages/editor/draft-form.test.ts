import { describe, expect, it } from 'vitest';
import { ExperimentDefinitionSchema } from '../../../../shared/domain/experiment/experiment-definition';
import { definitionOf, emptyForm, formFromDefinition, newChannel, usedVariables } from '../../../../web/src/pages/editor/draft-form';
import { surveyExperiment } from '../../../support/experiments';

describe('the editor form model', () => {
  it('turns a new form, once named, into a definition the API accepts', () => {
    const definition = definitionOf({ ...emptyForm(), name: 'Survey' });
    expect(ExperimentDefinitionSchema.safeParse(definition).success).toBe(true);
    expect(definition.variables).toEqual(['firstName']);
  });

  it('round-trips a stored definition (edit keeps what the form does not show; a lone condition comes back as an all-group of one)', () => {
    const stored = ExperimentDefinitionSchema.parse(surveyExperiment({ stopping: { probabilityBest: 0.9 }, followUp: { afterHours: 24, maxSteps: 1 } }));
    const expected = { ...stored, segments: stored.segments.map((segment) => ({ ...segment, rule: { all: [segment.rule] } })) };
    expect(ExperimentDefinitionSchema.parse(definitionOf(formFromDefinition(stored)))).toEqual(expected);
  });

  it('names a clone as asked', () => {
    const stored = ExperimentDefinitionSchema.parse(surveyExperiment());
    expect(formFromDefinition(stored, 'Copy of it').name).toBe('Copy of it');
  });

  it.each([
    ['48', 48],
    ['0.5', 0.5],
    ['', ''],
    ['soon', 'soon'],
  ])('sends the window %j as %j (what does not parse goes as typed, so the API names the field)', (typed, sent) => {
    expect(definitionOf({ ...emptyForm(), goalWindowHours: typed }).goal.windowHours).toBe(sent);
  });

  it('declares the variables the content uses, besides the built-in ones', () => {
    const channels = [{ ...newChannel('sms'), text: 'Hi {{firstName}} {{customerId}} {{ code }}' }, { ...newChannel('email'), html: '<a href="{{unsubscribeUrl}}">x</a> {{firstName}}' }];
    expect(usedVariables(channels)).toEqual(['firstName', 'code']);
  });

  it.each([
    ['push data lines', { ...newChannel('push'), data: 'screen=survey\n\nid = 42' }, { data: { screen: 'survey', id: '42' } }],
    ['in-app without a call to action', { ...newChannel('in_app'), ctaLabel: '', ctaUrl: '' }, { callToAction: undefined }],
    ['email without a text body', { ...newChannel('email'), text: '  ' }, { text: undefined }],
  ])('sends %s as the API takes them', (_name, draft, expected) => {
    const [content] = definitionOf({ ...emptyForm(), channels: [draft] }).channels;
    expect(content).toMatchObject(Object.fromEntries(Object.entries(expected).filter(([, value]) => value !== undefined)));
    for (const [key, value] of Object.entries(expected)) if (value === undefined) expect(content).not.toHaveProperty(key);
  });
});
