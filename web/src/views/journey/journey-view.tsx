/**
 * The journey map: first the journey chosen (`#/journey?journey=<id>`, else the newest), its stages
 * with their triggers and live counts; then journey stages (columns) × segments (rows), each slot
 * saying the best channel, its rate and interval and how sure we are, with links to the experiments
 * behind it. A stage no experiment tests is shown as a gap to test; a stage's triggered experiments
 * are named in its column head. Polls `GET /v1/insights/touchpoints` and the journey's counts.
 */
import { useEffect, useState } from 'preact/hooks';
import type { JourneyResponse } from '../../../../shared/contracts/journeys';
import type { JourneyStage } from '../../../../shared/domain/experiment/journey-stages';
import { api, type ListedExperiment, type TouchpointMap, conditionalGet } from '../../api/client';
import { ChannelMarker } from '../../charts/channel-marker';
import { channelName, plural, stageName } from '../../charts/format';
import { triggerShort } from '../../components/trigger-words';
import { href } from '../../router';
import { usePolled } from '../results/use-polled';
import { JourneyFlow } from './journey-flow';
import { type GridSlot, journeyGrid, LIKELY_PROBABILITY, MIN_CELL_SENDS, type PendingExperiment, type SlotEntry, SURE_PROBABILITY, type Sureness } from './journey-grid';
import '../webviews.css';

/** Statuses of experiments that may still feed the map (drafts will, running ones before their first allocation). */
const PENDING_STATUSES: readonly string[] = ['draft', 'running', 'paused'];
/** Experiments read for the "awaiting results" notes. */
const LISTED_EXPERIMENTS = 100;

const SURENESS_WORDS: Readonly<Record<Sureness, string>> = { sure: 'Sure', likely: 'Likely', unclear: 'Unclear', too_early: 'Too early' };

function Entry({ entry, showGoal }: { readonly entry: SlotEntry; readonly showGoal: boolean }) {
  const { cell } = entry;
  return (
    <div class={`journey-entry sureness-${entry.sureness}`} data-channel={cell.channel} data-sureness={entry.sureness}>
      {showGoal ? <p class="goal">Goal: {cell.goal}</p> : null}
      <p class="best">
        {entry.sureness === 'too_early' ? null : <ChannelMarker channel={cell.channel} size={14} />} <span class={`sureness-badge sureness-badge-${entry.sureness}`}>{cell.verdict === 'winner' && entry.sureness !== 'too_early' ? 'Winner' : SURENESS_WORDS[entry.sureness]}</span>
      </p>
      <p class="headline" data-field="headline">
        {entry.headline}
      </p>
      {entry.caveat ? <p class="caveat">{entry.caveat}</p> : null}
      <ul class="experiments">
        {cell.experiments.map((experiment) => (
          <li key={experiment.experimentId}>
            <a href={href({ name: 'results', id: experiment.experimentId })}>{experiment.name}</a> ({experiment.status}
            {experiment.winner ? `, winner ${channelName(experiment.winner)}` : `, leads ${channelName(experiment.leader)}`}, {experiment.sends} sends)
          </li>
        ))}
      </ul>
    </div>
  );
}

function Slot({ slot, stageTested, showGoal, segmentFrom }: { readonly slot: GridSlot; readonly stageTested: boolean; readonly showGoal: boolean; readonly segmentFrom: string | undefined }) {
  if (slot.entries.length > 0) {
    return (
      <>
        {slot.entries.map((entry) => (
          <Entry key={entry.cell.goal} entry={entry} showGoal={showGoal} />
        ))}
      </>
    );
  }
  return (
    <p class={stageTested ? 'not-tested' : 'gap'}>
      {stageTested ? 'Not tested for this segment' : 'Gap: nothing tested yet'} ·{' '}
      <a href={href({ name: 'new', stage: slot.stage, segment: slot.segment, ...(segmentFrom ? { segmentFrom } : {}) })} data-field="test-gap">
        test it<span class="visually-hidden">: {stageName(slot.stage)} for {slot.segment}</span>
      </a>
    </p>
  );
}

/** An experiment that defines a row's segment (any experiment behind one of its slots), whose rule a new test copies. */
function segmentSource(row: readonly GridSlot[]): string | undefined {
  return row.flatMap((slot) => slot.entries.flatMap((entry) => entry.cell.experiments.map((experiment) => experiment.experimentId)))[0];
}

function pendingOf(items: readonly ListedExperiment[] | undefined): PendingExperiment[] {
  return (items ?? [])
    .filter((experiment) => PENDING_STATUSES.includes(experiment.status))
    .map((experiment) => ({ id: experiment.id, name: experiment.definition.name, status: experiment.status, stage: experiment.definition.stage as JourneyStage }));
}

/** Properties of {@link JourneyView}. */
export interface JourneyViewProps {
  /** The journey whose triggers and live counts are shown (default: the newest). */
  readonly journeyId?: string;
}

/** The journeys, read once (`undefined` until read; empty when they could not be). */
function useJourneys(): readonly JourneyResponse[] | undefined {
  const [journeys, setJourneys] = useState<readonly JourneyResponse[] | undefined>();
  useEffect(() => {
    let live = true;
    api.listJourneys().then(
      (page) => live && setJourneys(page.items),
      () => live && setJourneys([]),
    );
    return () => {
      live = false;
    };
  }, []);
  return journeys;
}

