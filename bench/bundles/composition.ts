/**
 * What a bundle is made of: esbuild's metafile grouped by npm package (`zod`, `@aws-lambda-powertools/logger`)
 * or, for the project's own code, by folder (`shared/domain/bandit`), heaviest first.
 */
import type { Metafile } from 'esbuild';

/** Folder depth that names a group of the project's own files (`shared/domain/bandit`). */
const OWN_GROUP_DEPTH = 3;

/** Bytes one group left in the bundle. */
export interface BundlePart {
  /** Package name, or the project folder. */
  readonly group: string;
  /** Bytes in the (minified) output. */
  readonly bytes: number;
}

/**
 * The group of an esbuild input path.
 *
 * @param input - a metafile input path (`node_modules/zod/v4/core/schemas.js`, `shared/domain/bandit/decide.ts`).
 * @returns the package name (scoped names kept whole) or the first folders of a project file.
 */
export function groupOf(input: string): string {
  // The innermost node_modules: a nested copy belongs to its own package.
  const inPackage = /^(?:.*\/)?node_modules\/((?:@[^/]+\/)?[^/]+)/.exec(input);
  if (inPackage) return inPackage[1] as string;
  return input.split('/').slice(0, OWN_GROUP_DEPTH).join('/');
}

/**
 * The parts of one output of a metafile, heaviest first.
 *
 * @param metafile - esbuild's metafile of a one-file build.
 * @returns bytes per group (groups that left nothing are omitted).
 */
export function bundleParts(metafile: Metafile): BundlePart[] {
  const totals = new Map<string, number>();
  for (const output of Object.values(metafile.outputs)) {
    for (const [input, { bytesInOutput }] of Object.entries(output.inputs)) {
      if (bytesInOutput > 0) totals.set(groupOf(input), (totals.get(groupOf(input)) ?? 0) + bytesInOutput);
    }
  }
  return [...totals].map(([group, bytes]) => ({ group, bytes })).sort((a, b) => b.bytes - a.bytes || a.group.localeCompare(b.group));
}
