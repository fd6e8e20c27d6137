import { dirname } from 'node:path';
import { ScaledWallClock } from '../../simulator/clock';
import { describeDuration, truthLines } from '../../simulator/describe';
import { HttpSimulationTarget } from '../../simulator/http-target';
import { checkScenarioYaml } from '../../simulator/load-scenario';
import { prepareExperiments } from '../../simulator/prepare';
import { runSimulation } from '../../simulator/run-simulation';
import { parseDuration, type Scenario } from '../../simulator/scenario';
import { readTraffic, trafficLines } from '../../simulator/traffic-report';
import type { ApiClient } from '../api-client';
import { positional, stringOption } from '../args';
import { type Command, helpText } from '../command';
import { readDefinitionFile } from '../definition-file';
import { UsageError } from '../errors';
import { formatProblem } from '../format';
import { EXIT_FAILURE, EXIT_OK, writeLine } from '../io';
import { ProgressBar } from '../progress';

/** Milliseconds in a minute (the progress bar counts simulated minutes). */
const MS_PER_MINUTE = 60_000;

/** The platform's clock now, from the `Date` header of an answer (1 s resolution; the local demo sends its simulated time). */
async function platformNow(api: ApiClient): Promise<Date> {
  const answer = await api.request('GET', '/v1/experiments?limit=1');
  const header = answer.headers.get('date');
  const at = header === null ? Number.NaN : Date.parse(header);
  return Number.isNaN(at) ? new Date() : new Date(at);
}

/** The scenario with the command line's overrides. */
function withOverrides(scenario: Scenario, values: { speed?: string; duration?: string; seed?: string }): Scenario {
  let result = scenario;
  if (values.speed !== undefined) {
    const speed = Number(values.speed);
    if (!(speed > 0)) throw new UsageError('--speed must be a number > 0');
    result = { ...result, speed };
  }
  if (values.duration !== undefined) {
    const duration = parseDuration(values.duration);
    if (duration === undefined || duration <= 0) throw new UsageError('--duration must be a duration such as 90s, 30m, 6h or 2d');
    result = { ...result, duration };
  }
  if (values.seed !== undefined) {
    const seed = Number(values.seed);
    if (!Number.isInteger(seed)) throw new UsageError('--seed must be a whole number');
    result = { ...result, seed };
  }
  return result;
}

/** `simulate <scenario.yaml>`: drives experiments with simulated customers through the API. */
export const simulateCommand: Command = {
  name: 'simulate',
  summary: 'drive experiments with simulated customers (true rates and delays from a scenario file)',
  help: helpText(
    'simulate <scenario.yaml> [--duration 6h] [--speed 1] [--seed n]',
    [
      "Applies the scenario's experiment files (as `apply` does: a rerun finds them) and starts",
      'them, prints the simulated truth (each customer kind\'s true goal rate per channel, per',
      'segment, and the response delays), then runs the simulated customers against the API',
      'with a progress bar: new customers every tick are sent to (POST /v1/experiments/{id}/sends),',
      'and each answers the channel chosen for them with its true rate, after its delay counted',
      'from when the message left (POST /v1/events). At the end, where each segment\'s traffic goes.',
      '',
      "Time: the simulation follows the platform's clock (read from the Date header) at --speed",
      'simulated seconds per real second. A deployed platform runs in real time: keep speed 1.',
      'See examples/demo/simulation.yaml.',
    ],
    [
      "  --duration <d>       simulated time to run (e.g. 90m, 6h, 2d; default: the file's)",
      "  --speed <n>          simulated seconds per real second (default: the file's; 1 for a deployed platform)",
      "  --seed <n>           seed of the simulated customers' draws (default: the file's)",
    ],
  ),
  options: { duration: { type: 'string' }, speed: { type: 'string' }, seed: { type: 'string' } },
  positionals: { min: 1, max: 1 },
  async run({ args, io, client }) {
    const file = await readDefinitionFile(positional(args, 0), io);
    const check = checkScenarioYaml(file.text);
    if (!check.ok) {
      for (const problem of check.problems) writeLine(io.stderr, formatProblem(file.path, problem));
      return EXIT_FAILURE;
    }
    const speed = stringOption(args, 'speed');
    const duration = stringOption(args, 'duration');
    const seed = stringOption(args, 'seed');
    const scenario = withOverrides(check.scenario, { ...(speed === undefined ? {} : { speed }), ...(duration === undefined ? {} : { duration }), ...(seed === undefined ? {} : { seed }) });
    const api = client();
    const reports = await prepareExperiments(api, scenario, dirname(file.absolutePath));
    const experiments = reports.map((report) => report.experiment);
    for (const report of reports) writeLine(io.stdout, `experiment ${report.experiment.id} "${report.experiment.name}" (${report.experiment.stage}): ${report.actions.join(', ')}`);
    writeLine(io.stdout);
    for (const line of truthLines(scenario, experiments)) writeLine(io.stdout, line);
    writeLine(io.stdout);
    writeLine(io.stdout, `Simulating ${describeDuration(scenario.duration)} at ${scenario.speed}× (${describeDuration((scenario.duration / scenario.speed))} of real time)…`);
    const origin = await platformNow(api);
    const clock = io.simulationClock?.(origin, scenario.speed) ?? new ScaledWallClock(origin, scenario.speed);
    const controller = new AbortController();
    const interrupt = () => controller.abort();
    process.once('SIGINT', interrupt);
    const bar = new ProgressBar(io.stderr, Math.round(scenario.duration / MS_PER_MINUTE), 'simulated minutes');
    try {
      const final = await runSimulation({
        scenario,
        experiments,
        target: new HttpSimulationTarget(api),
        clock,
        runId: origin.getTime().toString(36),
        signal: controller.signal,
        onProgress: (progress) => bar.update(Math.round(progress.elapsedMs / MS_PER_MINUTE), `${progress.customers} customers, ${progress.responses} responses (${progress.counted} counted)${progress.errors > 0 ? `, ${progress.errors} failed requests` : ''}`),
      });
      if (!controller.signal.aborted) bar.update(Math.round(scenario.duration / MS_PER_MINUTE), `${final.customers} customers, ${final.responses} responses (${final.counted} counted)`);
      bar.done();
      writeLine(io.stdout, `${controller.signal.aborted ? 'Stopped' : 'Done'}: ${final.customers} customers, ${final.messages} messages, ${final.heldOut} held out, ${final.notSent} not sent; ${final.responses} responses, ${final.counted} counted${final.missed > 0 ? `; ${final.missed} customers missed (the platform fell behind)` : ''}${final.errors > 0 ? `; ${final.errors} failed requests (last: ${final.lastError ?? '?'})` : ''}`);
      writeLine(io.stdout, "Where each segment's traffic goes now (results as of the last allocation):");
      for (const line of trafficLines(await readTraffic(api, scenario, experiments))) writeLine(io.stdout, line);
      return final.errors > 0 ? EXIT_FAILURE : EXIT_OK;
    } finally {
      process.removeListener('SIGINT', interrupt);
    }
  },
};
