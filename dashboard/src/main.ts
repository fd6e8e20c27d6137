/**
 * The Channel Lab dashboard: lists experiments, and for the chosen one shows per segment and
 * channel the figures of `GET /v1/experiments/{id}/results`, polling with `If-None-Match`.
 * Every piece of API data goes into the page through `textContent` (never as HTML).
 */
import type { ArmResultView, ExperimentResults, SegmentResultView } from '../../shared/domain/results/results-schema';
import type { HistoryPoint } from './chart-geometry';
import { renderChart } from './chart';
import { count, percent, pollSeconds, rateWithInterval, ratePoints, shortTime, signedPercent, signedPoints } from './format';

/** `sessionStorage` key of the API key. */
const KEY_STORAGE = 'channel-lab.api-key';

interface ListedExperiment {
  readonly id: string;
  readonly status: string;
  readonly definition: { readonly name: string; readonly stage: string };
  readonly summary?: { readonly line: string };
}

interface State {
  experiments: readonly ListedExperiment[];
  listEtag: string | undefined;
  selected: string | undefined;
  results: ExperimentResults | undefined;
  resultsEtag: string | undefined;
  timer: ReturnType<typeof setTimeout> | undefined;
  nextPollSeconds: number;
}

const state: State = { experiments: [], listEtag: undefined, selected: undefined, results: undefined, resultsEtag: undefined, timer: undefined, nextPollSeconds: 0 };
const pollOverride = new URLSearchParams(location.search).get('poll');

function byId<T extends HTMLElement>(id: string): T {
  const element = document.getElementById(id);
  if (!element) throw new Error(`missing #${id}`);
  return element as T;
}

/** Creates an element with attributes and text or children. */
function el<K extends keyof HTMLElementTagNameMap>(tag: K, attributes: Record<string, string> = {}, ...children: (Node | string)[]): HTMLElementTagNameMap[K] {
  const element = document.createElement(tag);
  for (const [name, value] of Object.entries(attributes)) element.setAttribute(name, value);
  element.append(...children);
  return element;
}

function apiKey(): string {
  try {
    return sessionStorage.getItem(KEY_STORAGE) ?? '';
  } catch {
    return '';
  }
}

function setStatus(text: string, isError = false): void {
  const status = byId('status');
  status.textContent = text;
  status.classList.toggle('error', isError);
  byId('error').textContent = isError ? text : '';
}

/** A GET with the key and, when we hold one, the ETag; 304 answers `undefined` body. */
async function get(path: string, etag: string | undefined): Promise<{ status: number; etag: string | undefined; cacheControl: string | null; body: unknown }> {
  const headers: Record<string, string> = { accept: 'application/json' };
  const key = apiKey();
  if (key) headers['x-api-key'] = key;
  if (etag) headers['if-none-match'] = etag;
  const response = await fetch(path, { headers, cache: 'no-store' });
  const body = response.status === 304 ? undefined : await response.json().catch(() => undefined);
  if (response.status !== 200 && response.status !== 304) {
    const message = (body as { error?: { message?: string } } | undefined)?.error?.message ?? response.statusText;
    const hint = response.status === 401 || response.status === 403 ? ' Enter an API key with the read scope above.' : '';
    throw new Error(`${path} answered ${response.status}: ${message}.${hint}`);
  }
  return { status: response.status, etag: response.headers.get('etag') ?? undefined, cacheControl: response.headers.get('cache-control'), body };
}

function renderExperimentList(): void {
  const select = byId<HTMLSelectElement>('experiment');
  const previous = select.value;
  select.replaceChildren(el('option', { value: '' }, state.experiments.length === 0 ? 'No experiments yet' : 'Choose an experiment…'));
  for (const experiment of state.experiments) {
    select.append(el('option', { value: experiment.id }, `${experiment.definition.name} · ${experiment.definition.stage} · ${experiment.status}`));
  }
  select.value = state.selected ?? previous;
  const chosen = state.experiments.find((experiment) => experiment.id === state.selected);
  byId('summary').textContent = chosen?.summary?.line ?? '';
}

function armStatus(segment: SegmentResultView, arm: ArmResultView): string {
  if (segment.winner === arm.channel) return 'Winner';
  if (segment.winner === null && segment.leader === arm.channel) return 'Leader';
  return '';
}

function segmentVerdict(segment: SegmentResultView): string {
  if (segment.winner) return `Winner: ${segment.winner} (declared by the stopping rule)`;
  if (segment.leader) return `Leader: ${segment.leader} (no winner yet${segment.inBurnIn ? '; still in burn-in, traffic split evenly' : ''})`;
  return 'No allocation yet: no leader';
}

