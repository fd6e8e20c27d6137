import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { ExperimentDefinitionSchema } from '../../../../shared/domain/experiment/experiment-definition';
import type { Experiment } from '../../../../shared/domain/experiment/experiment';
import { buildResults, holdoutView } from '../../../../shared/domain/results/build-results';
import { describeSummary, summarizeSnapshot } from '../../../../shared/domain/results/experiment-summary';
import { ifNoneMatchHits, resultsEtag, resultsMaxAgeSeconds } from '../../../../shared/domain/results/results-cache';
import { csvField, RESULTS_CSV_COLUMNS, resultsToCsv } from '../../../../shared/domain/results/results-csv';
import { ExperimentResultsSchema } from '../../../../shared/domain/results/results-schema';
import type { ArmResult, ResultsSnapshot } from '../../../../shared/domain/statistics/allocation-record';
import { surveyExperiment } from '../../../support/experiments';

const experiment: Experiment = {
  id: 'exp-1',
  definition: ExperimentDefinitionSchema.parse(surveyExperiment()),
  status: 'running',
  version: 3,
  createdAt: '2026-03-01T00:00:00.000Z',
  updatedAt: '2026-03-01T01:00:00.000Z',
  startedAt: '2026-03-01T01:00:00.000Z',
};

const arm = (channel: ArmResult['channel'], sends: number, responses: number, extra: Partial<ArmResult> = {}): ArmResult => ({
  channel,
  sends,
  maturedSends: sends,
  responses,
  rate: (responses + 1) / (sends + 2),
  ci95: [0.1, 0.6],
  probabilityBest: 0.5,
  expectedLoss: 0.01,
  weight: 0.5,
  ipwRate: sends === 0 ? null : responses / sends,
  ...extra,
});

const snapshot: ResultsSnapshot = {
  experimentId: 'exp-1',
  allocationVersion: 4,
  computedAt: '2026-03-02T12:00:00.000Z',
  segments: [
    { segment: 'over_50', winner: 'sms', leader: 'sms', inBurnIn: false, holdout: { sends: 10, successes: 1, maturedSends: 10, valueSum: 0, valueCount: 0, rate: 0.1 }, arms: [arm('sms', 100, 40, { value: { count: 40, mean: 4.2 } }), arm('email', 50, 5)] },
    { segment: 'default', winner: null, leader: 'email', inBurnIn: false, holdout: { sends: 0, successes: 0, maturedSends: 0, valueSum: 0, valueCount: 0, rate: 0 }, arms: [arm('sms', 20, 2), arm('email', 30, 9)] },
  ],
  followUps: { 1: { over_50: { email: { sends: 12, successes: 3, maturedSends: 12, valueSum: 6, valueCount: 2 } } } },
  history: [
    { at: '2026-03-02T11:00:00.000Z', segment: 'over_50', weights: { sms: 0.5, email: 0.5 }, sends: 100, responses: 30 },
    { at: '2026-03-02T12:00:00.000Z', segment: 'over_50', weights: { sms: 0.8, email: 0.2 }, sends: 150, responses: 45 },
  ],
};

