/**
 * Hash routes of the app: `#/experiments`, `#/experiments/new` (`?from=<id>` clones), `#/experiments/:id/edit`,
 * `#/experiments/:id` (results), `#/journey`, `#/outbox`. Hash routing needs no server rewrite:
 * the same `index.html` serves every route, locally and from CloudFront.
 */
import { useEffect, useState } from 'preact/hooks';

/** A parsed route. */
export type AppRoute =
  | { readonly name: 'experiments' }
  | { readonly name: 'new'; readonly from?: string }
  | { readonly name: 'edit'; readonly id: string }
  | { readonly name: 'results'; readonly id: string }
  | { readonly name: 'journey' }
  | { readonly name: 'outbox' }
  | { readonly name: 'not_found'; readonly path: string };

/** The route of a location hash (`#/experiments/abc`); an empty hash is the experiments list. */
export function parseRoute(hash: string): AppRoute {
  const [rawPath = '', rawQuery = ''] = hash.replace(/^#/, '').split('?', 2);
  const path = rawPath.replace(/\/+$/, '') || '/experiments';
  const query = new URLSearchParams(rawQuery);
  const parts = path.split('/').filter((part) => part !== '').map(decodeURIComponent);
  if (parts[0] === 'experiments') {
    if (parts.length === 1) return { name: 'experiments' };
    if (parts.length === 2 && parts[1] === 'new') {
      const from = query.get('from');
      return from ? { name: 'new', from } : { name: 'new' };
    }
    if (parts.length === 2 && parts[1]) return { name: 'results', id: parts[1] };
    if (parts.length === 3 && parts[1] && parts[2] === 'edit') return { name: 'edit', id: parts[1] };
  }
  if (parts.length === 1 && parts[0] === 'journey') return { name: 'journey' };
  if (parts.length === 1 && parts[0] === 'outbox') return { name: 'outbox' };
  return { name: 'not_found', path };
}

/** The hash link of a route. */
export function href(route: Exclude<AppRoute, { name: 'not_found' }>): string {
  switch (route.name) {
    case 'experiments':
      return '#/experiments';
    case 'new':
      return route.from ? `#/experiments/new?from=${encodeURIComponent(route.from)}` : '#/experiments/new';
    case 'edit':
      return `#/experiments/${encodeURIComponent(route.id)}/edit`;
    case 'results':
      return `#/experiments/${encodeURIComponent(route.id)}`;
    case 'journey':
      return '#/journey';
    case 'outbox':
      return '#/outbox';
  }
}

/** Goes to a route (adds a history entry). */
export function navigate(route: Exclude<AppRoute, { name: 'not_found' }>): void {
  window.location.hash = href(route);
}

/** The current route, following `hashchange`. */
export function useRoute(): AppRoute {
  const [route, setRoute] = useState(() => parseRoute(window.location.hash));
  useEffect(() => {
    const onChange = () => setRoute(parseRoute(window.location.hash));
    window.addEventListener('hashchange', onChange);
    return () => window.removeEventListener('hashchange', onChange);
  }, []);
  return route;
}
