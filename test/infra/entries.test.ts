import { build } from 'esbuild';
import * as path from 'node:path';
import { describe, expect, it } from 'vitest';
import { EXTERNAL_MODULES } from '../../infra/constructs/channel-lab-function';
import { type ChannelLabEntries, DEFAULT_ENTRY_PATHS, PROJECT_ROOT } from '../../infra/entries';

/** The SDK service clients each function runs (any other client must stay out of its bundle). */
const SDK_CLIENTS_OF: Readonly<Record<keyof ChannelLabEntries, readonly string[]>> = {
  // The API and scheduled work read the assignment-id key (Secrets Manager); neither enqueues (the outbox does).
  api: ['@aws-sdk/client-dynamodb', '@aws-sdk/client-secrets-manager'],
  // Results, touchpoints and reallocation read the table only (API keys included).
  analysis: ['@aws-sdk/client-dynamodb'],
  // The OpenAPI document is in the bundle: no AWS call at all.
  openApi: [],
  tracking: ['@aws-sdk/client-dynamodb', '@aws-sdk/client-secrets-manager'],
  dispatcher: ['@aws-sdk/client-dynamodb', '@aws-sdk/client-secrets-manager', '@aws-sdk/client-sesv2', '@aws-sdk/client-sns'],
  scheduledWork: ['@aws-sdk/client-dynamodb', '@aws-sdk/client-secrets-manager'],
  sesEvents: ['@aws-sdk/client-dynamodb'],
  reconciliation: ['@aws-sdk/client-dynamodb', '@aws-sdk/client-sqs'],
  customerEvents: ['@aws-sdk/client-dynamodb'],
  counterAggregator: ['@aws-sdk/client-dynamodb'],
  // New and released decisions to SQS; the refused ones marked in the table.
  dispatchOutbox: ['@aws-sdk/client-dynamodb', '@aws-sdk/client-sqs'],
};

/** The inputs kept and the external imports of an entry bundled as the construct bundles it (SDK external). */
async function bundleOf(entry: string): Promise<{ inputs: string[]; externals: string[] }> {
  const result = await build({
    entryPoints: [path.join(PROJECT_ROOT, entry)],
    bundle: true,
    platform: 'node',
    format: 'esm',
    target: 'node24',
    external: [...EXTERNAL_MODULES],
    write: false,
    metafile: true,
    outdir: 'out',
    logLevel: 'silent',
  });
  const outputs = Object.values(result.metafile.outputs);
  const externals = outputs.flatMap((output) => output.imports.filter((item) => item.external).map((item) => item.path));
  // Inputs that left code in the bundle (esbuild also lists the modules it parsed and then dropped).
  const inputs = outputs.flatMap((output) => Object.entries(output.inputs).filter(([, input]) => input.bytesInOutput > 0).map(([file]) => file));
  return { inputs, externals: [...new Set(externals)] };
}

describe('each function bundles only what it runs', () => {
  it.each(Object.entries(DEFAULT_ENTRY_PATHS) as [keyof ChannelLabEntries, string][])('%s (%s)', async (name, entry) => {
    const { inputs, externals } = await bundleOf(entry);
    expect(externals.filter((item) => item.startsWith('@aws-sdk/client-')).sort()).toEqual([...SDK_CLIENTS_OF[name]].sort());
    // The Beta quantile is the domain's own (stdlib's weighed ~90 KiB); stdlib only checks it in tests.
    expect(inputs.filter((input) => input.includes('@stdlib/')), 'stdlib').toEqual([]);
    expect(inputs.filter((input) => input.includes('zod/v4/locales/') && !input.endsWith('/en.js')), 'zod locales other than en').toEqual([]);
    expect(inputs.filter((input) => input.startsWith('local/') || input.startsWith('infra/') || input.startsWith('test/')), 'local platform, CDK or tests').toEqual([]);
    // The OpenAPI document is generated at build time and served by its own function: no function builds it at run time.
    // (zod's own JSON Schema converter stays in every bundle: zod classic binds it into each schema class.)
    expect(inputs.filter((input) => input.endsWith('shared/runtime/http/openapi.ts')), 'the OpenAPI generator').toEqual([]);
  });
});
