import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { credibleInterval, posteriorMean } from '../../../../shared/domain/bandit';
import type { Channel } from '../../../../shared/domain/experiment/channels';
import { betaFromReport, poolPosteriors } from '../../../../shared/domain/insights/pool-evidence';
import { buildTouchpointMap, type TouchpointSource } from '../../../../shared/domain/insights/touchpoint-map';
import type { ResultsSnapshot } from '../../../../shared/domain/statistics/allocation-record';

/** An arm reported as a uniform-prior posterior of `responses` out of `sends`. */
function reportedArm(channel: Channel, sends: number, responses: number) {
  const posterior = { alpha: 1 + responses, beta: 1 + sends - responses };
  const [low, high] = credibleInterval(posterior);
  return { channel, sends, maturedSends: sends, responses, rate: posteriorMean(posterior), ci95: [low, high] as const, probabilityBest: 0.5, expectedLoss: 0, weight: 0.5, ipwRate: sends === 0 ? null : responses / sends };
}

interface Spec {
  readonly id: string;
  readonly stage?: TouchpointSource['stage'];
  readonly goal?: TouchpointSource['goal'];
  readonly status?: TouchpointSource['status'];
  readonly segments: Record<string, { leader: Channel; winner?: Channel; arms: [Channel, number, number][] }>;
}

function source(spec: Spec): TouchpointSource {
  const snapshot: ResultsSnapshot = {
    experimentId: spec.id,
    allocationVersion: 1,
    computedAt: '2026-03-02T00:00:00.000Z',
    segments: Object.entries(spec.segments).map(([segment, value]) => ({
      segment,
      winner: value.winner ?? null,
      leader: value.leader,
      inBurnIn: false,
      holdout: { sends: 0, successes: 0, maturedSends: 0, valueSum: 0, valueCount: 0, rate: 0 },
      arms: value.arms.map(([channel, sends, responses]) => reportedArm(channel, sends, responses)),
    })),
    followUps: {},
    history: [],
  };
  return { experimentId: spec.id, name: spec.id, stage: spec.stage ?? 'post_purchase', goal: spec.goal ?? 'survey_completed', status: spec.status ?? 'completed', snapshot };
}

describe('poolPosteriors', () => {
  it('recovers a Beta from its mean and interval (moment matching, within a few %)', () => {
    const posterior = { alpha: 41, beta: 161 };
    const [low, high] = credibleInterval(posterior);
    const back = betaFromReport({ mean: posteriorMean(posterior), ci95: [low, high] });
    expect(back?.alpha).toBeGreaterThan(41 * 0.9);
    expect(back?.alpha).toBeLessThan(41 * 1.1);
  });

  it.each([
    ['degenerate interval', { mean: 0.2, ci95: [0.2, 0.2] as const }],
    ['rate 0', { mean: 0, ci95: [0, 0.1] as const }],
    ['wider than any Beta', { mean: 0.5, ci95: [-1, 2] as const }],
  ])('ignores a %s', (_, report) => {
    expect(poolPosteriors([report])).toEqual({ alpha: 1, beta: 1 });
  });

  it('pooling two halves is about pooling their counts (property)', () => {
    fc.assert(
      fc.property(fc.integer({ min: 50, max: 5000 }), fc.integer({ min: 50, max: 5000 }), fc.double({ min: 0.05, max: 0.6, noNaN: true }), (n1, n2, rate) => {
        const s1 = Math.round(n1 * rate);
        const s2 = Math.round(n2 * rate);
        const report = (n: number, s: number) => {
          const posterior = { alpha: 1 + s, beta: 1 + n - s };
          return { mean: posteriorMean(posterior), ci95: credibleInterval(posterior) };
        };
        const pooled = poolPosteriors([report(n1, s1), report(n2, s2)]);
        expect(posteriorMean(pooled)).toBeCloseTo((1 + s1 + s2) / (2 + n1 + n2), 2);
        expect(pooled.alpha + pooled.beta).toBeGreaterThan(0.8 * (n1 + n2));
        expect(pooled.alpha + pooled.beta).toBeLessThan(1.2 * (n1 + n2) + 10);
      }),
      { numRuns: 50 },
    );
  });
});

