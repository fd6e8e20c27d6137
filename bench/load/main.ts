/**
 * Load on the local platform: `npm run bench:load [-- --seconds 60 --concurrency 16]`.
 *
 * A closed loop of `concurrency` clients sends for `seconds` against the local platform (its own
 * DynamoDB Local, the same handlers as the stack): new sends, repeated sends (duplicates: the
 * same customer again), goal events for sent decisions and repeated events (the same event id
 * again), mixed. The rate is what DynamoDB Local sustains with that many clients. Afterwards the
 * queue is drained and the stored items are compared with the accepted requests: one decision
 * per accepted customer, one message per sent decision, counters equal the ground truth, one
 * success per decision with a counted event. Prints rate, p50/p99, status counts; exits 1 when a
 * 5xx was answered or an invariant broke. A benchmark: it asserts no timing.
 */
import { performance } from 'node:perf_hooks';
import { startLocalPlatform } from '../../local/platform';
import { checkInvariants } from '../../test/support/invariants';

const args = process.argv.slice(2);
const option = (name: string, fallback: number) => {
  const index = args.indexOf(`--${name}`);
  return index >= 0 ? Number(args[index + 1]) : fallback;
};
/** How long the load runs. */
const SECONDS = option('seconds', 60);
/** Clients in the closed loop. */
const CONCURRENCY = option('concurrency', 16);
/** Share of sends that repeat an earlier customer (duplicates). */
const DUPLICATE_SEND_SHARE = 0.1;
/** Share of requests that are goal events (once something was sent). */
const EVENT_SHARE = 0.3;
/** Share of events that repeat an earlier event id. */
const DUPLICATE_EVENT_SHARE = 0.2;
const PERCENT = 100;

for (const level of ['log', 'info', 'debug', 'warn'] as const) console[level] = () => undefined;

/** A deterministic uniform source (the load is the same run to run). */
function seeded(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state * 1_664_525 + 1_013_904_223) >>> 0;
    return state / 2 ** 32;
  };
}

function percentile(sorted: readonly number[], p: number): number {
  if (sorted.length === 0) return 0;
  return sorted[Math.min(sorted.length - 1, Math.floor((p / PERCENT) * sorted.length))] ?? 0;
}

async function main(): Promise<void> {
  const platform = await startLocalPlatform({ port: 0, tableName: `load-${Date.now().toString(36)}`, scheduleEveryMs: 0 });
  const post = async (path: string, body: unknown) => {
    const response = await fetch(`${platform.url}${path}`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
    const text = await response.text();
    return { status: response.status, body: text === '' ? undefined : (JSON.parse(text) as Record<string, unknown>) };
  };
  try {
    const created = await post('/v1/experiments', {
      name: 'Load',
      stage: 'post_purchase',
      channels: [
        { channel: 'sms', text: 'Hi {{firstName}}' },
        { channel: 'email', subject: 'Hi', html: '<p>Hi {{firstName}}</p>' },
      ],
      variables: ['firstName'],
      goal: { event: 'clicked', windowHours: 24 },
      policy: { holdout: 0.05 },
    });
    const experimentId = String(created.body?.id);
    await post(`/v1/experiments/${experimentId}/start`, {});

    const random = seeded(20_261_129);
    const accepted = new Map<string, string>();
    const sentDecisions: string[] = [];
    const events: { eventId: string; assignmentId: string }[] = [];
    const latencies: number[] = [];
    const statuses = new Map<string, number>();
    let customers = 0;
    let eventIds = 0;
    const count = (key: string) => statuses.set(key, (statuses.get(key) ?? 0) + 1);
    const deadline = performance.now() + SECONDS * 1000;

    const oneRequest = async (): Promise<void> => {
      const roll = random();
      let kind: string;
      let request: Promise<{ status: number; body: Record<string, unknown> | undefined }>;
      if (roll < EVENT_SHARE && sentDecisions.length > 0) {
        const repeat = random() < DUPLICATE_EVENT_SHARE && events.length > 0;
        const event = repeat ? events[Math.floor(random() * events.length)] : { eventId: `load-${(eventIds += 1)}`, assignmentId: sentDecisions[Math.floor(random() * sentDecisions.length)] ?? '' };
        if (!event) return;
        if (!repeat) events.push(event);
        kind = repeat ? 'event (repeat)' : 'event';
        request = post('/v1/events', { ...event, type: 'clicked', occurredAt: new Date().toISOString() });
      } else {
        const repeat = random() < DUPLICATE_SEND_SHARE && customers > 0;
        const customerId = `load-${repeat ? Math.floor(random() * customers) : customers++}`;
        kind = repeat ? 'send (repeat)' : 'send';
        request = post(`/v1/experiments/${experimentId}/sends`, { customerId, contact: { email: `${customerId}@example.com`, phone: '+33612345678', timezone: 'Europe/Paris' }, consents: { email: true, sms: true }, variables: { firstName: 'Ada' } });
        const started = performance.now();
        const answer = await request;
        latencies.push(performance.now() - started);
        count(`${kind} ${answer.status}`);
        const assignmentId = answer.body?.assignmentId;
        if (answer.status === 200 && typeof assignmentId === 'string') {
          if (!accepted.has(customerId)) {
            accepted.set(customerId, assignmentId);
            if (answer.body?.status === 'queued') sentDecisions.push(assignmentId);
          }
        }
        return;
      }
      const started = performance.now();
      const answer = await request;
      latencies.push(performance.now() - started);
      count(`${kind} ${answer.status}`);
    };
    const client = async () => {
      while (performance.now() < deadline) await oneRequest();
    };
    const began = performance.now();
    await Promise.all(Array.from({ length: CONCURRENCY }, client));
    const elapsed = (performance.now() - began) / 1000;
    await platform.queue.drain();

    const delivered = await platform.deps.outbox.list({ experimentId, limit: 1_000_000 });
    const { violations, checks } = await checkInvariants({ documents: platform.documents, tableName: platform.tableName, experimentId, accepted, delivered, deadLettered: new Set(platform.queue.deadLetters.map((letter) => letter.request.assignmentId)), drainCounters: platform.drainCounters });
    const sorted = [...latencies].sort((a, b) => a - b);
    const errors5xx = [...statuses].filter(([key]) => / 5\d\d$/.test(key)).reduce((sum, [, n]) => sum + n, 0);
    const report = {
      seconds: Number(elapsed.toFixed(1)),
      concurrency: CONCURRENCY,
      requests: latencies.length,
      ratePerSecond: Number((latencies.length / elapsed).toFixed(1)),
      p50Ms: Number(percentile(sorted, 50).toFixed(1)),
      p99Ms: Number(percentile(sorted, 99).toFixed(1)),
      maxMs: Number((sorted[sorted.length - 1] ?? 0).toFixed(1)),
      errors5xx,
      statuses: Object.fromEntries([...statuses].sort()),
      acceptedCustomers: accepted.size,
      messagesDelivered: delivered.length,
      invariantChecks: checks,
      violations: violations.slice(0, 10),
      violationCount: violations.length,
    };
    process.stdout.write(`${JSON.stringify(report, null, 2)}\n`);
    process.exitCode = errors5xx > 0 || violations.length > 0 ? 1 : 0;
  } finally {
    await platform.stop();
  }
}

await main();
