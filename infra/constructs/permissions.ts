/**
 * IAM grants that the L2 constructs do not offer: item-level table access without Scan, and SNS
 * publishing for SMS and mobile push.
 */
import { Stack } from 'aws-cdk-lib';
import type * as dynamodb from 'aws-cdk-lib/aws-dynamodb';
import * as iam from 'aws-cdk-lib/aws-iam';
import type { IConstruct } from 'constructs';

/** What kinds of SNS publishing a grantee needs. */
export interface SnsPublishOptions {
  /** SMS to phone numbers: SNS has no resource for a phone number, so this needs `Resource: *`. */
  readonly sms: boolean;
}

/** ARN pattern of every SNS mobile push platform endpoint of `scope`'s account and region. */
export function pushEndpointArnPattern(scope: IConstruct): string {
  return Stack.of(scope).formatArn({ service: 'sns', resource: 'endpoint', resourceName: '*' });
}

/**
 * Lets `grantee` publish to SNS mobile push platform endpoints of this account and region,
 * and, when `sms` is set, to phone numbers (which IAM can only express as `*`).
 */
export function grantSnsPublish(scope: IConstruct, grantee: iam.IGrantable, options: SnsPublishOptions): void {
  grantee.grantPrincipal.addToPrincipalPolicy(
    new iam.PolicyStatement({
      sid: 'PublishToMobilePushEndpoints',
      actions: ['sns:Publish'],
      resources: [pushEndpointArnPattern(scope)],
    }),
  );
  if (options.sms) {
    grantee.grantPrincipal.addToPrincipalPolicy(
      new iam.PolicyStatement({
        sid: 'PublishSmsToPhoneNumbers',
        actions: ['sns:Publish'],
        resources: ['*'],
      }),
    );
  }
}

/**
 * The item-level actions of the table (and its indexes) the functions use: get, query, put,
 * update, delete, conditions in transactions. No `Scan` (nothing reads the whole table), no
 * table management, no streams.
 */
export const TABLE_ITEM_ACTIONS: readonly string[] = [
  'dynamodb:GetItem',
  'dynamodb:BatchGetItem',
  'dynamodb:Query',
  'dynamodb:PutItem',
  'dynamodb:UpdateItem',
  'dynamodb:DeleteItem',
  'dynamodb:BatchWriteItem',
  'dynamodb:ConditionCheckItem',
];

/** Lets `grantee` read and write items of `table` and query its indexes, never Scan; and use the table's key if it has its own. */
export function grantTableItems(table: dynamodb.ITable, grantee: iam.IGrantable): void {
  table.grant(grantee, ...TABLE_ITEM_ACTIONS);
  table.encryptionKey?.grantEncryptDecrypt(grantee);
}
