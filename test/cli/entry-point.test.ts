import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { isEntryPoint } from '../../cli/entry-point';

const moduleUrl = new URL('../../cli/entry-point.ts', import.meta.url).href;

describe('isEntryPoint', () => {
  it.each([
    { name: 'the program run is this module', script: fileURLToPath(moduleUrl), expected: true },
    { name: 'another program is run', script: fileURLToPath(new URL('../../cli/main.ts', import.meta.url)), expected: false },
    { name: 'the script path does not exist', script: '/nonexistent/script.ts', expected: false },
    { name: 'no script (a REPL)', script: undefined, expected: false },
  ])('$name → $expected', ({ script, expected }) => {
    const saved = process.argv;
    try {
      process.argv = script === undefined ? [saved[0] ?? 'node'] : [saved[0] ?? 'node', script];
      expect(isEntryPoint(moduleUrl)).toBe(expected);
    } finally {
      process.argv = saved;
    }
  });
});
