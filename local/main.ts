import { parseArgs } from 'node:util';
import { ScaledWallClock } from '../simulator/clock';
import { ensureWebBuild } from '../web/build';
import { DEFAULT_DEMO_SPEED, DEMO_REPORT_EVERY_MS, demoOrigin, demoScenario, startDemo, type RunningDemo } from './demo';
import { DEFAULT_LOCAL_PORT, DEFAULT_SCHEDULE_MS, startLocalPlatform } from './platform';

/** Help of `npm start`. */
const HELP = `Usage: npm start [-- --empty] [-- --speed <n>]

Starts the local platform (DynamoDB Local, the API, tracking links, the scheduled work) and, unless
--empty, the demo: the example experiments (examples/demo/*.yaml, created once) driven by simulated
customers (examples/demo/simulation.yaml) on a clock <n> times faster than real time (default ${DEFAULT_DEMO_SPEED}).

  --empty          no examples, no simulator, real time (also: CHANNEL_LAB_EMPTY=1)
  --speed <n>      simulated seconds per real second of the demo (also: SPEED=<n>)
  -h, --help       this help

Environment: PORT (default ${DEFAULT_LOCAL_PORT}), DATA_DIR (keep DynamoDB data there), AUTH_MODE=api_keys.
Ctrl-C stops everything (the simulator, the server, DynamoDB Local).
`;

/** `npm start`: runs the local platform (and the demo, unless --empty) until interrupted. */
async function main(): Promise<void> {
  const { values } = parseArgs({ options: { empty: { type: 'boolean' }, speed: { type: 'string' }, help: { type: 'boolean', short: 'h' } } });
  if (values.help === true) {
    process.stdout.write(HELP);
    return;
  }
  const empty = values.empty === true || process.env.CHANNEL_LAB_EMPTY === '1';
  const speed = Number(values.speed ?? process.env.SPEED ?? DEFAULT_DEMO_SPEED);
  if (!(speed >= 1)) throw new Error(`--speed must be a number ≥ 1, got ${values.speed ?? process.env.SPEED}`);
  const port = process.env.PORT === undefined ? DEFAULT_LOCAL_PORT : Number(process.env.PORT);
  const auth = process.env.AUTH_MODE === 'api_keys';
  if ((await ensureWebBuild()).built) console.log('Built the web app (web/dist).');
  const clock = empty ? undefined : new ScaledWallClock(demoOrigin(new Date()), speed);
  const platform = await startLocalPlatform({
    port,
    auth,
    ...(process.env.DATA_DIR ? { dbPath: process.env.DATA_DIR } : {}),
    ...(clock ? { clock, timeScale: speed, scheduleEveryMs: DEFAULT_SCHEDULE_MS / speed } : {}),
  });
  let demo: RunningDemo | undefined;
  let stopping = false;
  const shutdown = async (code: number) => {
    if (stopping) return;
    stopping = true;
    console.log('\nStopping: simulator, server, DynamoDB Local…');
    // The simulator ends its tick while the platform stops taking work; DynamoDB Local stops last.
    await Promise.all([demo?.stop().catch(() => undefined), platform.stop()]);
    process.exit(code);
  };
  process.on('SIGINT', () => void shutdown(0));
  process.on('SIGTERM', () => void shutdown(0));
  console.log(`Channel Lab local platform: ${platform.url}`);
  console.log(`  Web app:  ${platform.url}/#/experiments`);
  console.log(`  API:      ${platform.url}/v1/experiments`);
  console.log(`  OpenAPI:  ${platform.url}/v1/openapi.json`);
  console.log(`  DynamoDB: ${platform.dynamoEndpoint} (table ${platform.tableName})`);
  console.log(platform.adminKey ? `  API keys required; admin key: ${platform.adminKey}` : '  API keys not required locally (AUTH_MODE=api_keys npm start to require them, as the stack does)');
  if (clock) {
    console.log('');
    try {
      demo = await startDemo({ url: platform.url, ...(platform.adminKey ? { apiKey: platform.adminKey } : {}), clock, scenario: await demoScenario(speed), write: (line) => console.log(line) });
    } catch (error) {
      console.error(`The demo could not start: ${error instanceof Error ? error.message : String(error)}`);
      await shutdown(1);
      return;
    }
  }
  console.log(`Open the web app: ${platform.url}/#/experiments`);
  console.log(clock ? `Traffic moves within a minute or two; every ${DEMO_REPORT_EVERY_MS / 1000} s a line says where. Ctrl-C stops everything.` : 'Ctrl-C stops everything.');
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
