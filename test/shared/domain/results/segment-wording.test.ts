import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { Channel } from '../../../../shared/domain/experiment/channels';
import type { ArmFigures, WordingRules } from '../../../../shared/domain/results/segment-wording';
import { armAssessment, armSummary, formatProbability, formatRate, segmentWords, sendsPerHour } from '../../../../shared/domain/results/segment-wording';
import fixture from '../../../fixtures/results/wording-cases.json';

interface WordingCase {
  readonly name: string;
  readonly rules?: Partial<WordingRules>;
  readonly history: readonly { readonly at: string; readonly sends: number }[];
  readonly winner: Channel | null;
  readonly allocatorLeader: Channel | null;
  readonly arms: readonly ArmFigures[];
  readonly expect: {
    readonly status: string;
    readonly leader: Channel | null;
    readonly assessments?: readonly string[];
    readonly summaries?: readonly string[];
    readonly missing: readonly string[];
    readonly missingText?: readonly string[];
    readonly etaHours?: readonly number[];
    readonly recommendation?: string;
  };
}

const DEFAULT_RULES: WordingRules = { burnIn: 0, probabilityBest: 0.95, maxExpectedLoss: 0.001, windowHours: 24, onWinner: 'exploit' };
const cases = fixture.cases as unknown as readonly WordingCase[];

describe('segment wording (fixture scenarios)', () => {
  it.each(cases.map((c) => [c.name, c] as const))('%s', (_, c) => {
    const rules = { ...DEFAULT_RULES, ...c.rules };
    const words = segmentWords('seniors', c.arms, c.allocatorLeader, c.winner, rules, sendsPerHour(c.history));
    expect(words.status).toBe(c.expect.status);
    expect(words.leader).toBe(c.expect.leader);
    expect(words.missing.map((m) => m.requirement)).toEqual(c.expect.missing);
    if (c.expect.missingText) expect(words.missing.map((m) => m.text)).toEqual(c.expect.missingText);
    if (c.expect.etaHours) expect(words.missing.slice(0, c.expect.etaHours.length).map((m) => Math.round(m.etaHours ?? -1))).toEqual(c.expect.etaHours);
    if (c.expect.recommendation) expect(words.recommendation).toBe(c.expect.recommendation);
    if (c.expect.assessments) expect(c.arms.map(armAssessment)).toEqual(c.expect.assessments);
    const segmentSends = c.arms.reduce((sum, arm) => sum + arm.sends, 0);
    if (c.expect.summaries) expect(c.arms.map((arm) => armSummary(arm, { segmentSends }))).toEqual(c.expect.summaries);
  });
});

describe('wording laws (properties)', () => {
  const armArbitrary = fc
    .record({ sends: fc.nat(5000), maturedShare: fc.double({ min: 0, max: 1, noNaN: true }), rate: fc.double({ min: 0, max: 1, noNaN: true }), p: fc.double({ min: 0, max: 1, noNaN: true }) })
    .map(({ sends, maturedShare, rate, p }) => ({ sends, maturedSends: Math.floor(sends * maturedShare), responses: Math.floor(sends * rate * 0.5), rate, p }));

  it('an arm with no matured send never shows a rate, and no leader is named before any send matured', () => {
    fc.assert(
      fc.property(fc.array(armArbitrary, { minLength: 2, maxLength: 4 }), (raw) => {
        const channels: Channel[] = ['email', 'sms', 'push', 'in_app'];
        const arms: ArmFigures[] = raw.map((a, i) => ({ channel: channels[i] as Channel, sends: a.sends, maturedSends: a.maturedSends, responses: a.responses, rate: a.rate, ci95: [0, 1], probabilityBest: a.p, expectedLoss: 0.01, weight: 1 / raw.length }));
        for (const arm of arms) if (arm.maturedSends === 0) expect(armSummary(arm)).not.toContain('%');
        const words = segmentWords('s', arms, 'email', null, DEFAULT_RULES, null);
        if (arms.every((arm) => arm.maturedSends === 0)) expect(words.leader).toBeNull();
        expect(words.missing.length).toBeGreaterThan(0);
        // Before any send matured, no certainty or expected loss (they would describe the prior alone).
        if (arms.every((arm) => arm.maturedSends === 0)) expect(words.missing.map((m) => m.requirement).filter((r) => r === 'probability_best' || r === 'expected_loss')).toEqual([]);
      }),
    );
  });

  it.each([
    [0.9999, '99 %'],
    [0.974, '97 %'],
    [1, '100 %'],
  ])('P(best) %d reads %s (rounded down)', (p, text) => {
    expect(formatProbability(p)).toBe(text);
  });

  it.each([
    [0.16, '16 %'],
    [0.042, '4.2 %'],
    [0.0052, '0.52 %'],
  ])('rate %d reads %s', (rate, text) => {
    expect(formatRate(rate)).toBe(text);
  });
});
