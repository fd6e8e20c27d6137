import { TransactionCanceledException } from '@aws-sdk/client-dynamodb';
import { type DynamoDBDocumentClient, TransactWriteCommand, type TransactWriteCommandInput } from '@aws-sdk/lib-dynamodb';
import { cancelledItems } from './conflict-item';

/** Tries of a transaction that lost a conflict with another one on the same items. */
export const TRANSACTION_ATTEMPTS = 4;
/** Base backoff between tries (doubles, with full jitter). */
const BACKOFF_BASE_MS = 20;

/**
 * Outcome of a transaction: written, or cancelled with the reason code of each item (`None` where
 * fine) and, for parts that asked for it (`ReturnValuesOnConditionCheckFailure: 'ALL_OLD'`), the
 * item their condition failed on.
 */
export type TransactOutcome =
  | { readonly written: true }
  | { readonly written: false; readonly reasons: readonly string[]; readonly items: readonly (Record<string, unknown> | null)[] };

function conflicted(error: TransactionCanceledException): boolean {
  return (error.CancellationReasons ?? []).some((reason) => reason.Code === 'TransactionConflict');
}

function throttled(error: TransactionCanceledException): boolean {
  return (error.CancellationReasons ?? []).some((reason) => reason.Code === 'ThrottlingError');
}

/**
 * Runs a write transaction; retries (with jittered backoff) when it was cancelled by a conflict
 * with a concurrent transaction; reports condition failures per item instead of throwing.
 */
export async function transactWrite(
  client: DynamoDBDocumentClient,
  items: TransactWriteCommandInput['TransactItems'],
  options: { readonly sleep?: (ms: number) => Promise<void>; readonly random?: () => number } = {},
): Promise<TransactOutcome> {
  const sleep = options.sleep ?? ((ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms)));
  const random = options.random ?? Math.random;
  for (let attempt = 1; ; attempt += 1) {
    try {
      await client.send(new TransactWriteCommand({ TransactItems: items }));
      return { written: true };
    } catch (error) {
      if (!(error instanceof TransactionCanceledException)) throw error;
      if (conflicted(error) && attempt < TRANSACTION_ATTEMPTS) {
        await sleep(random() * BACKOFF_BASE_MS * 2 ** attempt);
        continue;
      }
      if (conflicted(error) || throttled(error)) throw error; // the caller's retry (SQS, EventBridge, client on 503) takes over
      return { written: false, reasons: (error.CancellationReasons ?? []).map((reason) => reason.Code ?? 'None'), items: cancelledItems(error) };
    }
  }
}
