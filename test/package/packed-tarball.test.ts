/**
 * The construct others install: `npm pack` (which builds the library), the tarball installed into
 * a separate five-line CDK app in a temporary folder beside its peers (aws-cdk-lib, constructs,
 * esbuild, the versions this repository tests with) and cdk-nag, then that app synthesized by
 * Node.js with cdk-nag's AwsSolutions checks as a validation plugin. The functions are bundled
 * from the sources inside the installed package and the web app is the build it ships.
 *
 * It needs the npm registry (or npm's cache) for the install, as `npm ci` does.
 */
import { execFile } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { App, Stack } from 'aws-cdk-lib';
import { Template } from 'aws-cdk-lib/assertions';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ChannelLab } from '../../infra/channel-lab';
import { DEFAULT_ENTRY_PATHS } from '../../infra/entries';
import { PROJECT_ROOT } from '../../infra/package-root';
import { generateOpenApiDocument } from '../../scripts/openapi-document';

/** The consumer's construct properties. */
const CONSUMER_PROPS = { sesFromAddress: 'news@example.com' };

/** The consumer's whole CDK app. */
const CONSUMER_APP = `import { App, Stack, Validations } from 'aws-cdk-lib';
import { AwsSolutionsChecks } from 'cdk-nag';
import { ChannelLab } from 'channel-lab';
const app = new App(); const stack = new Stack(app, 'S');
new ChannelLab(stack, 'Lab', ${JSON.stringify(CONSUMER_PROPS)});
Validations.of(app).addPlugins(new AwsSolutionsChecks(app)); app.synth();
`;

/**
 * The same app's construct in TypeScript, type-checked as a `nodenext` project: the declarations
 * must resolve (the expected error is only an error if they do, not if `ChannelLab` is `any`).
 */
const TYPED_CONSUMER = `import { App, Stack } from 'aws-cdk-lib';
import { ChannelLab, type ChannelLabProps } from 'channel-lab';
const props: ChannelLabProps = { sesFromAddress: 'news@example.com' };
export const url: string = new ChannelLab(new Stack(new App(), 'S'), 'Lab', props).apiUrl;
// @ts-expect-error sesFromAddress is required
new ChannelLab(new Stack(new App(), 'T'), 'Lab', {});
`;

/** The consumer's TypeScript settings: Node.js ES module resolution, the strictest a consumer can have. */
const TYPED_CONSUMER_TSCONFIG = {
  compilerOptions: { module: 'nodenext', moduleResolution: 'nodenext', target: 'es2022', strict: true, noEmit: true, skipLibCheck: true, types: [] },
  files: ['typed.ts'],
};

/** The TypeScript compiler of this repository (a tool the consumer would have; not part of the package). */
const TSC = path.join(PROJECT_ROOT, 'node_modules', 'typescript', 'bin', 'tsc');

/** Packages the consumer installs beside the tarball, at the versions installed here. */
const CONSUMER_PEERS = ['aws-cdk-lib', 'constructs', 'esbuild', 'cdk-nag'] as const;

/** Time for packing, installing and synthesizing on a busy machine. */
const SETUP_TIMEOUT_MS = 240_000;

/** The functions of the platform: construct id under `Lab/Service` → entry file in the package. */
const FUNCTIONS = Object.entries(DEFAULT_ENTRY_PATHS).map(([key, entry]) => [`${key[0]!.toUpperCase()}${key.slice(1)}`, entry] as const);

/**
 * Imports a bundle in a fresh Node.js process, as Lambda does (the function's environment), calls
 * its handler with a `GET` of `path` and prints the response's body.
 */
const SERVE_ONE_GET = `const { handler } = await import(process.env.BUNDLE_URL);
const event = { version: '2.0', rawPath: process.env.ROUTE_PATH, rawQueryString: '', headers: {}, requestContext: { http: { method: 'GET', path: process.env.ROUTE_PATH, sourceIp: '127.0.0.1' }, stage: '$default', apiId: 'x', domainPrefix: 'x', requestId: 'r' }, isBase64Encoded: false };
const response = await handler(event, { awsRequestId: 'r', getRemainingTimeInMillis: () => 10000 });
process.stdout.write(response.body);`;

/** App context that skips asset bundling (what `cdk ls` does): enough to compare resources. */
const NO_BUNDLING = { 'aws:cdk:bundling-stacks': [] };

