/**
 * The triggered sends of an experiment that customer events trigger, on its results page: its
 * trigger and exits in words, then the live counts (triggered, waiting, sent, exited and why),
 * polled with `If-None-Match` like the results. The figures above them count decisions only; these
 * say what the trigger did before a decision (and what never became one).
 */
import type { Experiment } from '../../../../shared/domain/experiment/experiment';
import type { TriggerCountsResponse } from '../../../../shared/contracts/triggers';
import { api } from '../../api/client';
import { LiveCounts } from '../../components/live-counts';
import { codeParts, exitsShort, triggerSentence } from '../../components/trigger-words';
import { usePolled } from './use-polled';

/** Properties of {@link TriggeredSends}. */
export interface TriggeredSendsProps {
  /** The experiment (its trigger and exits). */
  readonly experiment: Pick<Experiment, 'id' | 'definition'>;
}

/** The trigger in words and its live counts, for an experiment with a trigger; nothing otherwise. */
export function TriggeredSends({ experiment }: TriggeredSendsProps) {
  const trigger = experiment.definition.trigger;
  const polled = usePolled<TriggerCountsResponse>(`trigger-counts:${experiment.id}`, (etag, signal) => api.triggerCounts(experiment.id, etag, signal));
  if (!trigger) return null;
  const exits = exitsShort(experiment.definition.exits);
  return (
    <section class="triggered-sends card" aria-labelledby="triggered-sends-heading" data-field="triggered-sends">
      <h2 id="triggered-sends-heading">Triggered sends</h2>
      <p data-field="trigger">
        Sent {codeParts(triggerSentence(trigger)).map((part, index) => (part.code ? <code key={index}>{part.text}</code> : <span key={index}>{part.text}</span>))}
        {trigger.where?.event || trigger.where?.customer ? ', when its filters match' : ''}.{exits ? ` It ${exits}.` : ''}
      </p>
      {polled.error ? (
        <p class="banner error" role="alert">
          {polled.error.message}
        </p>
      ) : null}
      <LiveCounts counts={polled.data} label={`${experiment.definition.name}: triggered sends`} />
      <p class="muted">A send is decided when it comes due: waiting and exited sends are not in the figures below, and a suppressed one (no channel the customer may receive) never became a decision.</p>
    </section>
  );
}
