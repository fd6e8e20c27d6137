import * as z from 'zod';
import { parseOrThrow } from '../domain/errors/zod-issues';

/**
 * The one config loader: every function and the local platform read their environment here,
 * validated with zod, so a missing or malformed variable fails at start with its name.
 */
export const ConfigSchema = z.object({
  TABLE_NAME: z.string().min(3, 'TABLE_NAME must name the DynamoDB table (3+ characters)'),
  /** Set only for DynamoDB Local. */
  DYNAMODB_ENDPOINT: z.url().optional(),
  AWS_REGION: z.string().optional(),
  DISPATCH_QUEUE_URL: z.url().optional(),
  /** The dispatch queue's `maxReceiveCount` (dispatcher): on that receive a failed message's decision is marked pending before the DLQ takes it. */
  DISPATCH_MAX_RECEIVE_COUNT: z.coerce.number().int('DISPATCH_MAX_RECEIVE_COUNT must be a whole number of receives').min(1, 'DISPATCH_MAX_RECEIVE_COUNT must be at least 1').optional(),
  SES_CONFIGURATION_SET: z.string().optional(),
  SES_FROM_ADDRESS: z.string().optional(),
  PUBLIC_BASE_URL: z.url().optional(),
  /** Secrets Manager secret signing tracking and unsubscribe links (dispatcher, tracking). */
  LINK_SIGNING_SECRET_ARN: z.string().optional(),
  /** Secrets Manager secret from which each experiment's webhook secret is derived (dispatcher). */
  WEBHOOK_SIGNING_SECRET_ARN: z.string().optional(),
  /** Secrets Manager secret keying assignment ids (API, allocator). */
  ASSIGNMENT_ID_SECRET_ARN: z.string().optional(),
  /** Local platform / tests only: the link-signing secret itself (32+ characters). */
  LINK_SIGNING_SECRET: z.string().min(32).optional(),
  /** Local platform / tests only: the webhook-signing secret itself. */
  WEBHOOK_SIGNING_SECRET: z.string().min(32).optional(),
  /** Local platform / tests only: the assignment-id key itself. */
  ASSIGNMENT_ID_SECRET: z.string().min(32).optional(),
  /** Comma-separated hosts webhooks may reach even on private addresses (and over http); default none (dispatcher). */
  WEBHOOK_ALLOWED_HOSTS: z
    .string()
    .optional()
    .transform((value) => (value ?? '').split(',').map((host) => host.trim()).filter((host) => host !== '')),
  SMS_TYPE: z.enum(['transactional', 'promotional']).optional(),
  LOG_LEVEL: z.enum(['debug', 'info', 'warn', 'error']).default('info'),
  /** Service name of the logs and metrics (Powertools). */
  POWERTOOLS_SERVICE_NAME: z.string().min(1).optional(),
  /** CloudWatch namespace of the custom metrics. */
  METRIC_NAMESPACE: z.string().min(1).optional(),
  /** `api_keys` (default: every non-public route needs an `x-api-key` with the right scope) or `none` (local development). */
  AUTH_MODE: z.enum(['api_keys', 'none']).default('api_keys'),
});

/** Validated configuration. */
export type Config = z.output<typeof ConfigSchema>;

/** Reads and validates the configuration from an environment (default: `process.env`). */
export function loadConfig(env: Readonly<Record<string, string | undefined>> = process.env): Config {
  return parseOrThrow(ConfigSchema, env, 'configuration (environment variables)');
}
