import { TransactionCanceledException } from '@aws-sdk/client-dynamodb';
import type { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { describe, expect, it } from 'vitest';
import { TRANSACTION_ATTEMPTS, transactWrite } from '../../../../shared/adapters/dynamodb/transact';

/**
 * DynamoDB Local never raises TransactionConflict, so these cases use a client whose `send`
 * throws the SDK's own exception (the only mock in the store's tests).
 */
function cancelled(...codes: string[]): TransactionCanceledException {
  return new TransactionCanceledException({ message: 'Transaction cancelled', $metadata: {}, CancellationReasons: codes.map((Code) => ({ Code })) });
}

function clientThrowing(errors: (Error | undefined)[]): { client: DynamoDBDocumentClient; calls: () => number } {
  let calls = 0;
  const client = {
    send: async () => {
      const error = errors[calls];
      calls += 1;
      if (error) throw error;
      return {};
    },
  } as unknown as DynamoDBDocumentClient;
  return { client, calls: () => calls };
}

const noWait = { sleep: async () => undefined, random: () => 0.5 };

describe('transactWrite', () => {
  it('retries a transaction that lost a conflict, then writes', async () => {
    const { client, calls } = clientThrowing([cancelled('None', 'TransactionConflict'), cancelled('TransactionConflict', 'None')]);
    expect(await transactWrite(client, [], noWait)).toEqual({ written: true });
    expect(calls()).toBe(3);
  });

  it(`gives up after ${TRANSACTION_ATTEMPTS} conflicts and throws (the caller's retry: SQS, EventBridge, the client)`, async () => {
    const { client, calls } = clientThrowing(Array.from({ length: TRANSACTION_ATTEMPTS }, () => cancelled('TransactionConflict')));
    await expect(transactWrite(client, [], noWait)).rejects.toBeInstanceOf(TransactionCanceledException);
    expect(calls()).toBe(TRANSACTION_ATTEMPTS);
  });

  it('reports failed conditions per item without retrying', async () => {
    const { client, calls } = clientThrowing([cancelled('ConditionalCheckFailed', 'None')]);
    expect(await transactWrite(client, [], noWait)).toEqual({ written: false, items: [null, null], reasons: ['ConditionalCheckFailed', 'None'] });
    expect(calls()).toBe(1);
  });

  it('lets other errors through (throttling is the SDK retry strategy’s business)', async () => {
    const { client } = clientThrowing([new Error('ProvisionedThroughputExceeded')]);
    await expect(transactWrite(client, [], noWait)).rejects.toThrow('ProvisionedThroughputExceeded');
  });
});
