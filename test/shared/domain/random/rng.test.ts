import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { createNormalSampler, createSeededRng, deriveSeed, sampleBeta, sampleGamma } from '../../../../shared/domain/random';

describe('createSeededRng', () => {
  it('same seed gives the same sequence, in [0, 1)', () => {
    fc.assert(
      fc.property(fc.integer(), (seed) => {
        const a = createSeededRng(seed);
        const b = createSeededRng(seed);
        for (let i = 0; i < 50; i += 1) {
          const x = a.next();
          expect(x).toBe(b.next());
          expect(x).toBeGreaterThanOrEqual(0);
          expect(x).toBeLessThan(1);
        }
      }),
    );
  });

  it('neighbouring seeds give different streams', () => {
    expect(createSeededRng(1).next()).not.toBe(createSeededRng(2).next());
  });

  it('is roughly uniform (mean 1/2, variance 1/12)', () => {
    const rng = createSeededRng(123);
    const n = 100_000;
    let sum = 0;
    let squares = 0;
    for (let i = 0; i < n; i += 1) {
      const x = rng.next();
      sum += x;
      squares += x * x;
    }
    expect(Math.abs(sum / n - 0.5)).toBeLessThan(0.005);
    expect(Math.abs(squares / n - (sum / n) ** 2 - 1 / 12)).toBeLessThan(0.002);
  });

  it('refuses a non-finite seed', () => {
    expect(() => createSeededRng(Number.NaN)).toThrow(/seed/);
  });

  it('derives distinct, stable child seeds', () => {
    expect(deriveSeed(7, 'young')).toBe(deriveSeed(7, 'young'));
    expect(deriveSeed(7, 'young')).not.toBe(deriveSeed(7, 'old'));
  });
});

describe('samplers', () => {
  it.each([
    [0.3, 1],
    [1, 1],
    [2.5, 7],
    [50, 950],
  ])('Beta(%d, %d) has the right mean and variance', (alpha, beta) => {
    const rng = createSeededRng(99);
    const normal = createNormalSampler(rng);
    const n = 40_000;
    let sum = 0;
    let squares = 0;
    for (let i = 0; i < n; i += 1) {
      const x = sampleBeta(rng, normal, alpha, beta);
      sum += x;
      squares += x * x;
    }
    const mean = alpha / (alpha + beta);
    const variance = (alpha * beta) / ((alpha + beta) ** 2 * (alpha + beta + 1));
    expect(Math.abs(sum / n - mean)).toBeLessThan(5 * Math.sqrt(variance / n));
    expect(Math.abs(squares / n - (sum / n) ** 2 - variance) / variance).toBeLessThan(0.05);
  });

  it('Gamma(k) has mean k', () => {
    const rng = createSeededRng(5);
    const normal = createNormalSampler(rng);
    const n = 40_000;
    let sum = 0;
    for (let i = 0; i < n; i += 1) sum += sampleGamma(rng, normal, 3);
    expect(Math.abs(sum / n - 3)).toBeLessThan(5 * Math.sqrt(3 / n));
  });
});
