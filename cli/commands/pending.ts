import { PENDING_SEND_STATUSES, type PendingSendsResponse } from '../../shared/contracts/triggers';
import { positional, stringOption } from '../args';
import { type Command, helpText } from '../command';
import { UsageError } from '../errors';
import { formatTable } from '../format';
import { EXIT_OK, writeLine } from '../io';

/** `pending <customerId>`: a customer's triggered sends, waiting or done. */
export const pendingCommand: Command = {
  name: 'pending',
  summary: "list a customer's pending triggered sends",
  help: helpText(
    'pending <customerId> [--status <status>] [--experiment <id>]',
    [
      'Lists the sends customer events triggered for this customer (GET /v1/customers/{id}/pending-sends),',
      'one line each: its id, experiment, the triggering event, status, when it is due, and what became',
      'of it (the decision it fired into, why it exited or was suppressed).',
    ],
    [`  --status <status>    only these: ${PENDING_SEND_STATUSES.join(', ')}`, '  --experiment <id>    only this experiment\'s'],
  ),
  options: { status: { type: 'string' }, experiment: { type: 'string' } },
  positionals: { min: 1, max: 1 },
  async run({ args, io, client }) {
    const customerId = positional(args, 0);
    const status = stringOption(args, 'status');
    if (status !== undefined && !(PENDING_SEND_STATUSES as readonly string[]).includes(status)) throw new UsageError(`--status must be one of ${PENDING_SEND_STATUSES.join(', ')} (got "${status}")`);
    const query = new URLSearchParams();
    if (status !== undefined) query.set('status', status);
    const experiment = stringOption(args, 'experiment');
    if (experiment !== undefined) query.set('experimentId', experiment);
    const path = `/v1/customers/${encodeURIComponent(customerId)}/pending-sends${query.size === 0 ? '' : `?${query.toString()}`}`;
    const { body } = await client().request<PendingSendsResponse>('GET', path);
    if (body.items.length === 0) {
      writeLine(io.stdout, `no pending sends for ${customerId}${status ? ` (${status})` : ''}`);
      return EXIT_OK;
    }
    const rows = body.items.map((send) => [
      send.id,
      send.experimentId,
      `${send.eventName} (${send.eventId})`,
      send.status,
      send.dueAt,
      send.assignmentId ? `decision ${send.assignmentId}` : send.exitReason ? `exited: ${send.exitReason}${send.exitEventId ? ` (${send.exitEventId})` : ''}` : (send.suppressedReason ?? ''),
    ]);
    for (const line of formatTable(['ID', 'EXPERIMENT', 'EVENT', 'STATUS', 'DUE', 'OUTCOME'], rows)) writeLine(io.stdout, line);
    return EXIT_OK;
  },
};
