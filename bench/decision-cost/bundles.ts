/**
 * Measurement 4: bundle size and cold-start init of each Lambda function. Each entry is bundled
 * with esbuild the way the CDK construct does (`infra/constructs/channel-lab-function.ts`: ESM,
 * minified, platform node, target node24, `@aws-sdk/*` external), and once more with the SDK
 * included (a fair local init measure: here the external SDK is read from node_modules, on
 * Lambda from the runtime). Init is the time a fresh `node` takes to import the bundle, against
 * a baseline fresh `node` importing an empty module, median of several runs.
 */
import { spawnSync } from 'node:child_process';
import { mkdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { gzipSync } from 'node:zlib';
import { build, type Metafile } from 'esbuild';
import { EXTERNAL_MODULES } from '../../infra/constructs/channel-lab-function';
import { DEFAULT_ENTRY_PATHS } from '../../infra/entries';
import { median } from './stats';

/** The Lambda entries, by function: the stack's own (`infra/entries.ts`). */
export const FUNCTION_ENTRIES: Readonly<Record<string, string>> = { ...DEFAULT_ENTRY_PATHS };
/** Fresh processes per bundle (the median is reported). */
export const INIT_RUNS = 5;
/** The same banner as the CDK construct: `require` for CommonJS dependencies inside the ESM bundle. */
const ESM_REQUIRE_SHIM = "import { createRequire as __channelLabCreateRequire } from 'node:module'; const require = __channelLabCreateRequire(import.meta.url);";
/** Under the repository's node_modules so that the external SDK resolves as it would from a layer. */
export const OUT_DIR = resolve('node_modules/.cache/channel-lab-decision-cost');
/** Longest a child process may take. */
const CHILD_TIMEOUT_MS = 30_000;
/** The child: imports the module named by BENCH_IMPORT_URL and prints its timings (ms since process start). */
const CHILD_SCRIPT =
  'const started = performance.now(); await import(process.env.BENCH_IMPORT_URL); const ready = performance.now(); process.stdout.write(JSON.stringify({ importMs: ready - started, readyMs: ready })); process.exit(0);';
/** Environment of the functions at init: no Secrets Manager call (the secrets' local values), a dummy endpoint nobody calls at init. */
export const FUNCTION_ENV: Readonly<Record<string, string>> = {
  TABLE_NAME: 'bench-init',
  DYNAMODB_ENDPOINT: 'http://127.0.0.1:9',
  AWS_REGION: 'us-east-1',
  DISPATCH_QUEUE_URL: 'https://sqs.us-east-1.amazonaws.com/123456789012/bench-init',
  PUBLIC_BASE_URL: 'https://bench.example.com',
  LINK_SIGNING_SECRET: 'bench-link-signing-secret-not-a-real-one',
  WEBHOOK_SIGNING_SECRET: 'bench-webhook-signing-secret-not-a-real-one',
  ASSIGNMENT_ID_SECRET: 'bench-assignment-id-secret-not-a-real-one',
  SES_FROM_ADDRESS: 'bench@example.com',
  LOG_LEVEL: 'warn',
};

/** Size and init of one bundle. */
export interface BundleFigures {
  /** Bytes of the JavaScript file. */
  readonly bytes: number;
  /** Bytes gzipped (level 9), a proxy for the deployment package. */
  readonly gzipBytes: number;
  /** Import time of the bundle in a fresh process, ms (median). */
  readonly importMs: number;
  /** Process start to handler ready, ms (median). */
  readonly readyMs: number;
  /** `readyMs` minus the baseline's, ms. */
  readonly overBaselineMs: number;
}

/** One function's figures: as deployed (SDK external) and with the SDK bundled. */
export interface FunctionBundle {
  /** Function name. */
  readonly name: string;
  /** Entry file. */
  readonly entry: string;
  /** As the CDK stack bundles it (`@aws-sdk/*` external; here the SDK loads from node_modules). */
  readonly sdkExternal: BundleFigures;
  /** With the SDK bundled in (what a cold start loads in total). */
  readonly sdkBundled: BundleFigures;
}

/** What measurement 4 reports. */
export interface BundlesReport {
  /** Baseline: fresh `node` importing an empty module, ms from process start to ready (median). */
  readonly baselineReadyMs: number;
  /** Node.js version of the children. */
  readonly node: string;
  /** Per function. */
  readonly functions: readonly FunctionBundle[];
}

/**
 * Bundles an entry as the CDK construct does.
 *
 * @param entry - the entry file, from the repository root.
 * @param outfile - where to write the bundle.
 * @param sdkExternal - leave `@aws-sdk/*` out (as deployed).
 * @returns esbuild's metafile: which input left how many bytes in the output.
 */
export async function bundle(entry: string, outfile: string, sdkExternal: boolean): Promise<Metafile> {
  const result = await build({
    entryPoints: [resolve(entry)],
    outfile,
    bundle: true,
    platform: 'node',
    target: 'node24',
    format: 'esm',
    minify: true,
    mainFields: ['module', 'main'],
    banner: { js: ESM_REQUIRE_SHIM },
    external: sdkExternal ? [...EXTERNAL_MODULES] : [],
    metafile: true,
    logLevel: 'silent',
  });
  return result.metafile;
}

function initTimes(file: string): { importMs: number; readyMs: number } {
  const runs = Array.from({ length: INIT_RUNS }, () => {
    const child = spawnSync(process.execPath, ['--input-type=module', '-e', CHILD_SCRIPT], {
      env: { PATH: process.env.PATH ?? '', ...FUNCTION_ENV, BENCH_IMPORT_URL: pathToFileURL(file).href },
      encoding: 'utf8',
      timeout: CHILD_TIMEOUT_MS,
    });
    if (child.status !== 0) throw new Error(`benchmark: importing ${file} failed (${child.status}): ${child.stderr.slice(0, 500)}`);
    return JSON.parse(child.stdout) as { importMs: number; readyMs: number };
  });
  return { importMs: median(runs.map((run) => run.importMs)), readyMs: median(runs.map((run) => run.readyMs)) };
}

/**
 * Runs measurement 4 (from the repository root).
 *
 * @param progress - reports progress (stderr).
 * @returns bytes and init times per function, and the baseline.
 */
export async function measureBundles(progress: (message: string) => void): Promise<BundlesReport> {
  rmSync(OUT_DIR, { recursive: true, force: true });
  mkdirSync(OUT_DIR, { recursive: true });
  const empty = join(OUT_DIR, 'empty.mjs');
  writeFileSync(empty, 'export {};\n');
  const baselineReadyMs = initTimes(empty).readyMs;
  const functions: FunctionBundle[] = [];
  for (const [name, entry] of Object.entries(FUNCTION_ENTRIES)) {
    const figures = async (sdkExternal: boolean): Promise<BundleFigures> => {
      const file = join(OUT_DIR, `${name}${sdkExternal ? '' : '.with-sdk'}.mjs`);
      await bundle(entry, file, sdkExternal);
      const times = initTimes(file);
      return {
        bytes: statSync(file).size,
        gzipBytes: gzipSync(readFileSync(file), { level: 9 }).byteLength,
        ...times,
        overBaselineMs: times.readyMs - baselineReadyMs,
      };
    };
    functions.push({ name, entry, sdkExternal: await figures(true), sdkBundled: await figures(false) });
    progress(`bundles: ${name}`);
  }
  rmSync(OUT_DIR, { recursive: true, force: true });
  return { baselineReadyMs, node: process.version, functions };
}
