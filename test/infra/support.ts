/**
 * Shared helpers of the infrastructure tests: synthesize Channel Lab with stand-in
 * handlers, find a function's policy statements, and run cdk-nag on a stack.
 */
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';
import { App, Stack, type CfnElement } from 'aws-cdk-lib';
import { Template } from 'aws-cdk-lib/assertions';
import type { PolicyViolation } from 'aws-cdk-lib';
import { AwsSolutionsChecks } from 'cdk-nag';
import type { ChannelLabProps } from '../../infra/channel-lab';
import { ChannelLabStack } from '../../infra/channel-lab-stack';
import type { ChannelLabFunction } from '../../infra/constructs/channel-lab-function';
import type { ChannelLabEntries } from '../../infra/entries';

const HERE = path.dirname(fileURLToPath(import.meta.url));

/** A one-line handler standing in for every real entry, so the tests do not depend on functions/. */
export const FIXTURE_HANDLER = path.join(HERE, 'fixtures', 'handler.ts');

/** A built web app standing in for web/dist, so the tests do not depend on a build. */
export const FIXTURE_WEB_APP = path.join(HERE, 'fixtures', 'web');

/**
 * Logical-id prefixes of the functions and roles aws-cdk-lib creates for the web app's hosting
 * (BucketDeployment's upload, the buckets' auto-delete): not Channel Lab's functions, and not
 * configured by it.
 */
const CDK_MANAGED_PREFIXES = ['CustomCDKBucketDeployment', 'CustomS3AutoDeleteObjectsCustomResourceProvider'];

/** The resources of `type` in the template, without those aws-cdk-lib manages for the web app's hosting. */
export function platformResources(template: Template, type: string): Record<string, { Properties: Record<string, unknown> }> {
  return Object.fromEntries(
    Object.entries(template.findResources(type)).filter(([id]) => !CDK_MANAGED_PREFIXES.some((prefix) => id.startsWith(prefix))),
  ) as Record<string, { Properties: Record<string, unknown> }>;
}

/** Every entry pointing at the fixture handler. */
export const FIXTURE_ENTRIES: ChannelLabEntries = {
  api: FIXTURE_HANDLER,
  analysis: FIXTURE_HANDLER,
  openApi: FIXTURE_HANDLER,
  tracking: FIXTURE_HANDLER,
  dispatcher: FIXTURE_HANDLER,
  scheduledWork: FIXTURE_HANDLER,
  sesEvents: FIXTURE_HANDLER,
  reconciliation: FIXTURE_HANDLER,
  customerEvents: FIXTURE_HANDLER,
  counterAggregator: FIXTURE_HANDLER,
  dispatchOutbox: FIXTURE_HANDLER,
};

/** The feature flags of cdk.json, so tests synthesize what `cdk synth` synthesizes. */
function cdkJsonContext(): Record<string, unknown> {
  const cdkJson = JSON.parse(readFileSync(path.join(HERE, '..', '..', 'cdk.json'), 'utf8')) as {
    context?: Record<string, unknown>;
  };
  return cdkJson.context ?? {};
}

/** A synthesized Channel Lab stack. */
export interface SynthesizedLab {
  readonly stack: ChannelLabStack;
  readonly template: Template;
}

/** Synthesizes a `ChannelLabStack` with fixture entries and the given properties. */
export function synthesizeLab(props: Partial<ChannelLabProps> = {}): SynthesizedLab {
  const app = new App({ context: cdkJsonContext() });
  const stack = new ChannelLabStack(app, 'TestChannelLab', {
    env: { account: '123456789012', region: 'eu-west-1' },
    channelLab: { sesFromAddress: 'lab@example.com', entries: FIXTURE_ENTRIES, webApp: FIXTURE_WEB_APP, ...props },
  });
  return { stack, template: Template.fromStack(stack) };
}

/** Logical id of a construct's CloudFormation resource. */
export function logicalId(element: CfnElement): string {
  return Stack.of(element).getLogicalId(element);
}

/** A policy statement as synthesized. */
export interface Statement {
  readonly Sid?: string;
  readonly Effect: string;
  readonly Action: string | string[];
  readonly Resource: unknown;
  readonly Condition?: Record<string, unknown>;
}

/** Every statement of every inline policy attached to `fn`'s role. */
export function statementsOf(template: Template, fn: ChannelLabFunction): Statement[] {
  const roleId = logicalId(fn.role.node.defaultChild as CfnElement);
  const policies = template.findResources('AWS::IAM::Policy') as Record<
    string,
    { Properties: { Roles: { Ref: string }[]; PolicyDocument: { Statement: Statement[] } } }
  >;
  return Object.values(policies)
    .filter((policy) => policy.Properties.Roles.some((role) => role.Ref === roleId))
    .flatMap((policy) => policy.Properties.PolicyDocument.Statement);
}

/** Every action granted to `fn`'s role. */
export function actionsOf(template: Template, fn: ChannelLabFunction): Set<string> {
  return new Set(statementsOf(template, fn).flatMap((s) => (Array.isArray(s.Action) ? s.Action : [s.Action])));
}

/** Runs cdk-nag's AwsSolutions pack on `stack` directly (the same check `cdk synth` runs as a validation plugin). */
export function awsSolutionsViolations(stack: Stack): PolicyViolation[] {
  return new AwsSolutionsChecks(undefined, { verbose: true }).validateScope(stack).violations;
}

/** One line per violation, readable in a failed assertion. */
export function describeViolations(violations: readonly PolicyViolation[]): string[] {
  return violations.map(
    (v) => `${v.severity} ${v.ruleName}: ${v.violatingResources.map((r) => r.constructPath).join(', ')}`,
  );
}
