/**
 * The names of the environment variables Channel Lab's functions receive.
 * The runtime config loader of the functions reads exactly these names.
 */

/** Environment variable names, one constant each. */
export const ENV = {
  /** Name of the single DynamoDB table. */
  TABLE_NAME: 'TABLE_NAME',
  /** Powertools service name (`channel-lab`). */
  POWERTOOLS_SERVICE_NAME: 'POWERTOOLS_SERVICE_NAME',
  /** Log level: `debug`, `info`, `warn` or `error` (lowercase, as the runtime config expects). */
  LOG_LEVEL: 'LOG_LEVEL',
  /** URL of the dispatch SQS queue. */
  DISPATCH_QUEUE_URL: 'DISPATCH_QUEUE_URL',
  /** The dispatch queue's `maxReceiveCount` (dispatcher: a message failing on that receive has its decision marked pending). */
  DISPATCH_MAX_RECEIVE_COUNT: 'DISPATCH_MAX_RECEIVE_COUNT',
  /** Name of the SES configuration set whose events reach EventBridge. */
  SES_CONFIGURATION_SET: 'SES_CONFIGURATION_SET',
  /** Default From address of emails. */
  SES_FROM_ADDRESS: 'SES_FROM_ADDRESS',
  /** Public HTTPS base URL of the API (no trailing slash), for tracking and unsubscribe links. */
  PUBLIC_BASE_URL: 'PUBLIC_BASE_URL',
  /** ARN of the secret signing tracking and unsubscribe links (dispatcher, tracking only). */
  LINK_SIGNING_SECRET_ARN: 'LINK_SIGNING_SECRET_ARN',
  /** ARN of the secret from which each experiment's webhook secret is derived (dispatcher only). */
  WEBHOOK_SIGNING_SECRET_ARN: 'WEBHOOK_SIGNING_SECRET_ARN',
  /** ARN of the secret keying assignment ids (API, allocator only). */
  ASSIGNMENT_ID_SECRET_ARN: 'ASSIGNMENT_ID_SECRET_ARN',
  /** Comma-separated hosts webhooks may reach on private addresses (the deployment's allow-list; dispatcher only). */
  WEBHOOK_ALLOWED_HOSTS: 'WEBHOOK_ALLOWED_HOSTS',
  /** Default SNS SMS type: `transactional` or `promotional` (lowercase, as the runtime config expects). */
  SMS_TYPE: 'SMS_TYPE',
  /** CloudWatch namespace for custom metrics. */
  METRIC_NAMESPACE: 'METRIC_NAMESPACE',
} as const;

/** One of the environment variable names above. */
export type EnvName = (typeof ENV)[keyof typeof ENV];
