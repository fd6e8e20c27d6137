/**
 * The package root: found from the module's own folder whether it runs from the sources
 * (`infra/`) or compiled (`dist/infra/`), never from the current directory.
 */
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { findPackageRoot, PROJECT_ROOT } from '../../infra/package-root';

const REPOSITORY_ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');

/** A file system holding only these manifests. */
const manifestsAt = (...folders: string[]) => (file: string) => folders.some((folder) => path.join(folder, 'package.json') === file);

describe('findPackageRoot', () => {
  it.each([
    ['the sources', '/pkg/infra', ['/pkg'], '/pkg'],
    ['the compiled library', '/app/node_modules/channel-lab/dist/infra', ['/app', '/app/node_modules/channel-lab'], '/app/node_modules/channel-lab'],
    ['a folder holding the manifest itself', '/pkg', ['/pkg'], '/pkg'],
  ])('finds the nearest manifest above %s', (_name, start, manifests, expected) => {
    expect(findPackageRoot(start, manifestsAt(...manifests))).toBe(expected);
  });

  it('names the folder it started from when no folder above has a manifest', () => {
    expect(() => findPackageRoot('/nowhere/infra', manifestsAt())).toThrow('no package.json in /nowhere/infra or any folder above it');
  });

  it('is the repository root for the sources', () => {
    expect(PROJECT_ROOT).toBe(REPOSITORY_ROOT);
  });
});
