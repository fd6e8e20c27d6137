import { MAX_BATCH_RECIPIENTS } from '../shared/domain/sends/send-request';
import type { SimulationClock } from './clock';
import { createDraws, recipientFor, type SimulatedRecipient } from './population';
import type { CustomerKind, Scenario } from './scenario';
import type { PreparedExperiment, SimulatedResponse, SimulationTarget } from './target';

/** Milliseconds in a minute. */
const MS_PER_MINUTE = 60_000;
/** Largest batch of events posted at once (the events API's limit). */
export const RESPONSE_BATCH = 500;
/** Most ticks' worth of customers one late tick brings (more would snowball into a longer tick). */
export const MAX_CATCH_UP = 2;
/** Statuses of a decision whose message leaves now. */
const SENT_NOW = new Set(['queued', 'sending', 'sent', 'delivered']);

/** Where a run stands. */
export interface SimulationProgress {
  /** The simulated instant. */
  readonly at: Date;
  /** Simulated time elapsed, in ms. */
  readonly elapsedMs: number;
  /** The run's simulated length, in ms. */
  readonly durationMs: number;
  /** Customers sent to (every recipient, whatever the decision). */
  readonly customers: number;
  /** Messages the platform decided to send (queued or deferred). */
  readonly messages: number;
  /** Held out (no message). */
  readonly heldOut: number;
  /** Suppressed or rejected. */
  readonly notSent: number;
  /** Responses delivered to the platform. */
  readonly responses: number;
  /** Responses the platform counted as goal successes. */
  readonly counted: number;
  /** Responses drawn but not yet due. */
  readonly waiting: number;
  /** Customers who did not arrive because the platform fell more than a few ticks behind the clock. */
  readonly missed: number;
  /** Requests that failed (the run goes on). */
  readonly errors: number;
  /** The last failure, if any. */
  readonly lastError?: string;
}

/** A simulation run. */
export interface SimulationRun {
  readonly scenario: Scenario;
  /** The experiments it drives (prepared: running). */
  readonly experiments: readonly PreparedExperiment[];
  /** The platform. */
  readonly target: SimulationTarget;
  /** Simulated time, shared with the platform. */
  readonly clock: SimulationClock;
  /** Makes this run's customer ids and event ids unique (a rerun meets no sticky decision). */
  readonly runId: string;
  /** Called after every tick. */
  readonly onProgress?: (progress: SimulationProgress) => void;
  /** Work after each tick's requests (tests run the platform's schedule here). */
  readonly afterTick?: (at: Date) => Promise<void>;
  /** Stops the run at the next tick. */
  readonly signal?: AbortSignal;
}

/** The same response, given again at `at` under a new event id (the first one is on record as not counted). */
function retryLater(response: SimulatedResponse, at: Date): SimulatedResponse {
  const attempt = Number(/-r(\d+)$/.exec(response.eventId)?.[1] ?? 0) + 1;
  return { ...response, eventId: `${response.eventId.replace(/-r\d+$/, '')}-r${attempt}`, occurredAt: at.toISOString() };
}

function chunks<T>(items: readonly T[], size: number): T[][] {
  const out: T[][] = [];
  for (let index = 0; index < items.length; index += size) out.push(items.slice(index, index + size));
  return out;
}

/** Responses waiting for their instant, kept in time order. */
class ResponseQueue {
  private readonly items: SimulatedResponse[] = [];

  get size(): number {
    return this.items.length;
  }

  add(response: SimulatedResponse): void {
    const at = Date.parse(response.occurredAt);
    let index = this.items.length;
    while (index > 0 && Date.parse(this.items[index - 1]?.occurredAt ?? '') > at) index -= 1;
    this.items.splice(index, 0, response);
  }

  /** Removes and returns the responses due at or before `at`. */
  takeDue(at: Date): SimulatedResponse[] {
    let count = 0;
    while (count < this.items.length && Date.parse(this.items[count]?.occurredAt ?? '') <= at.getTime()) count += 1;
    return this.items.splice(0, count);
  }
}

/**
 * Runs a scenario: every tick of simulated time, new customers arrive for each experiment (drawn
 * by kind) and are sent to through the platform's API; each decision's customer responds with the
 * kind's true rate for the chosen channel, after a delay drawn from the channel's model counted
 * from when the message leaves; responses are delivered to the platform when their instant
 * comes. Nothing is written behind the platform's back: it learns only from what it is told.
 */
