/**
 * The "data" part of Channel Lab: the single DynamoDB table, built from the shared
 * definition that the local platform and the tests also use.
 */
import { RemovalPolicy } from 'aws-cdk-lib';
import * as dynamodb from 'aws-cdk-lib/aws-dynamodb';
import * as kms from 'aws-cdk-lib/aws-kms';
import { Construct } from 'constructs';
import { CHANNEL_LAB_TABLE, type TableDefinition } from '../../shared/adapters/dynamodb/table-definition';

/** How the table is encrypted at rest. */
export type TableEncryptionMode = 'aws-managed' | 'customer-managed';

/** Properties of {@link DataTable}. */
export interface DataTableProps {
  /** The table's shape. @default CHANNEL_LAB_TABLE (the shared definition) */
  readonly definition?: TableDefinition;
  /** AWS-managed KMS key (`aws/dynamodb`) or a customer-managed key with rotation. @default 'aws-managed' */
  readonly encryption?: TableEncryptionMode;
  /** Keep the table (and turn on deletion protection) when the stack is deleted. @default true */
  readonly retain?: boolean;
}

/** Converts the CDK-free table definition into `dynamodb.Table` properties (keys, GSIs, TTL, stream). */
export function tablePropsFromDefinition(definition: TableDefinition): Pick<dynamodb.TableProps, 'partitionKey' | 'sortKey' | 'timeToLiveAttribute' | 'stream'> & {
  readonly globalSecondaryIndexes: dynamodb.GlobalSecondaryIndexProps[];
} {
  return {
    partitionKey: { name: definition.partitionKey, type: dynamodb.AttributeType.STRING },
    sortKey: { name: definition.sortKey, type: dynamodb.AttributeType.STRING },
    timeToLiveAttribute: definition.ttlAttribute,
    stream: dynamodb.StreamViewType[definition.streamView],
    globalSecondaryIndexes: definition.globalIndexes.map((index) => ({
      indexName: index.indexName,
      partitionKey: { name: index.partitionKey, type: dynamodb.AttributeType.STRING },
      sortKey: { name: index.sortKey, type: dynamodb.AttributeType.STRING },
      ...(index.projection.type === 'INCLUDE'
        ? { projectionType: dynamodb.ProjectionType.INCLUDE, nonKeyAttributes: [...index.projection.attributes] }
        : { projectionType: index.projection.type === 'ALL' ? dynamodb.ProjectionType.ALL : dynamodb.ProjectionType.KEYS_ONLY }),
    })),
  };
}

/**
 * Channel Lab's single table: on-demand billing, point-in-time recovery, encryption at rest,
 * TTL, the GSIs of the shared definition and its stream (the counter aggregator reads it).
 */
export class DataTable extends Construct {
  /** The DynamoDB table. */
  public readonly table: dynamodb.Table;
  /** The customer-managed key, when `encryption` is `customer-managed`. */
  public readonly encryptionKey?: kms.Key;

  constructor(scope: Construct, id: string, props: DataTableProps = {}) {
    super(scope, id);
    const definition = props.definition ?? CHANNEL_LAB_TABLE;
    const retain = props.retain ?? true;
    const { globalSecondaryIndexes, ...keys } = tablePropsFromDefinition(definition);

    if (props.encryption === 'customer-managed') {
      this.encryptionKey = new kms.Key(this, 'Key', {
        description: 'Channel Lab table encryption key',
        enableKeyRotation: true,
        removalPolicy: retain ? RemovalPolicy.RETAIN : RemovalPolicy.DESTROY,
      });
    }

    this.table = new dynamodb.Table(this, 'Table', {
      ...keys,
      billingMode: dynamodb.BillingMode.PAY_PER_REQUEST,
      pointInTimeRecoverySpecification: { pointInTimeRecoveryEnabled: true },
      encryption: this.encryptionKey ? dynamodb.TableEncryption.CUSTOMER_MANAGED : dynamodb.TableEncryption.AWS_MANAGED,
      encryptionKey: this.encryptionKey,
      deletionProtection: retain,
      removalPolicy: retain ? RemovalPolicy.RETAIN : RemovalPolicy.DESTROY,
    });
    for (const index of globalSecondaryIndexes) {
      this.table.addGlobalSecondaryIndex(index);
    }
  }
}
