import { SQSClient } from '@aws-sdk/client-sqs';
import { SqsDispatchQueue } from '../../adapters/sqs/sqs-dispatch-queue';
import { sqsDispatchQueuePort } from '../../adapters/sqs/dispatch-queue-port';
import type { DispatchQueue } from '../../use-cases/ports/dispatch-queue';
import type { Config } from '../config';

/** A queue that refuses to enqueue: the function was deployed without `DISPATCH_QUEUE_URL`. */
const MISSING_QUEUE: DispatchQueue = {
  enqueue: async () => {
    throw new Error('configuration: DISPATCH_QUEUE_URL is not set, so messages cannot be queued');
  },
};

/** The dispatch queue of the functions that enqueue: the SQS queue at `DISPATCH_QUEUE_URL`. */
export function createDispatchQueue(config: Config): DispatchQueue {
  if (!config.DISPATCH_QUEUE_URL) return MISSING_QUEUE;
  const client = new SQSClient(config.AWS_REGION ? { region: config.AWS_REGION } : {});
  return sqsDispatchQueuePort(new SqsDispatchQueue({ client, queueUrl: config.DISPATCH_QUEUE_URL }));
}
