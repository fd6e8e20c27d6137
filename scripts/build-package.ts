/**
 * Builds the installable package: the construct library compiled by tsc (`tsconfig.build.json`,
 * from `infra/index.ts`) into `dist/` as ES modules with type declarations, the OpenAPI document
 * generated from the routes' schemas (`functions/openapi/openapi-document.json`, which the OpenAPI
 * function embeds) when stale, and the web app built into `web/dist` when stale. `npm pack` and `npm publish` run it (`prepack`).
 *
 * The sources import each other without file extensions (the repository resolves modules the
 * bundler way); Node.js ES modules and `moduleResolution: node16/nodenext` consumers need them, so
 * every relative specifier in the emitted `.js` and `.d.ts` files gets the one it resolves to
 * (`./x` → `./x.js`, `./folder` → `./folder/index.js`). A specifier that resolves to no emitted
 * file fails the build.
 *
 * Run: `npm run build`.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';
import { isEntryPoint } from '../cli/entry-point';
import { PROJECT_ROOT } from '../infra/package-root';
import { ensureWebBuild } from '../web/build';
import { ensureOpenApiDocument } from './openapi-document';

/** Where the library is compiled to (the package's `main`, `types` and `exports` point into it). */
export const LIBRARY_OUT_DIR = path.join(PROJECT_ROOT, 'dist');
/** The tsc project of the library. */
export const LIBRARY_TSCONFIG = path.join(PROJECT_ROOT, 'tsconfig.build.json');

/** Emitted files whose relative imports are rewritten, with the extension of the module they name. */
const EMITTED_KINDS = [
  { suffix: '.d.ts', moduleSuffix: '.d.ts' },
  { suffix: '.js', moduleSuffix: '.js' },
] as const;

/** Relative module specifiers: `from './x'`, `import './x'`, `import('./x')` (also in declarations' inline import types). */
const RELATIVE_SPECIFIER = /(\bfrom\s*|\bimport\s*\(\s*|\bimport\s+)(['"])(\.{1,2}\/[^'"]*)\2/g;

/** Specifiers that already name a file. */
const EXPLICIT_EXTENSION = /\.(?:[cm]?js|json)$/;

/**
 * The specifier, completed with the file it names among the emitted ones: `./x` → `./x.js` when
 * `./x<moduleSuffix>` exists beside `fromFile`, `./x/index.js` when `./x/index<moduleSuffix>` does.
 * @throws Error when neither exists.
 */
export function completeSpecifier(fromFile: string, specifier: string, moduleSuffix: string, exists: (file: string) => boolean = existsSync): string {
  if (EXPLICIT_EXTENSION.test(specifier)) return specifier;
  const target = path.resolve(path.dirname(fromFile), specifier);
  if (exists(`${target}${moduleSuffix}`)) return `${specifier}.js`;
  if (exists(path.join(target, `index${moduleSuffix}`))) return `${specifier.replace(/\/$/, '')}/index.js`;
  throw new Error(`${fromFile}: "${specifier}" names no emitted module (${specifier}${moduleSuffix} or ${specifier}/index${moduleSuffix})`);
}

/** The text with every relative specifier completed by `complete`. */
export function withExplicitSpecifiers(text: string, complete: (specifier: string) => string): string {
  return text.replace(RELATIVE_SPECIFIER, (_match, keyword: string, quote: string, specifier: string) => `${keyword}${quote}${complete(specifier)}${quote}`);
}

function filesUnder(folder: string): string[] {
  return readdirSync(folder, { withFileTypes: true }).flatMap((entry) =>
    entry.isDirectory() ? filesUnder(path.join(folder, entry.name)) : [path.join(folder, entry.name)],
  );
}

/** Completes the relative specifiers of every emitted `.js` and `.d.ts` file under `outDir`, in place. */
export function completeEmittedSpecifiers(outDir: string): number {
  let rewritten = 0;
  for (const file of filesUnder(outDir)) {
    const kind = EMITTED_KINDS.find(({ suffix }) => file.endsWith(suffix));
    if (!kind) continue;
    const text = readFileSync(file, 'utf8');
    const completed = withExplicitSpecifiers(text, (specifier) => completeSpecifier(file, specifier, kind.moduleSuffix));
    if (completed !== text) {
      writeFileSync(file, completed);
      rewritten += 1;
    }
  }
  return rewritten;
}

/** Compiles the library into {@link LIBRARY_OUT_DIR} (emptied first, so nothing stale ships) and completes its specifiers. */
export function buildLibrary(): void {
  rmSync(LIBRARY_OUT_DIR, { recursive: true, force: true });
  execFileSync(process.execPath, [path.join(PROJECT_ROOT, 'node_modules', 'typescript', 'bin', 'tsc'), '-p', LIBRARY_TSCONFIG], { stdio: 'inherit' });
  completeEmittedSpecifiers(LIBRARY_OUT_DIR);
}

if (isEntryPoint(import.meta.url)) {
  buildLibrary();
  ensureOpenApiDocument();
  await ensureWebBuild();
}
