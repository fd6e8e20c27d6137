import { ConditionalCheckFailedException, TransactionCanceledException } from '@aws-sdk/client-dynamodb';
import { unmarshall } from '@aws-sdk/util-dynamodb';

/**
 * The item a conditional write failed on, when the write asked for it
 * (`ReturnValuesOnConditionCheckFailure: 'ALL_OLD'`): no second read to learn what is there.
 * `null` when the condition failed on an absent item; undefined when `error` is no condition failure.
 */
export function conflictItem(error: unknown): Record<string, unknown> | null | undefined {
  if (!(error instanceof ConditionalCheckFailedException)) return undefined;
  return error.Item ? unmarshall(error.Item) : null;
}

/** The item each part of a cancelled transaction failed on (ALL_OLD), by position; null where none. */
export function cancelledItems(error: TransactionCanceledException): (Record<string, unknown> | null)[] {
  return (error.CancellationReasons ?? []).map((reason) => (reason.Item ? unmarshall(reason.Item) : null));
}
