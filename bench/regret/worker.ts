/**
 * Benchmark worker: receives (scenario, policy, seeds) jobs from the parent
 * process, runs them, and sends back the per-seed results.
 */
import { SCENARIOS } from './scenarios';
import type { PolicyName } from './policies';
import { runScenario } from './simulator';

interface Job {
  readonly id: number;
  readonly scenario: string;
  readonly policy: PolicyName;
  readonly seeds: readonly number[];
}

process.on('message', (job: Job | 'exit') => {
  if (job === 'exit') process.exit(0);
  const scenario = SCENARIOS.find((s) => s.name === job.scenario);
  if (scenario === undefined) throw new Error(`unknown scenario ${job.scenario}`);
  const results = job.seeds.map((seed) => runScenario(scenario, job.policy, seed));
  process.send?.({ id: job.id, results });
});