function holdoutLine(segment: SegmentResultView): string {
  const { holdout } = segment;
  if (holdout.sends === 0) return 'Holdout: none held out.';
  const base = `Holdout: ${count(holdout.sends)} held out, ${count(holdout.responses)} ${holdout.responses === 1 ? 'response' : 'responses'} (${percent(holdout.rate)}).`;
  if (!holdout.lift) return `${base} Lift: not measurable yet.`;
  const relative = holdout.lift.relative === null ? '' : ` (${signedPercent(holdout.lift.relative)} relative)`;
  return `${base} Lift of messaging: ${signedPoints(holdout.lift.absolute)}${relative}.`;
}

function segmentTable(segment: SegmentResultView): HTMLTableElement {
  const headers = ['Channel', 'Sends', 'Matured sends', 'Responses', 'Rate (95 % credible interval)', 'P(best)', 'Expected loss', 'Traffic share', 'Status'];
  const table = el(
    'table',
    { class: 'arms', 'data-segment': segment.segment },
    el('caption', {}, `Segment ${segment.segment}: ${count(segment.sends)} sends, ${count(segment.responses)} responses`),
    el('thead', {}, el('tr', {}, ...headers.map((header) => el('th', { scope: 'col' }, header)))),
  );
  const body = el('tbody');
  for (const arm of segment.arms) {
    const status = armStatus(segment, arm);
    const row = el(
      'tr',
      { 'data-channel': arm.channel, ...(status ? { class: status.toLowerCase() } : {}) },
      el('th', { scope: 'row' }, arm.channel),
      el('td', { class: 'num', 'data-field': 'sends' }, count(arm.sends)),
      el('td', { class: 'num', 'data-field': 'maturedSends' }, count(arm.maturedSends)),
      el('td', { class: 'num', 'data-field': 'responses' }, count(arm.responses)),
      el('td', { class: 'num', 'data-field': 'rate' }, rateWithInterval(arm.rate, arm.ci95)),
      el('td', { class: 'num', 'data-field': 'probabilityBest' }, percent(arm.probabilityBest)),
      el('td', { class: 'num', 'data-field': 'expectedLoss' }, ratePoints(arm.expectedLoss)),
      el('td', { class: 'num', 'data-field': 'weight' }, percent(arm.weight)),
      el('td', { 'data-field': 'status' }, status ? el('strong', {}, status) : ''),
    );
    body.append(row);
  }
  table.append(body);
  return table;
}

function historyOf(results: ExperimentResults, segment: string): HistoryPoint[] {
  return results.history.filter((point) => point.segment === segment) as HistoryPoint[];
}

function segmentSection(results: ExperimentResults, segment: SegmentResultView): HTMLElement {
  const headingId = `segment-${results.segments.indexOf(segment)}`;
  const section = el('section', { class: 'segment', 'aria-labelledby': headingId, 'data-segment': segment.segment });
  section.append(el('h3', { id: headingId }, `Segment: ${segment.segment}`));
  section.append(el('p', { class: 'verdict', 'data-field': 'verdict' }, segmentVerdict(segment)));
  section.append(el('p', { class: 'holdout', 'data-field': 'holdout' }, holdoutLine(segment)));
  section.append(el('div', { class: 'table-wrap' }, segmentTable(segment)));
  const history = historyOf(results, segment.segment);
  const figure = el('figure', { class: 'history' });
  const channels = segment.arms.map((arm) => arm.channel);
  if (history.length === 0) {
    figure.append(el('p', {}, 'No allocator run yet: the split has not moved.'));
  } else {
    figure.append(renderChart(segment.segment, history, channels));
    const details = el('details', {}, el('summary', {}, 'Traffic share history as a table'));
    const table = el(
      'table',
      { class: 'history-table' },
      el('caption', {}, `Traffic share per allocator run, segment ${segment.segment}`),
      el('thead', {}, el('tr', {}, el('th', { scope: 'col' }, 'Run at'), ...channels.map((channel) => el('th', { scope: 'col' }, channel)), el('th', { scope: 'col' }, 'Sends'), el('th', { scope: 'col' }, 'Responses'))),
    );
    const body = el('tbody');
    for (const point of history) {
      body.append(
        el('tr', {}, el('th', { scope: 'row' }, shortTime(point.at)), ...channels.map((channel) => el('td', { class: 'num' }, percent(point.weights[channel] ?? 0))), el('td', { class: 'num' }, count(point.sends)), el('td', { class: 'num' }, count(point.responses))),
      );
    }
    table.append(body);
    details.append(table);
    figure.append(details);
  }
  figure.append(el('figcaption', {}, `How the split moved: traffic share per channel at each allocator run (${history.length} run${history.length === 1 ? '' : 's'}). Lines differ by dash pattern; each is labelled with its channel.`));
  section.append(figure);
  return section;
}

