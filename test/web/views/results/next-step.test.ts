import { describe, expect, it } from 'vitest';
import { nextStep, segmentChanges, segmentMissing } from '../../../../web/src/views/results/next-step';
import { arm, results, segment } from '../../fixtures/results';

const sms = (overrides = {}) => arm({ channel: 'sms', rate: 0.16, ci95: [0.12, 0.2], probabilityBest: 0.974, expectedLoss: 0.0004, ...overrides });
const email = (overrides = {}) => arm({ channel: 'email', rate: 0.04, ci95: [0.02, 0.07], probabilityBest: 0.026, expectedLoss: 0.12, ...overrides });

describe('the next step of a segment, in one sentence', () => {
  it.each([
    {
      case: 'a declared winner while running',
      status: 'running' as const,
      seg: segment({ arms: [sms(), email()], winner: 'sms', leader: 'sms' }),
      kind: 'winner',
      sentence: 'SMS wins for seniors, 97 % sure, 16 % vs 4 %: complete the experiment or keep exploiting.',
    },
    {
      case: 'a winner once completed',
      status: 'completed' as const,
      seg: segment({ arms: [sms(), email()], winner: 'sms', leader: 'sms' }),
      kind: 'winner',
      sentence: 'SMS won for seniors, 97 % sure, 16 % vs 4 %: use SMS for this message.',
    },
    {
      case: 'a likely leader that lacks matured sends for a winner',
      status: 'running' as const,
      seg: segment({ arms: [sms({ probabilityBest: 0.9, maturedSends: 60, sends: 60 }), email({ maturedSends: 80, sends: 80 })] }),
      kind: 'likely',
      sentence: 'SMS leads for seniors, 90 % sure, 16 % vs 4 %: keep it running; a winner needs P(best) ≥ 95 % (now 90 %) and 100 matured sends per channel (SMS has 60, Email has 80).',
    },
    {
      case: 'an unclear race',
      status: 'paused' as const,
      seg: segment({ arms: [sms({ probabilityBest: 0.55, rate: 0.1 }), email({ probabilityBest: 0.45, rate: 0.095 })] }),
      kind: 'unclear',
      sentence: 'No clear difference yet for seniors: SMS leads with only 55 % sure, 10 % vs 9.5 %. Resume it to learn more.',
    },
  ])('$case', ({ status, seg, kind, sentence }) => {
    const step = nextStep(results([seg], { status }), seg);
    expect(step.kind).toBe(kind);
    expect(step.sentence).toBe(sentence);
  });

  it('says "too early" with what is missing, never a rate, while an arm has too few matured sends', () => {
    const seg = segment({ arms: [sms({ sends: 12, maturedSends: 3, responses: 1, probabilityBest: 0.5 }), email({ sends: 9, maturedSends: 0, responses: 0, probabilityBest: 0.5 })] });
    const step = nextStep(results([seg]), seg);
    expect(step.kind).toBe('too_early');
    expect(step.sentence).toBe('Too early to say for seniors: SMS has 3 of 10 matured sends; Email has 0 of 10 matured sends (a send matures 72 h after it goes out). Keep it running.');
    expect(step.sentence).not.toMatch(/50 %/);
  });

  it('says there are no sends yet, and how to get some', () => {
    const seg = segment({ arms: [sms({ sends: 0, maturedSends: 0, responses: 0, ci95: null }), email({ sends: 0, maturedSends: 0, responses: 0, ci95: null })], leader: null });
    expect(nextStep(results([seg]), seg)).toEqual({ kind: 'no_sends', sentence: 'No sends yet for seniors: send the message to customers of this segment.' });
  });

  it('names the runner-up when there are more than two channels', () => {
    const seg = segment({ arms: [sms(), email(), arm({ channel: 'push', rate: 0.09, probabilityBest: 0.0 })], winner: 'sms', leader: 'sms' });
    expect(nextStep(results([seg]), seg).sentence).toBe('SMS wins for seniors, 97 % sure, 16 % vs 9 % (Push): complete the experiment or keep exploiting.');
  });

  it('in burn-in, says traffic is split evenly and who leads so far', () => {
    const seg = segment({ arms: [sms(), email()], inBurnIn: true });
    expect(nextStep(results([seg]), seg)).toEqual({
      kind: 'burn_in',
      sentence: 'Seniors is still in burn-in, traffic split evenly until every channel has enough matured sends; SMS leads so far, 97 % sure, 16 % vs 4 %: keep it running.',
    });
  });

  it("uses the API's own status and recommendation when the results carry them", () => {
    const seg = { ...segment({ arms: [sms(), email()] }), status: 'too_early', recommendation: 'From the API.' };
    expect(nextStep(results([seg]), seg)).toEqual({ kind: 'too_early', sentence: 'From the API.' });
  });

  it("lists what the API says is missing and the rate changes it detected", () => {
    const seg = { ...segment({ arms: [sms(), email()] }), missing: [{ text: 'needs 100 matured sends per arm: 37 so far' }], changes: [{ text: 'email changed on 2026-03-04' }] };
    expect(segmentMissing(seg)).toEqual(['needs 100 matured sends per arm: 37 so far']);
    expect(segmentChanges(seg)).toEqual(['email changed on 2026-03-04']);
    expect(segmentMissing(segment({ arms: [sms()] }))).toEqual([]);
  });
});
