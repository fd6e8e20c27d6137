import { CustomerBodySchema, CustomerResponseSchema, EraseResponseSchema, InboxMessageSchema, InboxQuerySchema, InboxResponseSchema, OptOutBodySchema } from '../../../shared/contracts/customers';
import type { Inbox } from '../../../shared/use-cases/ports/inbox';
import type { EventDependencies } from '../../../shared/use-cases/events/record-events';
import { readInboxMessage } from '../../../shared/use-cases/customers/read-inbox-message';
import { type CustomerDependencies, eraseCustomer, getCustomer, optOutCustomer, putCustomer } from '../../../shared/use-cases/customers/customer-service';
import { defineRoute, type Route } from '../../../shared/runtime/http/router';

const TAG = 'customers';

export { InboxQuerySchema } from '../../../shared/contracts/customers';

/** The customer routes: profile, opt-out, erasure, in-app inbox. */
export function customerRoutes(deps: CustomerDependencies & EventDependencies & { readonly inbox: Inbox }): Route[] {
  const id = (params: Readonly<Record<string, string>>) => params.id ?? '';
  return [
    defineRoute({
      method: 'PUT',
      path: '/v1/customers/{id}',
      scope: 'send',
      body: { schema: CustomerBodySchema, what: 'customer' },
      response: { status: 200, schema: CustomerResponseSchema, description: 'The customer' },
      doc: { summary: "Create or replace a customer's attributes, contact and consents", tag: TAG },
      handler: async (request, { body }) => ({ statusCode: 200, body: await putCustomer(deps, id(request.params), body) }),
    }),
    {
      method: 'GET',
      path: '/v1/customers/{id}',
      response: { status: 200, schema: CustomerResponseSchema, description: 'The customer' },
      doc: { summary: 'Get a customer', tag: TAG },
      handler: async (request) => ({ statusCode: 200, body: await getCustomer(deps, id(request.params)) }),
    },
    {
      method: 'DELETE',
      path: '/v1/customers/{id}',
      response: { status: 200, schema: EraseResponseSchema, description: 'What was erased' },
      doc: { summary: "Erase a customer's contact data (anonymous statistics and opt-outs remain)", tag: TAG },
      handler: async (request) => ({ statusCode: 200, body: await eraseCustomer(deps, id(request.params)) }),
    },
    defineRoute({
      method: 'POST',
      path: '/v1/customers/{id}/opt-out',
      scope: 'send',
      body: { schema: OptOutBodySchema, what: 'opt-out' },
      response: { status: 200, schema: CustomerResponseSchema, description: 'The customer' },
      doc: { summary: 'Opt a customer out of a channel or of all, effective for the next decision', tag: TAG },
      handler: async (request, { body }) => ({ statusCode: 200, body: await optOutCustomer(deps, id(request.params), body) }),
    }),
    defineRoute({
      method: 'GET',
      path: '/v1/customers/{id}/inbox',
      query: InboxQuerySchema,
      response: { status: 200, schema: InboxResponseSchema, description: 'Inbox messages' },
      doc: { summary: "The customer's in-app / website inbox (pending messages, newest first)", tag: TAG },
      handler: async (request, { query }) => ({ statusCode: 200, body: { items: await deps.inbox.list(id(request.params), query.includeRead === 'true') } }),
    }),
    {
      method: 'POST',
      path: '/v1/customers/{id}/inbox/{messageId}/read',
      scope: 'send',
      response: { status: 200, schema: InboxMessageSchema, description: 'The message' },
      doc: { summary: 'Mark an inbox message read (records an open)', tag: TAG },
      handler: async (request) => ({ statusCode: 200, body: await readInboxMessage(deps, id(request.params), request.params.messageId ?? '') }),
    },
  ];
}
