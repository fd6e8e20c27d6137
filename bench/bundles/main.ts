/**
 * `npm run bench:bundles`: what each Lambda bundle is made of and how long it takes to initialise.
 *
 * 1. Each entry bundled as the CDK construct bundles it (SDK external): its size, gzip size and its
 *    heaviest parts (npm packages, or the project's folders) from esbuild's metafile.
 * 2. Cold init: a fresh `node` imports the bundle (the function's environment, no network at init)
 *    and reports the time from process start to handler ready, and the CPU time (user + system) it
 *    used by then. An empty module is the baseline. Runs are interleaved (baseline, every function,
 *    again) so that a change of load on a shared machine hits all of them alike; the median and the
 *    spread (min–max) over the baseline are printed, with the load average before and after. CPU time
 *    is the steadier figure on a loaded machine: waiting for a core adds wall time, not CPU time.
 *
 * Options: `--runs N` (default {@link DEFAULT_RUNS}), `--top N` parts per bundle (default {@link DEFAULT_TOP}).
 */
import { spawnSync } from 'node:child_process';
import { mkdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { loadavg } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { gzipSync } from 'node:zlib';
import { bundle, FUNCTION_ENTRIES, FUNCTION_ENV, OUT_DIR } from '../decision-cost/bundles';
import { median } from '../decision-cost/stats';
import { type BundlePart, bundleParts } from './composition';

/** Fresh processes per bundle. */
const DEFAULT_RUNS = 9;
/** Parts listed per bundle. */
const DEFAULT_TOP = 12;
/** Bytes per KiB. */
const KIB = 1024;
/** Longest a child process may take. */
const CHILD_TIMEOUT_MS = 60_000;
/** The child: imports the module named by BENCH_IMPORT_URL, prints ms since process start and CPU ms used. */
const CHILD_SCRIPT =
  'await import(process.env.BENCH_IMPORT_URL); const readyMs = performance.now(); const cpu = process.cpuUsage(); process.stdout.write(JSON.stringify({ readyMs, cpuMs: (cpu.user + cpu.system) / 1000 })); process.exit(0);';

/** One init run. */
interface InitRun {
  readonly readyMs: number;
  readonly cpuMs: number;
}

function option(name: string, fallback: number): number {
  const at = process.argv.indexOf(name);
  const value = at >= 0 ? Number(process.argv[at + 1]) : fallback;
  if (!Number.isInteger(value) || value < 1) throw new Error(`${name} takes a positive whole number`);
  return value;
}

function initRun(file: string): InitRun {
  const child = spawnSync(process.execPath, ['--input-type=module', '-e', CHILD_SCRIPT], {
    env: { PATH: process.env.PATH ?? '', ...FUNCTION_ENV, BENCH_IMPORT_URL: pathToFileURL(file).href },
    encoding: 'utf8',
    timeout: CHILD_TIMEOUT_MS,
  });
  if (child.status !== 0) throw new Error(`bench:bundles: importing ${file} failed (${child.status}): ${child.stderr.slice(0, 500)}`);
  return JSON.parse(child.stdout) as InitRun;
}

const fixed = (value: number): string => value.toFixed(0);
const loads = (): string => loadavg().map((load) => load.toFixed(1)).join(' ');

/** "median (min–max)" of each run's value less the baseline's median. */
function overBaseline(values: readonly number[], baseline: number): string {
  const over = values.map((value) => value - baseline);
  return `${fixed(median(over))} (${fixed(Math.min(...over))}–${fixed(Math.max(...over))})`;
}

async function main(): Promise<void> {
  const runs = option('--runs', DEFAULT_RUNS);
  const top = option('--top', DEFAULT_TOP);
  rmSync(OUT_DIR, { recursive: true, force: true });
  mkdirSync(OUT_DIR, { recursive: true });
  const out: string[] = [];
  try {
    const empty = join(OUT_DIR, 'empty.mjs');
    writeFileSync(empty, 'export {};\n');
    const files: Record<string, string> = {};
    const parts: Record<string, BundlePart[]> = {};
    out.push('1. Bundles (esbuild as the CDK construct: ESM, minified, node24, @aws-sdk/* external) and their heaviest parts', '');
    for (const [name, entry] of Object.entries(FUNCTION_ENTRIES)) {
      const file = join(OUT_DIR, `${name}.mjs`);
      parts[name] = bundleParts(await bundle(entry, file, true));
      files[name] = file;
      const bytes = statSync(file).size;
      out.push(`${name} (${entry}): ${fixed(bytes / KIB)} KiB, gzip ${fixed(gzipSync(readFileSync(file), { level: 9 }).byteLength / KIB)} KiB`);
      for (const part of (parts[name] ?? []).slice(0, top)) out.push(`  ${(part.bytes / KIB).toFixed(1).padStart(6)} KiB  ${part.group}`);
      out.push('');
    }
    const loadBefore = loads();
    const samples: Record<string, InitRun[]> = { baseline: [] };
    for (let round = 0; round < runs; round += 1) {
      samples.baseline?.push(initRun(empty));
      for (const [name, file] of Object.entries(files)) (samples[name] ??= []).push(initRun(file));
    }
    const loadAfter = loads();
    const baseline = samples.baseline ?? [];
    const baseReady = median(baseline.map((run) => run.readyMs));
    const baseCpu = median(baseline.map((run) => run.cpuMs));
    out.push(`2. Cold init in a fresh ${process.version} process, ${runs} interleaved runs: median (min–max) over the empty-module baseline`, '');
    out.push(`${'function'.padEnd(16)}${'KiB'.padStart(5)}  ${'wall ms over baseline'.padEnd(24)}CPU ms over baseline`);
    for (const name of Object.keys(files)) {
      const runsOf = samples[name] ?? [];
      const kib = fixed(statSync(files[name] as string).size / KIB);
      out.push(`${name.padEnd(16)}${kib.padStart(5)}  ${overBaseline(runsOf.map((run) => run.readyMs), baseReady).padEnd(24)}${overBaseline(runsOf.map((run) => run.cpuMs), baseCpu)}`);
    }
    out.push(
      '',
      `Baseline (node importing an empty module): ${fixed(baseReady)} ms wall, ${fixed(baseCpu)} ms CPU from process start.`,
      `Load average (1, 5, 15 min) before the init runs: ${loadBefore}; after: ${loadAfter} (${navigator.hardwareConcurrency} cores).`,
    );
  } finally {
    rmSync(OUT_DIR, { recursive: true, force: true });
  }
  process.stdout.write(`${out.join('\n')}\n`);
}

main().catch((error: unknown) => {
  process.stderr.write(`${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
  process.exit(1);
});
