import * as z from 'zod';
import { OutboxQuerySchema, OutboxResponseSchema, SendBodySchema, SendResponseSchema } from '../../../shared/contracts/sends';
import { MAX_BATCH_RECIPIENTS } from '../../../shared/domain/sends/send-request';
import { type SendDependencies, sendToRecipients } from '../../../shared/use-cases/sends/send-message';
import { ValidationError } from '../../../shared/domain/errors/channel-lab-error';
import { parseOrThrow } from '../../../shared/domain/errors/zod-issues';
import type { DynamoOutbox } from '../../../shared/adapters/dynamodb/outbox-sender';
import { defineRoute, type Route } from '../../../shared/runtime/http/router';

export { BatchSendSchema, OutboxQuerySchema } from '../../../shared/contracts/sends';

/** The batch envelope; recipients are validated one by one so that one bad recipient is rejected alone. */
const BatchEnvelopeSchema = z.strictObject({
  recipients: z.array(z.unknown()).min(1, 'recipients must not be empty').max(MAX_BATCH_RECIPIENTS, `at most ${MAX_BATCH_RECIPIENTS} recipients per request`),
});

/** `POST /v1/experiments/{id}/sends`: one recipient or a batch of up to 500. */
export function sendRoutes(deps: SendDependencies): Route[] {
  return [
    {
      method: 'POST',
      path: '/v1/experiments/{id}/sends',
      scope: 'send',
      // Validated here, recipient by recipient: one bad recipient of a batch is rejected alone.
      body: { schema: SendBodySchema, what: 'send', validatedBy: 'handler' },
      response: { status: 200, schema: SendResponseSchema, description: 'Per recipient: assignmentId, segment, channel, propensity, status (queued, holdout, deferred, suppressed, rejected)' },
      doc: { summary: "Send a running experiment's message: one recipient, or { recipients: [...] } (up to 500)", tag: 'sends' },
      handler: async (request, { json: body }) => {
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
    defineRoute({
      method: 'GET',
      path: '/v1/outbox',
      query: OutboxQuerySchema,
      response: { status: 200, schema: OutboxResponseSchema, description: 'Outbox entries, newest first' },
      doc: { summary: 'Messages the local platform delivered (local platform only)', tag: 'local' },
      handler: async (_request, { query }) => ({ statusCode: 200, body: { items: await outbox.list({ limit: query.limit, ...(query.experimentId ? { experimentId: query.experimentId } : {}) }) } }),
    }),
  ];
}
