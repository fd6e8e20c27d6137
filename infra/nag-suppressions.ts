/**
 * Every cdk-nag (AwsSolutions) acknowledgement of Channel Lab, in one place, each with its
 * reason, and each as narrow as cdk-nag v3 allows: on the construct that causes it and,
 * for IAM wildcards, on the exact finding (`AwsSolutions-IAM5[Resource::...]`).
 */
import { Stack, Validations } from 'aws-cdk-lib';
import type * as dynamodb from 'aws-cdk-lib/aws-dynamodb';
import type * as iam from 'aws-cdk-lib/aws-iam';
import type { IConstruct } from 'constructs';
import type { ChannelLab } from './channel-lab';
import type { ChannelLabFunction } from './constructs/channel-lab-function';
import { pushEndpointArnPattern } from './constructs/permissions';

/** Reasons, named so that tests and docs can refer to them. */
export const NAG_REASONS = {
  publicRoutes:
    'Authentication is done in the function: /v1 routes require an API key (stored hashed, with admin/send/read scopes), ' +
    'checked before any work; /t, /o and /u routes are public by design (signed HMAC tokens, RFC 8058 one-click unsubscribe needs no auth).',
  secretRotation:
    'Rotation is manual and documented (docs/deploy.md): a new version of the link or webhook key is used at once and the ' +
    'previous one stays accepted for a stated grace period (links live in delivered emails for months); the assignment-id ' +
    'key is never rotated (a new key would give customers new decisions). No rotation Lambda is needed for that.',
  tableIndexes:
    'Access to the GSIs of the single table (gsi1, gsi2) is needed for listings and lookups; the wildcard covers only ' +
    "this table's own indexes.",
  smsPublish:
    'SNS SMS to phone numbers has no resource ARN: IAM only accepts Resource "*" for sns:Publish to a phone number.',
  pushEndpoints:
    'Mobile push publishes to platform endpoints created per device at run time; scoped to endpoints of this account and region.',
  xrayTracing: 'X-Ray PutTraceSegments/PutTelemetryRecords support no resource ARN (added only when tracing is on).',
  tableKey:
    "CDK's grant for a KMS-encrypted table: the kms:GenerateDataKey* / kms:ReEncrypt* action families, on the table's own key only.",
  eventTargetDlq: 'This queue is itself the dead-letter queue of the SES events EventBridge target.',
  streamFailureQueue: "This queue is itself the on-failure destination of a stream mapping (the counter aggregator's or the dispatch outbox's): it holds the locations of batches given up on.",
  streamList: "dynamodb:ListStreams (part of CDK's grant to read the table's stream for the event source mapping) supports no resource ARN.",
  webGeoRestriction:
    'The web app and the tracking links behind the same distribution are used by marketers and opened by customers in any country; a geographic restriction would break delivered links.',
  webWaf:
    'The API behind the distribution authenticates every /v1 call (hashed API keys) and throttles per route; a WAF web ACL (CLOUDFRONT scope, us-east-1) is optional and can be attached with the webAclId property.',
  webDefaultCertificate:
    "The distribution uses CloudFront's default *.cloudfront.net certificate, for which CloudFront fixes the minimum viewer protocol (TLSv1); a custom domain with its own certificate (and TLSv1.2_2021) is not offered for the web app yet.",
  bucketDeploymentRole:
    "CDK's BucketDeployment custom resource (a CDK-managed singleton function) copies the built web app from the CDK asset bucket to the site bucket: it needs the basic Lambda execution policy for its logs and object-level wildcards on both buckets (object keys are not known before deployment).",
  bucketDeploymentRuntime: "The BucketDeployment singleton's runtime is chosen by aws-cdk-lib (it bundles the AWS CLI) and is updated with aws-cdk-lib, not by this project.",
} as const;

/** Acknowledges one rule (or one finding of a rule) on `scope`, with its reason. */
function acknowledge(scope: IConstruct, id: string, reason: string): void {
  Validations.of(scope).acknowledge({ id, reason });
}

/**
 * Flattens a resolved CloudFormation value the way cdk-nag names IAM5 findings:
 * `{Ref: X}` → `<X>`, `{Fn::GetAtt: [X, Arn]}` → `<X.Arn>`, joins concatenated.
 */
function flattenReference(value: unknown): string {
  if (typeof value === 'string') return value.replace(/\$\{/g, '<').replace(/\}/g, '>');
  if (value && typeof value === 'object') {
    const node = value as Record<string, unknown>;
    if (Array.isArray(node['Fn::Join'])) {
      const [delimiter, items] = node['Fn::Join'] as [string, unknown[]];
      return items.map(flattenReference).join(delimiter);
    }
    if (Array.isArray(node['Fn::GetAtt'])) {
      const [resource, attribute] = node['Fn::GetAtt'] as [unknown, unknown];
      return `<${flattenReference(resource)}.${flattenReference(attribute)}>`;
    }
    if ('Ref' in node) return `<${flattenReference(node.Ref)}>`;
    if (typeof node['Fn::Sub'] === 'string') return flattenReference(node['Fn::Sub']);
  }
  return JSON.stringify(value);
}

/** The id of the IAM5 finding cdk-nag reports for `resource` (a token or a plain ARN) in `scope`'s stack. */
export function wildcardResourceFinding(scope: IConstruct, resource: string): string {
  return `AwsSolutions-IAM5[Resource::${flattenReference(Stack.of(scope).resolve(resource))}]`;
}

