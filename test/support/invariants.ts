/**
 * The invariants a trusted send path keeps, checked from the stored items themselves (a scan of
 * the test's table) after chaos, races and load:
 * - every accepted send has exactly one decision (one assignment per experiment × customer × step);
 * - nothing is sent twice (at most one delivered message per decision);
 * - nothing accepted is lost: each decision is final (sent, delivered, failed or cancelled with a
 *   reason, or held out), or still waiting in the dead-letter queue;
 * - the counters equal the ground truth recomputed from the stored decisions.
 */
import { appendFileSync } from 'node:fs';
import { type DynamoDBDocumentClient, ScanCommand } from '@aws-sdk/lib-dynamodb';
import { readCounters } from '../../shared/adapters/dynamodb/stats-counters';
import type { OutboxEntry } from '../../shared/adapters/dynamodb/outbox-sender';
import { HOLDOUT_ARM, mergeShards } from '../../shared/domain/statistics/cohort-counters';
import type { Assignment } from '../../shared/domain/sends/assignment';

/** What the invariants are checked against. */
export interface InvariantInput {
  readonly documents: DynamoDBDocumentClient;
  readonly tableName: string;
  readonly experimentId: string;
  /** Accepted sends: customer → the assignment id the API answered. */
  readonly accepted: ReadonlyMap<string, string>;
  /** Messages delivered (outbox, and the inbox's assignment ids for in-app). */
  readonly delivered: readonly Pick<OutboxEntry, 'assignmentId'>[];
  /** Assignment ids left in the dead-letter queue. */
  readonly deadLettered?: ReadonlySet<string>;
  /** Counts what the table's stream holds into the counters (the platform's `drainCounters`): called before the counters are read. */
  readonly drainCounters: () => Promise<void>;
}

/** One broken invariant. */
export interface Violation {
  readonly invariant: 'one_decision' | 'sent_once' | 'not_lost' | 'counters';
  readonly detail: string;
}

/** Every item of the table with this entity tag and experiment (a scan: test tables are small). */
export async function scanEntities(documents: DynamoDBDocumentClient, tableName: string, entity: string, experimentId: string): Promise<Record<string, unknown>[]> {
  const items: Record<string, unknown>[] = [];
  let startKey: Record<string, unknown> | undefined;
  do {
    const page = await documents.send(
      new ScanCommand({
        TableName: tableName,
        FilterExpression: '#entity = :entity AND #experiment = :experiment',
        ExpressionAttributeNames: { '#entity': 'entity', '#experiment': 'experimentId' },
        ExpressionAttributeValues: { ':entity': entity, ':experiment': experimentId },
        ConsistentRead: true,
        ...(startKey ? { ExclusiveStartKey: startKey } : {}),
      }),
    );
    items.push(...(page.Items ?? []));
    startKey = page.LastEvaluatedKey;
  } while (startKey);
  return items;
}

const FINAL_WITH_REASON = new Set(['failed', 'cancelled']);
const SENT = new Set(['sent', 'delivered']);

