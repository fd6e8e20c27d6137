import { type DynamoDBDocumentClient, ScanCommand } from '@aws-sdk/lib-dynamodb';
import type { Attributes } from '../../domain/segments/evaluate-segment';
import type { CustomerSample } from '../../use-cases/customers/estimate-segments';

/** Entity tag of customer profile items (as the customer repository writes them). */
const CUSTOMER_ENTITY = 'customer';
/** Scan pages read at most per estimate (each up to 1 MB): bounds the cost of one estimate. */
const MAX_SCAN_PAGES = 10;

/**
 * Customers' attributes for segment estimates: a Scan filtered on customer profiles, projecting
 * only the attributes, stopped at the limit or after {@link MAX_SCAN_PAGES} pages. An estimate is
 * a rare, explicit request of the editor, not a hot path; its read cost is bounded by the page cap.
 */
export class DynamoCustomerSample implements CustomerSample {
  constructor(
    private readonly client: DynamoDBDocumentClient,
    private readonly tableName: string,
  ) {}

  async attributes(limit: number): Promise<{ readonly items: readonly Attributes[]; readonly truncated: boolean }> {
    const items: Attributes[] = [];
    let startKey: Record<string, unknown> | undefined;
    for (let page = 0; page < MAX_SCAN_PAGES; page += 1) {
      const answer = await this.client.send(
        new ScanCommand({
          TableName: this.tableName,
          FilterExpression: '#entity = :customer',
          ProjectionExpression: '#attributes',
          ExpressionAttributeNames: { '#entity': 'entity', '#attributes': 'attributes' },
          ExpressionAttributeValues: { ':customer': CUSTOMER_ENTITY },
          ...(startKey ? { ExclusiveStartKey: startKey } : {}),
        }),
      );
      for (const item of answer.Items ?? []) {
        if (items.length >= limit) return { items, truncated: true };
        items.push((item.attributes ?? {}) as Attributes);
      }
      startKey = answer.LastEvaluatedKey;
      if (!startKey) return { items, truncated: false };
    }
    return { items, truncated: true };
  }
}
