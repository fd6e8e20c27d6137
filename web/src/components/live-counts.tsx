/** The live counts of triggered sends: triggered, waiting, sent, exited, and why sends exited. */
import type { TriggerCounts } from '../../../shared/domain/triggers/pending-send';
import { countFigures, exitNote } from '../views/journey/journey-counts-words';

/** Properties of {@link LiveCounts}. */
export interface LiveCountsProps {
  /** The counts; absent until the first answer. */
  readonly counts: TriggerCounts | undefined;
  /** The accessible name of the figures (whose counts they are). */
  readonly label: string;
}

/** Triggered, waiting, sent, exited as a description list, then why sends exited, if any did. */
export function LiveCounts({ counts, label }: LiveCountsProps) {
  if (!counts) return <p class="muted">No live counts yet.</p>;
  const note = exitNote(counts);
  return (
    <>
      <dl class="counts" aria-label={label}>
        {countFigures(counts).map((figure) => (
          <div key={figure.key}>
            <dt>{figure.label}</dt>
            <dd data-count={figure.key}>{figure.text}</dd>
          </div>
        ))}
      </dl>
      {note ? (
        <p class="muted" data-field="exit-note">
          {note}
        </p>
      ) : null}
    </>
  );
}
