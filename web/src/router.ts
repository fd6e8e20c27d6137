/**
 * Following the hash route in the app: {@link useRoute} and {@link navigate}. The routes themselves
 * (parsing a hash, the link of a route) are in `routes.ts`.
 */
import { useEffect, useState } from 'preact/hooks';
import { type AppRoute, type LinkableRoute, href, parseRoute } from './routes';

export { type AppRoute, type LinkableRoute, type NewExperimentPrefill, href, parseRoute } from './routes';

/** Goes to a route (adds a history entry). */
export function navigate(route: LinkableRoute): void {
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