export async function runSimulation(run: SimulationRun): Promise<SimulationProgress> {
  const { scenario, experiments, target, clock } = run;
  const draws = createDraws(scenario.seed);
  const queue = new ResponseQueue();
  const start = clock.now().getTime();
  const end = start + scenario.duration;
  let carry = 0;
  let next = 0;
  const totals = { customers: 0, messages: 0, heldOut: 0, notSent: 0, responses: 0, counted: 0, errors: 0, missed: 0 };
  let lastError: string | undefined;
  const progress = (at: Date): SimulationProgress => ({
    at,
    elapsedMs: Math.min(scenario.duration, at.getTime() - start),
    durationMs: scenario.duration,
    ...totals,
    waiting: queue.size,
    ...(lastError === undefined ? {} : { lastError }),
  });
  const attempt = async (work: () => Promise<void>): Promise<void> => {
    try {
      await work();
    } catch (error) {
      totals.errors += 1;
      lastError = error instanceof Error ? error.message : String(error);
    }
  };

  let previous = start;
  for (let tickAt = start; tickAt < end && run.signal?.aborted !== true; tickAt = Math.max(tickAt + scenario.tick, previous)) {
    await clock.sleepUntil(new Date(tickAt), run.signal);
    if (run.signal?.aborted) break;
    const now = clock.now();
    // Arrivals follow the simulated time that really passed: a tick that ran late brings more customers.
    // Beyond MAX_CATCH_UP ticks' worth the platform cannot keep up: those customers are dropped (counted as missed).
    const due = (scenario.arrivalsPerMinute * Math.max(0, Math.min(end, now.getTime()) - previous)) / MS_PER_MINUTE;
    const cap = (MAX_CATCH_UP * scenario.arrivalsPerMinute * scenario.tick) / MS_PER_MINUTE;
    totals.missed += Math.max(0, Math.floor(due - cap));
    carry += Math.min(due, cap);
    previous = Math.min(end, now.getTime());
    const arrivals = Math.floor(carry);
    carry -= arrivals;
    for (const experiment of experiments) {
      const kinds: CustomerKind[] = [];
      const recipients: SimulatedRecipient[] = [];
      for (let index = 0; index < arrivals; index += 1) {
        const kind = draws.kind(scenario.customers);
        kinds.push(kind);
        recipients.push(recipientFor(kind, `sim-${run.runId}-${kind.kind}-${next}`, next, experiment.spec.variables));
        next += 1;
      }
      let offset = 0;
      for (const batch of chunks(recipients, MAX_BATCH_RECIPIENTS)) {
        const batchKinds = kinds.slice(offset, offset + batch.length);
        offset += batch.length;
        await attempt(async () => {
          const answers = await target.send(experiment.id, batch);
          totals.customers += batch.length;
          answers.forEach((answer, index) => {
            const kind = batchKinds[index];
            if (kind === undefined || answer.assignmentId === undefined) {
              totals.notSent += 1;
              return;
            }
            const leaves = answer.status === 'deferred' && answer.sendAt ? Date.parse(answer.sendAt) : now.getTime();
            let rate: number;
            if (answer.channel === null) {
              if (answer.status !== 'holdout') {
                totals.notSent += 1;
                return;
              }
              totals.heldOut += 1;
              rate = experiment.spec.baseline[kind.kind] ?? 0;
            } else {
              if (!SENT_NOW.has(answer.status) && answer.status !== 'deferred') {
                totals.notSent += 1;
                return;
              }
              totals.messages += 1;
              rate = experiment.spec.rates[kind.kind]?.[answer.channel] ?? 0;
            }
            if (!draws.responds(rate)) return;
            const delay = scenario.delays[answer.channel ?? 'email'];
            const delayMs = delay === undefined ? 0 : draws.delayMs(delay);
            queue.add({
              eventId: `sim-${run.runId}-${answer.assignmentId}`,
              type: experiment.goal,
              occurredAt: new Date(leaves + delayMs).toISOString(),
              assignmentId: answer.assignmentId,
              experimentId: experiment.id,
              customerId: answer.customerId ?? batch[index]?.customerId ?? '',
              channel: answer.channel,
            });
          });
        });
      }
    }
    for (const batch of chunks(queue.takeDue(clock.now()), RESPONSE_BATCH)) {
      await attempt(async () => {
        const answer = await target.respond(batch);
        totals.counted += answer.counted;
        totals.responses += batch.length - answer.notSentYet.length;
        // The message had not left yet (the platform's queue is behind): the customer answers once it has.
        for (const response of answer.notSentYet) queue.add(retryLater(response, new Date(clock.now().getTime() + scenario.tick)));
      });
    }
    if (run.afterTick) await attempt(() => run.afterTick?.(new Date(tickAt)) ?? Promise.resolve());
    run.onProgress?.(progress(clock.now()));
  }
  return progress(clock.now());
}
