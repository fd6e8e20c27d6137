import { describe, expect, it } from 'vitest';
import type { ListedExperiment } from '../../../../web/src/api/client';
import { matchesSearch, segmentVerdict, verdicts } from '../../../../web/src/pages/experiments/list-model';
import { ExperimentDefinitionSchema } from '../../../../shared/domain/experiment/experiment-definition';
import { surveyExperiment } from '../../../support/experiments';

const experiment = (overrides: Partial<ListedExperiment> = {}): ListedExperiment => ({
  id: 'exp-1',
  status: 'running',
  version: 2,
  createdAt: '2026-01-01T00:00:00Z',
  updatedAt: '2026-01-01T00:00:00Z',
  definition: ExperimentDefinitionSchema.parse(surveyExperiment()),
  ...overrides,
});

describe('the list in words', () => {
  it.each([
    [{ segment: 'seniors', sends: 900, leader: 'sms', winner: 'sms' }, 'seniors: SMS wins'],
    [{ segment: 'default', sends: 300, leader: 'email', winner: null }, 'default: Email leads (not sure yet)'],
    [{ segment: 'young', sends: 0, leader: 'email', winner: null }, 'young: no sends yet'],
    [{ segment: 'new', sends: 143, leader: null, winner: null, status: 'too_early' }, 'new: too early to say'],
    [{ segment: 'lapsed', sends: 400, leader: null, winner: null, status: 'learning' }, 'lapsed: no clear leader yet'],
  ])('%j reads "%s"', (segment, words) => {
    expect(segmentVerdict(segment)).toBe(words);
  });

  it.each([
    ['draft', 'Not started'],
    ['running', 'No results yet: the allocator has not run'],
  ] as const)('a %s experiment without results says "%s"', (status, words) => {
    expect(verdicts(experiment({ status }))).toEqual([words]);
  });

  it.each([
    ['', true],
    ['survey', true],
    ['POST-PURCHASE', true],
    ['sms', true],
    ['exp-1', true],
    ['survey over_50', true],
    ['awareness', false],
    ['push', false],
  ])('search %j matches: %s', (search, matches) => {
    expect(matchesSearch(experiment(), search)).toBe(matches);
  });
});
