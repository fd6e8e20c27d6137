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
import type { CalibrationPhase, CalibrationTally, RunResult } from './simulator';
import { CALIBRATION_PHASES } from './simulator';
import type { Interval } from './stats';
import { bernoulliKl, interval, median } from './stats';

const args = process.argv.slice(2);
const asJson = args.includes('--json');
const argValue = (flag: string): string | undefined => {
  const index = args.indexOf(flag);
  return index >= 0 ? args[index + 1] : undefined;
};
const workerCount = Number(argValue('--workers') ?? Math.min(2, availableParallelism()));
const only = argValue('--scenario')?.split(',');
const seedOverride = argValue('--seeds') === undefined ? undefined : Number(argValue('--seeds'));
/** `--seed-offset N` runs seeds N+1.. instead of 1.. (a second seed set, to check a change is not tuned to the first). */
const seedOffset = Number(argValue('--seed-offset') ?? 0);
const policyFilter = argValue('--policies')?.split(',');
const policyNames = POLICY_NAMES.filter((p) => policyFilter === undefined || policyFilter.includes(p));
const scenarios = SCENARIOS.filter((s) => only === undefined || only.includes(s.name)).map((s) => (seedOverride === undefined ? s : { ...s, seeds: Math.min(s.seeds, seedOverride) }));

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
    for (const policy of policyNames) {
      for (let start = 1; start <= scenario.seeds; start += SEEDS_PER_JOB) {
        const seeds = Array.from({ length: Math.min(SEEDS_PER_JOB, scenario.seeds - start + 1) }, (_, i) => seedOffset + start + i);
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
  regretShareFirst24h: number;
  /** Mean regret per hour of the first 24 hours (24 entries). */
  regretFirst24hByHour: number[];
  /** Mean first-day regret per channel sent. */
  regretFirst24hByChannel: Record<string, number>;
  firstChannelTrafficShare: Interval;
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
  const calibration: Record<string, Record<CalibrationPhase, PhaseCalibration>> = {};
  for (const scenario of scenarios) {
    const bound = laiRobbins(scenario);
    const byPolicy = new Map<PolicyName, RunResult[]>();
    for (const job of jobs.filter((j) => j.scenario === scenario.name)) {
      byPolicy.set(job.policy, [...(byPolicy.get(job.policy) ?? []), ...(results.get(job.id) ?? [])]);
    }
    const uniformRegret = interval((byPolicy.get('uniform') ?? []).map((r) => r.regret)).mean;
    const policies: Record<string, PolicyReport> = {};
    for (const policy of policyNames) {
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
        regretShareFirst24h: runs.reduce((sum, r) => sum + r.regretFirst24h, 0) / Math.max(1e-12, runs.reduce((sum, r) => sum + r.regret, 0)),
        regretFirst24hByHour: Array.from({ length: 24 }, (_, h) => runs.reduce((sum, r) => sum + (r.regretFirst24hByHour[h] ?? 0), 0) / Math.max(1, runs.length)),
        regretFirst24hByChannel: Object.fromEntries(scenario.channels.map((channel, k) => [channel, runs.reduce((sum, r) => sum + (r.regretFirst24hByChannel[k] ?? 0), 0) / Math.max(1, runs.length)])),
        firstChannelTrafficShare: interval(runs.map((r) => r.firstChannelTrafficShare)),
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
    const calibrationRuns = (byPolicy.get('default') ?? []).filter((r) => r.calibration !== undefined);
    if (calibrationRuns.length > 0) calibration[scenario.name] = summariseCalibration(calibrationRuns);
  }
  const seconds = (performance.now() - started) / 1000;
  const winners: Record<string, { declarations: number; correctRate: number }> = {};
  for (const [policy, totals] of overall) winners[policy] = { declarations: totals.judged, correctRate: totals.judged > 0 ? totals.correct / totals.judged : Number.NaN };
  const targets = evaluateTargets(report, calibration, winners);
  if (asJson) {
    process.stdout.write(`${JSON.stringify({ scenarios: report, calibration, winners, targets, seedOffset, workers: workerCount, seconds }, null, 2)}\n`);
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
  lines.push('', 'Calibration of the default policy (95 % intervals; coverage target 0.92–0.98, |bias| ≤ 0.10 of the rate per channel):');
  for (const [name, phases] of Object.entries(calibration)) {
    for (const [phase, c] of Object.entries(phases)) {
      const channels = Object.entries(c.byChannel)
        .map(([channel, b]) => `${channel} ${b.coverage.toFixed(3)}/${b.meanRelativeError >= 0 ? '+' : ''}${b.meanRelativeError.toFixed(3)}±${b.biasStandardError.toFixed(3)}`)
        .join(', ');
      lines.push(`  ${name.padEnd(20)} ${phase.padEnd(20)} coverage ${c.coverage.toFixed(3)}  bias ${c.meanRelativeError.toFixed(3)}  (${c.n})  ${channels}`);
    }
  }
  lines.push('', 'Targets:');
  for (const t of targets) lines.push(`  ${t.met ? 'met    ' : 'NOT MET'} ${t.name}: ${t.measured}`);
  lines.push('', `${workerCount} workers, ${seconds.toFixed(0)} s`);
  process.stdout.write(`${lines.join('\n')}\n`);
}

/** Calibration of one phase: over all channels, and per channel. */
interface PhaseCalibration {
  /** Share of (segment, arm, checkpoint) intervals containing the true rate. */
  coverage: number;
  /** Relative bias of the point estimate: Σ(estimate − true) / Σ true. */
  meanRelativeError: number;
  /** Mean of |estimate − true| / true. */
  meanAbsoluteRelativeError: number;
  /** Standard error of `meanRelativeError`, with the runs (seeds) as independent units. */
  biasStandardError: number;
  /** Estimates judged. */
  n: number;
  /** The same per channel. */
  byChannel: Record<string, PhaseFigures>;
}

/** The figures of one phase (and channel). */
type PhaseFigures = Omit<PhaseCalibration, 'byChannel'>;

/**
 * The figures of one phase from per-run tallies. The bias's standard error treats runs (seeds) as
 * the independent units: a run's checkpoints and segments share its history, so their errors are
 * correlated and counting them as independent would understate it.
 */
function summariseTallies(perRun: readonly CalibrationTally[]): PhaseFigures {
  const sum = (pick: (t: CalibrationTally) => number): number => perRun.reduce((total, t) => total + pick(t), 0);
  const n = sum((t) => t.n);
  const totalTrue = sum((t) => t.sumTrue);
  const bias = totalTrue > 0 ? (sum((t) => t.sumEstimate) - totalTrue) / totalTrue : Number.NaN;
  const runs = perRun.filter((t) => t.n > 0);
  const residuals = runs.reduce((total, t) => total + (t.sumEstimate - t.sumTrue - bias * t.sumTrue) ** 2, 0);
  return {
    coverage: n > 0 ? sum((t) => t.covered) / n : Number.NaN,
    meanRelativeError: bias,
    meanAbsoluteRelativeError: n > 0 ? sum((t) => t.sumAbsRelative) / n : Number.NaN,
    biasStandardError: runs.length > 1 && totalTrue > 0 ? Math.sqrt((residuals * runs.length) / (runs.length - 1)) / totalTrue : Number.NaN,
    n,
  };
}

/** A run's tallies of one phase, summed over channels. */
function runTally(run: RunResult, phase: CalibrationPhase): CalibrationTally {
  const total: CalibrationTally = { n: 0, covered: 0, sumEstimate: 0, sumTrue: 0, sumAbsRelative: 0 };
  for (const t of Object.values(run.calibration?.[phase] ?? {})) {
    total.n += t.n;
    total.covered += t.covered;
    total.sumEstimate += t.sumEstimate;
    total.sumTrue += t.sumTrue;
    total.sumAbsRelative += t.sumAbsRelative;
  }
  return total;
}

function summariseCalibration(runs: readonly RunResult[]): Record<CalibrationPhase, PhaseCalibration> {
  const out = {} as Record<CalibrationPhase, PhaseCalibration>;
  for (const phase of CALIBRATION_PHASES) {
    const channels = Object.keys(runs[0]?.calibration?.[phase] ?? {});
    out[phase] = {
      ...summariseTallies(runs.map((r) => runTally(r, phase))),
      byChannel: Object.fromEntries(channels.map((channel) => [channel, summariseTallies(runs.map((r) => r.calibration?.[phase]?.[channel] as CalibrationTally))])),
    };
  }
  return out;
}

/** One target of issue 14 and whether it is met. */
interface Target {
  name: string;
  measured: string;
  met: boolean;
}

type Report = Record<string, { policies: Record<string, PolicyReport> }>;

function evaluateTargets(report: Report, calibration: Record<string, Record<CalibrationPhase, PhaseCalibration>>, winners: Record<string, { declarations: number; correctRate: number }>): Target[] {
  const targets: Target[] = [];
  const policy = (scenario: string, name: string): PolicyReport | undefined => report[scenario]?.policies[name];
  const ratio = (scenario: string, name: string, reference: string, limit: number, label: string): void => {
    const a = policy(scenario, name);
    const b = policy(scenario, reference);
    if (!a || !b) return;
    const value = a.regret.mean / b.regret.mean;
    targets.push({ name: `${scenario}: ${name} ≤ ${limit} × ${label}`, measured: value.toFixed(3), met: value <= limit });
  };
  for (const [scenario, phases] of Object.entries(calibration)) {
    for (const [phase, c] of Object.entries(phases)) {
      targets.push({ name: `calibration.${scenario}.${phase}.coverage in [0.92, 0.98]`, measured: c.coverage.toFixed(3), met: c.coverage >= 0.92 && c.coverage <= 0.98 });
      let worst: [string, number] = ['', 0];
      for (const [channel, b] of Object.entries(c.byChannel)) if (Math.abs(b.meanRelativeError) > Math.abs(worst[1])) worst = [channel, b.meanRelativeError];
      targets.push({ name: `calibration.${scenario}.${phase}: every channel's |bias| ≤ 0.10 of its rate`, measured: `worst ${worst[0]} ${worst[1].toFixed(3)}`, met: Math.abs(worst[1]) <= 0.1 });
    }
  }
  const main = policy('main', 'default');
  if (main) targets.push({ name: 'main: default regretShareFirst24h ≤ 0.15', measured: main.regretShareFirst24h.toFixed(3), met: main.regretShareFirst24h <= 0.15 });
  ratio('main', 'default', 'uniform', 0.08, 'uniform');
  ratio('shift', 'default', 'uniform', 0.45, 'uniform');
  ratio('many_segments', 'default', 'thompson_independent', 0.6, 'independent Thompson');
  const peer = policy('main', 'growthbook_peer');
  if (main && peer) {
    targets.push({ name: 'main: default beats growthbook_peer, intervals apart', measured: `${main.regret.mean.toFixed(1)} [${main.regret.lo.toFixed(1)}, ${main.regret.hi.toFixed(1)}] vs ${peer.regret.mean.toFixed(1)} [${peer.regret.lo.toFixed(1)}, ${peer.regret.hi.toFixed(1)}]`, met: main.regret.hi < peer.regret.lo });
  }
  const delaysDefault = policy('delays', 'default');
  const delaysPeer = policy('delays', 'growthbook_peer');
  if (delaysDefault && delaysPeer) {
    const gap = (r: PolicyReport): Interval => ({ mean: Math.abs(0.5 - r.firstChannelTrafficShare.mean), lo: Math.abs(0.5 - r.firstChannelTrafficShare.mean) - (r.firstChannelTrafficShare.hi - r.firstChannelTrafficShare.mean), hi: Math.abs(0.5 - r.firstChannelTrafficShare.mean) + (r.firstChannelTrafficShare.hi - r.firstChannelTrafficShare.mean) });
    const a = gap(delaysDefault);
    const b = gap(delaysPeer);
    targets.push({
      name: 'delays (equal rates, regret 0 for all): default closer to the fair 50 % split of traffic than growthbook_peer, intervals apart',
      measured: `|0.5 − slow-channel share| ${a.mean.toFixed(3)} [${a.lo.toFixed(3)}, ${a.hi.toFixed(3)}] vs ${b.mean.toFixed(3)} [${b.lo.toFixed(3)}, ${b.hi.toFixed(3)}]`,
      met: a.hi < b.lo,
    });
  }
  const pooled = winners['default'];
  if (pooled) targets.push({ name: 'declared winners correct ≥ 95 % pooled (default)', measured: `${(100 * pooled.correctRate).toFixed(1)} % of ${pooled.declarations}`, met: pooled.correctRate >= 0.95 });
  return targets;
}

main().catch((error: unknown) => {
  process.stderr.write(`${String(error)}\n`);
  process.exit(1);
});
