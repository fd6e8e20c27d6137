/**
 * Hash routes of the app: `#/experiments`, `#/experiments/new` (`?from=<id>` clones;
 * `?stage=<stage>&segment=<name>&segmentFrom=<id>` starts at a journey stage, for a segment whose
 * rule is copied from experiment `segmentFrom`), `#/experiments/:id/edit`, `#/experiments/:id`
 * (results), `#/journey` (the journey map; `?journey=<id>` shows that journey's triggers and live
 * counts), `#/journeys` (journeys: list), `#/journeys/new`, `#/journeys/:id` (edit one), `#/outbox`. Hash routing needs no server rewrite: the same
 * `index.html` serves every route, locally and from CloudFront. Pure (no Preact): unit-tested in Node.
 */
import { JOURNEY_STAGES, type JourneyStage } from '../../shared/domain/experiment/journey-stages';

/** What a new experiment starts from (all optional): a clone source, or a stage and segment to test. */
export interface NewExperimentPrefill {
  /** Clone this experiment's definition. */
  readonly from?: string;
  /** The journey stage to test. */
  readonly stage?: JourneyStage;
  /** The segment to test (its name). */
  readonly segment?: string;
  /** The experiment whose definition of `segment` (its rule) is copied. */
  readonly segmentFrom?: string;
}

/** A parsed route. */
export type AppRoute =
  | { readonly name: 'experiments' }
  | ({ readonly name: 'new' } & NewExperimentPrefill)
  | { readonly name: 'edit'; readonly id: string }
  | { readonly name: 'results'; readonly id: string }
  | { readonly name: 'journey'; readonly journey?: string }
  | { readonly name: 'journeys' }
  | { readonly name: 'journey_new' }
  | { readonly name: 'journey_edit'; readonly id: string }
  | { readonly name: 'outbox' }
  | { readonly name: 'not_found'; readonly path: string };

/** A route that can be linked to. */
export type LinkableRoute = Exclude<AppRoute, { name: 'not_found' }>;

const PREFILL_KEYS = ['from', 'stage', 'segment', 'segmentFrom'] as const;

function isStage(value: string | null): value is JourneyStage {
  return value !== null && (JOURNEY_STAGES as readonly string[]).includes(value);
}

function prefillOf(query: URLSearchParams): NewExperimentPrefill {
  const stage = query.get('stage');
  const text = (key: 'from' | 'segment' | 'segmentFrom') => {
    const value = query.get(key);
    return value ? { [key]: value } : {};
  };
  return { ...text('from'), ...(isStage(stage) ? { stage } : {}), ...text('segment'), ...text('segmentFrom') };
}

/** The route of a location hash (`#/experiments/abc`); an empty hash is the experiments list. */
export function parseRoute(hash: string): AppRoute {
  const [rawPath = '', rawQuery = ''] = hash.replace(/^#/, '').split('?', 2);
  const path = rawPath.replace(/\/+$/, '') || '/experiments';
  const query = new URLSearchParams(rawQuery);
  const parts = path.split('/').filter((part) => part !== '').map(decodeURIComponent);
  if (parts[0] === 'experiments') {
    if (parts.length === 1) return { name: 'experiments' };
    if (parts.length === 2 && parts[1] === 'new') return { name: 'new', ...prefillOf(query) };
    if (parts.length === 2 && parts[1]) return { name: 'results', id: parts[1] };
    if (parts.length === 3 && parts[1] && parts[2] === 'edit') return { name: 'edit', id: parts[1] };
  }
  if (parts[0] === 'journeys') {
    if (parts.length === 1) return { name: 'journeys' };
    if (parts.length === 2 && parts[1] === 'new') return { name: 'journey_new' };
    if (parts.length === 2 && parts[1]) return { name: 'journey_edit', id: parts[1] };
  }
  if (parts.length === 1 && parts[0] === 'journey') {
    const journey = query.get('journey');
    return journey ? { name: 'journey', journey } : { name: 'journey' };
  }
  if (parts.length === 1 && parts[0] === 'outbox') return { name: 'outbox' };
  return { name: 'not_found', path };
}

/** The hash link of a route. */
export function href(route: LinkableRoute): string {
  switch (route.name) {
    case 'experiments':
      return '#/experiments';
    case 'new': {
      const query = new URLSearchParams();
      for (const key of PREFILL_KEYS) {
        const value = route[key];
        if (value) query.set(key, value);
      }
      const text = query.toString();
      return text === '' ? '#/experiments/new' : `#/experiments/new?${text}`;
    }
    case 'edit':
      return `#/experiments/${encodeURIComponent(route.id)}/edit`;
    case 'results':
      return `#/experiments/${encodeURIComponent(route.id)}`;
    case 'journey':
      return route.journey ? `#/journey?journey=${encodeURIComponent(route.journey)}` : '#/journey';
    case 'journeys':
      return '#/journeys';
    case 'journey_new':
      return '#/journeys/new';
    case 'journey_edit':
      return `#/journeys/${encodeURIComponent(route.id)}`;
    case 'outbox':
      return '#/outbox';
  }
}
