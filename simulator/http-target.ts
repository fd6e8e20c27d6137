import type { ApiClient } from '../cli/api-client';
import type { EventOutcomeResponse, SendOutcomeResponse } from '../shared/contracts';
import type { SimulatedRecipient } from './population';
import type { RespondAnswer, SendAnswer, SimulatedResponse, SimulationTarget } from './target';


/** The events API's reason for a response to a message still in the queue. */
const NOT_SENT_YET = 'not_sent_yet';

/**
 * The simulator's platform over the HTTP API (local or deployed, with the client's API key):
 * sends with `POST /v1/experiments/{id}/sends`, responses with `POST /v1/events`, in batches.
 */
export class HttpSimulationTarget implements SimulationTarget {
  constructor(private readonly api: ApiClient) {}

  async send(experimentId: string, recipients: readonly SimulatedRecipient[]): Promise<readonly SendAnswer[]> {
    const { body } = await this.api.request<{ results: SendOutcomeResponse[] }>('POST', `/v1/experiments/${encodeURIComponent(experimentId)}/sends`, { body: { recipients } });
    return body.results;
  }

  async respond(responses: readonly SimulatedResponse[]): Promise<RespondAnswer> {
    const events = responses.map((response) => ({ eventId: response.eventId, type: response.type, occurredAt: response.occurredAt, assignmentId: response.assignmentId }));
    const { body } = await this.api.request<{ results: EventOutcomeResponse[] }>('POST', '/v1/events', { body: { events } });
    return {
      counted: body.results.filter((result) => result.status === 'counted').length,
      notSentYet: responses.filter((_, index) => body.results[index]?.reason === NOT_SENT_YET),
    };
  }
}
