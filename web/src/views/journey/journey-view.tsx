/**
 * The journey map (owned by the "webviews" work: stages × segments, best channel per cell, gaps to
 * test). Placeholder until it lands.
 */

/** The journey map page. */
export function JourneyView() {
  return (
    <section>
      <h1 tabIndex={-1}>Journey map</h1>
      <p>The touchpoint map is coming here.</p>
    </section>
  );
}
