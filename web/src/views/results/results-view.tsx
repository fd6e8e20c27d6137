/**
 * Results of one experiment: per segment what to do next, the arms as a chart and a table, the
 * holdout lift and the traffic share over time; follow-ups apart. Polls the results with
 * `If-None-Match` at the answer's `max-age` and says when the figures last changed. An admin key
 * also gets the lifecycle buttons (start, pause, resume, complete, archive), each asking first.
 */
import { useEffect, useState } from 'preact/hooks';
import type { Experiment } from '../../../../shared/domain/experiment/experiment';
import type { ExperimentResults } from '../../../../shared/domain/results/results-schema';
import { api } from '../../api/client';
import { channelName, count, ago, percent, plural, shortTime, stageName } from '../../charts/format';
import { LifecycleControls } from '../../components/lifecycle-controls';
import { href } from '../../router';
import { useSession } from '../../session';
import { SegmentResults } from './segment-results';
import { TriggeredSends } from './triggered-sends';
import { usePolled } from './use-polled';
import '../webviews.css';

/** Properties of {@link ResultsView}. */
export interface ResultsViewProps {
  readonly id: string;
}

/** Re-renders every `seconds` (for "checked 12 s ago"). */
function useNow(seconds: number): number {
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    const timer = setInterval(() => setNow(Date.now()), seconds * 1000);
    return () => clearInterval(timer);
  }, [seconds]);
  return now;
}

/** When the figures were computed and when this page last checked. */
function Freshness({ results, checkedAt, changedAt, everySeconds, onRefresh }: { readonly results: ExperimentResults; readonly checkedAt: number | undefined; readonly changedAt: number | undefined; readonly everySeconds: number; readonly onRefresh: () => void }) {
  const now = useNow(1);
  return (
    <p class="freshness" data-field="freshness">
      <span data-field="updated-at">
        {results.allocationVersion === 0 ? 'No allocator run yet' : `Figures of allocator run ${results.allocationVersion}, computed ${shortTime(results.updatedAt)}`}.
      </span>
      {results.refresh ? <span data-field="refresh-note"> {results.refresh.note}</span> : null}
      {changedAt === undefined ? null : <span> · last changed on this page {ago(changedAt, now)}</span>}
      {checkedAt === undefined ? null : <span> · checked {ago(checkedAt, now)}, again every {everySeconds} s</span>}{' '}
      <button type="button" class="link-button" onClick={onRefresh}>
        Check now
      </button>
    </p>
  );
}

function FollowUps({ results }: { readonly results: ExperimentResults }) {
  if (results.followUps.length === 0) return null;
  return (
    <section class="follow-ups" aria-labelledby="follow-ups-heading">
      <h2 id="follow-ups-heading">Follow-ups</h2>
      <p>Re-solicitations after silence are decisions of their own: they are not in the figures above. Raw rates.</p>
      <div class="table-wrap" tabIndex={0} role="region" aria-label="Follow-ups table (scrolls sideways)">
        <table>
          <caption>Follow-ups by step, segment and channel</caption>
          <thead>
            <tr>
              {['Step', 'Segment', 'Channel', 'Sends (matured)', 'Responses', 'Raw rate'].map((header) => (
                <th key={header} scope="col">
                  {header}
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {results.followUps.map((row) => (
              <tr key={`${row.step}-${row.segment}-${row.channel}`}>
                <th scope="row">{row.step}</th>
                <td>{row.segment}</td>
                <td>{channelName(row.channel)}</td>
                <td class="num">
                  {count(row.sends)} ({count(row.maturedSends)})
                </td>
                <td class="num">{count(row.responses)}</td>
                <td class="num">{percent(row.rate)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </section>
  );
}

/**
 * The experiment behind the results: its trigger (any key may read it) and, for an admin key, its
 * version for the lifecycle buttons. `undefined` until read; a problem reading it hides only what
 * needs it.
 */
function useExperiment(id: string): [Experiment | undefined, (experiment: Experiment) => void] {
  const session = useSession();
  const [experiment, setExperiment] = useState<Experiment | undefined>();
  useEffect(() => {
    if (session.state !== 'ok') return;
    let live = true;
    api.getExperiment(id).then(
      ({ body }) => live && setExperiment(body),
      () => undefined,
    );
    return () => {
      live = false;
    };
  }, [id, session.state]);
  return [experiment, setExperiment];
}

/** The results page of experiment `id`. */
export function ResultsView({ id }: ResultsViewProps) {
  const polled = usePolled<ExperimentResults>(`results:${id}`, (etag, signal) => api.results(id, etag, signal));
  const session = useSession();
  const [experiment, setExperiment] = useExperiment(id);
  const results = polled.data;
  return (
    <section class="results-view" data-allocation-version={results?.allocationVersion}>
      <p class="breadcrumb">
        <a href={href({ name: 'experiments' })}>Experiments</a> › Results
      </p>
      <h1 tabIndex={-1} id="results-title">
        {results ? results.name : 'Results'}
      </h1>
      {polled.error ? (
        <p class="banner error" role="alert">
          {polled.error.message}
          {results ? ' Showing the last figures received.' : ''}
        </p>
      ) : null}
      {!results ? (
        polled.error ? null : <p aria-live="polite">Loading results…</p>
      ) : (
        <>
          <dl class="meta">
            <dt>Stage</dt>
            <dd>{stageName(results.stage)}</dd>
            <dt>Status</dt>
            <dd data-field="status">{experiment?.status ?? results.status}</dd>
            <dt>Goal</dt>
            <dd>
              {results.goal.event} within {results.goal.windowHours} h
            </dd>
            <dt>Totals</dt>
            <dd>
              {plural(results.totals.sends, 'send')}, {plural(results.totals.responses, 'response')}
            </dd>
          </dl>
          {experiment && session.canEdit ? (
            <div class="results-actions">
              <LifecycleControls
                experiment={experiment}
                onChanged={(next) => {
                  setExperiment(next);
                  polled.refresh();
                }}
              />
              {experiment.status === 'draft' ? <a href={href({ name: 'edit', id: experiment.id })}>Edit the draft</a> : null}
            </div>
          ) : null}
          <Freshness results={results} checkedAt={polled.checkedAt} changedAt={polled.changedAt} everySeconds={polled.everySeconds} onRefresh={polled.refresh} />
          {experiment?.definition.trigger ? <TriggeredSends experiment={experiment} /> : null}
          {results.segments.map((segment) => (
            <SegmentResults key={segment.segment} results={results} segment={segment} />
          ))}
          <FollowUps results={results} />
        </>
      )}
    </section>
  );
}
