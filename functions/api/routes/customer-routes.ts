import * as z from 'zod';
import { CustomerInputSchema, OptOutInputSchema } from '../../../shared/domain/customer/customer';
import type { Inbox } from '../../../shared/use-cases/ports/inbox';
import type { EventDependencies } from '../../../shared/use-cases/events/record-events';
import { readInboxMessage } from '../../../shared/use-cases/customers/read-inbox-message';
import { type CustomerDependencies, eraseCustomer, getCustomer, optOutCustomer, putCustomer } from '../../../shared/use-cases/customers/customer-service';
import { jsonBody, parseQuery } from '../../../shared/runtime/http/request-body';
import type { Route } from '../../../shared/runtime/http/router';

const TAG = 'customers';

/** Query of the inbox listing. */
export const InboxQuerySchema = z.strictObject({ includeRead: z.enum(['true', 'false']).optional() });

/** The customer routes: profile, opt-out, erasure, in-app inbox. */
export function customerRoutes(deps: CustomerDependencies & EventDependencies & { readonly inbox: Inbox }): Route[] {
  const id = (params: Readonly<Record<string, string>>) => params.id ?? '';
  return [
    {
      method: 'PUT',
      path: '/v1/customers/{id}',
      scope: 'send',
      doc: { summary: "Create or replace a customer's attributes, contact and consents", tag: TAG, body: CustomerInputSchema, response: { status: 200, description: 'The customer' } },
      handler: async (request) => ({ statusCode: 200, body: await putCustomer(deps, id(request.params), jsonBody(request)) }),
    },
    {
      method: 'GET',
      path: '/v1/customers/{id}',
      doc: { summary: 'Get a customer', tag: TAG, response: { status: 200, description: 'The customer' } },
      handler: async (request) => ({ statusCode: 200, body: await getCustomer(deps, id(request.params)) }),
    },
    {
      method: 'DELETE',
      path: '/v1/customers/{id}',
      doc: { summary: "Erase a customer's contact data (anonymous statistics and opt-outs remain)", tag: TAG, response: { status: 200, description: 'What was erased' } },
      handler: async (request) => ({ statusCode: 200, body: await eraseCustomer(deps, id(request.params)) }),
    },
    {
      method: 'POST',
      path: '/v1/customers/{id}/opt-out',
      scope: 'send',
      doc: { summary: 'Opt a customer out of a channel or of all, effective for the next decision', tag: TAG, body: OptOutInputSchema, response: { status: 200, description: 'The customer' } },
      handler: async (request) => ({ statusCode: 200, body: await optOutCustomer(deps, id(request.params), jsonBody(request)) }),
    },
    {
      method: 'GET',
      path: '/v1/customers/{id}/inbox',
      doc: { summary: "The customer's in-app / website inbox (pending messages, newest first)", tag: TAG, query: InboxQuerySchema, response: { status: 200, description: 'Inbox messages' } },
      handler: async (request) => {
        const query = parseQuery(request, InboxQuerySchema);
        return { statusCode: 200, body: { items: await deps.inbox.list(id(request.params), query.includeRead === 'true') } };
      },
    },
    {
      method: 'POST',
      path: '/v1/customers/{id}/inbox/{messageId}/read',
      scope: 'send',
      doc: { summary: 'Mark an inbox message read (records an open)', tag: TAG, response: { status: 200, description: 'The message' } },
      handler: async (request) => ({ statusCode: 200, body: await readInboxMessage(deps, id(request.params), request.params.messageId ?? '') }),
    },
  ];
}