/** The consumer's stack built in this process from the sources (`infra/`), unbundled. */
function templateFromSources(): Template {
  const stack = new Stack(new App({ context: NO_BUNDLING }), 'S');
  new ChannelLab(stack, 'Lab', CONSUMER_PROPS);
  return Template.fromStack(stack);
}

/** How many resources of each type a template has. */
function resourceTypeCounts(template: Template): Record<string, number> {
  const counts: Record<string, number> = {};
  for (const { Type } of Object.values(template.toJSON().Resources as Resources)) counts[Type] = (counts[Type] ?? 0) + 1;
  return counts;
}

function installedVersion(name: string): string {
  return (JSON.parse(readFileSync(path.join(PROJECT_ROOT, 'node_modules', name, 'package.json'), 'utf8')) as { version: string }).version;
}

const execFileAsync = promisify(execFile);

/** How a command ended: its exit code and its output. */
interface Outcome {
  readonly code: number;
  readonly output: string;
}

/** Runs a command quietly and says how it ended. */
async function outcome(command: string, args: readonly string[], cwd: string): Promise<Outcome> {
  try {
    const { stdout, stderr } = await execFileAsync(command, args, { cwd, encoding: 'utf8' });
    return { code: 0, output: `${stdout}${stderr}` };
  } catch (error) {
    const failed = error as { code?: number; stdout?: string; stderr?: string };
    return { code: failed.code ?? 1, output: `${failed.stdout ?? ''}${failed.stderr ?? ''}` };
  }
}

