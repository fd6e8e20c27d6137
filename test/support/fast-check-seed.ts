import fc from 'fast-check';

/**
 * Property tests run from a fixed seed so a CI run is reproducible; explore other cases with
 * `FC_SEED=<n> npm test` (and `FC_RUNS=<n>` for more runs per property than each test's default).
 */
const DEFAULT_SEED = 20261123;
fc.configureGlobal({
  seed: Number(process.env.FC_SEED ?? DEFAULT_SEED),
  ...(process.env.FC_RUNS ? { numRuns: Number(process.env.FC_RUNS) } : {}),
});