/** The triggered experiments of a stage in a few words: `Survey: after order_delivered + 2 d`. */
function stageTriggers(items: readonly ListedExperiment[] | undefined, stage: JourneyStage): string[] {
  return (items ?? []).flatMap((experiment) => (experiment.definition.stage === stage && experiment.definition.trigger && experiment.status !== 'archived' ? [`${experiment.definition.name}: ${triggerShort(experiment.definition.trigger)}`] : []));
}

/** The journey map page. */
export function JourneyView({ journeyId }: JourneyViewProps) {
  const journeys = useJourneys();
  const shown = journeys?.find((journey) => journey.id === journeyId) ?? (journeyId ? undefined : journeys?.[0]);
  const map = usePolled<TouchpointMap>('touchpoints', (etag, signal) => conditionalGet<TouchpointMap>('/v1/insights/touchpoints', etag, signal));
  const listed = usePolled<{ items: readonly ListedExperiment[] }>('journey-experiments', (etag, signal) => conditionalGet(`/v1/experiments?limit=${LISTED_EXPERIMENTS}`, etag, signal));
  const cells = map.data?.cells ?? [];
  const grid = journeyGrid(cells, pendingOf(listed.data?.items));
  const goals = new Set(cells.map((cell) => cell.goal));
  return (
    <section class="journey-view" data-cells={map.data ? cells.length : undefined}>
      <h1 tabIndex={-1}>Journey map</h1>
      <p class="lede">
        Which channel works best at each stage of the journey, for each segment, pooled over running and completed experiments. Rates of different goals are never pooled.
      </p>
      {shown && listed.data ? <JourneyFlow journeys={journeys ?? []} journey={shown} experiments={new Map((listed.data?.items ?? []).map((item) => [item.id, item]))} /> : null}
      {journeys && journeyId && !shown ? (
        <p class="banner error" role="alert">
          No journey {journeyId}. <a href={href({ name: 'journeys' })}>See the journeys</a>.
        </p>
      ) : null}
      {journeys && journeys.length === 0 ? (
        <p data-field="no-journey">
          No journey yet: <a href={href({ name: 'journeys' })}>group triggered experiments into a journey</a> to see each stage's triggers and live counts here.
        </p>
      ) : null}
      {map.error ? (
        <p class="banner error" role="alert">
          {map.error.message}
        </p>
      ) : null}
      {!map.data ? (
        map.error ? null : <p aria-live="polite">Loading the journey map…</p>
      ) : (
        <>
          {map.data.truncated ? <p class="banner">Only the newest experiments were read: the map leaves older ones out.</p> : null}
          {grid.segments.length === 0 ? (
            <p class="gap" data-field="empty">
              No experiment has results yet: every stage is a gap to test. <a href={href({ name: 'new' })}>Create an experiment</a>.
            </p>
          ) : null}
          <div class="journey-wrap" tabIndex={0} role="region" aria-label="Journey map (scrolls sideways)">
            <table class="journey-grid">
              <caption>Best channel per journey stage and segment ({plural(map.data.experimentsConsidered, 'experiment')} considered)</caption>
              <thead>
                <tr>
                  <th scope="col">Segment</th>
                  {grid.stages.map((stage) => (
                    <th key={stage.stage} scope="col" data-stage={stage.stage} class={stage.tested ? undefined : 'stage-gap'}>
                      {stageName(stage.stage)}
                      {stage.tested ? null : <span class="stage-note"> · gap to test</span>}
                      {stageTriggers(listed.data?.items, stage.stage).map((words) => (
                        <span key={words} class="stage-note" data-field="stage-trigger">
                          {' '}
                          · {words}
                        </span>
                      ))}
                      {stage.pending.length > 0 ? (
                        <span class="stage-note">
                          {' '}
                          · awaiting results:{' '}
                          {stage.pending.map((experiment, index) => (
                            <span key={experiment.id}>
                              {index > 0 ? ', ' : ''}
                              <a href={href({ name: 'results', id: experiment.id })}>{experiment.name}</a> ({experiment.status})
                            </span>
                          ))}
                        </span>
                      ) : null}
                    </th>
                  ))}
                </tr>
              </thead>
              <tbody>
                {grid.segments.map((segment, row) => (
                  <tr key={segment} data-segment={segment}>
                    <th scope="row">{segment}</th>
                    {(grid.slots[row] ?? []).map((slot, column) => (
                      <td key={slot.stage} data-stage={slot.stage} data-label={stageName(slot.stage)}>
                        <Slot slot={slot} stageTested={grid.stages[column]?.tested ?? false} showGoal={goals.size > 1 || slot.entries.length > 1} segmentFrom={segmentSource(grid.slots[row] ?? [])} />
                      </td>
                    ))}
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
          <p class="legend">
            <strong>How sure:</strong> Sure = P(best) ≥ {SURE_PROBABILITY * 100} %; Likely ≥ {LIKELY_PROBABILITY * 100} %; Unclear below; Too early while a channel has fewer than {MIN_CELL_SENDS} sends. The interval is the 95 % credible interval of the pooled rate.
          </p>
        </>
      )}
    </section>
  );
}
