/**
 * Web app benchmark: `npm run bench:web` prints the JavaScript and CSS the app ships (raw, gzip,
 * brotli) and, in Debian's Chromium against the local platform, the time to first render: first
 * contentful paint, the shell rendered (the page heading in place) and the experiments list filled
 * from the API, each over fresh browser contexts (cold cache). The app is split by route, so it
 * also prints what the first load of `#/experiments` fetches: the entry and that page's chunks, as
 * Chromium requested them. A benchmark: it asserts nothing. `-- --json` prints one JSON document.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { brotliCompressSync, gzipSync } from 'node:zlib';
import { chromium } from 'playwright-core';
import { startLocalPlatform } from '../../local/platform';
import { ensureWebBuild, WEB_DIST } from '../../web/build';

const asJson = process.argv.slice(2).includes('--json');
/** Cold loads measured. */
const RUNS = 15;
/** Experiments in the list while measuring. */
const EXPERIMENTS = 12;
const CHROMIUM_ARGS = ['--no-sandbox', '--headless', '--disable-gpu', '--disable-background-networking'];

for (const level of ['log', 'info', 'debug', 'warn'] as const) {
  console[level] = (...items: unknown[]) => process.stderr.write(`${items.map(String).join(' ')}\n`);
}

/** Size of one shipped file. */
interface FileSize {
  readonly file: string;
  readonly bytes: number;
  readonly gzip: number;
  readonly brotli: number;
}

function sizes(): FileSize[] {
  const assets = join(WEB_DIST, 'assets');
  return readdirSync(assets).sort().map((file) => {
    const content = readFileSync(join(assets, file));
    return { file: `assets/${file}`, bytes: content.length, gzip: gzipSync(content, { level: 9 }).length, brotli: brotliCompressSync(content).length };
  });
}

function quantile(values: readonly number[], q: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))] ?? Number.NaN;
}

/** Records, from page start, when the heading and the list first appear (installed before the app's script). */
const OBSERVER = `(() => {
  const marks = (window.__marks = {});
  new MutationObserver(() => {
    if (marks.shell === undefined && document.querySelector('main h1')) marks.shell = performance.now();
    if (marks.list === undefined && document.querySelector('[data-testid="list-count"]')) marks.list = performance.now();
  }).observe(document, { childList: true, subtree: true });
})();`;

async function firstRender(): Promise<{ fcp: number[]; shell: number[]; list: number[]; firstLoadFiles: string[] }> {
  const platform = await startLocalPlatform({ port: 0, scheduleEveryMs: 0, tableName: `bench-web-${Date.now().toString(36)}` });
  const browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: CHROMIUM_ARGS });
  try {
    for (let index = 0; index < EXPERIMENTS; index += 1) {
      await fetch(`${platform.url}/v1/experiments`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({
          name: `Bench experiment ${index}`,
          stage: 'post_purchase',
          channels: [{ channel: 'sms', text: 'Hi' }, { channel: 'email', subject: 'Hi', text: 'Hi' }],
          segments: [{ name: 'seniors', rule: { attribute: 'age', op: 'gte', value: 50 } }],
          goal: { event: 'clicked', windowHours: 24 },
        }),
      });
    }
    const result = { fcp: [] as number[], shell: [] as number[], list: [] as number[], firstLoadFiles: [] as string[] };
    for (let run = 0; run < RUNS; run += 1) {
      const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
      await context.addInitScript(OBSERVER);
      const page = await context.newPage();
      const requested = new Set<string>();
      page.on('request', (request) => {
        const path = new URL(request.url()).pathname;
        if (path.startsWith('/assets/')) requested.add(path.slice(1));
      });
      await page.goto(`${platform.url}/#/experiments`);
      await page.locator('[data-testid="list-count"]').waitFor();
      if (run === 0) result.firstLoadFiles = [...requested].sort();
      const marks = await page.evaluate(() => {
        const scope = globalThis as unknown as { __marks: { shell: number; list: number }; performance: { getEntriesByName: (name: string) => { startTime: number }[] } };
        return { ...scope.__marks, fcp: scope.performance.getEntriesByName('first-contentful-paint')[0]?.startTime ?? Number.NaN };
      });
      result.fcp.push(marks.fcp);
      result.shell.push(marks.shell);
      result.list.push(marks.list);
      await context.close();
    }
    return result;
  } finally {
    await browser.close();
    await platform.stop();
  }
}

async function main(): Promise<void> {
  await ensureWebBuild();
  const files = sizes();
  const timings = await firstRender();
  const summary = (values: number[]) => ({ median: Math.round(quantile(values, 0.5)), p90: Math.round(quantile(values, 0.9)) });
  const total = (selected: readonly FileSize[]) => ({
    bytes: selected.reduce((sum, file) => sum + file.bytes, 0),
    gzip: selected.reduce((sum, file) => sum + file.gzip, 0),
    brotli: selected.reduce((sum, file) => sum + file.brotli, 0),
  });
  const scripts = files.filter((file) => file.file.endsWith('.js'));
  const report = {
    files,
    javascript: total(scripts),
    firstLoad: { files: timings.firstLoadFiles, javascript: total(scripts.filter((file) => timings.firstLoadFiles.includes(file.file))) },
    firstRenderMs: { runs: RUNS, firstContentfulPaint: summary(timings.fcp), shellRendered: summary(timings.shell), listFilled: summary(timings.list) },
  };
  if (asJson) {
    process.stdout.write(`${JSON.stringify(report, null, 2)}\n`);
    return;
  }
  process.stdout.write('Web app size (web/dist)\n');
  for (const file of files) process.stdout.write(`  ${file.file.padEnd(34)} ${String(file.bytes).padStart(8)} B   gzip ${String(file.gzip).padStart(7)} B   brotli ${String(file.brotli).padStart(7)} B\n`);
  process.stdout.write(`  JavaScript total                   ${String(report.javascript.bytes).padStart(8)} B   gzip ${String(report.javascript.gzip).padStart(7)} B   brotli ${String(report.javascript.brotli).padStart(7)} B\n`);
  const first = report.firstLoad.javascript;
  process.stdout.write(`  JavaScript of the first load       ${String(first.bytes).padStart(8)} B   gzip ${String(first.gzip).padStart(7)} B   brotli ${String(first.brotli).padStart(7)} B   (#/experiments: ${report.firstLoad.files.filter((file) => file.endsWith('.js')).length} of ${scripts.length} files)\n`);
  process.stdout.write(`\nTime to first render on the local platform (Chromium, cold cache, ${RUNS} loads of #/experiments with ${EXPERIMENTS} experiments)\n`);
  for (const [name, values] of [['first contentful paint', report.firstRenderMs.firstContentfulPaint], ['shell rendered (heading in place)', report.firstRenderMs.shellRendered], ['list filled from the API', report.firstRenderMs.listFilled]] as const) {
    process.stdout.write(`  ${name.padEnd(36)} median ${String(values.median).padStart(5)} ms   p90 ${String(values.p90).padStart(5)} ms\n`);
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
