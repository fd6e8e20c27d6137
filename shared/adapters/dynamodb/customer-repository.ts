import { ConditionalCheckFailedException } from '@aws-sdk/client-dynamodb';
import { DeleteCommand, type DynamoDBDocumentClient, GetCommand, PutCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import type { Customer } from '../../domain/customer/customer';
import type { Channel } from '../../domain/experiment/channels';
import type { CustomerRepository } from '../../use-cases/ports/send-ports';
import { customerKeys } from './keys';

/** Entity tag of customer items. */
const ENTITY = 'customer';
/** Sort key of the opt-out list that survives erasure. */
const SUPPRESSION_SORT_KEY = 'OPTOUTS';

/**
 * Customers in the single table. Opt-outs live in their own item so that erasing a profile
 * (contact, attributes) keeps the suppression list: an erased customer is still never messaged
 * on a channel they opted out of.
 */
export class DynamoCustomerRepository implements CustomerRepository {
  constructor(
    private readonly client: DynamoDBDocumentClient,
    private readonly tableName: string,
  ) {}

  private optOutKey(id: string) {
    return { pk: customerKeys.primary(id).pk, sk: SUPPRESSION_SORT_KEY };
  }

  async get(id: string): Promise<Customer | undefined> {
    const [profile, optOuts] = await Promise.all([
      this.client.send(new GetCommand({ TableName: this.tableName, Key: customerKeys.primary(id), ConsistentRead: true })),
      this.client.send(new GetCommand({ TableName: this.tableName, Key: this.optOutKey(id), ConsistentRead: true })),
    ]);
    const optOutMap = (optOuts.Item?.optOuts ?? {}) as Partial<Record<Channel, string>>;
    if (!profile.Item) {
      if (!optOuts.Item) return undefined;
      const erasedAt = optOuts.Item.erasedAt as string | undefined;
      return { id, attributes: {}, contact: {}, consents: {}, optOuts: optOutMap, updatedAt: optOuts.Item.updatedAt as string, ...(erasedAt ? { erasedAt } : {}) };
    }
    const { attributes, contact, consents, updatedAt } = profile.Item as Customer;
    return { id, attributes, contact, consents, optOuts: optOutMap, updatedAt };
  }

  async put(customer: Customer): Promise<void> {
    const { optOuts: _optOuts, ...profile } = customer;
    await this.client.send(new PutCommand({ TableName: this.tableName, Item: { ...customerKeys.primary(customer.id), entity: ENTITY, ...profile } }));
  }

  async optOut(id: string, channels: readonly Channel[], at: string): Promise<void> {
    // One map attribute; each channel keeps the time of its first opt-out (repeats are harmless).
    await this.client.send(
      new UpdateCommand({
        TableName: this.tableName,
        Key: this.optOutKey(id),
        UpdateExpression: 'SET #optOuts = if_not_exists(#optOuts, :empty), #updatedAt = :at',
        ExpressionAttributeNames: { '#optOuts': 'optOuts', '#updatedAt': 'updatedAt' },
        ExpressionAttributeValues: { ':empty': {}, ':at': at },
      }),
    );
    await this.client.send(
      new UpdateCommand({
        TableName: this.tableName,
        Key: this.optOutKey(id),
        UpdateExpression: `SET ${channels.map((_, index) => `#optOuts.#c${index} = if_not_exists(#optOuts.#c${index}, :at)`).join(', ')}`,
        ExpressionAttributeNames: { '#optOuts': 'optOuts', ...Object.fromEntries(channels.map((channel, index) => [`#c${index}`, channel])) },
        ExpressionAttributeValues: { ':at': at },
      }),
    );
  }

  async erase(id: string, at: string): Promise<void> {
    await this.client.send(new DeleteCommand({ TableName: this.tableName, Key: customerKeys.primary(id) }));
    // The suppression list stays; mark it so that the erased profile reads as gone (GET → 404).
    try {
      await this.client.send(
        new UpdateCommand({
          TableName: this.tableName,
          Key: this.optOutKey(id),
          UpdateExpression: 'SET #erasedAt = :at',
          ConditionExpression: 'attribute_exists(pk)',
          ExpressionAttributeNames: { '#erasedAt': 'erasedAt' },
          ExpressionAttributeValues: { ':at': at },
        }),
      );
    } catch (error) {
      if (!(error instanceof ConditionalCheckFailedException)) throw error; // no opt-outs: nothing remains
    }
  }
}
