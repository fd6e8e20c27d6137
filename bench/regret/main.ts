/**
 * Regret benchmark. `npm run bench:regret` prints a table; `-- --json` prints
 * one JSON document on stdout and nothing else. `-- --workers N` (default 2)
 * sets the number of worker processes, `-- --scenario NAME` runs one scenario.
 */
import { fork } from 'node:child_process';
import { availableParallelism } from 'node:os';
import { fileURLToPath } from 'node:url';
import type { PolicyName } from './policies';
import { POLICY_NAMES } from './policies';
import type { Scenario } from './scenarios';
import { SCENARIOS } from './scenarios';
import type { RunResult } from './simulator';
import type { Interval } from './stats';
import { bernoulliKl, interval, median } from './stats';

const args = process.argv.slice(2);
const asJson = args.includes('--json');
const argValue = (flag: string): string | undefined => {
  const index = args.indexOf(flag);
  return index >= 0 ? args[index + 1] : undefined;
};
const workerCount = Number(argValue('--workers') ?? Math.min(2, availableParallelism()));
const only = argValue('--scenario');
const scenarios = SCENARIOS.filter((s) => only === undefined || s.name === only);

/** Seeds per job (small jobs balance the two workers). */
const SEEDS_PER_JOB = 5;

interface Job {
  readonly id: number;
  readonly scenario: string;
  readonly policy: PolicyName;
  readonly seeds: readonly number[];
}

function makeJobs(): Job[] {
  const jobs: Job[] = [];
  for (const scenario of scenarios) {
    for (const policy of POLICY_NAMES) {
      for (let start = 1; start <= scenario.seeds; start += SEEDS_PER_JOB) {
        const seeds = Array.from({ length: Math.min(SEEDS_PER_JOB, scenario.seeds - start + 1) }, (_, i) => start + i);
        jobs.push({ id: jobs.length, scenario: scenario.name, policy, seeds });
      }
    }
  }
  return jobs;
}

async function runJobs(jobs: readonly Job[]): Promise<Map<number, RunResult[]>> {
  const results = new Map<number, RunResult[]>();
  const queue = [...jobs].reverse();
  const workerPath = fileURLToPath(new URL('./worker.ts', import.meta.url));
  await Promise.all(
    Array.from({ length: Math.max(1, workerCount) }, () =>
      new Promise<void>((resolve, reject) => {
        const child = fork(workerPath, [], { stdio: ['ignore', 'ignore', 'inherit', 'ipc'] });
        const next = (): void => {
          const job = queue.pop();
          if (job === undefined) {
            child.send('exit');
            return;
          }
          child.send(job);
        };
        child.on('message', (message: { id: number; results: RunResult[] }) => {
          results.set(message.id, message.results);
          if (!asJson) process.stderr.write('.');
          next();
        });
        child.on('exit', (code) => (code === 0 ? resolve() : reject(new Error(`worker exited with ${code}`))));
        child.on('error', reject);
        next();
      }),
    ),
  );
  return results;
}

/** Lai–Robbins bound Σ_segments Σ_a Δ_a / KL(μ_a, μ*) · ln T_s (first-phase rates). */
function laiRobbins(scenario: Scenario): number {
  let bound = 0;
  for (const segment of scenario.segments) {
    const best = Math.max(...segment.rates);
    const horizon = scenario.T * segment.share;
    for (const rate of segment.rates) {
      if (rate < best) bound += ((best - rate) / bernoulliKl(rate, best)) * Math.log(horizon);
    }
  }
  return bound;
}

interface PolicyReport {
  regret: Interval;
  regretVsUniform: number;
  regretVsBound: number;
  oracleShare: Interval;
  bestArmShare: Interval;
  firstChannelShare: Interval;
  winner: { declaredRate: number; correctRate: number; medianSendsToDeclare: number; declarations: number };
}

