import { describe, expect, it } from 'vitest';
import { ExperimentDefinitionSchema } from '../../../../shared/domain/experiment/experiment-definition';
import { definitionOf, emptyForm, formForGap, formFromDefinition, newChannel, usedVariables } from '../../../../web/src/pages/editor/draft-form';
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

  it.each([
    ['a stage only', { stage: 'awareness' as const }, 'awareness', []],
    ['a stage and a segment with its rule (from another experiment)', { stage: 'purchase' as const, segment: { name: 'over_50', rule: { attribute: 'age', op: 'gte' as const, value: 50 } } }, 'purchase', [{ name: 'over_50', rule: { all: [{ attribute: 'age', op: 'gte', value: 50 }] } }]],
    ['the default segment (everyone): no segment to define', { stage: 'loyalty' as const, segment: { name: 'default' } }, 'loyalty', []],
  ])('prefills a gap of the journey map: %s', (_label, gap, stage, segments) => {
    const definition = definitionOf({ ...formForGap(gap), name: 'Gap test' });
    expect(definition.stage).toBe(stage);
    expect(definition.segments).toEqual(segments);
    expect(ExperimentDefinitionSchema.safeParse(definition).success).toBe(true);
  });

  it('prefills a segment whose rule is unknown with its name and one empty condition (the API then asks for it)', () => {
    const form = formForGap({ stage: 'purchase', segment: { name: 'vip' } });
    expect(form.segments.map((segment) => segment.name)).toEqual(['vip']);
    expect(form.segments[0]?.rule.children).toHaveLength(1);
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
