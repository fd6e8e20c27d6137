/**
 * Every cdk-nag (AwsSolutions) acknowledgement of Channel Lab, in one place, each with its
 * reason, and each as narrow as cdk-nag v3 allows: on the construct that causes it and,
 * for IAM wildcards, on the exact finding (`AwsSolutions-IAM5[Resource::...]`).
 */
import { Stack, Validations } from 'aws-cdk-lib';
import type * as dynamodb from 'aws-cdk-lib/aws-dynamodb';
import type { IConstruct } from 'constructs';
import type { ChannelLab } from './channel-lab';
import type { ChannelLabFunction } from './constructs/channel-lab-function';
import { pushEndpointArnPattern } from './constructs/permissions';

/** Reasons, named so that tests and docs can refer to them. */
export const NAG_REASONS = {
  publicRoutes:
    'Authentication is done in the function: /v1 routes require an API key (stored hashed, with admin/send/read scopes), ' +
    'checked before any work; /t, /o and /u routes are public by design (signed HMAC tokens, RFC 8058 one-click unsubscribe needs no auth); ' +
    'GET /dashboard is a static HTML page that holds no data (its API calls send the user\'s key to the /v1 routes).',
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
    acknowledgeStarResource(fn, reasons, options.tracing);
  }
}