describe('buildResults', () => {
  it('maps the snapshot to the contract, with totals, follow-ups apart and the holdout lift', () => {
    const results = ExperimentResultsSchema.parse(buildResults(experiment, snapshot));
    expect(results).toMatchObject({ experimentId: 'exp-1', status: 'running', allocationVersion: 4, updatedAt: snapshot.computedAt });
    expect(results.totals).toEqual({ sends: 200, responses: 56, failed: 0, byChannel: { sms: { sends: 120, responses: 42 }, email: { sends: 80, responses: 14 } }, followUps: { sends: 12, responses: 3 } });
    expect(results.followUps).toEqual([{ step: 1, segment: 'over_50', channel: 'email', sends: 12, maturedSends: 12, responses: 3, rate: 0.25, value: { count: 2, mean: 3 } }]);
    const [over50, fallback] = results.segments;
    expect(over50?.holdout).toEqual({ sends: 10, responses: 1, rate: 0.1, lift: { absolute: 45 / 150 - 0.1, relative: (45 / 150 - 0.1) / 0.1 } });
    expect(over50?.arms[0]?.value).toEqual({ count: 40, mean: 4.2 });
    expect(fallback?.holdout).toEqual({ sends: 0, responses: 0, rate: null, lift: null });
    expect(over50).toMatchObject({ status: 'winner', leader: 'sms', missing: [], changes: [] });
    expect(over50?.recommendation).toMatch(/^sms wins for over_50, \d+ % sure/);
    expect(fallback?.status).toBe('learning');
  });

  it('names no leader and says "too early" while no send has matured (issue 14)', () => {
    const early: ResultsSnapshot = {
      ...snapshot,
      segments: [{ ...snapshot.segments[1]!, arms: [arm('sms', 143, 0, { maturedSends: 0, rate: 0.5 }), arm('email', 116, 25, { maturedSends: 0 })] }],
    };
    const [segment] = ExperimentResultsSchema.parse(buildResults(experiment, early)).segments;
    expect(segment).toMatchObject({ status: 'too_early', leader: null });
    expect(segment?.arms.map((a) => [a.assessment, a.summary])).toEqual([
      ['too_early', 'too early to say: 0 responses from 143 sends, none matured yet'],
      ['too_early', 'too early to say: 25 responses from 116 sends, none matured yet'],
    ]);
    expect(segment?.recommendation).toMatch(/^Too early to say for default: 259 sends and 25 responses, none matured yet/);
  });

  it('reports detected changes in words and marks them in the history', () => {
    const changed: ResultsSnapshot = {
      ...snapshot,
      segments: [{ ...snapshot.segments[1]!, changes: [{ at: '2026-03-02T11:00:00.000Z', channel: 'email', rateBefore: 0.081, rateAfter: 0.042 }] }],
      history: [{ ...snapshot.history[0]!, changes: ['email'] }],
    };
    const results = ExperimentResultsSchema.parse(buildResults(experiment, changed));
    expect(results.segments[0]?.changes).toEqual([
      { at: '2026-03-02T11:00:00.000Z', channel: 'email', rateBefore: 0.081, rateAfter: 0.042, text: 'email changed at 2026-03-02 11:00 UTC: 8.1 % before, 4.2 % since; older sends no longer count' },
    ]);
    expect(results.history[0]?.changes).toEqual(['email']);
  });

  it.each([
    ['no filter', undefined, 2],
    ['since the last point', '2026-03-02T12:00:00.000Z', 1],
    ['since after every point', '2026-03-03T00:00:00Z', 0],
  ])('limits history (%s)', (_, since, expected) => {
    expect(buildResults(experiment, snapshot, since === undefined ? {} : { since }).history).toHaveLength(expected);
  });

  it('answers before the first allocation with zeros for every segment and arm', () => {
    const results = ExperimentResultsSchema.parse(buildResults({ ...experiment, status: 'draft' }, undefined));
    expect(results).toMatchObject({ allocationVersion: 0, updatedAt: experiment.updatedAt, totals: { sends: 0, responses: 0 }, history: [], followUps: [] });
    expect(results.segments.map((segment) => [segment.segment, segment.arms.map((a) => [a.channel, a.sends, a.weight])])).toEqual([
      ['over_50', [['sms', 0, 0.5], ['email', 0, 0.5]]],
      ['default', [['sms', 0, 0.5], ['email', 0, 0.5]]],
    ]);
  });

  it('totals are the sums of the segments whatever the counts (property)', () => {
    const counts = fc.array(fc.tuple(fc.nat(10_000), fc.nat(10_000)), { minLength: 4, maxLength: 4 });
    fc.assert(
      fc.property(counts, (pairs) => {
        const arms = pairs.map(([sends, extra], index) => arm(index % 2 === 0 ? 'sms' : 'email', sends + extra, sends));
        const results = buildResults(experiment, { ...snapshot, segments: [{ ...snapshot.segments[0]!, arms: arms.slice(0, 2) }, { ...snapshot.segments[1]!, arms: arms.slice(2) }] });
        expect(results.totals.sends).toBe(arms.reduce((sum, a) => sum + a.sends, 0));
        expect(results.totals.responses).toBe(arms.reduce((sum, a) => sum + a.responses, 0));
        expect((results.totals.byChannel.sms?.sends ?? 0) + (results.totals.byChannel.email?.sends ?? 0)).toBe(results.totals.sends);
      }),
    );
  });
});

