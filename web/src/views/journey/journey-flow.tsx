/**
 * One journey on the journey map: its stages in order, each with its experiments' triggers and
 * exits in a few words ("after order_delivered + 2 d") and the live counts of its triggered sends
 * (triggered, waiting, sent, exited), polled with `If-None-Match` like the results page. A journey
 * chooser when there are several.
 */
import type { JourneyCountsResponse, JourneyResponse } from '../../../../shared/contracts/journeys';
import { ApiError } from '../../api/api-error';
import { api, type ListedExperiment } from '../../api/client';
import { shortTime, stageName } from '../../charts/format';
import { exitsShort, triggerShort } from '../../components/trigger-words';
import { href, navigate } from '../../router';
import { usePolled } from '../results/use-polled';
import { LiveCounts } from '../../components/live-counts';

/** Properties of {@link JourneyFlow}. */
export interface JourneyFlowProps {
  /** Every journey (for the chooser). */
  readonly journeys: readonly JourneyResponse[];
  /** The journey shown. */
  readonly journey: JourneyResponse;
  /** The experiments, by id (names, triggers, exits). */
  readonly experiments: ReadonlyMap<string, ListedExperiment>;
}

function countsProblem(error: Error | undefined): string | undefined {
  if (!error) return undefined;
  if (error instanceof ApiError && error.status === 404) return `Live counts are not available here (${error.message}).`;
  return error.message;
}

/** One journey's stages, triggers and live counts. */
export function JourneyFlow({ journeys, journey, experiments }: JourneyFlowProps) {
  const polled = usePolled<JourneyCountsResponse>(`journey-counts:${journey.id}`, (etag, signal) => api.journeyCounts(journey.id, etag, signal));
  const report = polled.data;
  const problem = countsProblem(polled.error);
  return (
    <section class="journey-flow card" aria-labelledby="journey-flow-heading" data-journey={journey.id} data-counts-at={report?.at}>
      <h2 id="journey-flow-heading">Journey: {journey.name}</h2>
      {journeys.length > 1 ? (
        <div class="field inline-field">
          <label for="journey-choice">Show the journey</label>
          <select id="journey-choice" value={journey.id} onChange={(event) => navigate({ name: 'journey', journey: event.currentTarget.value })}>
            {journeys.map((option) => (
              <option key={option.id} value={option.id}>
                {option.name}
              </option>
            ))}
          </select>
        </div>
      ) : null}
      {problem ? (
        <p class="banner error" role="alert">
          {problem}
        </p>
      ) : null}
      <LiveCounts counts={report?.counts} label={`${journey.name}: the whole journey`} />
      {report ? (
        <p class="muted" data-field="counts-at">
          Counted {shortTime(report.at)}; checked again every {polled.everySeconds} s.
        </p>
      ) : null}
      <ol class="stage-flow">
        {journey.stages.map((entry) => {
          const stageReport = report?.stages.find((stage) => stage.stage === entry.stage);
          return (
            <li key={entry.stage} class="card" data-stage={entry.stage}>
              <h3>{stageName(entry.stage)}</h3>
              <ul class="stage-experiments">
                {entry.experimentIds.map((id) => {
                  const experiment = experiments.get(id);
                  const trigger = experiment?.definition.trigger;
                  const exits = exitsShort(experiment?.definition.exits);
                  return (
                    <li key={id} data-experiment={id}>
                      <a href={href({ name: 'results', id })}>{experiment?.definition.name ?? id}</a>
                      <br />
                      <span data-field="trigger">{trigger ? triggerShort(trigger) : 'not triggered (sent by the API)'}</span>
                      {exits ? (
                        <>
                          <br />
                          <span class="muted" data-field="exits">
                            {exits}
                          </span>
                        </>
                      ) : null}
                    </li>
                  );
                })}
              </ul>
              <LiveCounts counts={stageReport?.counts} label={`${stageName(entry.stage)}: live counts`} />
            </li>
          );
        })}
      </ol>
    </section>
  );
}