async function main(): Promise<void> {
  const started = performance.now();
  const jobs = makeJobs();
  const results = await runJobs(jobs);
  const overall = new Map<PolicyName, { judged: number; correct: number }>();
  const report: Record<string, { description: string; T: number; seeds: number; laiRobbinsBound: number; policies: Record<string, PolicyReport> }> = {};
  for (const scenario of scenarios) {
    const bound = laiRobbins(scenario);
    const byPolicy = new Map<PolicyName, RunResult[]>();
    for (const job of jobs.filter((j) => j.scenario === scenario.name)) {
      byPolicy.set(job.policy, [...(byPolicy.get(job.policy) ?? []), ...(results.get(job.id) ?? [])]);
    }
    const uniformRegret = interval((byPolicy.get('uniform') ?? []).map((r) => r.regret)).mean;
    const policies: Record<string, PolicyReport> = {};
    for (const policy of POLICY_NAMES) {
      const runs = byPolicy.get(policy) ?? [];
      const regret = interval(runs.map((r) => r.regret));
      const declarations = runs.flatMap((r) => r.declarations.filter((d): d is { correct: boolean | null; sends: number } => d !== null));
      const judged = declarations.filter((d) => d.correct !== null);
      const slots = runs.reduce((n, r) => n + r.declarations.length, 0);
      const totals = overall.get(policy) ?? { judged: 0, correct: 0 };
      totals.judged += judged.length;
      totals.correct += judged.filter((d) => d.correct === true).length;
      overall.set(policy, totals);
      policies[policy] = {
        regret,
        regretVsUniform: regret.mean / uniformRegret,
        regretVsBound: regret.mean / bound,
        oracleShare: interval(runs.map((r) => r.expectedConversions / r.oracleConversions)),
        bestArmShare: interval(runs.map((r) => r.bestArmShare)),
        firstChannelShare: interval(runs.map((r) => r.firstChannelShare.reduce((a, b) => a + b, 0) / Math.max(1, r.firstChannelShare.length))),
        winner: {
          declaredRate: slots > 0 ? declarations.length / slots : 0,
          correctRate: judged.length > 0 ? judged.filter((d) => d.correct === true).length / judged.length : Number.NaN,
          medianSendsToDeclare: median(declarations.map((d) => d.sends)),
          declarations: declarations.length,
        },
      };
    }
    report[scenario.name] = { description: scenario.description, T: scenario.T, seeds: scenario.seeds, laiRobbinsBound: bound, policies };
  }
  const seconds = (performance.now() - started) / 1000;
  const winners: Record<string, { declarations: number; correctRate: number }> = {};
  for (const [policy, totals] of overall) winners[policy] = { declarations: totals.judged, correctRate: totals.judged > 0 ? totals.correct / totals.judged : Number.NaN };
  if (asJson) {
    process.stdout.write(`${JSON.stringify({ scenarios: report, winners, workers: workerCount, seconds }, null, 2)}\n`);
    return;
  }
  process.stderr.write('\n');
  const pct = (x: number): string => (Number.isFinite(x) ? `${(100 * x).toFixed(1)}%` : '—');
  const lines: string[] = [];
  for (const [name, scenario] of Object.entries(report)) {
    lines.push('', `${name}: ${scenario.description} — ${scenario.seeds} seeds, Lai–Robbins bound ${scenario.laiRobbinsBound.toFixed(1)}`);
    lines.push(
      ['policy'.padEnd(22), 'regret [95% CI]'.padEnd(26), '÷uniform', '÷bound', 'oracle', 'best-arm', '1st-ch', 'declared', 'correct', 'median sends'].join('  '),
    );
    for (const [policy, r] of Object.entries(scenario.policies)) {
      lines.push(
        [
          policy.padEnd(22),
          `${r.regret.mean.toFixed(1)} [${r.regret.lo.toFixed(1)}, ${r.regret.hi.toFixed(1)}]`.padEnd(26),
          r.regretVsUniform.toFixed(3).padStart(8),
          r.regretVsBound.toFixed(2).padStart(6),
          pct(r.oracleShare.mean).padStart(6),
          pct(r.bestArmShare.mean).padStart(8),
          pct(r.firstChannelShare.mean).padStart(6),
          pct(r.winner.declaredRate).padStart(8),
          pct(r.winner.correctRate).padStart(7),
          (Number.isFinite(r.winner.medianSendsToDeclare) ? r.winner.medianSendsToDeclare.toFixed(0) : '—').padStart(12),
        ].join('  '),
      );
    }
  }
  lines.push('', 'Declared winners that are the true best, all scenarios (ties excluded):');
  for (const [policy, w] of Object.entries(winners)) lines.push(`  ${policy.padEnd(22)} ${pct(w.correctRate)} of ${w.declarations}`);
  lines.push('', `${workerCount} workers, ${seconds.toFixed(0)} s`);
  process.stdout.write(`${lines.join('\n')}\n`);
}

main().catch((error: unknown) => {
  process.stderr.write(`${String(error)}\n`);
  process.exit(1);
});
