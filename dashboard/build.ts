/**
 * Bundles the dashboard's browser script (dashboard/src/main.ts) with esbuild into one IIFE and
 * writes it as a TypeScript string constant to dashboard/dist/dashboard-bundle.ts, which the API
 * function imports (Lambda has no build step at run time). Run: `npm run build:dashboard`.
 * test/dashboard/bundle.test.ts regenerates it in memory and fails if the committed file is stale.
 */
import { writeFile } from 'node:fs/promises';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { build } from 'esbuild';

/** Root of the repository. */
const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..');
/** The generated module, relative to the root. */
export const BUNDLE_MODULE_PATH = 'dashboard/dist/dashboard-bundle.ts';

/** The browser script: every dashboard/src module in one IIFE (deterministic for a given esbuild). */
export async function bundleDashboardScript(): Promise<string> {
  const result = await build({
    absWorkingDir: ROOT,
    entryPoints: ['dashboard/src/main.ts'],
    bundle: true,
    write: false,
    format: 'iife',
    platform: 'browser',
    target: 'es2022',
    minify: true,
    legalComments: 'none',
    charset: 'utf8',
    logLevel: 'silent',
  });
  const output = result.outputFiles[0];
  if (!output) throw new Error('esbuild produced no output');
  return output.text;
}

/** The text of dashboard/dist/dashboard-bundle.ts for `script`. */
export function bundleModuleText(script: string): string {
  return [
    '// GENERATED FILE — do not edit. The dashboard\'s browser script (dashboard/src/*.ts) bundled by esbuild.',
    '// Regenerate with `npm run build:dashboard`; test/dashboard/bundle.test.ts fails while this file is stale.',
    '',
    '/** The dashboard page\'s inline script. */',
    `export const DASHBOARD_JS: string = ${JSON.stringify(script)};`,
    '',
  ].join('\n');
}

/** Writes the generated module. */
export async function writeDashboardBundle(): Promise<string> {
  const path = join(ROOT, BUNDLE_MODULE_PATH);
  await writeFile(path, bundleModuleText(await bundleDashboardScript()));
  return path;
}

if (process.argv[1] && import.meta.url === pathToFileURL(resolve(process.argv[1])).href) {
  writeDashboardBundle().then(
    (path) => console.log(`wrote ${path}`),
    (error: unknown) => {
      console.error(error);
      process.exitCode = 1;
    },
  );
}