/** Runs a command quietly (its output is captured); on failure, the error carries that output. */
async function run(command: string, args: readonly string[], cwd: string, env: NodeJS.ProcessEnv = process.env): Promise<string> {
  try {
    const { stdout, stderr } = await execFileAsync(command, args, { cwd, env, encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
    return `${stdout}${stderr}`;
  } catch (error) {
    const failed = error as { stdout?: string; stderr?: string };
    throw new Error(`${command} ${args.join(' ')} failed in ${cwd}:\n${failed.stderr ?? ''}\n${failed.stdout ?? ''}`);
  }
}

/** The environment without this repository's node_modules/.bin on PATH, so the app finds only what it installed. */
function consumerEnvironment(outdir: string): NodeJS.ProcessEnv {
  const pathEntries = (process.env.PATH ?? '').split(path.delimiter).filter((entry) => !entry.startsWith(PROJECT_ROOT));
  return { ...process.env, PATH: pathEntries.join(path.delimiter), CDK_OUTDIR: outdir };
}

/** The part of the stack's asset manifest that says where each file asset was staged. */
interface AssetManifest {
  readonly files: Record<string, { readonly source: { readonly path: string } }>;
}

type Resources = Record<string, { Type: string; Properties: Record<string, unknown> }>;

describe('the packed package in a separate CDK app', () => {
  let work: string;
  let app: string;
  let outdir: string;
  let template: Template;
  let resources: Resources;
  let synthLog: string;
  let assets: AssetManifest;
  let typeCheck: Outcome;

  beforeAll(async () => {
    work = mkdtempSync(path.join(tmpdir(), 'channel-lab-package-'));
    await run('npm', ['pack', '--silent', '--pack-destination', work], PROJECT_ROOT);
    const [tarball] = readdirSync(work).filter((file) => file.endsWith('.tgz'));
    if (!tarball) throw new Error(`npm pack left no tarball in ${work}`);

    app = mkdtempSync(path.join(work, 'app-'));
    writeFileSync(path.join(app, 'package.json'), `${JSON.stringify({ name: 'lab-consumer', private: true, type: 'module' })}\n`);
    writeFileSync(path.join(app, 'app.mjs'), CONSUMER_APP);
    writeFileSync(path.join(app, 'typed.ts'), TYPED_CONSUMER);
    writeFileSync(path.join(app, 'tsconfig.json'), JSON.stringify(TYPED_CONSUMER_TSCONFIG));
    const peers = CONSUMER_PEERS.map((name) => `${name}@${installedVersion(name)}`);
    await run('npm', ['install', '--prefer-offline', '--no-audit', '--no-fund', '--loglevel=error', path.join(work, tarball), ...peers], app);

    outdir = path.join(app, 'cdk.out');
    // Synthesis and the type check do not depend on each other: both at once.
    [synthLog, typeCheck] = await Promise.all([
      run(process.execPath, ['app.mjs'], app, consumerEnvironment(outdir)),
      outcome(process.execPath, [TSC, '-p', 'tsconfig.json'], app),
    ]);
    const synthesized = JSON.parse(readFileSync(path.join(outdir, 'S.template.json'), 'utf8')) as { Resources: Resources };
    template = Template.fromJSON(synthesized);
    resources = synthesized.Resources;
    assets = JSON.parse(readFileSync(path.join(outdir, 'S.assets.json'), 'utf8')) as AssetManifest;
  }, SETUP_TIMEOUT_MS);

  afterAll(() => {
    if (work) rmSync(work, { recursive: true, force: true });
  });

  it('type-checks a TypeScript consumer with nodenext resolution against the declarations', () => {
    expect(typeCheck).toEqual({ code: 0, output: '' });
  });

  it('installs the library compiled, with its declarations, the function sources and the web build', () => {
    const installed = path.join(app, 'node_modules', 'channel-lab');
    for (const file of ['dist/infra/index.js', 'dist/infra/index.d.ts', 'functions/api/api-entry.ts', 'web/dist/index.html']) {
      expect(existsSync(path.join(installed, file)), file).toBe(true);
    }
    for (const absent of ['test', 'infra', 'web/src', 'local', 'cli']) {
      expect(existsSync(path.join(installed, absent)), absent).toBe(false);
    }
  });

  it("serves, from the installed package's OpenAPI function bundle, the document the routes produce", async () => {
    const [, fn] = Object.entries(resources).find(([key, resource]) => resource.Type === 'AWS::Lambda::Function' && key.startsWith('LabServiceOpenApiFunction')) ?? [];
    const hash = (fn!.Properties.Code as { S3Key: string }).S3Key.replace(/\.zip$/, '');
    const bundle = path.join(outdir, assets.files[hash]!.source.path, 'index.mjs');
    const served = await run(process.execPath, ['--input-type=module', '-e', SERVE_ONE_GET], app, { PATH: process.env.PATH ?? '', TABLE_NAME: 'unused-table', LOG_LEVEL: 'error', BUNDLE_URL: `file://${bundle}`, ROUTE_PATH: '/v1/openapi.json' });
    expect(JSON.parse(served)).toEqual(generateOpenApiDocument());
  });

  it('synthesizes with no unacknowledged cdk-nag finding', () => {
    expect(synthLog).not.toMatch(/AwsSolutions-/);
  });

  it.each(FUNCTIONS)('bundles the %s function from %s in the installed package', (id, entry) => {
    const [, fn] = Object.entries(resources).find(([key, resource]) => resource.Type === 'AWS::Lambda::Function' && key.startsWith(`LabService${id}Function`)) ?? [];
    expect(fn, id).toBeDefined();
    expect(fn!.Properties.Runtime).toBe('nodejs24.x');
    const hash = (fn!.Properties.Code as { S3Key: string }).S3Key.replace(/\.zip$/, '');
    const bundleFolder = path.join(outdir, assets.files[hash]!.source.path);
    expect(readFileSync(path.join(bundleFolder, 'index.mjs'), 'utf8')).toMatch(/export\s*\{[^}]*\bas handler\s*\}/);
    const { sources } = JSON.parse(readFileSync(path.join(bundleFolder, 'index.mjs.map'), 'utf8')) as { sources: string[] };
    expect(sources.map((source) => path.resolve(bundleFolder, source))).toContain(path.join(app, 'node_modules', 'channel-lab', entry));
  });

  it.each([
    ['the table', 'AWS::DynamoDB::Table', 1],
    ['the HTTP API', 'AWS::ApiGatewayV2::Api', 1],
    ['the web app distribution', 'AWS::CloudFront::Distribution', 1],
  ])('creates %s', (_name, type, count) => {
    template.resourceCountIs(type, count);
  });

  it('creates what the construct built from the sources creates: the same resources, logical ids and outputs', () => {
    const fromSources = templateFromSources();
    expect(resourceTypeCounts(template)).toEqual(resourceTypeCounts(fromSources));
    expect(Object.keys(resources).sort()).toEqual(Object.keys(fromSources.toJSON().Resources as Resources).sort());
    expect(Object.keys(template.findOutputs('*')).sort()).toEqual(Object.keys(fromSources.findOutputs('*')).sort());
  });

  it.each(['WebAppUrl', 'ApiUrl', 'TableName', 'DispatchQueueUrl', 'AlarmTopicArn'])('adds the %s output', (name) => {
    expect(Object.keys(template.findOutputs('*')).filter((id) => id.startsWith(`Lab${name}`))).toHaveLength(1);
  });
});
