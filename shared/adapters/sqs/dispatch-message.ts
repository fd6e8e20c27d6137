/**
 * The dispatch queue's message: which assignment to deliver. Only ids travel through the queue;
 * the dispatcher reads the assignment (and its status) before sending, so a redelivery never
 * sends twice.
 */
import * as z from 'zod';

/** Longest id accepted in a dispatch message. */
export const DISPATCH_ID_MAX_CHARACTERS = 200;

/** Zod schema of a dispatch message (the SQS body is its JSON). */
export const DispatchMessageSchema = z.strictObject({
  assignmentId: z.string().min(1).max(DISPATCH_ID_MAX_CHARACTERS),
  experimentId: z.string().min(1).max(DISPATCH_ID_MAX_CHARACTERS),
  attempt: z.number().int().min(1).optional(),
});

/** One message on the dispatch queue. */
export type DispatchMessage = z.output<typeof DispatchMessageSchema>;

/** The SQS body of a dispatch message. */
export function serializeDispatchMessage(message: DispatchMessage): string {
  return JSON.stringify(DispatchMessageSchema.parse(message));
}
