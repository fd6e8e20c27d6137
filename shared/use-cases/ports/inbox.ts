/** An in-app / website inbox message as the app reads it. */
export interface InboxMessage {
  readonly messageId: string;
  /** The decision it carries. */
  readonly assignmentId: string;
  readonly title: string;
  readonly body: string;
  /** Call to action with a signed tracking URL. */
  readonly callToAction?: { readonly label: string; readonly url: string };
  /** `pending` until the app reports it read. */
  readonly status: 'pending' | 'read';
  /** ISO instant it was delivered to the inbox. */
  readonly createdAt: string;
  /** ISO instant it was read. */
  readonly readAt?: string;
}

/** The in-app inbox as the use cases see it. */
export interface Inbox {
  /** The customer's messages, newest first (pending only unless `includeRead`). */
  list(customerId: string, includeRead?: boolean): Promise<InboxMessage[]>;
  /** Marks a message read; undefined when the customer has no such message. Repeats are harmless. */
  markRead(customerId: string, messageId: string): Promise<InboxMessage | undefined>;
}
