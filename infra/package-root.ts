/**
 * Where the Channel Lab package lives on disk, whether it runs from a checkout of the repository
 * (TypeScript sources, `infra/*.ts`) or installed from its tarball (compiled, `dist/infra/*.js`):
 * the nearest folder above this module holding a `package.json`. The construct finds the function
 * sources it bundles and the web app build it hosts from there, never from the current directory.
 */
import { existsSync } from 'node:fs';
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';

/** The file that marks a package's root folder. */
export const PACKAGE_MANIFEST = 'package.json';

/**
 * The nearest folder at or above `start` that holds a `package.json`.
 * @throws Error when no folder up to the file system's root has one.
 */
export function findPackageRoot(start: string, exists: (file: string) => boolean = existsSync): string {
  let folder = path.resolve(start);
  while (!exists(path.join(folder, PACKAGE_MANIFEST))) {
    const parent = path.dirname(folder);
    if (parent === folder) throw new Error(`no ${PACKAGE_MANIFEST} in ${start} or any folder above it`);
    folder = parent;
  }
  return folder;
}

/** Root folder of the Channel Lab package (the repository's root in a checkout). */
export const PROJECT_ROOT = findPackageRoot(path.dirname(fileURLToPath(import.meta.url)));
