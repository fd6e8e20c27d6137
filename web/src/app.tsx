/**
 * The app shell: header with navigation and the API key, then the page of the current route.
 * Focus moves to the page heading on navigation, so keyboard and screen-reader users follow.
 */
import { useEffect, useRef } from 'preact/hooks';
import { ApiKeyForm } from './components/api-key-form';
import { EditorPage } from './pages/editor-page';
import { ExperimentsPage } from './pages/experiments-page';
import { type AppRoute, href, useRoute } from './router';
import { SessionProvider, useSession } from './session';
import { JourneyView } from './views/journey/journey-view';
import { OutboxView } from './views/outbox/outbox-view';
import { ResultsView } from './views/results/results-view';

const NAV: readonly { readonly label: string; readonly route: 'experiments' | 'journey' | 'outbox'; readonly matches: readonly AppRoute['name'][] }[] = [
  { label: 'Experiments', route: 'experiments', matches: ['experiments', 'new', 'edit', 'results'] },
  { label: 'Journey map', route: 'journey', matches: ['journey'] },
  { label: 'Outbox', route: 'outbox', matches: ['outbox'] },
];

function Page({ route }: { readonly route: AppRoute }) {
  switch (route.name) {
    case 'experiments':
      return <ExperimentsPage />;
    case 'new':
      return <EditorPage key={`new-${route.from ?? ''}`} {...(route.from ? { cloneFrom: route.from } : {})} />;
    case 'edit':
      return <EditorPage key={`edit-${route.id}`} id={route.id} />;
    case 'results':
      return <ResultsView id={route.id} />;
    case 'journey':
      return <JourneyView />;
    case 'outbox':
      return <OutboxView />;
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
  useEffect(() => {
    const heading = main.current?.querySelector<HTMLElement>('h1');
    if (heading && document.activeElement !== heading && document.activeElement?.closest('main') === null) heading.focus({ preventScroll: true });
  }, [route]);
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
        <Page route={route} />
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
