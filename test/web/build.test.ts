/**
 * The web build knows when it is stale: a build is current only while every source it was made
 * from (web/index.html, vite config, web/src, shared/, the lockfile) is unchanged, and a missing
 * build or stamp is never current.
 */
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeEach, describe, expect, it } from 'vitest';
import { BUILD_STAMP_FILE, isWebBuildCurrent, webSourceHash } from '../../web/build';

let root: string;
let dist: string;

async function write(path: string, text: string): Promise<void> {
  await mkdir(join(root, path, '..'), { recursive: true });
  await writeFile(join(root, path), text);
}

async function stampBuild(): Promise<void> {
  await mkdir(dist, { recursive: true });
  await writeFile(join(dist, 'index.html'), '<!doctype html>');
  await writeFile(join(dist, BUILD_STAMP_FILE), JSON.stringify({ sourceHash: webSourceHash(root), builtAt: '2026-01-01T00:00:00Z' }));
}

beforeEach(async () => {
  root = await mkdtemp(join(tmpdir(), 'web-build-'));
  dist = join(root, 'web', 'dist');
  await write('web/index.html', '<div id="app"></div>');
  await write('web/vite.config.ts', 'export default {}');
  await write('web/src/main.tsx', 'render()');
  await write('shared/domain/a.ts', 'export const a = 1;');
  await write('package-lock.json', '{}');
});

describe('isWebBuildCurrent', () => {
  it('is true right after a build of the current sources', async () => {
    await stampBuild();
    expect(isWebBuildCurrent(dist, root)).toBe(true);
  });

  it.each([
    ['an app source changes', 'web/src/main.tsx', 'render(2)'],
    ['a new app source appears', 'web/src/other.ts', 'export {}'],
    ['shared code the app imports changes', 'shared/domain/a.ts', 'export const a = 2;'],
    ['the lockfile changes', 'package-lock.json', '{"v":2}'],
    ['index.html changes', 'web/index.html', '<main></main>'],
  ])('is false when %s', async (_what, path, text) => {
    await stampBuild();
    await write(path, text);
    expect(isWebBuildCurrent(dist, root)).toBe(false);
  });

  it('is false when there is no build, or a build without its stamp or its index.html', async () => {
    expect(isWebBuildCurrent(dist, root)).toBe(false);
    await stampBuild();
    await rm(join(dist, 'index.html'));
    expect(isWebBuildCurrent(dist, root)).toBe(false);
    await stampBuild();
    await rm(join(dist, BUILD_STAMP_FILE));
    expect(isWebBuildCurrent(dist, root)).toBe(false);
  });

  it('ignores the build folder itself (building does not make the build stale)', async () => {
    await stampBuild();
    await writeFile(join(dist, 'index-new.js'), 'x');
    expect(isWebBuildCurrent(dist, root)).toBe(true);
  });
});

describe('the build the test run serves', () => {
  it('is a production build, whoever builds it (vitest runs with NODE_ENV=test: no preact/debug, which would also ship to the stack)', async () => {
    const { readdir, readFile } = await import('node:fs/promises');
    const { WEB_DIST } = await import('../../web/build');
    const assets = join(WEB_DIST, 'assets');
    const scripts = (await readdir(assets)).filter((file) => file.endsWith('.js'));
    expect(scripts.length).toBeGreaterThan(0);
    for (const file of scripts) {
      // A message only preact/debug carries.
      expect(await readFile(join(assets, file), 'utf8'), file).not.toContain('Undefined component passed to createElement');
    }
  });
});
