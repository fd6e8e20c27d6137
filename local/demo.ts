import { readFile } from 'node:fs/promises';
import { dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { ApiClient } from '../cli/api-client';
import { ScaledWallClock } from '../simulator/clock';
import { describeDuration, progressLine, truthLines } from '../simulator/describe';
import { HttpSimulationTarget } from '../simulator/http-target';
import { checkScenarioYaml } from '../simulator/load-scenario';
import { prepareExperiments } from '../simulator/prepare';
import { runSimulation, type SimulationProgress } from '../simulator/run-simulation';
import type { Scenario } from '../simulator/scenario';
import { readTraffic, trafficLines } from '../simulator/traffic-report';

/** The demo's scenario: the example experiments and the simulated customers. */
export const DEMO_SCENARIO = fileURLToPath(new URL('../examples/demo/simulation.yaml', import.meta.url));
/** Simulated seconds per real second in the demo: a real minute is six simulated hours. */
export const DEFAULT_DEMO_SPEED = 360;
/** The demo runs until stopped: its simulated length is long enough never to end first. */
const DEMO_DURATION_MS = 365 * 86_400_000;
/** Real milliseconds between two lines of progress and traffic in the terminal. */
export const DEMO_REPORT_EVERY_MS = 15_000;
/** Hour (UTC) of the simulated morning the demo starts at: customers' quiet hours are over. */
const DEMO_START_HOUR_UTC = 9;

/** The simulated instant the demo starts at: the next 09:00 UTC (so SMS and push are not in quiet hours). */
export function demoOrigin(now: Date): Date {
  const morning = new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate(), DEMO_START_HOUR_UTC));
  return morning.getTime() >= now.getTime() ? morning : new Date(morning.getTime() + 86_400_000);
}

/** Reads the demo scenario, set to the demo's pace and an open-ended length. */
export async function demoScenario(speed: number, path = DEMO_SCENARIO): Promise<Scenario> {
  const check = checkScenarioYaml(await readFile(path, 'utf8'));
  if (!check.ok) throw new Error(`${path}: ${check.problems.map((problem) => `${problem.line ?? '?'}: ${problem.path} ${problem.message}`).join('; ')}`);
  return { ...check.scenario, speed, duration: DEMO_DURATION_MS };
}

/** A running demo. */
export interface RunningDemo {
  /** Resolves when the simulation has stopped (after `stop`). */
  readonly done: Promise<SimulationProgress>;
  /** Stops the simulation at its next tick. */
  stop(): Promise<SimulationProgress>;
}

/**
 * The demo of `npm start`: applies the example experiments (idempotently: a rerun finds them),
 * starts them, prints the simulated truth, then drives them with simulated customers through the
 * platform's API on the platform's own (scaled) clock, printing progress and where each segment's
 * traffic goes every {@link DEMO_REPORT_EVERY_MS}.
 */
export async function startDemo(options: { url: string; apiKey?: string; clock: ScaledWallClock; scenario: Scenario; write: (line: string) => void; scenarioPath?: string }): Promise<RunningDemo> {
  const api = new ApiClient({ baseUrl: options.url, ...(options.apiKey === undefined ? {} : { apiKey: options.apiKey }) });
  const reports = await prepareExperiments(api, options.scenario, dirname(options.scenarioPath ?? DEMO_SCENARIO));
  const experiments = reports.map((report) => report.experiment);
  for (const report of reports) options.write(`Example experiment ${report.experiment.id} "${report.experiment.name}" (${report.experiment.stage}): ${report.actions.join(', ')}`);
  options.write('');
  options.write(`Simulated customers (the truth the bandit has to find; ${options.scenario.speed}× time: 1 real minute = ${describeDuration(options.scenario.speed * 60_000)} simulated):`);
  for (const line of truthLines(options.scenario, experiments)) options.write(`  ${line}`);
  options.write('');
  const controller = new AbortController();
  let latest: SimulationProgress | undefined;
  const done = runSimulation({
    scenario: options.scenario,
    experiments,
    target: new HttpSimulationTarget(api),
    clock: options.clock,
    runId: options.clock.now().getTime().toString(36),
    signal: controller.signal,
    onProgress: (progress) => (latest = progress),
  });
  const report = async (): Promise<void> => {
    if (latest === undefined) return;
    options.write(`[simulated ${options.clock.now().toISOString().slice(0, 16).replace('T', ' ')} UTC] ${progressLine(latest).replace(/^\S+\s+\d+ % · /, '')}`);
    try {
      for (const line of trafficLines(await readTraffic(api, options.scenario, experiments))) options.write(line);
    } catch (error) {
      options.write(`  (results not readable: ${error instanceof Error ? error.message : String(error)})`);
    }
  };
  const timer = setInterval(() => void report(), DEMO_REPORT_EVERY_MS);
  return {
    done,
    stop: async () => {
      clearInterval(timer);
      controller.abort();
      return done;
    },
  };
}
