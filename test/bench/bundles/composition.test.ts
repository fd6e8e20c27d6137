import type { Metafile } from 'esbuild';
import { describe, expect, it } from 'vitest';
import { bundleParts, groupOf } from '../../../bench/bundles/composition';

describe('what a bundle is made of', () => {
  it.each([
    ['node_modules/zod/v4/core/schemas.js', 'zod'],
    ['node_modules/@aws-lambda-powertools/logger/lib/esm/Logger.js', '@aws-lambda-powertools/logger'],
    ['node_modules/@smithy/core/node_modules/@smithy/types/dist-es/index.js', '@smithy/types'],
    ['shared/domain/bandit/decide.ts', 'shared/domain/bandit'],
    ['functions/api/routes/send-routes.ts', 'functions/api/routes'],
    ['shared/runtime/config.ts', 'shared/runtime/config.ts'],
  ])('%s belongs to %s', (input, group) => {
    expect(groupOf(input)).toBe(group);
  });

  it('adds the bytes of a group, drops inputs that left nothing, heaviest first', () => {
    const input = (bytesInOutput: number) => ({ bytesInOutput });
    const metafile = {
      inputs: {},
      outputs: {
        'out.mjs': {
          bytes: 0,
          imports: [],
          exports: [],
          inputs: {
            'node_modules/zod/v4/core/schemas.js': input(300),
            'node_modules/zod/v4/classic/schemas.js': input(200),
            'shared/domain/bandit/decide.ts': input(100),
            'shared/domain/bandit/thompson.ts': input(50),
            'shared/domain/results/results.ts': input(0),
          },
        },
      },
    } as unknown as Metafile;
    expect(bundleParts(metafile)).toEqual([
      { group: 'zod', bytes: 500 },
      { group: 'shared/domain/bandit', bytes: 150 },
    ]);
  });
});
