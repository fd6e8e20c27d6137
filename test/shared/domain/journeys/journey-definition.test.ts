import { describe, expect, it } from 'vitest';
import {
  JourneyDefinitionSchema,
  journeyExperimentIds,
  MAX_JOURNEY_EXPERIMENTS,
  newJourney,
  stageOfExperiment,
  withJourneyDefinition,
} from '../../../../shared/domain/journeys/journey-definition';

const VALID = {
  name: 'Cart to loyalty',
  stages: [
    { stage: 'consideration', experimentIds: ['cart-reminder'] },
    { stage: 'post_purchase', experimentIds: ['survey', 'review-ask'] },
  ],
  cap: { messages: 2, perDays: 7 },
};

describe('journey definition', () => {
  it('accepts stages in journey order with a cap, and finds each experiment’s stage', () => {
    const definition = JourneyDefinitionSchema.parse(VALID);
    expect(journeyExperimentIds(definition)).toEqual(['cart-reminder', 'survey', 'review-ask']);
    expect(stageOfExperiment(definition, 'survey')).toBe('post_purchase');
    expect(stageOfExperiment(definition, 'elsewhere')).toBeUndefined();
  });

  it.each([
    { name: 'stages out of order', input: { ...VALID, stages: [...VALID.stages].reverse() }, path: 'stages.1.stage', message: /consideration cannot come after post_purchase/ },
    { name: 'a stage twice', input: { ...VALID, stages: [VALID.stages[0], { stage: 'consideration', experimentIds: ['x'] }] }, path: 'stages.1.stage', message: /each appears once/ },
    { name: 'an experiment twice', input: { ...VALID, stages: [VALID.stages[0], { stage: 'purchase', experimentIds: ['cart-reminder'] }] }, path: 'stages.1.experimentIds.0', message: /already in this journey \(stages\[0\]\.experimentIds\[0\]\)/ },
    { name: 'an empty stage', input: { ...VALID, stages: [{ stage: 'awareness', experimentIds: [] }] }, path: 'stages.0.experimentIds', message: /at least one experiment/ },
    { name: 'no stage', input: { ...VALID, stages: [] }, path: 'stages', message: /at least one stage/ },
    { name: 'an unknown stage', input: { ...VALID, stages: [{ stage: 'delight', experimentIds: ['x'] }] }, path: 'stages.0.stage', message: /./ },
    { name: 'a cap of zero messages', input: { ...VALID, cap: { messages: 0, perDays: 7 } }, path: 'cap.messages', message: /≥ 1/ },
    { name: 'a cap window in fractions of a day', input: { ...VALID, cap: { messages: 1, perDays: 0.5 } }, path: 'cap.perDays', message: /whole number/ },
    { name: 'a blank name', input: { ...VALID, name: '   ' }, path: 'name', message: /required/ },
    { name: 'an unknown field', input: { ...VALID, limit: 3 }, path: '', message: /limit/ },
    {
      name: 'too many experiments',
      input: { ...VALID, stages: [{ stage: 'awareness', experimentIds: Array.from({ length: MAX_JOURNEY_EXPERIMENTS + 1 }, (_, i) => `e${i}`) }] },
      path: 'stages',
      message: new RegExp(`at most ${MAX_JOURNEY_EXPERIMENTS}`),
    },
  ])('refuses $name, naming where', ({ input, path, message }) => {
    const result = JourneyDefinitionSchema.safeParse(input);
    expect(result.success).toBe(false);
    const issue = result.error?.issues.find((candidate) => candidate.path.join('.') === path);
    expect(issue, JSON.stringify(result.error?.issues)).toBeDefined();
    expect(issue?.message).toMatch(message);
  });

  it('a new definition is the next version and keeps the creation time; dropping the cap drops it', () => {
    const created = newJourney('j1', JourneyDefinitionSchema.parse(VALID), new Date('2026-06-01T00:00:00Z'));
    const { cap: _cap, ...uncapped } = VALID;
    const updated = withJourneyDefinition(created, JourneyDefinitionSchema.parse(uncapped), new Date('2026-06-02T00:00:00Z'));
    expect(updated).toMatchObject({ id: 'j1', version: 2, createdAt: '2026-06-01T00:00:00.000Z', updatedAt: '2026-06-02T00:00:00.000Z' });
    expect(updated).not.toHaveProperty('cap');
  });
});
