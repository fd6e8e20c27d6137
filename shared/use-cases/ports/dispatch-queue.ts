/** A dispatch request: the assignment to deliver and its experiment. */
export interface DispatchRequest {
  readonly assignmentId: string;
  readonly experimentId: string;
}

/** The dispatch queue (SQS in the cloud, in process locally). */
export interface DispatchQueue {
  /** Enqueues; returns the assignment ids that could not be enqueued (reconciliation re-enqueues them). */
  enqueue(requests: readonly DispatchRequest[]): Promise<readonly string[]>;
}
