/**
 * The app shell: header with navigation and the API key, then the page of the current route.
 * Focus moves to the page heading on navigation, so keyboard and screen-reader users follow.
 * Each page is its own chunk, loaded when its route is first shown (see {@link LazyPage}), but the
 * experiments list: it is where the app opens, so it comes with the entry (no second round trip).
 */
import { useCallback, useEffect, useRef, useState } from 'preact/hooks';
import { ApiKeyForm } from './components/api-key-form';
import { LazyPage } from './lazy-page';
import { ExperimentsPage } from './pages/experiments-page';
import type { EditorPageProps } from './pages/editor-page';
import type { JourneyEditorProps } from './pages/journeys/journey-editor-page';
import type { JourneyViewProps } from './views/journey/journey-view';
import type { ResultsViewProps } from './views/results/results-view';
import { type AppRoute, href, useRoute } from './router';
import { SessionProvider, useSession } from './session';

type NavRoute = 'experiments' | 'journeys' | 'journey' | 'outbox';

const NAV: readonly { readonly label: string; readonly route: NavRoute; readonly matches: readonly AppRoute['name'][] }[] = [
  { label: 'Experiments', route: 'experiments', matches: ['experiments', 'new', 'edit', 'results'] },
  { label: 'Journeys', route: 'journeys', matches: ['journeys', 'journey_new', 'journey_edit'] },
  { label: 'Journey map', route: 'journey', matches: ['journey'] },
  { label: 'Outbox', route: 'outbox', matches: ['outbox'] },
];

/** The pages but the list, one dynamic import (one chunk) each. */
const PAGES = {
  editor: () => import('./pages/editor-page').then((module) => module.EditorPage),
  results: () => import('./views/results/results-view').then((module) => module.ResultsView),
  journeyMap: () => import('./views/journey/journey-view').then((module) => module.JourneyView),
  outbox: () => import('./views/outbox/outbox-view').then((module) => module.OutboxView),
  journeys: () => import('./pages/journeys/journeys-page').then((module) => module.JourneysPage),
  journeyEditor: () => import('./pages/journeys/journey-editor-page').then((module) => module.JourneyEditorPage),
};

const NO_PROPS = {};

function Page({ route, onShown }: { readonly route: AppRoute; readonly onShown: () => void }) {
  switch (route.name) {
    case 'experiments':
      return <ExperimentsPage />;
    case 'new': {
      const props: EditorPageProps = {
        ...(route.from ? { cloneFrom: route.from } : {}),
        ...(route.stage ? { stage: route.stage } : {}),
        ...(route.segment ? { segment: route.segment } : {}),
        ...(route.segmentFrom ? { segmentFrom: route.segmentFrom } : {}),
      };
      return <LazyPage key={`new-${href(route)}`} load={PAGES.editor} props={props} onShown={onShown} />;
    }
    case 'edit':
      return <LazyPage key={`edit-${route.id}`} load={PAGES.editor} props={{ id: route.id } satisfies EditorPageProps} onShown={onShown} />;
    case 'results':
      return <LazyPage key={`results-${route.id}`} load={PAGES.results} props={{ id: route.id } satisfies ResultsViewProps} onShown={onShown} />;
    case 'journey':
      return <LazyPage key={`journey-map-${route.journey ?? ''}`} load={PAGES.journeyMap} props={(route.journey ? { journeyId: route.journey } : {}) satisfies JourneyViewProps} onShown={onShown} />;
    case 'journeys':
      return <LazyPage load={PAGES.journeys} props={NO_PROPS} onShown={onShown} />;
    case 'journey_new':
      return <LazyPage key="journey-new" load={PAGES.journeyEditor} props={{ id: undefined } satisfies JourneyEditorProps} onShown={onShown} />;
    case 'journey_edit':
      return <LazyPage key={`journey-${route.id}`} load={PAGES.journeyEditor} props={{ id: route.id } satisfies JourneyEditorProps} onShown={onShown} />;
    case 'outbox':
      return <LazyPage load={PAGES.outbox} props={NO_PROPS} onShown={onShown} />;
    case 'not_found':
      return (
        <section>
          <h1 tabIndex={-1}>Page not found</h1>
          <p>
            Nothing lives at <code>{route.path}</code>. <a href={href({ name: 'experiments' })}>Back to the experiments</a>.
          </p>
        </section>
      );
  }
}

function Shell() {
  const route = useRoute();
  const session = useSession();
  const main = useRef<HTMLElement>(null);
  const [shown, setShown] = useState(0);
  const onShown = useCallback(() => setShown((value) => value + 1), []);
  useEffect(() => {
    const heading = main.current?.querySelector<HTMLElement>('h1');
    if (heading && document.activeElement !== heading && document.activeElement?.closest('main') === null) heading.focus({ preventScroll: true });
  }, [route, shown]);
  return (
    <>
      <a class="skip-link" href="#main" onClick={(event) => { event.preventDefault(); main.current?.querySelector<HTMLElement>('h1')?.focus(); }}>
        Skip to content
      </a>
      <header class="app-header">
        <a class="brand" href={href({ name: 'experiments' })}>
          Channel Lab
        </a>
        <nav aria-label="Main">
          <ul>
            {NAV.map((item) => (
              <li key={item.route}>
                <a href={href({ name: item.route })} aria-current={item.matches.includes(route.name) ? 'page' : undefined}>
                  {item.label}
                </a>
              </li>
            ))}
          </ul>
        </nav>
        <ApiKeyForm />
      </header>
      {session.state === 'needs_key' || session.state === 'error' ? (
        <p class="banner error" role="alert">
          {session.problem}
        </p>
      ) : null}
      <main id="main" ref={main} data-route={route.name}>
        <Page route={route} onShown={onShown} />
      </main>
    </>
  );
}

/** The whole app. */
export function App() {
  return (
    <SessionProvider>
      <Shell />
    </SessionProvider>
  );
}
