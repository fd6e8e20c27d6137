/**
 * Code splitting by route: each page is its own chunk, loaded by a dynamic `import()` the first
 * time its route is shown, so the first load carries the shell and one page only. A loaded page
 * stays in memory (the module cache), so going back to it renders at once.
 */
import type { ComponentType } from 'preact';
import { useEffect, useState } from 'preact/hooks';

/** Loads a page's component (a dynamic import of its module). */
export type PageLoader<P> = () => Promise<ComponentType<P>>;

/** Properties of {@link LazyPage}. */
export interface LazyPageProps<P> {
  /** Loads the page's component; the same function for the same page (it keys the cache). */
  readonly load: PageLoader<P>;
  /** Properties passed to the page. */
  readonly props: P;
  /** Called once the page is rendered (the shell then moves focus to its heading). */
  readonly onShown?: () => void;
}

const loaded = new Map<PageLoader<never>, ComponentType<never>>();

/** Renders the page `load` yields, saying so while its chunk loads and if it fails to load. */
export function LazyPage<P extends object>({ load, props, onShown }: LazyPageProps<P>) {
  const cached = loaded.get(load as PageLoader<never>) as ComponentType<P> | undefined;
  const [state, setState] = useState<{ readonly load: PageLoader<P>; readonly page?: ComponentType<P>; readonly problem?: string }>({ load, ...(cached ? { page: cached } : {}) });
  const current = state.load === load ? state : { load, ...(cached ? { page: cached } : {}) };
  useEffect(() => {
    if (current.page) return;
    let live = true;
    load().then(
      (page) => {
        loaded.set(load as PageLoader<never>, page as ComponentType<never>);
        if (live) setState({ load, page });
      },
      (error: unknown) => live && setState({ load, problem: `This page could not be loaded (${error instanceof Error ? error.message : String(error)}). Reload to try again.` }),
    );
    return () => {
      live = false;
    };
  }, [load, current.page]);
  const Page = current.page;
  useEffect(() => {
    if (Page) onShown?.();
  }, [Page, onShown]);
  if (current.problem) {
    return (
      <p class="banner error" role="alert">
        {current.problem}
      </p>
    );
  }
  if (!Page) return <p aria-live="polite">Loading…</p>;
  return <Page {...props} />;
}
