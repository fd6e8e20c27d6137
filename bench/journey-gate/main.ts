/**
 * What the journey gate costs, against DynamoDB Local: request units and calls per gate call
 * (entered, admit admitted or refused, sent, and an experiment in no journey), and what contention
 * costs when several sends of one customer come due at once (lost conditional writes, retries).
 * Run: `npx tsx bench/journey-gate/main.ts` (prints a table; about half a minute).
 */
import { performance } from 'node:perf_hooks';
import { createTable } from '../../shared/adapters/dynamodb/create-table';
import { createDocumentClient, createDynamoClient } from '../../shared/adapters/dynamodb/document-client';
import { DynamoJourneyGate } from '../../shared/adapters/dynamodb/dynamo-journey-gate';
import { DynamoJourneyRepository } from '../../shared/adapters/dynamodb/journey-repository';
import { JourneyDefinitionSchema, newJourney } from '../../shared/domain/journeys/journey-definition';
import { startDynamoDbLocal } from '../../local/dynamodb-local';
import { CapacityMeter, instrument } from '../decision-cost/capacity';

/** Customers measured per kind of call. */
export const CUSTOMERS = 40;
/** Customers of the contention scenario. */
export const RACE_CUSTOMERS = 20;
/** Sends of one customer due at the same moment, in the contention scenario. */
export const CONCURRENT_SENDS = 4;
const TABLE_NAME = 'bench-journey-gate';
const T0 = Date.parse('2026-06-01T09:00:00Z');
const at = (minutes: number) => new Date(T0 + minutes * 60_000).toISOString();

/** One row of the table: a kind of call and what it costs on average. */
interface Row {
  readonly label: string;
  readonly calls: number;
  readonly read: number;
  readonly write: number;
  readonly operations: string;
  readonly msPerCall: number;
}

async function measure(meter: CapacityMeter, label: string, calls: readonly (() => Promise<unknown>)[], concurrently = false): Promise<Row> {
  meter.reset();
  const start = performance.now();
  if (concurrently) await Promise.all(calls.map((call) => call()));
  else for (const call of calls) await call();
  const elapsed = performance.now() - start;
  const { expected, operations } = meter.totals();
  const per = (value: number) => value / calls.length;
  const ops = Object.entries(operations).map(([name, count]) => `${name} ${per(count).toFixed(2)}`).join(', ');
  const failed = meter.records.filter((record) => !record.ok).length;
  return { label, calls: calls.length, read: per(expected.read), write: per(expected.write), operations: `${ops}${failed ? `, lost conditions ${per(failed).toFixed(2)}` : ''}`, msPerCall: elapsed / calls.length };
}

async function main(): Promise<void> {
  const dynamo = await startDynamoDbLocal();
  try {
    const raw = createDynamoClient({ endpoint: dynamo.endpoint });
    await createTable(raw, TABLE_NAME);
    const side = createDocumentClient(createDynamoClient({ endpoint: dynamo.endpoint }));
    const documents = createDocumentClient(raw);
    const meter = new CapacityMeter();
    instrument(documents, side, meter);
    const gate = new DynamoJourneyGate(documents, TABLE_NAME);
    const definition = JourneyDefinitionSchema.parse({ name: 'Bench', stages: [{ stage: 'awareness', experimentIds: ['a'] }, { stage: 'consideration', experimentIds: ['b'] }], cap: { messages: 1, perDays: 7 } });
    await new DynamoJourneyRepository(side, TABLE_NAME).create(newJourney('bench', definition, new Date(T0)));
    const customers = Array.from({ length: CUSTOMERS }, (_, i) => `c${i}`);
    const step = (experimentId: string, customerId: string, minutes: number) => ({ experimentId, customerId, at: at(minutes) });

    const rows = [
      await measure(meter, 'entered, first time in the stage', customers.map((c) => () => gate.entered(step('a', c, 0)))),
      await measure(meter, 'entered, stage already entered', customers.map((c) => () => gate.entered(step('a', c, 1)))),
      await measure(meter, 'admit, admitted (place held)', customers.map((c) => () => gate.admit(step('a', c, 60)))),
      await measure(meter, 'sent (place confirmed)', customers.map((c) => () => gate.sent(step('a', c, 60)))),
      await measure(meter, 'admit, refused (journey_cap)', customers.map((c) => () => gate.admit(step('b', c, 120)))),
      await measure(meter, 'any call, experiment in no journey', customers.map((c) => () => gate.admit(step('lonely', c, 120)))),
      await measure(
        meter,
        `admit, ${CONCURRENT_SENDS} due at once per customer (cap 1)`,
        Array.from({ length: RACE_CUSTOMERS }, (_, i) => `race${i}`).flatMap((c) => Array.from({ length: CONCURRENT_SENDS }, (_, k) => () => gate.admit(step(k % 2 === 0 ? 'a' : 'b', c, 0)))),
        true,
      ),
    ];
    const out = [
      'Journey gate: DynamoDB request units per call (computed on-demand billing of the operations made; DynamoDB Local)',
      '',
      '| call | calls | RRU | WRU | operations per call | ms per call (DynamoDB Local) |',
      '| --- | --- | --- | --- | --- | --- |',
      ...rows.map((row) => `| ${row.label} | ${row.calls} | ${row.read.toFixed(2)} | ${row.write.toFixed(2)} | ${row.operations} | ${row.msPerCall.toFixed(1)} |`),
      '',
    ];
    process.stdout.write(`${out.join('\n')}\n`);
  } finally {
    await dynamo.stop();
  }
}

await main();