describe('holdoutView', () => {
  it.each([
    ['no holdout', { sends: 0, successes: 0 }, { sends: 10, responses: 2 }, null],
    ['no sends', { sends: 5, successes: 1 }, { sends: 0, responses: 0 }, null],
    ['zero holdout rate', { sends: 5, successes: 0 }, { sends: 10, responses: 2 }, { absolute: 0.2, relative: null }],
    ['messaging helps', { sends: 4, successes: 1 }, { sends: 8, responses: 6 }, { absolute: 0.5, relative: 2 }],
  ])('%s', (_, holdout, messaged, lift) => {
    expect(holdoutView(holdout, messaged).lift).toEqual(lift);
  });
});

/** RFC 4180 records (quoted fields may hold commas, quotes and line breaks). */
function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let field = '';
  let quoted = false;
  for (let i = 0; i < text.length; i += 1) {
    const ch = text[i]!;
    if (quoted) {
      if (ch === '"' && text[i + 1] === '"') {
        field += '"';
        i += 1;
      } else if (ch === '"') quoted = false;
      else field += ch;
    } else if (ch === '"') quoted = true;
    else if (ch === ',') {
      row.push(field);
      field = '';
    } else if (ch === '\r' && text[i + 1] === '\n') {
      row.push(field);
      rows.push(row);
      row = [];
      field = '';
      i += 1;
    } else field += ch;
  }
  return rows;
}

describe('CSV export', () => {
  it('has a header and one row per segment × arm, CRLF-terminated', () => {
    const lines = resultsToCsv(buildResults(experiment, snapshot)).split('\r\n');
    expect(lines[0]).toBe(RESULTS_CSV_COLUMNS.join(','));
    expect(lines).toHaveLength(1 + 4 + 1);
    expect(lines[5]).toBe('');
    expect(lines[1]?.split(',').slice(0, 10)).toEqual(['exp-1', '4', snapshot.computedAt, 'over_50', 'sms', 'true', 'true', '100', '100', '40']);
  });

  it('carries the words of the results: segment status, arm assessment and summary, what is missing, the recommendation and a detected change', () => {
    const early: ResultsSnapshot = {
      ...snapshot,
      segments: [
        { ...snapshot.segments[1]!, segment: 'new', arms: [arm('sms', 143, 3, { maturedSends: 0 }), arm('email', 30, 0, { maturedSends: 0 })] },
        { ...snapshot.segments[0]!, changes: [{ at: '2026-03-02T10:00:00.000Z', channel: 'email', rateBefore: 0.2, rateAfter: 0.1 }] },
      ],
    };
    const results = buildResults(experiment, early);
    const rows = parseCsv(resultsToCsv(results));
    const header = rows[0]!;
    const cell = (row: number, column: string): string => rows[row]![header.indexOf(column)]!;
    expect(header.slice(-7)).toEqual(['segment_status', 'assessment', 'summary', 'missing', 'recommendation', 'change_detected_at', 'change']);
    expect(cell(1, 'segment_status')).toBe('too_early');
    expect(cell(1, 'assessment')).toBe('too_early');
    expect(cell(1, 'summary')).toBe(results.segments[0]!.arms[0]!.summary);
    expect(cell(1, 'summary')).toContain('too early to say');
    expect(cell(1, 'missing')).toBe(results.segments[0]!.missing.map((m) => m.text).join('; '));
    expect(cell(1, 'missing')).toContain('matured sends');
    expect(cell(1, 'recommendation')).toBe(results.segments[0]!.recommendation);
    expect(cell(1, 'change_detected_at')).toBe('');
    expect(cell(4, 'channel')).toBe('email');
    expect(cell(4, 'change_detected_at')).toBe('2026-03-02T10:00:00.000Z');
    expect(cell(4, 'change')).toContain('email changed');
    expect(cell(3, 'change')).toBe('');
  });

  it.each([
    ['plain', 'abc', 'abc'],
    ['comma', 'a,b', '"a,b"'],
    ['quote', 'say "hi"', '"say ""hi"""'],
    ['line break', 'a\r\nb', '"a\r\nb"'],
    ['null', null, ''],
    ['number', 0.25, '0.25'],
  ])('quotes per RFC 4180 (%s)', (_, value, expected) => {
    expect(csvField(value)).toBe(expected);
  });
});

