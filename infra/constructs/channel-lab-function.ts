/**
 * One Channel Lab Lambda function: Node.js 24 on arm64, bundled locally by esbuild
 * (minified, source maps, AWS SDK v3 left to the runtime), with its own log group,
 * its own role (no managed policies) and the common environment.
 */
import { Duration, RemovalPolicy } from 'aws-cdk-lib';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import { LogLevel as BundlingLogLevel, NodejsFunction, OutputFormat, SourceMapMode } from 'aws-cdk-lib/aws-lambda-nodejs';
import * as logs from 'aws-cdk-lib/aws-logs';
import { Construct } from 'constructs';
import { DEFAULT_MEMORY_MB, LOG_RETENTION } from '../constants';

/** The Lambda runtime of every Channel Lab function. */
export const FUNCTION_RUNTIME = lambda.Runtime.NODEJS_24_X;

/** The CPU architecture of every Channel Lab function. */
export const FUNCTION_ARCHITECTURE = lambda.Architecture.ARM_64;

/** Makes Node.js map stack traces through the bundle's source map. */
export const SOURCE_MAP_NODE_OPTIONS = '--enable-source-maps';

/** Modules provided by the Lambda runtime and not bundled. */
export const EXTERNAL_MODULES = ['@aws-sdk/*'];

/**
 * Makes `require` available in the ESM bundle, for CommonJS dependencies that esbuild
 * leaves as dynamic `require` calls.
 */
const ESM_REQUIRE_SHIM = "import { createRequire as __channelLabCreateRequire } from 'node:module'; const require = __channelLabCreateRequire(import.meta.url);";

/** Properties of {@link ChannelLabFunction}. */
export interface ChannelLabFunctionProps {
  /** Path of the TypeScript handler file (exports `handler`). */
  readonly entry: string;
  /** What the function does (shown in the console). */
  readonly description: string;
  /** Environment variables (the common ones included by the caller). */
  readonly environment: Readonly<Record<string, string>>;
  /** Timeout. @default 10 seconds */
  readonly timeout?: Duration;
  /** Memory in MB. @default DEFAULT_MEMORY_MB */
  readonly memorySize?: number;
  /** Reserved concurrency; `undefined` leaves the function unreserved. @default - unreserved */
  readonly reservedConcurrentExecutions?: number;
  /** Turn on AWS X-Ray active tracing. @default false */
  readonly tracing?: boolean;
  /** Retention of the function's log group. @default LOG_RETENTION */
  readonly logRetention?: logs.RetentionDays;
  /** Removal policy of the log group. @default RemovalPolicy.DESTROY */
  readonly logRemovalPolicy?: RemovalPolicy;
}

/** A Lambda function built the Channel Lab way; grant it what it needs through `fn` or `role`. */
export class ChannelLabFunction extends Construct {
  /** The function. */
  public readonly fn: NodejsFunction;
  /** Its execution role (only log writing until grants are added). */
  public readonly role: iam.Role;
  /** Its log group. */
  public readonly logGroup: logs.LogGroup;

  constructor(scope: Construct, id: string, props: ChannelLabFunctionProps) {
    super(scope, id);

    this.logGroup = new logs.LogGroup(this, 'Logs', {
      retention: props.logRetention ?? LOG_RETENTION,
      removalPolicy: props.logRemovalPolicy ?? RemovalPolicy.DESTROY,
    });

    this.role = new iam.Role(this, 'Role', {
      assumedBy: new iam.ServicePrincipal('lambda.amazonaws.com'),
      description: `Execution role of Channel Lab's ${id} function`,
    });
    this.logGroup.grantWrite(this.role);

    this.fn = new NodejsFunction(this, 'Function', {
      entry: props.entry,
      handler: 'handler',
      description: props.description,
      runtime: FUNCTION_RUNTIME,
      architecture: FUNCTION_ARCHITECTURE,
      memorySize: props.memorySize ?? DEFAULT_MEMORY_MB,
      timeout: props.timeout ?? Duration.seconds(10),
      role: this.role,
      logGroup: this.logGroup,
      environment: { NODE_OPTIONS: SOURCE_MAP_NODE_OPTIONS, ...props.environment },
      reservedConcurrentExecutions: props.reservedConcurrentExecutions,
      tracing: props.tracing ? lambda.Tracing.ACTIVE : undefined,
      bundling: {
        minify: true,
        sourceMap: true,
        sourceMapMode: SourceMapMode.DEFAULT,
        sourcesContent: false,
        target: 'node24',
        format: OutputFormat.ESM,
        mainFields: ['module', 'main'],
        banner: ESM_REQUIRE_SHIM,
        externalModules: EXTERNAL_MODULES,
        // esbuild reports errors only: synth and the infra tests stay quiet unless something is wrong.
        logLevel: BundlingLogLevel.ERROR,
      },
    });
  }
}
