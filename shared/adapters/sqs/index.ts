/** The SQS dispatch queue: message format, enqueueing and record parsing. */
export * from './dispatch-message';
export * from './parse-dispatch-records';
export * from './sqs-dispatch-queue';
export * from './dispatch-queue-port';
