/**
 * Builds the web app (`web/`) with Vite into `web/dist`, and knows whether that build is current.
 *
 * `web/dist` is generated, never committed (.gitignore). Everything that serves or ships it asks
 * first: `npm start` and the test run build it when it is missing or stale, and `cdk synth`
 * (infra/app.ts) too, so a stale or missing build cannot be served or deployed. "Current" means
 * the stamp written beside the build names the same hash of the app's sources (web/index.html,
 * web/vite.config.ts, this build script, web/src, the shared/ code it imports, package-lock.json) as the tree has now.
 *
 * Run: `npm run build:web` (always builds) or `tsx web/build.ts --if-stale`.
 */
import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { rename, rm, writeFile } from 'node:fs/promises';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

/** Root of the repository. */
export const REPOSITORY_ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..');
/** Folder of the web app. */
export const WEB_ROOT = join(REPOSITORY_ROOT, 'web');
/** Where the built app goes (served by the local platform, uploaded by the stack). */
export const WEB_DIST = join(WEB_ROOT, 'dist');
/** The stamp written into the build: which sources it was built from. */
export const BUILD_STAMP_FILE = 'build-stamp.json';
/** Sources whose content decides the build, relative to the repository root. */
export const WEB_SOURCES: readonly string[] = ['web/index.html', 'web/vite.config.ts', 'web/build.ts', 'web/src', 'shared', 'package-lock.json'];

/** What {@link readBuildStamp} finds in a build. */
export interface BuildStamp {
  /** Hash of {@link WEB_SOURCES} the build was made from. */
  readonly sourceHash: string;
  /** ISO instant of the build. */
  readonly builtAt: string;
}

function filesUnder(path: string): string[] {
  if (!existsSync(path)) return [];
  if (!statSync(path).isDirectory()) return [path];
  return readdirSync(path, { withFileTypes: true }).flatMap((entry) => filesUnder(join(path, entry.name)));
}

/** SHA-256 over the path and content of every source file of the app, in a stable order. */
export function webSourceHash(root: string = REPOSITORY_ROOT): string {
  const hash = createHash('sha256');
  const files = WEB_SOURCES.flatMap((source) => filesUnder(join(root, source))).map((file) => relative(root, file)).sort();
  for (const file of files) {
    hash.update(`${file}\0`);
    hash.update(readFileSync(join(root, file)));
    hash.update('\0');
  }
  return hash.digest('hex');
}

/** The stamp of the build in `dist`, if there is one. */
export function readBuildStamp(dist: string = WEB_DIST): BuildStamp | undefined {
  const path = join(dist, BUILD_STAMP_FILE);
  if (!existsSync(path) || !existsSync(join(dist, 'index.html'))) return undefined;
  return JSON.parse(readFileSync(path, 'utf8')) as BuildStamp;
}

/** Whether `dist` holds a build of the sources as they are now. */
export function isWebBuildCurrent(dist: string = WEB_DIST, root: string = REPOSITORY_ROOT): boolean {
  return readBuildStamp(dist)?.sourceHash === webSourceHash(root);
}

/**
 * Builds the app into {@link WEB_DIST}: into a fresh folder first, then swapped in, so a reader
 * never sees half a build. Returns the stamp.
 */
export async function buildWeb(): Promise<BuildStamp> {
  const { build } = await import('vite');
  const sourceHash = webSourceHash();
  const staging = `${WEB_DIST}.staging-${process.pid}`;
  // Always a production build, whoever asks: under vitest NODE_ENV is `test`, and Vite (with the
  // Preact preset) would then bundle preact/debug into a build that `npm start` serves and the stack ships.
  const nodeEnv = process.env.NODE_ENV;
  process.env.NODE_ENV = 'production';
  try {
    await build({ configFile: join(WEB_ROOT, 'vite.config.ts'), root: WEB_ROOT, mode: 'production', logLevel: 'warn', build: { outDir: staging, emptyOutDir: true } });
  } finally {
    if (nodeEnv === undefined) delete process.env.NODE_ENV;
    else process.env.NODE_ENV = nodeEnv;
  }
  const stamp: BuildStamp = { sourceHash, builtAt: new Date().toISOString() };
  await writeFile(join(staging, BUILD_STAMP_FILE), `${JSON.stringify(stamp, null, 2)}\n`);
  await rm(WEB_DIST, { recursive: true, force: true });
  await rename(staging, WEB_DIST);
  return stamp;
}

/** Builds the app unless the current build is up to date; says whether it built. */
export async function ensureWebBuild(): Promise<{ readonly built: boolean }> {
  if (isWebBuildCurrent()) return { built: false };
  await buildWeb();
  return { built: true };
}

if (process.argv[1] && import.meta.url === pathToFileURL(resolve(process.argv[1])).href) {
  const onlyIfStale = process.argv.includes('--if-stale');
  (onlyIfStale ? ensureWebBuild() : buildWeb().then(() => ({ built: true }))).then(
    ({ built }) => console.log(built ? `built the web app into ${relative(process.cwd(), WEB_DIST)}` : 'the web app build is current'),
    (error: unknown) => {
      console.error(error);
      process.exitCode = 1;
    },
  );
}
