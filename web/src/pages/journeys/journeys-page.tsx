/**
 * The journeys: each with its stages in journey order, the experiments of each stage (with their
 * trigger in a few words), and its per-customer cap; links to its live counts on the journey map
 * and, for an admin key, to edit it or create a new one.
 */
import { useEffect, useState } from 'preact/hooks';
import type { JourneyResponse } from '../../../../shared/contracts/journeys';
import { api } from '../../api/client';
import { stageName } from '../../charts/format';
import { triggerShort } from '../../components/trigger-words';
import { href } from '../../router';
import { useSession } from '../../session';
import { capWords } from './journey-form';
import { type ExperimentIndex, useExperiments } from './use-experiments';

function JourneyCard({ journey, experiments, canEdit }: { readonly journey: JourneyResponse; readonly experiments: ExperimentIndex; readonly canEdit: boolean }) {
  return (
    <li class="card" data-journey={journey.id}>
      <h2>{journey.name}</h2>
      {journey.description ? <p>{journey.description}</p> : null}
      <p data-field="cap">Limit: {capWords(journey.cap)}.</p>
      <ol class="stage-flow" aria-label={`Stages of ${journey.name}`}>
        {journey.stages.map((entry) => (
          <li key={entry.stage} class="card" data-stage={entry.stage}>
            <strong>{stageName(entry.stage)}</strong>
            <ul>
              {entry.experimentIds.map((id) => {
                const experiment = experiments.byId.get(id);
                return (
                  <li key={id}>
                    <a href={href({ name: 'results', id })}>{experiment?.definition.name ?? id}</a>
                    {experiment?.definition.trigger ? <span class="muted"> · {triggerShort(experiment.definition.trigger)}</span> : null}
                  </li>
                );
              })}
            </ul>
          </li>
        ))}
      </ol>
      <div class="row-actions">
        <a class="button secondary" href={href({ name: 'journey', journey: journey.id })}>
          Live counts<span class="visually-hidden"> of {journey.name}</span>
        </a>
        {canEdit ? (
          <a class="button secondary" href={href({ name: 'journey_edit', id: journey.id })}>
            Edit<span class="visually-hidden"> {journey.name}</span>
          </a>
        ) : null}
      </div>
    </li>
  );
}

/** The journeys page. */
export function JourneysPage() {
  const session = useSession();
  const experiments = useExperiments();
  const [journeys, setJourneys] = useState<readonly JourneyResponse[] | undefined>();
  const [problem, setProblem] = useState<string | undefined>();
  useEffect(() => {
    if (session.state !== 'ok') return;
    let live = true;
    api.listJourneys().then(
      (page) => live && setJourneys(page.items),
      (error: unknown) => live && setProblem(error instanceof Error ? error.message : String(error)),
    );
    return () => {
      live = false;
    };
  }, [session.state]);
  return (
    <section class="journeys" data-count={journeys?.length}>
      <div class="page-head">
        <h1 tabIndex={-1}>Journeys</h1>
        {session.canEdit ? (
          <a class="button" href={href({ name: 'journey_new' })}>
            New journey
          </a>
        ) : null}
      </div>
      <p class="lede">A journey groups the experiments of several stages: a customer gets at most the journey's limit of its messages, and reaching a later stage cancels what an earlier stage still had waiting.</p>
      {problem ? (
        <p class="banner error" role="alert">
          {problem}
        </p>
      ) : null}
      {!journeys ? (
        problem ? null : <p aria-live="polite">Loading journeys…</p>
      ) : journeys.length === 0 ? (
        <p data-field="empty">No journey yet.{session.canEdit ? ' Create one from experiments that customer events trigger.' : ''}</p>
      ) : (
        <ul class="journey-list">
          {journeys.map((journey) => (
            <JourneyCard key={journey.id} journey={journey} experiments={experiments} canEdit={session.canEdit} />
          ))}
        </ul>
      )}
    </section>
  );
}
