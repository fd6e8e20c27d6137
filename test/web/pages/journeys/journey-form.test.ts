import { describe, expect, it } from 'vitest';
import { JourneyDefinitionSchema } from '../../../../shared/domain/journeys/journey-definition';
import { FieldErrors } from '../../../../web/src/pages/editor/field-errors';
import { capWords, choicesFor, emptyJourneyForm, type ExperimentChoice, journeyDefinitionOf, journeyFormOf, journeyFormPaths, unusedStages, withExperiment, withStage } from '../../../../web/src/pages/journeys/journey-form';

const experiments: ExperimentChoice[] = [
  { id: 'e-welcome', status: 'running', definition: { name: 'Welcome', stage: 'awareness' } },
  { id: 'e-cart', status: 'draft', definition: { name: 'Cart reminder', stage: 'purchase' } },
  { id: 'e-old', status: 'archived', definition: { name: 'Old cart reminder', stage: 'purchase' } },
  { id: 'e-survey', status: 'running', definition: { name: 'Survey', stage: 'post_purchase' } },
];

describe('the journey form', () => {
  it('keeps stages in journey order however they are added, and builds a definition the API accepts', () => {
    let form = { ...emptyJourneyForm(), name: 'After the order' };
    form = withStage(form, 'post_purchase');
    form = withStage(form, 'awareness');
    form = withExperiment(form, 'post_purchase', 'e-survey', true);
    form = withExperiment(form, 'awareness', 'e-welcome', true);
    form = { ...form, capEnabled: true };
    expect(form.stages.map((entry) => entry.stage)).toEqual(['awareness', 'post_purchase']);
    const definition = journeyDefinitionOf(form);
    expect(definition).toEqual({ name: 'After the order', stages: [{ stage: 'awareness', experimentIds: ['e-welcome'] }, { stage: 'post_purchase', experimentIds: ['e-survey'] }], cap: { messages: 3, perDays: 7 } });
    expect(JourneyDefinitionSchema.safeParse(definition).success).toBe(true);
    expect(unusedStages(form)).toEqual(['consideration', 'purchase', 'loyalty']);
  });

  it('round-trips a stored journey', () => {
    const stored = { id: 'j-1', version: 2, createdAt: 'x', updatedAt: 'y', name: 'J', description: 'd', stages: [{ stage: 'purchase' as const, experimentIds: ['e-cart'] }], cap: { messages: 2, perDays: 1 } };
    expect(journeyDefinitionOf(journeyFormOf(stored))).toEqual({ name: 'J', description: 'd', stages: stored.stages, cap: stored.cap });
  });

  it('removes an experiment from its stage', () => {
    const form = withExperiment(withExperiment(withStage(emptyJourneyForm(), 'purchase'), 'purchase', 'e-cart', true), 'purchase', 'e-cart', false);
    expect(form.stages[0]?.experimentIds).toEqual([]);
  });

  it('offers a stage its own experiments that are not archived, and keeps one already listed', () => {
    expect(choicesFor({ stage: 'purchase', experimentIds: [] }, experiments).map((experiment) => experiment.id)).toEqual(['e-cart']);
    expect(choicesFor({ stage: 'purchase', experimentIds: ['e-old'] }, experiments).map((experiment) => experiment.id)).toEqual(['e-cart', 'e-old']);
  });

  it.each([
    ['3', 3],
    ['', ''],
    ['many', 'many'],
  ])('sends the cap %j as %j (what does not parse goes as typed, so the API names the field)', (typed, sent) => {
    expect(journeyDefinitionOf({ ...emptyJourneyForm(), capEnabled: true, capMessages: typed }).cap?.messages).toBe(sent);
  });

  it('puts the API’s errors beside the fields they name', () => {
    const form = withStage(emptyJourneyForm(), 'purchase');
    const errors = new FieldErrors(
      [
        { path: 'name', message: 'name is required' },
        { path: 'stages[0].experimentIds', message: 'a stage names at least one experiment' },
        { path: 'stages[0].experimentIds[1]', message: 'already in this journey' },
        { path: 'cap.perDays', message: 'must be ≥ 1' },
      ],
      journeyFormPaths(form),
    );
    expect(errors.placed.map((error) => error.field)).toEqual(['name', 'stages[0].experimentIds', 'stages[0].experimentIds', 'cap.perDays']);
  });

  it.each([
    [undefined, 'no limit per customer'],
    [{ messages: 1, perDays: 1 }, 'at most 1 message per customer in any 1 day'],
    [{ messages: 3, perDays: 7 }, 'at most 3 messages per customer in any 7 days'],
  ])('says the cap %j as “%s”', (cap, words) => {
    expect(capWords(cap)).toBe(words);
  });
});
