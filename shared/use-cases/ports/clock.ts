/** The current time, injected so use cases stay testable. */
export interface Clock {
  /** The current instant. */
  now(): Date;
}

/** New identifiers, injected so use cases stay testable. */
export interface IdGenerator {
  /** A new unique identifier. */
  newId(): string;
  /** A stable identifier derived from `key` (same key, same id). */
  idFor(key: string): string;
  /** A stable fingerprint of a JSON value (for idempotency checks). */
  fingerprint(value: unknown): string;
}
