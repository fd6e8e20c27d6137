/** The experiments list (placeholder of the scaffold). */
import { href } from '../router';
import { useSession } from '../session';

/** The list of experiments. */
export function ExperimentsPage() {
  const session = useSession();
  return (
    <section>
      <h1 tabIndex={-1}>Experiments</h1>
      {session.canEdit ? (
        <p>
          <a class="button" href={href({ name: 'new' })}>
            New experiment
          </a>
        </p>
      ) : null}
    </section>
  );
}
