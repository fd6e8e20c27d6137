/**
 * Results of one experiment (owned by the "webviews" work: charts of rate and interval per arm,
 * P(best), expected loss, traffic share over time, holdout lift, what to do next; polls with
 * If-None-Match). Placeholder until it lands: keeps the route working.
 */
import { href } from '../../router';

/** Properties of {@link ResultsView}. */
export interface ResultsViewProps {
  /** Experiment id. */
  readonly id: string;
}

/** The results page of experiment `id`. */
export function ResultsView({ id }: ResultsViewProps) {
  return (
    <section>
      <h1 tabIndex={-1}>Results</h1>
      <p>
        Results of <code>{id}</code> are coming here. <a href={href({ name: 'experiments' })}>Back to the experiments</a>.
      </p>
    </section>
  );
}