describe('ETag and caching', () => {
  it.each([
    ['same tag', '"r3.4"', true],
    ['weak form', 'W/"r3.4"', true],
    ['one of a list', '"r3.3", "r3.4"', true],
    ['star', '*', true],
    ['older allocation', '"r3.3"', false],
    ['no header', undefined, false],
  ])('If-None-Match: %s', (_, header, hit) => {
    expect(ifNoneMatchHits(header, resultsEtag(3, 4, { format: 'json' }))).toBe(hit);
  });

  it('differs per format and since', () => {
    const tags = new Set([resultsEtag(3, 4, { format: 'json' }), resultsEtag(3, 4, { format: 'csv' }), resultsEtag(3, 4, { format: 'json', since: '2026-03-01T00:00:00Z' }), resultsEtag(4, 4, { format: 'json' })]);
    expect(tags.size).toBe(4);
  });

  it.each([
    [15, 180],
    [1, 12],
    [1440, 17280],
  ])('max-age for a %i-minute cadence is %i s', (minutes, seconds) => {
    expect(resultsMaxAgeSeconds(minutes)).toBe(seconds);
  });
});

describe('listing summary', () => {
  it('names status, sends and the leading channel per segment', () => {
    const stored = summarizeSnapshot(snapshot);
    expect(stored).toMatchObject({ allocationVersion: 4, sends: 200, responses: 56 });
    expect(describeSummary('running', stored).line).toBe('running · 200 sends, 56 responses · over_50: sms (winner) · default: email (leading)');
    expect(describeSummary('draft', undefined).line).toBe('draft · no results yet');
  });

  it.each([
    ['no send has matured', 'new: too early to say', [arm('sms', 20, 2, { maturedSends: 0 }), arm('email', 30, 9, { maturedSends: 0 })], 'too_early', null],
    ['the allocator leader has no matured send of its own', 'new: no clear leader yet', [arm('sms', 20, 0, { maturedSends: 0, probabilityBest: 0.8 }), arm('email', 30, 2)], 'learning', null],
    ['nobody answered yet', 'new: no clear leader yet', [arm('sms', 20, 0), arm('email', 30, 0)], 'learning', null],
    ['there is evidence', 'new: sms (leading)', [arm('sms', 20, 2), arm('email', 30, 9)], 'learning', 'sms'],
  ] as const)('a segment where %s reads "%s"', (_, phrase, arms, status, leader) => {
    const early: ResultsSnapshot = { ...snapshot, segments: [{ ...snapshot.segments[1]!, segment: 'new', leader: 'sms', arms: [...arms] }] };
    const stored = summarizeSnapshot(early);
    expect(stored.segments[0]).toMatchObject({ status, leader });
    expect(describeSummary('running', stored).line).toContain(phrase);
    expect(describeSummary('running', stored).line).not.toContain(leader === null ? '(leading)' : 'too early');
  });

  it('a summary stored before the status existed still reads as before', () => {
    const old = { allocationVersion: 1, computedAt: '2026-03-01T00:00:00.000Z', sends: 5, responses: 1, segments: [{ segment: 'default', sends: 5, leader: 'sms' as const, winner: null }] };
    expect(describeSummary('running', old).line).toBe('running · 5 sends, 1 response · default: sms (leading)');
  });
});
