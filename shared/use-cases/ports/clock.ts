/** The current time, injected so use cases stay testable. */
export interface Clock {
  /** The current instant. */
  now(): Date;
}

/** New identifiers, injected so use cases stay testable. */
export interface IdGenerator {
  /** A new unique identifier. */
  newId(): string;
  /** A stable identifier derived from `key` (same key, same id); anyone can compute it. */
  idFor(key: string): string;
  /**
   * A stable identifier derived from `key` with the deployment's secret id key (same key, same
   * id), which cannot be computed from public facts (assignment ids from experiment + customer).
   */
  secretIdFor(key: string): string;
  /** A stable fingerprint of a JSON value (for idempotency checks). */
  fingerprint(value: unknown): string;
}
