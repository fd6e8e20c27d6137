/**
 * The local outbox and in-app inbox (owned by the "webviews" work: delivered messages, rendered).
 * Placeholder until it lands.
 */

/** The outbox page. */
export function OutboxView() {
  return (
    <section>
      <h1 tabIndex={-1}>Outbox</h1>
      <p>Messages the local platform delivered are coming here.</p>
    </section>
  );
}