/** The IAM5 finding id of `grant*Data` on the table's indexes (`<TableLogicalId.Arn>/index/*`). */
export function tableIndexFinding(table: dynamodb.ITable): string {
  return wildcardResourceFinding(table, `${table.tableArn}/index/*`);
}

/** Acknowledges `Resource::*` on a function's role, with every reason that applies to it. */
function acknowledgeStarResource(fn: ChannelLabFunction, reasons: readonly string[], tracing: boolean): void {
  const all = tracing ? [...reasons, NAG_REASONS.xrayTracing] : reasons;
  if (all.length > 0) {
    acknowledge(fn.role, 'AwsSolutions-IAM5[Resource::*]', all.join(' '));
  }
}

/** The IAM5 findings of a role's default policy: one per wildcard action and per wildcard resource. */
function wildcardFindingsOf(policy: IConstruct): string[] {
  const document = Stack.of(policy).resolve((policy as iam.Policy).document.toJSON()) as { Statement?: { Action?: string | string[]; Resource?: unknown }[] } | undefined;
  const findings = new Set<string>();
  for (const statement of document?.Statement ?? []) {
    for (const action of [statement.Action ?? []].flat()) if (action.includes('*')) findings.add(`AwsSolutions-IAM5[Action::${action}]`);
    for (const resource of [statement.Resource ?? []].flat()) {
      const flat = flattenReference(resource);
      if (flat.includes('*')) findings.add(`AwsSolutions-IAM5[Resource::${flat}]`);
    }
  }
  return [...findings];
}

/** The web app's distribution, and CDK's BucketDeployment singleton that uploads the app. */
function acknowledgeWebAppFindings(lab: ChannelLab): void {
  if (!lab.web) return;
  const distribution = lab.web.distribution;
  acknowledge(distribution, 'AwsSolutions-CFR1', NAG_REASONS.webGeoRestriction);
  if (lab.web.webAclId === undefined) acknowledge(distribution, 'AwsSolutions-CFR2', NAG_REASONS.webWaf);
  acknowledge(distribution, 'AwsSolutions-CFR4', NAG_REASONS.webDefaultCertificate);
  const stack = Stack.of(lab);
  for (const singleton of stack.node.children.filter((child) => child.node.id.startsWith('Custom::CDKBucketDeployment'))) {
    acknowledge(singleton, 'AwsSolutions-L1', NAG_REASONS.bucketDeploymentRuntime);
    acknowledge(singleton, 'AwsSolutions-IAM4[Policy::arn:<AWS::Partition>:iam::aws:policy/service-role/AWSLambdaBasicExecutionRole]', NAG_REASONS.bucketDeploymentRole);
    const policy = singleton.node.tryFindChild('ServiceRole')?.node.tryFindChild('DefaultPolicy');
    for (const finding of policy ? wildcardFindingsOf(policy) : []) acknowledge(singleton, finding, NAG_REASONS.bucketDeploymentRole);
  }
}

/** Applies Channel Lab's cdk-nag acknowledgements to the constructs of `lab`. */
export function acknowledgeNagFindings(lab: ChannelLab, options: { readonly tracing: boolean; readonly sms: boolean }): void {
  const { service, data } = lab;
  const indexFinding = tableIndexFinding(data.table);

  for (const route of service.httpApi.routes) {
    acknowledge(route, 'AwsSolutions-APIG4', NAG_REASONS.publicRoutes);
  }
  for (const secret of [service.linkSigningSecret, service.webhookSigningSecret, service.assignmentIdSecret]) {
    acknowledge(secret.secret, 'AwsSolutions-SMG4', NAG_REASONS.secretRotation);
  }
  acknowledge(service.sesEvents.deadLetterQueue, 'AwsSolutions-SQS3', NAG_REASONS.eventTargetDlq);
  acknowledge(service.customerEvents.deadLetterQueue, 'AwsSolutions-SQS3', NAG_REASONS.eventTargetDlq);
  acknowledge(service.counterStream.failureQueue, 'AwsSolutions-SQS3', NAG_REASONS.streamFailureQueue);
  acknowledge(service.dispatchOutbox.failureQueue, 'AwsSolutions-SQS3', NAG_REASONS.streamFailureQueue);

  for (const fn of service.functions) {
    acknowledge(fn.role, indexFinding, NAG_REASONS.tableIndexes);
  }
  acknowledge(
    service.dispatcherFunction.role,
    wildcardResourceFinding(lab, pushEndpointArnPattern(lab)),
    NAG_REASONS.pushEndpoints,
  );
  if (data.encryptionKey) {
    for (const fn of service.functions) {
      acknowledge(fn.role, 'AwsSolutions-IAM5[Action::kms:GenerateDataKey*]', NAG_REASONS.tableKey);
      acknowledge(fn.role, 'AwsSolutions-IAM5[Action::kms:ReEncrypt*]', NAG_REASONS.tableKey);
    }
  }
  for (const fn of service.functions) {
    const reasons: string[] = [];
    if (fn === service.dispatcherFunction && options.sms) reasons.push(NAG_REASONS.smsPublish);
    if (fn === service.counterAggregatorFunction || fn === service.dispatchOutboxFunction) reasons.push(NAG_REASONS.streamList);
    acknowledgeStarResource(fn, reasons, options.tracing);
  }
  acknowledgeWebAppFindings(lab);
}
