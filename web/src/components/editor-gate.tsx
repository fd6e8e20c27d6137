import type { ComponentChildren } from 'preact';
import { href, type LinkableRoute } from '../router';
import type { Session } from '../session';

/** What an editor page is waiting on before it can show its form. */
export interface EditorGateState {
  /** The page's heading. */
  readonly title: string;
  /** The tab's session (an editor needs the admin scope). */
  readonly session: Pick<Session, 'state' | 'canEdit'>;
  /** What the page defines, plural, e.g. "experiments". */
  readonly things: string;
  /** Where the read-only message sends the reader back to. */
  readonly back: LinkableRoute;
  /** Why the item could not be loaded, if it could not. */
  readonly loadProblem: string | undefined;
  /** Whether the form is ready. */
  readonly loaded: boolean;
}

const page = (title: string, body: ComponentChildren) => (
  <section>
    <h1 tabIndex={-1}>{title}</h1>
    {body}
  </section>
);

/**
 * The page an editor shows instead of its form, while access is checked, for a key that may not
 * edit, when loading failed, or while loading; `undefined` once the form can be shown.
 */
export function editorGate({ title, session, things, back, loadProblem, loaded }: EditorGateState) {
  if (session.state === 'loading') return page(title, <p>Checking access…</p>);
  if (!session.canEdit) {
    return page(
      title,
      <p data-testid="read-only">
        Your API key can read {things} but not define them: that needs a key with the “admin” scope. <a href={href(back)}>Back to the {things}</a>.
      </p>,
    );
  }
  if (loadProblem) return page(title, <p class="error-text" role="alert">{loadProblem}</p>);
  if (!loaded) return page(title, <p aria-live="polite">Loading…</p>);
  return undefined;
}