function followUpsSection(results: ExperimentResults): HTMLElement | undefined {
  if (results.followUps.length === 0) return undefined;
  const table = el(
    'table',
    { class: 'follow-ups' },
    el('caption', {}, 'Follow-ups (re-solicitation after silence; not in the figures above)'),
    el('thead', {}, el('tr', {}, ...['Step', 'Segment', 'Channel', 'Sends', 'Responses', 'Raw rate'].map((header) => el('th', { scope: 'col' }, header)))),
  );
  const body = el('tbody');
  for (const row of results.followUps) {
    body.append(el('tr', {}, el('th', { scope: 'row' }, String(row.step)), el('td', {}, row.segment), el('td', {}, row.channel), el('td', { class: 'num' }, count(row.sends)), el('td', { class: 'num' }, count(row.responses)), el('td', { class: 'num' }, percent(row.rate))));
  }
  table.append(body);
  return el('section', { class: 'segment' }, el('div', { class: 'table-wrap' }, table));
}

function renderResults(): void {
  const container = byId('results');
  const results = state.results;
  if (!results) {
    container.replaceChildren(el('p', {}, state.selected ? 'Loading results…' : 'Choose an experiment to see its results.'));
    container.removeAttribute('data-allocation-version');
    return;
  }
  container.setAttribute('data-allocation-version', String(results.allocationVersion));
  const meta = el(
    'dl',
    { class: 'meta' },
    el('dt', {}, 'Stage'), el('dd', {}, results.stage),
    el('dt', {}, 'Status'), el('dd', {}, results.status),
    el('dt', {}, 'Goal'), el('dd', {}, `${results.goal.event} within ${results.goal.windowHours} h`),
    el('dt', {}, 'Computed'), el('dd', { 'data-field': 'updatedAt' }, `${shortTime(results.updatedAt)} (allocation ${results.allocationVersion})`),
    el('dt', {}, 'Totals'), el('dd', {}, `${count(results.totals.sends)} sends, ${count(results.totals.responses)} responses; follow-ups ${count(results.totals.followUps.sends)} sends, ${count(results.totals.followUps.responses)} responses`),
  );
  const children: Node[] = [el('h2', { id: 'experiment-name' }, results.name), meta];
  for (const segment of results.segments) children.push(segmentSection(results, segment));
  const followUps = followUpsSection(results);
  if (followUps) children.push(followUps);
  container.replaceChildren(...children);
}

async function refresh(): Promise<void> {
  let cacheControl: string | null | undefined;
  try {
    // Results first, then the listing: its summary line is then never older than the table below it.
    if (state.selected) {
      const id = state.selected;
      const answer = await get(`/v1/experiments/${encodeURIComponent(id)}/results`, state.resultsEtag);
      cacheControl = answer.cacheControl;
      if (id === state.selected && answer.status === 200) {
        state.results = answer.body as ExperimentResults;
        state.resultsEtag = answer.etag;
        renderResults();
      }
    }
    const listed = await get('/v1/experiments?limit=100', state.listEtag);
    if (listed.status === 200) {
      state.experiments = ((listed.body as { items?: ListedExperiment[] } | undefined)?.items ?? []).slice();
      state.listEtag = listed.etag;
      renderExperimentList();
    }
    state.nextPollSeconds = pollSeconds(pollOverride, cacheControl);
    setStatus(`Updated ${new Date().toLocaleTimeString()} · refreshing every ${state.nextPollSeconds} s`);
  } catch (error) {
    state.nextPollSeconds = pollSeconds(pollOverride, cacheControl);
    setStatus(error instanceof Error ? error.message : String(error), true);
  }
}

function schedule(): void {
  if (state.timer !== undefined) clearTimeout(state.timer);
  state.timer = setTimeout(() => void poll(), state.nextPollSeconds * 1000);
}

async function poll(): Promise<void> {
  await refresh();
  schedule();
}

function select(id: string): void {
  state.selected = id || undefined;
  state.results = undefined;
  state.resultsEtag = undefined;
  if (state.selected) history.replaceState(null, '', `${location.pathname}${location.search}#${encodeURIComponent(state.selected)}`);
  renderExperimentList();
  renderResults();
  void poll();
}

function start(): void {
  const keyInput = byId<HTMLInputElement>('api-key');
  keyInput.value = apiKey();
  byId<HTMLFormElement>('key-form').addEventListener('submit', (event) => {
    event.preventDefault();
    try {
      if (keyInput.value) sessionStorage.setItem(KEY_STORAGE, keyInput.value);
      else sessionStorage.removeItem(KEY_STORAGE);
    } catch {
      // storage unavailable: the key lasts as long as the field
    }
    state.listEtag = undefined;
    state.resultsEtag = undefined;
    void poll();
  });
  byId<HTMLSelectElement>('experiment').addEventListener('change', (event) => select((event.target as HTMLSelectElement).value));
  byId<HTMLButtonElement>('refresh').addEventListener('click', () => void poll());
  const fromHash = decodeURIComponent(location.hash.slice(1));
  state.selected = fromHash || undefined;
  renderResults();
  void poll();
}

start();
