import * as z from 'zod';
import { MAX_BATCH_RECIPIENTS, RecipientSchema } from '../../../shared/domain/sends/send-request';
import { type SendDependencies, sendToRecipients } from '../../../shared/use-cases/sends/send-message';
import { ValidationError } from '../../../shared/domain/errors/channel-lab-error';
import { parseOrThrow } from '../../../shared/domain/errors/zod-issues';
import type { DynamoOutbox } from '../../../shared/adapters/dynamodb/outbox-sender';
import { jsonBody, parseQuery } from '../../../shared/runtime/http/request-body';
import type { Route } from '../../../shared/runtime/http/router';

/** Documented body of a batch send. */
export const BatchSendSchema = z.strictObject({ recipients: z.array(RecipientSchema).min(1).max(MAX_BATCH_RECIPIENTS) });

/** The batch envelope; recipients are validated one by one so that one bad recipient is rejected alone. */
const BatchEnvelopeSchema = z.strictObject({
  recipients: z.array(z.unknown()).min(1, 'recipients must not be empty').max(MAX_BATCH_RECIPIENTS, `at most ${MAX_BATCH_RECIPIENTS} recipients per request`),
});

/** Query of the outbox listing. */
export const OutboxQuerySchema = z.strictObject({
  experimentId: z.string().optional(),
  limit: z.coerce.number().int().min(1).max(1000).default(100),
});

/** `POST /v1/experiments/{id}/sends`: one recipient or a batch of up to 500. */
export function sendRoutes(deps: SendDependencies): Route[] {
  return [
    {
      method: 'POST',
      path: '/v1/experiments/{id}/sends',
      scope: 'send',
      doc: {
        summary: "Send a running experiment's message: one recipient, or { recipients: [...] } (up to 500)",
        tag: 'sends',
        body: z.union([RecipientSchema, BatchSendSchema]),
        response: { status: 200, description: 'Per recipient: assignmentId, segment, channel, propensity, status (queued, holdout, deferred, suppressed, rejected)' },
      },
      handler: async (request) => {
        const body = jsonBody(request);
        const isBatch = body !== null && typeof body === 'object' && !Array.isArray(body) && 'recipients' in body;
        if (!isBatch) {
          const [outcome] = await sendToRecipients(deps, request.params.id ?? '', [body]);
          if (outcome?.status === 'rejected') throw new ValidationError(outcome.error?.message ?? 'invalid recipient', outcome.error?.details);
          return { statusCode: 200, body: outcome };
        }
        // parseOrThrow: a bad batch envelope is a 400 naming the problem, not an unhandled ZodError (500).
        const { recipients } = parseOrThrow(BatchEnvelopeSchema, body, 'batch');
        return { statusCode: 200, body: { results: await sendToRecipients(deps, request.params.id ?? '', recipients) } };
      },
    },
  ];
}

/** `GET /v1/outbox`: what the local platform delivered (local platform only). */
export function outboxRoutes(outbox: DynamoOutbox): Route[] {
  return [
    {
      method: 'GET',
      path: '/v1/outbox',
      doc: { summary: 'Messages the local platform delivered (local platform only)', tag: 'local', query: OutboxQuerySchema, response: { status: 200, description: 'Outbox entries, newest first' } },
      handler: async (request) => {
        const query = parseQuery(request, OutboxQuerySchema);
        return { statusCode: 200, body: { items: await outbox.list({ limit: query.limit, ...(query.experimentId ? { experimentId: query.experimentId } : {}) }) } };
      },
    },
  ];
}
