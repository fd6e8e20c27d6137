import { describe, expect, it } from 'vitest';
import { type AppRoute, href, parseRoute } from '../../web/src/routes';

type Linkable = Exclude<AppRoute, { name: 'not_found' }>;

describe('hash routes', () => {
  it.each<[string, Linkable]>([
    ['experiments list', { name: 'experiments' }],
    ['new experiment', { name: 'new' }],
    ['clone', { name: 'new', from: 'exp 1' }],
    ['new at a stage (a gap of the journey map)', { name: 'new', stage: 'purchase' }],
    ['new at a stage for a segment, its rule from an experiment', { name: 'new', stage: 'awareness', segment: 'over_50', segmentFrom: 'e-1' }],
    ['edit', { name: 'edit', id: 'e/1' }],
    ['results', { name: 'results', id: 'e-1' }],
    ['journey map', { name: 'journey' }],
    ['journey map of one journey', { name: 'journey', journey: 'j 1' }],
    ['journeys', { name: 'journeys' }],
    ['new journey', { name: 'journey_new' }],
    ['edit journey', { name: 'journey_edit', id: 'j/1' }],
    ['outbox', { name: 'outbox' }],
  ])('%s: parses back from its own link', (_label, route) => {
    expect(parseRoute(href(route))).toEqual(route);
  });

  it.each([
    ['an unknown stage is dropped, not passed to the editor', '#/experiments/new?stage=nowhere&segment=x', { name: 'new', segment: 'x' }],
    ['the empty hash is the list', '', { name: 'experiments' }],
    ['a trailing slash is ignored', '#/journey/', { name: 'journey' }],
  ])('%s', (_label, hash, route) => {
    expect(parseRoute(hash)).toEqual(route);
  });

  it('says which path does not exist', () => {
    expect(parseRoute('#/nowhere/else')).toEqual({ name: 'not_found', path: '/nowhere/else' });
  });
});
