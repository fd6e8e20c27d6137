import type { EventOutcomeResponse } from '../../shared/contracts/events';
import { MAX_EVENT_BATCH } from '../../shared/domain/events/response-event';
import { stringOption } from '../args';
import { type Command, helpText } from '../command';
import { readDefinitionFile } from '../definition-file';
import { CommandFailure, UsageError } from '../errors';
import { EXIT_FAILURE, EXIT_OK, writeLine } from '../io';
import { batches, countsLine, ProgressBar } from '../progress';
import { batchSizeOption } from './send';


/** Reads JSON Lines: one JSON object per non-blank line, with its line number. */
export function parseJsonLines(text: string, path: string): { line: number; event: unknown }[] {
  const events: { line: number; event: unknown }[] = [];
  const problems: string[] = [];
  text.split(/\r?\n/).forEach((content, index) => {
    if (content.trim() === '') return;
    try {
      const event: unknown = JSON.parse(content);
      if (event === null || typeof event !== 'object' || Array.isArray(event)) problems.push(`${path}:${index + 1}: not a JSON object`);
      else events.push({ line: index + 1, event });
    } catch (error) {
      problems.push(`${path}:${index + 1}: not JSON (${error instanceof Error ? error.message : String(error)})`);
    }
  });
  if (problems.length > 0) throw new CommandFailure([`${problems.length} line${problems.length === 1 ? '' : 's'} cannot be read; nothing was sent:`, ...problems.map((problem) => `  ${problem}`)]);
  return events;
}

/** `events --file events.jsonl`: records responses in batches, with progress. */
export const eventsCommand: Command = {
  name: 'events',
  summary: 'record responses and customer events from a JSON Lines file, in batches',
  help: helpText(
    'events --file <events.jsonl>',
    [
      'Sends the events of a JSON Lines file (one event per line, as POST /v1/events takes it) in',
      'batches of up to 500, with a progress bar. Two kinds may be mixed:',
      '  responses: eventId, type, occurredAt, and assignmentId, messageId or experimentId + customerId;',
      '  customer events: "kind": "customer", eventId, name, customerId, occurredAt, properties',
      '    (they trigger the sends of experiments listening for that name, and exit waiting ones).',
      'Then prints the count per status and, per line: what a customer event triggered (experiment',
      'and when due) or how many waiting sends it exited; for a response that did not count, why;',
      'for a rejected event, why. Repeating a file is safe: an event id already recorded is a',
      'duplicate (it triggers nothing twice). Exit code 1 when an event was rejected.',
    ],
    ['  --file <file.jsonl>  the events (required)', `  --batch-size <n>     events per request (default and most: ${MAX_EVENT_BATCH})`],
  ),
  options: { file: { type: 'string' }, 'batch-size': { type: 'string' } },
  positionals: { min: 0, max: 0 },
  async run({ args, io, client }) {
    const path = stringOption(args, 'file');
    if (path === undefined) throw new UsageError('--file <events.jsonl> is required');
    const file = await readDefinitionFile(path, io);
    const events = parseJsonLines(file.text, path);
    const api = client();
    const progress = new ProgressBar(io.stderr, events.length, 'recording');
    const counts: Record<string, number> = {};
    const notes: string[] = [];
    let done = 0;
    for (const batch of batches(events, batchSizeOption(args, MAX_EVENT_BATCH))) {
      const { body } = await api.request<{ results: EventOutcomeResponse[] }>('POST', '/v1/events', { body: { events: batch.map((item) => item.event) } });
      body.results.forEach((result, index) => {
        counts[result.status] = (counts[result.status] ?? 0) + 1;
        const line = batch[index]?.line;
        if (result.status === 'rejected') notes.push(`${path}:${line}: rejected: ${result.error?.message ?? 'invalid'}`);
        if (result.status === 'recorded' && result.reason !== undefined) notes.push(`${path}:${line}: not counted (${result.reason}): ${result.message ?? ''}`);
        for (const triggered of result.triggered ?? []) notes.push(`${path}:${line}: triggered a send of ${triggered.experimentId}, due ${triggered.dueAt} (${triggered.pendingSendId})`);
        if (result.status === 'exited') notes.push(`${path}:${line}: exited ${result.exited ?? 0} waiting send${result.exited === 1 ? '' : 's'}`);
      });
      done += batch.length;
      progress.update(done, countsLine(counts));
    }
    progress.done();
    writeLine(io.stdout, `${events.length} events: ${countsLine(counts)}`);
    for (const note of notes) writeLine(io.stdout, note);
    return (counts.rejected ?? 0) > 0 ? EXIT_FAILURE : EXIT_OK;
  },
};