describe('buildTouchpointMap', () => {
  it.each<{ name: string; specs: Spec[]; expected: { channel: Channel; verdict: string; consensus: string; experiments: number } }>([
    {
      name: 'one completed experiment with a winner',
      specs: [{ id: 'a', segments: { over_50: { leader: 'sms', winner: 'sms', arms: [['sms', 1000, 120], ['email', 1000, 10]] } } }],
      expected: { channel: 'sms', verdict: 'winner', consensus: 'agree', experiments: 1 },
    },
    {
      name: 'two experiments that agree',
      specs: [
        { id: 'a', segments: { over_50: { leader: 'sms', arms: [['sms', 300, 40], ['email', 300, 10]] } } },
        { id: 'b', status: 'running', segments: { over_50: { leader: 'sms', arms: [['sms', 200, 30], ['push', 200, 4]] } } },
      ],
      expected: { channel: 'sms', verdict: 'leading', consensus: 'agree', experiments: 2 },
    },
    {
      name: 'a small dissenting experiment is outweighed, and shown',
      specs: [
        { id: 'a', segments: { over_50: { leader: 'sms', winner: 'sms', arms: [['sms', 2000, 300], ['email', 2000, 100]] } } },
        { id: 'b', status: 'running', segments: { over_50: { leader: 'email', arms: [['sms', 40, 4], ['email', 40, 6]] } } },
      ],
      expected: { channel: 'sms', verdict: 'winner', consensus: 'disagree', experiments: 2 },
    },
    {
      name: 'two winners that differ: no verdict of winner',
      specs: [
        { id: 'a', segments: { over_50: { leader: 'sms', winner: 'sms', arms: [['sms', 1000, 200], ['email', 1000, 100]] } } },
        { id: 'b', segments: { over_50: { leader: 'email', winner: 'email', arms: [['sms', 500, 50], ['email', 500, 90]] } } },
      ],
      expected: { channel: 'sms', verdict: 'leading', consensus: 'disagree', experiments: 2 },
    },
  ])('$name', ({ specs, expected }) => {
    const [cell, ...rest] = buildTouchpointMap(specs.map(source));
    expect(rest).toEqual([]);
    expect({ channel: cell?.channel, verdict: cell?.verdict, consensus: cell?.consensus, experiments: cell?.experiments.length }).toEqual(expected);
    expect(cell?.sends).toBe(cell?.channels.find((row) => row.channel === cell.channel)?.sends);
    expect(cell?.channels.reduce((sum, row) => sum + row.probabilityBest, 0)).toBeCloseTo(1, 6);
  });

  it('marks running experiments, keeps stages, segments and goals apart, and filters', () => {
    const cells = buildTouchpointMap([
      source({ id: 'a', stage: 'purchase', goal: 'converted', status: 'running', segments: { over_50: { leader: 'email', arms: [['email', 100, 9], ['sms', 100, 3]] }, default: { leader: 'sms', arms: [['email', 100, 2], ['sms', 100, 8]] } } }),
      source({ id: 'b', stage: 'awareness', goal: 'clicked', segments: { over_50: { leader: 'push', arms: [['push', 100, 9], ['sms', 100, 3]] } } }),
      source({ id: 'c', stage: 'purchase', goal: 'clicked', segments: { over_50: { leader: 'sms', arms: [['email', 100, 1], ['sms', 100, 9]] } } }),
    ]);
    expect(cells.map((cell) => [cell.stage, cell.segment, cell.goal, cell.channel])).toEqual([
      ['awareness', 'over_50', 'clicked', 'push'],
      ['purchase', 'default', 'converted', 'sms'],
      ['purchase', 'over_50', 'clicked', 'sms'],
      ['purchase', 'over_50', 'converted', 'email'],
    ]);
    expect(cells[1]?.experiments).toEqual([{ experimentId: 'a', name: 'a', status: 'running', running: true, leader: 'sms', winner: null, sends: 200 }]);
    const sources = [source({ id: 'a', stage: 'purchase', segments: { over_50: { leader: 'sms', arms: [['sms', 10, 2]] }, default: { leader: 'sms', arms: [['sms', 10, 2]] } } })];
    expect(buildTouchpointMap(sources, { segment: 'default' }).map((cell) => cell.segment)).toEqual(['default']);
    expect(buildTouchpointMap(sources, { stage: 'loyalty' })).toEqual([]);
  });

  it('skips experiments before their first allocation and segments without sends', () => {
    const empty = { ...source({ id: 'x', segments: {} }), snapshot: undefined };
    const silent = source({ id: 'y', segments: { over_50: { leader: 'sms', arms: [['sms', 0, 0], ['email', 0, 0]] } } });
    expect(buildTouchpointMap([empty, silent])).toEqual([]);
  });

  it('does not depend on the order of the experiments (property)', () => {
    const arms = fc.tuple(fc.integer({ min: 1, max: 500 }), fc.integer({ min: 1, max: 500 })).map(([n, s]) => [Math.max(n, s), Math.min(n, s)] as const);
    const spec = fc.tuple(arms, arms, fc.constantFrom<Channel>('sms', 'email'));
    fc.assert(
      fc.property(fc.array(spec, { minLength: 1, maxLength: 5 }), fc.integer(), (specs, shift) => {
        const sources = specs.map(([sms, email, leader], index) =>
          source({ id: `e${index}`, segments: { over_50: { leader, arms: [['sms', sms[0], sms[1]], ['email', email[0], email[1]]] } } }),
        );
        const rotated = sources.map((_, index) => sources[(index + Math.abs(shift)) % sources.length] as TouchpointSource);
        expect(buildTouchpointMap(rotated)).toEqual(buildTouchpointMap(sources));
        const [cell] = buildTouchpointMap(sources);
        expect(cell?.totalSends).toBe(specs.reduce((sum, [sms, email]) => sum + sms[0] + email[0], 0));
        expect(cell?.consensus === 'agree').toBe(specs.every(([, , leader]) => leader === cell?.channel));
        // Every send matured: the pooled rate is exactly the pooled counts on a uniform prior.
        const sms = cell?.channels.find((row) => row.channel === 'sms');
        const smsSends = specs.reduce((sum, [arm]) => sum + arm[0], 0);
        const smsResponses = specs.reduce((sum, [arm]) => sum + arm[1], 0);
        expect(sms?.rate).toBeCloseTo((1 + smsResponses) / (2 + smsSends), 12);
      }),
      { numRuns: 60 },
    );
  });
});
