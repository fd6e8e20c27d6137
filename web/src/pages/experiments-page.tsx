/**
 * The experiments list: status, stage, segments, the leader or winner of each segment in words,
 * sends and responses; filters by status and stage (asked of the API), a search over what the rows
 * show; clone into a new draft, edit a draft, run an experiment (admin keys only).
 */
import { useEffect, useMemo, useState } from 'preact/hooks';
import { JOURNEY_STAGES, type JourneyStage } from '../../../shared/domain/experiment/journey-stages';
import { EXPERIMENT_STATUSES, type ExperimentStatus } from '../../../shared/domain/experiment/lifecycle-states';
import { api, type ListedExperiment } from '../api/client';
import { count, stageName } from '../charts/format';
import { LifecycleControls } from '../components/lifecycle-controls';
import { href } from '../router';
import { useSession } from '../session';
import { matchesSearch, segmentList, verdicts } from './experiments/list-model';

/** Experiments asked per page. */
const PAGE_SIZE = 50;

function StatusBadge({ status }: { readonly status: ExperimentStatus }) {
  return (
    <span class={`status status-${status}`} data-field="status">
      {status}
    </span>
  );
}

function ExperimentRow({ experiment, onChanged }: { readonly experiment: ListedExperiment; readonly onChanged: () => void }) {
  const session = useSession();
  const { definition } = experiment;
  return (
    <li class="experiment card" data-id={experiment.id}>
      <div class="experiment-head">
        <h2>
          <a href={href({ name: 'results', id: experiment.id })}>{definition.name}</a>
        </h2>
        <StatusBadge status={experiment.status} />
      </div>
      <dl class="facts">
        <div>
          <dt>Stage</dt>
          <dd data-field="stage">{stageName(definition.stage)}</dd>
        </div>
        <div>
          <dt>Segments</dt>
          <dd data-field="segments">{segmentList(experiment).join(', ')}</dd>
        </div>
        <div>
          <dt>Sends</dt>
          <dd data-field="sends">{count(experiment.summary?.sends ?? 0)}</dd>
        </div>
        <div>
          <dt>Responses</dt>
          <dd data-field="responses">{count(experiment.summary?.responses ?? 0)}</dd>
        </div>
      </dl>
      <ul class="verdicts" data-field="verdicts" aria-label="Leader or winner per segment">
        {verdicts(experiment).map((verdict) => (
          <li key={verdict}>{verdict}</li>
        ))}
      </ul>
      {session.canEdit ? (
        <div class="row-actions">
          {experiment.status === 'draft' ? (
            <a class="button secondary" href={href({ name: 'edit', id: experiment.id })}>
              Edit<span class="visually-hidden"> {definition.name}</span>
            </a>
          ) : null}
          <a class="button secondary" href={href({ name: 'new', from: experiment.id })}>
            Clone<span class="visually-hidden"> {definition.name}</span>
          </a>
          <LifecycleControls experiment={experiment} onChanged={onChanged} />
        </div>
      ) : null}
    </li>
  );
}

/** The list of experiments. */
export function ExperimentsPage() {
  const session = useSession();
  const [status, setStatus] = useState<ExperimentStatus | ''>('');
  const [stage, setStage] = useState<JourneyStage | ''>('');
  const [search, setSearch] = useState('');
  const [items, setItems] = useState<readonly ListedExperiment[] | undefined>();
  const [nextCursor, setNextCursor] = useState<string | undefined>();
  const [problem, setProblem] = useState<string | undefined>();
  const [reload, setReload] = useState(0);

  useEffect(() => {
    if (session.state !== 'ok') return;
    let live = true;
    setProblem(undefined);
    api.listExperiments({ limit: PAGE_SIZE, ...(status ? { status } : {}), ...(stage ? { stage } : {}) }).then(
      (page) => {
        if (!live) return;
        setItems(page.items);
        setNextCursor(page.nextCursor);
      },
      (error: unknown) => live && setProblem(error instanceof Error ? error.message : String(error)),
    );
    return () => {
      live = false;
    };
  }, [status, stage, reload, session.state]);

  const loadMore = async () => {
    if (!nextCursor) return;
    try {
      const page = await api.listExperiments({ limit: PAGE_SIZE, cursor: nextCursor, ...(status ? { status } : {}), ...(stage ? { stage } : {}) });
      setItems([...(items ?? []), ...page.items]);
      setNextCursor(page.nextCursor);
    } catch (error) {
      setProblem(error instanceof Error ? error.message : String(error));
    }
  };

  const shown = useMemo(() => (items ?? []).filter((experiment) => matchesSearch(experiment, search)), [items, search]);

  return (
    <section class="experiments-page">
      <div class="page-head">
        <h1 tabIndex={-1}>Experiments</h1>
        {session.canEdit ? (
          <a class="button" href={href({ name: 'new' })}>
            New experiment
          </a>
        ) : null}
      </div>
      <form class="filters row" role="search" aria-label="Filter experiments" onSubmit={(event) => event.preventDefault()}>
        <div class="field">
          <label for="filter-search">Search</label>
          <input id="filter-search" type="search" value={search} placeholder="Name, segment, channel…" onInput={(event) => setSearch(event.currentTarget.value)} />
        </div>
        <div class="field">
          <label for="filter-status">Status</label>
          <select id="filter-status" value={status} onChange={(event) => setStatus(event.currentTarget.value as ExperimentStatus | '')}>
            <option value="">Any status</option>
            {EXPERIMENT_STATUSES.map((value) => (
              <option key={value} value={value}>
                {value}
              </option>
            ))}
          </select>
        </div>
        <div class="field">
          <label for="filter-stage">Stage</label>
          <select id="filter-stage" value={stage} onChange={(event) => setStage(event.currentTarget.value as JourneyStage | '')}>
            <option value="">Any stage</option>
            {JOURNEY_STAGES.map((value) => (
              <option key={value} value={value}>
                {stageName(value)}
              </option>
            ))}
          </select>
        </div>
      </form>
      {problem ? (
        <p class="error-text" role="alert">
          {problem}
        </p>
      ) : null}
      {items === undefined && !problem ? <p aria-live="polite">Loading experiments…</p> : null}
      {items !== undefined ? (
        <p class="muted" aria-live="polite" data-testid="list-count">
          {shown.length === items.length ? `${items.length} experiment${items.length === 1 ? '' : 's'}` : `${shown.length} of ${items.length} experiments match “${search}”`}
        </p>
      ) : null}
      {items !== undefined && items.length === 0 && !status && !stage ? (
        <p>
          No experiment yet.{' '}
          {session.canEdit ? <a href={href({ name: 'new' })}>Define the first one</a> : 'An admin key can define one.'}
        </p>
      ) : null}
      <ul class="experiment-list">
        {shown.map((experiment) => (
          <ExperimentRow key={experiment.id} experiment={experiment} onChanged={() => setReload((value) => value + 1)} />
        ))}
      </ul>
      {nextCursor ? (
        <button type="button" class="secondary" onClick={() => void loadMore()}>
          Load more experiments
        </button>
      ) : null}
    </section>
  );
}
