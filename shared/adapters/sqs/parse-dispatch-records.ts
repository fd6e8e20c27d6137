/**
 * Parsing of the SQS records a dispatcher Lambda receives. Bad records are returned apart (not
 * thrown) so the handler can report them as batch item failures and they end in the DLQ.
 */
import { issuesToDetails } from '../../domain/errors/zod-issues';
import { type DispatchMessage, DispatchMessageSchema } from './dispatch-message';

/** The part of an SQS record (Lambda event or `ReceiveMessage`) the dispatcher needs. */
export interface SqsRecordLike {
  /** SQS message id (the batch item failure identifier). */
  readonly messageId: string;
  readonly body: string;
  /** System attributes; `ApproximateReceiveCount` tells a redelivery. */
  readonly attributes?: { readonly ApproximateReceiveCount?: string };
}

/** A record that parsed. */
export interface ParsedDispatchRecord {
  readonly messageId: string;
  readonly message: DispatchMessage;
  /** How many times SQS delivered it (1 on the first delivery). */
  readonly receiveCount: number;
}

/** A record that did not parse. */
export interface InvalidDispatchRecord {
  readonly messageId: string;
  /** What is wrong with it. */
  readonly reason: string;
}

/** The records of one batch, split into valid and invalid. */
export interface ParsedDispatchRecords {
  readonly messages: readonly ParsedDispatchRecord[];
  readonly invalid: readonly InvalidDispatchRecord[];
}

function receiveCount(record: SqsRecordLike): number {
  const count = Number(record.attributes?.ApproximateReceiveCount ?? '1');
  return Number.isInteger(count) && count >= 1 ? count : 1;
}

/** Parses the records of an SQS batch. */
export function parseDispatchRecords(records: readonly SqsRecordLike[]): ParsedDispatchRecords {
  const messages: ParsedDispatchRecord[] = [];
  const invalid: InvalidDispatchRecord[] = [];
  for (const record of records) {
    let json: unknown;
    try {
      json = JSON.parse(record.body);
    } catch {
      invalid.push({ messageId: record.messageId, reason: 'body is not JSON' });
      continue;
    }
    const parsed = DispatchMessageSchema.safeParse(json);
    if (parsed.success) {
      messages.push({ messageId: record.messageId, message: parsed.data, receiveCount: receiveCount(record) });
    } else {
      const details = issuesToDetails(parsed.error.issues).map((detail) => `${detail.path || 'body'}: ${detail.message}`);
      invalid.push({ messageId: record.messageId, reason: `invalid dispatch message (${details.join('; ')})` });
    }
  }
  return { messages, invalid };
}
