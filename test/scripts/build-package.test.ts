/**
 * The package build's specifier completion: every relative import of the emitted ES modules and
 * declarations names the file Node.js (and `nodenext` type resolution) will load.
 */
import * as path from 'node:path';
import { describe, expect, it } from 'vitest';
import { completeSpecifier, withExplicitSpecifiers } from '../../scripts/build-package';

/** Emitted files of a small library. */
const EMITTED = new Set(['/dist/infra/entries.js', '/dist/infra/entries.d.ts', '/dist/infra/constructs/index.js', '/dist/web/build.js']);
const exists = (file: string) => EMITTED.has(path.normalize(file));

describe('completeSpecifier', () => {
  it.each([
    ['a sibling module', './entries', '.js', './entries.js'],
    ['a sibling declaration', './entries', '.d.ts', './entries.js'],
    ['a parent folder module', '../web/build', '.js', '../web/build.js'],
    ['a folder with an index', './constructs', '.js', './constructs/index.js'],
    ['a folder named with a slash', './constructs/', '.js', './constructs/index.js'],
    ['a specifier with its extension', './entries.js', '.js', './entries.js'],
    ['a JSON file', './data.json', '.js', './data.json'],
  ])('completes %s', (_name, specifier, suffix, expected) => {
    expect(completeSpecifier('/dist/infra/index.js', specifier, suffix, exists)).toBe(expected);
  });

  it('fails the build on a specifier that names no emitted module', () => {
    expect(() => completeSpecifier('/dist/infra/index.js', './missing', '.js', exists)).toThrow('"./missing" names no emitted module');
  });
});

describe('withExplicitSpecifiers', () => {
  const complete = (specifier: string) => `${specifier}.js`;

  it.each([
    ['a static import', "import { a } from './a';", "import { a } from './a.js';"],
    ['a re-export', 'export * from "../b";', 'export * from "../b.js";'],
    ['a side-effect import', "import './c';", "import './c.js';"],
    ['a dynamic import', "await import('./d')", "await import('./d.js')"],
    ['an inline import type', "x: import('./e').E;", "x: import('./e.js').E;"],
    ['a package import, untouched', "import { Stack } from 'aws-cdk-lib';", "import { Stack } from 'aws-cdk-lib';"],
    ['a built-in, untouched', "import * as path from 'node:path';", "import * as path from 'node:path';"],
  ])('rewrites %s', (_name, text, expected) => {
    expect(withExplicitSpecifiers(text, complete)).toBe(expected);
  });
});