/** Checks the invariants; returns what is broken (empty when they all hold) and how many checks were made. */
export async function checkInvariants(input: InvariantInput): Promise<{ violations: Violation[]; checks: number }> {
  const violations: Violation[] = [];
  let checks = 0;
  const assignments = (await scanEntities(input.documents, input.tableName, 'assignment', input.experimentId)) as unknown as Assignment[];

  const perDecisionKey = new Map<string, number>();
  for (const assignment of assignments) {
    const key = `${assignment.customerId}#${assignment.step}`;
    perDecisionKey.set(key, (perDecisionKey.get(key) ?? 0) + 1);
  }
  for (const [customerId, assignmentId] of input.accepted) {
    checks += 1;
    const stored = assignments.filter((assignment) => assignment.customerId === customerId && assignment.step === 0);
    if (stored.length !== 1 || stored[0]?.id !== assignmentId) violations.push({ invariant: 'one_decision', detail: `${customerId}: ${stored.length} decisions stored, answered ${assignmentId}` });
  }
  for (const [key, count] of perDecisionKey) if (count > 1) violations.push({ invariant: 'one_decision', detail: `${key}: ${count} decisions` });

  const deliveries = new Map<string, number>();
  for (const entry of input.delivered) deliveries.set(entry.assignmentId, (deliveries.get(entry.assignmentId) ?? 0) + 1);
  for (const assignment of assignments) {
    checks += 2;
    const count = deliveries.get(assignment.id) ?? 0;
    if (count > 1) violations.push({ invariant: 'sent_once', detail: `${assignment.id}: delivered ${count} times` });
    if (SENT.has(assignment.status) && count !== 1) violations.push({ invariant: 'sent_once', detail: `${assignment.id}: ${assignment.status} but delivered ${count} times` });
    if (!SENT.has(assignment.status) && count !== 0) violations.push({ invariant: 'sent_once', detail: `${assignment.id}: ${assignment.status} yet delivered` });
    const final = SENT.has(assignment.status) || assignment.status === 'holdout' || (FINAL_WITH_REASON.has(assignment.status) && (assignment.failureReason ?? '') !== '');
    const deadLettered = input.deadLettered?.has(assignment.id) === true && assignment.status === 'queued';
    if (!final && !deadLettered) violations.push({ invariant: 'not_lost', detail: `${assignment.id}: ${assignment.status}${assignment.failureReason ? ` (${assignment.failureReason})` : ''}` });
  }

  // Counters against the ground truth, per segment × arm (first decisions).
  const truth = new Map<string, { sends: number; successes: number; failures: number }>();
  const cell = (segment: string, arm: string) => {
    const key = `${segment}#${arm}`;
    let value = truth.get(key);
    if (!value) truth.set(key, (value = { sends: 0, successes: 0, failures: 0 }));
    return value;
  };
  for (const assignment of assignments) {
    if (assignment.step !== 0) continue;
    const arm = assignment.channel ?? HOLDOUT_ARM;
    const counts = cell(assignment.segment, arm);
    if (SENT.has(assignment.status) || assignment.status === 'holdout') counts.sends += 1;
    if (assignment.status === 'failed') counts.failures += 1;
    if (assignment.goalAt !== undefined) counts.successes += 1;
  }
  const stored = new Map<string, { sends: number; successes: number; failures: number }>();
  await input.drainCounters();
  for (const counter of mergeShards(await readCounters(input.documents, input.tableName, input.experimentId))) {
    if (counter.step !== 0) continue;
    const key = `${counter.segment}#${counter.arm}`;
    const value = stored.get(key) ?? { sends: 0, successes: 0, failures: 0 };
    stored.set(key, { sends: value.sends + counter.sends, successes: value.successes + counter.successes, failures: value.failures + (counter.failures ?? 0) });
  }
  for (const key of new Set([...truth.keys(), ...stored.keys()])) {
    checks += 1;
    const expected = truth.get(key) ?? { sends: 0, successes: 0, failures: 0 };
    const actual = stored.get(key) ?? { sends: 0, successes: 0, failures: 0 };
    if (expected.sends !== actual.sends || expected.successes !== actual.successes || expected.failures !== actual.failures) {
      violations.push({ invariant: 'counters', detail: `${key}: stored ${JSON.stringify(actual)}, ground truth ${JSON.stringify(expected)}` });
    }
  }
  return { violations, checks };
}

/**
 * Appends one figure (a JSON line) to the file named by `RELIABILITY_FIGURES`, when set: how
 * docs/reliability.md's counts are produced. Silent otherwise (test output stays quiet).
 */
export function recordFigure(family: string, name: string, figures: Readonly<Record<string, number | string>>): void {
  const file = process.env.RELIABILITY_FIGURES;
  if (file) appendFileSync(file, `${JSON.stringify({ family, name, ...figures })}\n`);
}
