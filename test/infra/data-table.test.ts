import { App, Stack } from 'aws-cdk-lib';
import { Match, Template } from 'aws-cdk-lib/assertions';
import { beforeAll, describe, expect, it } from 'vitest';
import { CHANNEL_LAB_TABLE } from '../../shared/adapters/dynamodb/table-definition';
import { DataTable } from '../../infra/constructs/data-table';
import { projectionOf } from '../../shared/adapters/dynamodb/create-table';

/** The table's resource properties in a template holding exactly one table. */
function tableProperties(template: Template): Record<string, unknown> {
  const tables = Object.values(template.findResources('AWS::DynamoDB::Table'));
  expect(tables).toHaveLength(1);
  return (tables[0] as { Properties: Record<string, unknown> }).Properties;
}

describe('DataTable (the data part)', () => {
  let template: Template;

  beforeAll(() => {
    const stack = new Stack(new App(), 'Data');
    new DataTable(stack, 'Data');
    template = Template.fromStack(stack);
  });

  it('has exactly the key schema of the shared definition', () => {
    const props = tableProperties(template);
    expect(props.KeySchema).toEqual([
      { AttributeName: CHANNEL_LAB_TABLE.partitionKey, KeyType: 'HASH' },
      { AttributeName: CHANNEL_LAB_TABLE.sortKey, KeyType: 'RANGE' },
    ]);
  });

  it('has exactly the GSIs of the shared definition, string keys, each with its projection', () => {
    const props = tableProperties(template) as { GlobalSecondaryIndexes: unknown[]; AttributeDefinitions: unknown[] };
    expect(props.GlobalSecondaryIndexes).toEqual(
      CHANNEL_LAB_TABLE.globalIndexes.map((index) => ({
        IndexName: index.indexName,
        KeySchema: [
          { AttributeName: index.partitionKey, KeyType: 'HASH' },
          { AttributeName: index.sortKey, KeyType: 'RANGE' },
        ],
        Projection: projectionOf(index),
      })),
    );
    const attributes = [
      CHANNEL_LAB_TABLE.partitionKey,
      CHANNEL_LAB_TABLE.sortKey,
      ...CHANNEL_LAB_TABLE.globalIndexes.flatMap((index) => [index.partitionKey, index.sortKey]),
    ];
    expect(props.AttributeDefinitions).toEqual(
      expect.arrayContaining(attributes.map((name) => ({ AttributeName: name, AttributeType: 'S' }))),
    );
    expect(props.AttributeDefinitions).toHaveLength(attributes.length);
  });

  it('expires items by the shared TTL attribute', () => {
    expect(tableProperties(template).TimeToLiveSpecification).toEqual({
      AttributeName: CHANNEL_LAB_TABLE.ttlAttribute,
      Enabled: true,
    });
  });

  it('has the stream of the shared definition (both images: the counter aggregator reads what each write changed)', () => {
    expect(tableProperties(template).StreamSpecification).toEqual({ StreamViewType: CHANNEL_LAB_TABLE.streamView });
    expect(CHANNEL_LAB_TABLE.streamView).toBe('NEW_AND_OLD_IMAGES');
  });

  it('is on-demand, with point-in-time recovery and encryption at rest', () => {
    template.hasResourceProperties('AWS::DynamoDB::Table', {
      BillingMode: 'PAY_PER_REQUEST',
      PointInTimeRecoverySpecification: { PointInTimeRecoveryEnabled: true },
      SSESpecification: { SSEEnabled: true },
      ProvisionedThroughput: Match.absent(),
    });
  });

  it('is retained and deletion-protected by default', () => {
    template.hasResource('AWS::DynamoDB::Table', {
      DeletionPolicy: 'Retain',
      UpdateReplacePolicy: 'Retain',
      Properties: Match.objectLike({ DeletionProtectionEnabled: true }),
    });
  });

  it('uses a rotating customer-managed key when asked', () => {
    const stack = new Stack(new App(), 'DataCmk');
    new DataTable(stack, 'Data', { encryption: 'customer-managed', retain: false });
    const cmk = Template.fromStack(stack);
    cmk.hasResourceProperties('AWS::KMS::Key', { EnableKeyRotation: true });
    cmk.hasResourceProperties('AWS::DynamoDB::Table', {
      SSESpecification: { SSEEnabled: true, SSEType: 'KMS', KMSMasterKeyId: Match.anyValue() },
    });
    cmk.hasResource('AWS::DynamoDB::Table', { DeletionPolicy: 'Delete' });
  });
});
