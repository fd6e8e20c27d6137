import { DeleteCommand, type DynamoDBDocumentClient, PutCommand, QueryCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import type { Customer } from '../../domain/customer/customer';
import type { Channel } from '../../domain/experiment/channels';
import type { CustomerRepository } from '../../use-cases/ports/customer-repository';
import { conflictItem } from './conflict-item';
import { customerPartition, customerProfileEntity, suppressionEntity } from './entities/customer-entities';
import { PARTITION_KEY } from './table-definition';
import { buildUpdate } from './update-expression';

/**
 * Customers in the single table. Opt-outs live in their own item so that erasing a profile
 * (contact, attributes) keeps the suppression list: an erased customer is still never messaged
 * on a channel they opted out of. Both items share the customer's partition, so one strongly
 * consistent query reads them together (1 RRU for a profile under 4 KB).
 */
export class DynamoCustomerRepository implements CustomerRepository {
  constructor(
    private readonly client: DynamoDBDocumentClient,
    private readonly tableName: string,
  ) {}

  async get(id: string): Promise<Customer | undefined> {
    const suppressionKey = suppressionEntity.key({ id });
    const profileKey = customerProfileEntity.key({ id });
    const { Items = [] } = await this.client.send(
      new QueryCommand({
        TableName: this.tableName,
        KeyConditionExpression: '#pk = :pk AND #sk BETWEEN :first AND :last',
        ExpressionAttributeNames: { '#pk': 'pk', '#sk': 'sk' },
        ExpressionAttributeValues: { ':pk': customerPartition(id), ':first': suppressionKey.sk, ':last': profileKey.sk },
        ConsistentRead: true,
      }),
    );
    const profileItem = Items.find((item) => item.sk === profileKey.sk);
    const suppressionItem = Items.find((item) => item.sk === suppressionKey.sk);
    const suppression = suppressionItem ? suppressionEntity.parse(suppressionItem) : undefined;
    const optOuts = suppression?.optOuts ?? {};
    if (!profileItem) {
      if (!suppression) return undefined;
      return { id, attributes: {}, contact: {}, consents: {}, optOuts, updatedAt: suppression.updatedAt, ...(suppression.erasedAt ? { erasedAt: suppression.erasedAt } : {}) };
    }
    const { attributes, contact, consents, updatedAt } = customerProfileEntity.parse(profileItem);
    return { id, attributes, contact, consents, optOuts, updatedAt };
  }

  async put(customer: Customer): Promise<void> {
    const { optOuts: _optOuts, erasedAt: _erasedAt, ...profile } = customer;
    await this.client.send(new PutCommand({ TableName: this.tableName, Item: customerProfileEntity.item(profile, customer) }));
  }

  async optOut(id: string, channels: readonly Channel[], at: string): Promise<void> {
    // One map attribute; each channel keeps the time of its first opt-out (repeats are harmless).
    // The map must exist before a nested path can be set in it: two updates.
    const key = suppressionEntity.key({ id });
    await this.client.send(new UpdateCommand({ TableName: this.tableName, Key: key, ...buildUpdate({ set: { updatedAt: at, entity: suppressionEntity.name }, setIfAbsent: { optOuts: {} } }) }));
    await this.client.send(
      new UpdateCommand({ TableName: this.tableName, Key: key, ...buildUpdate({ setIfAbsent: Object.fromEntries(channels.map((channel) => [`optOuts.${channel}`, at])) }) }),
    );
  }

  async erase(id: string, at: string): Promise<void> {
    await this.client.send(new DeleteCommand({ TableName: this.tableName, Key: customerProfileEntity.key({ id }) }));
    // The suppression list stays; mark it so that the erased profile reads as gone (GET → 404).
    try {
      await this.client.send(
        new UpdateCommand({
          TableName: this.tableName,
          Key: suppressionEntity.key({ id }),
          ...buildUpdate({ set: { erasedAt: at }, condition: { expression: 'attribute_exists(#cpk)', names: { '#cpk': PARTITION_KEY } } }),
        }),
      );
    } catch (error) {
      if (conflictItem(error) === undefined) throw error; // no opt-outs: nothing remains
    }
  }
}
