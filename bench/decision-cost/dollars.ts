/**
 * Measurement 5: dollars per million decisions and per million dispatched messages, from the
 * measured request units and handler durations, at us-east-1 on-demand prices. Channel delivery
 * (SES, SNS SMS) is priced separately: it does not depend on the decision.
 */
import { DEFAULT_MEMORY_MB, DISPATCH_BATCH_SIZE } from '../../infra/constants';
import type { Units } from './capacity';

/**
 * DynamoDB on-demand, us-east-1, per million write request units. Source: aws.amazon.com/dynamodb/pricing/on-demand/
 * (on-demand throughput prices were halved on 2024-11-01, from $1.25; checked through the search tool's corpus, which
 * quotes the post-cut $0.625 per million WRU and $0.125 per million RRU).
 */
export const DYNAMODB_WRITE_PER_MILLION_UNITS = 0.625;
/** DynamoDB on-demand, us-east-1, per million read request units (same source; $0.25 before 2024-11-01). */
export const DYNAMODB_READ_PER_MILLION_UNITS = 0.125;
/** The pre-November-2024 on-demand prices, for comparison with older estimates. */
export const DYNAMODB_PRE_2024_PRICES = { writePerMillion: 1.25, readPerMillion: 0.25 } as const;
/** SQS standard queue, per million requests (each 64 KB chunk of a payload is one request). Source: aws.amazon.com/sqs/pricing/. */
export const SQS_PER_MILLION_REQUESTS = 0.4;
/** Lambda arm64, per GB-second (first pricing tier). Source: aws.amazon.com/lambda/pricing/. */
export const LAMBDA_ARM_PER_GB_SECOND = 0.0000133334;
/** Lambda, per million requests. Source: aws.amazon.com/lambda/pricing/. */
export const LAMBDA_PER_MILLION_REQUESTS = 0.2;
/** API Gateway HTTP API, per million requests (first 300 million). Source: aws.amazon.com/api-gateway/pricing/. Shown apart. */
export const HTTP_API_PER_MILLION_REQUESTS = 1.0;
/** SES outbound email, per 1,000 messages. Source: aws.amazon.com/ses/pricing/. Channel cost, shown apart. */
export const SES_PER_THOUSAND_EMAILS = 0.1;
/** SQS requests per dispatched message: one ReceiveMessage and one DeleteMessageBatch per full batch of {@link DISPATCH_BATCH_SIZE}. */
const SQS_CONSUMER_REQUESTS_PER_BATCH = 2;
/** Milliseconds per second. */
const MS_PER_SECOND = 1_000;
/** MB per GB (Lambda bills memory in GB = 1,024 MB). */
const MB_PER_GB = 1_024;
/** One million. */
const MILLION = 1_000_000;

/** One line of a cost estimate, dollars per million units of work. */
export interface CostLine {
  /** What it prices. */
  readonly item: string;
  /** Dollars per million. */
  readonly dollars: number;
  /** How it was computed. */
  readonly basis: string;
}

/** A priced path. */
export interface PathCost {
  /** Path name. */
  readonly path: string;
  /** Line items. */
  readonly lines: readonly CostLine[];
  /** Sum of the lines, dollars per million. */
  readonly total: number;
}

/** Inputs of the estimate (all measured by the other measurements). */
export interface CostInputs {
  /** Service request units per decision (no frequency cap). */
  readonly decisionUnits: Units;
  /** Service request units per decision with a frequency cap. */
  readonly cappedDecisionUnits: Units;
  /** Service request units per decision inside a batch. */
  readonly batchedDecisionUnits: Units;
  /** Service request units per dispatched message. */
  readonly dispatchUnits: Units;
  /** Handler duration of a single-recipient send, ms (p50 against DynamoDB Local). */
  readonly singleSendMs: number;
  /** Handler duration of a batch send, ms (p50) and its size. */
  readonly batchSendMs: number;
  /** Recipients per batch. */
  readonly batchSize: number;
  /** Dispatch use case per message, ms (p50, no-op provider). */
  readonly dispatchMs: number;
  /** The counter aggregator at its stated batch: units per counted change, changes per batch, ms per batch. */
  readonly aggregator: { readonly perChange: Units; readonly batchSize: number; readonly msPerBatch: number };
  /** The dispatch outbox at its stated batch fill (see {@link OutboxInputs}). */
  readonly outbox: OutboxInputs;
}

/** The dispatch outbox's work per invocation, at one batch fill. */
export interface OutboxInputs {
  /** New decisions per invocation (the traffic decides it: the mapping waits at most 1 s for up to 100). */
  readonly fill: number;
  /** `SendMessageBatch` requests per invocation (measured: ten decisions per request). */
  readonly requestsPerBatch: number;
  /** Handler CPU per invocation, ms (measured, SQS answering at once). */
  readonly msPerBatch: number;
  /** SQS round trip the invocation waits (stated; the requests go at once). */
  readonly roundTripMs: number;
}

/**
 * What the dispatch outbox adds to a decision: its `SendMessageBatch` requests, its invocations
 * and their billed duration (CPU plus one SQS round trip), shared by the decisions of a batch.
 */
export function outboxLines(outbox: OutboxInputs): CostLine[] {
  const perDecision = 1 / outbox.fill;
  const billedMs = outbox.msPerBatch + outbox.roundTripMs;
  return [
    { item: 'outbox SQS SendMessageBatch', dollars: SQS_PER_MILLION_REQUESTS * outbox.requestsPerBatch * perDecision, basis: `${outbox.requestsPerBatch.toFixed(0)} request(s) per ${outbox.fill} decision(s) (batch fill ${outbox.fill})` },
    { item: 'outbox Lambda requests', dollars: LAMBDA_PER_MILLION_REQUESTS * perDecision, basis: `one invocation per ${outbox.fill} decision(s)` },
    { item: 'outbox Lambda compute', dollars: lambdaCompute(billedMs * perDecision, DEFAULT_MEMORY_MB), basis: `(${outbox.msPerBatch.toFixed(2)} ms CPU + ${outbox.roundTripMs} ms SQS, stated) ÷ ${outbox.fill} × ${DEFAULT_MEMORY_MB} MB arm64` },
  ];
}

function dynamo(units: Units): number {
  return units.read * DYNAMODB_READ_PER_MILLION_UNITS + units.write * DYNAMODB_WRITE_PER_MILLION_UNITS;
}

function lambdaCompute(ms: number, memoryMb: number): number {
  return (ms / MS_PER_SECOND) * (memoryMb / MB_PER_GB) * LAMBDA_ARM_PER_GB_SECOND * MILLION;
}

function path(name: string, lines: CostLine[]): PathCost {
  return { path: name, lines, total: lines.reduce((sum, line) => sum + line.dollars, 0) };
}

function decisionPath(name: string, units: Units, handlerMs: number, requestsPerDecision: number, outbox: OutboxInputs): PathCost {
  return path(name, [
    { item: 'API Lambda requests', dollars: LAMBDA_PER_MILLION_REQUESTS * requestsPerDecision, basis: `${requestsPerDecision} invocation(s) per decision` },
    { item: 'API Lambda compute', dollars: lambdaCompute(handlerMs, DEFAULT_MEMORY_MB), basis: `${handlerMs.toFixed(2)} ms × ${DEFAULT_MEMORY_MB} MB arm64` },
    { item: 'DynamoDB', dollars: dynamo(units), basis: `${units.read.toFixed(2)} RRU + ${units.write.toFixed(2)} WRU (service figure)` },
    // The request sends nothing to SQS: the table's stream carries the decision to the outbox.
    ...outboxLines(outbox),
  ]);
}

/**
 * Prices the decision path (API Lambda + DynamoDB + the dispatch outbox's share) and the dispatch path (dispatcher
 * Lambda + DynamoDB + SQS receive/delete + the counter aggregator's share for counting the send),
 * per million.
 *
 * @param inputs - measured units and durations.
 * @returns the priced paths, the API Gateway and SES figures apart, and the prices used.
 */
export function estimateDollars(inputs: CostInputs): { paths: PathCost[]; apart: CostLine[]; prices: Record<string, number> } {
  const perBatch = 1 / inputs.batchSize;
  const fill = `outbox batch fill ${inputs.outbox.fill}`;
  const paths = [
    decisionPath(`decision, single-recipient request (${fill})`, inputs.decisionUnits, inputs.singleSendMs, 1, inputs.outbox),
    decisionPath(`decision, single-recipient request, frequency cap (${fill})`, inputs.cappedDecisionUnits, inputs.singleSendMs, 1, inputs.outbox),
    decisionPath(`decision, batch of ${inputs.batchSize} (${fill})`, inputs.batchedDecisionUnits, inputs.batchSendMs * perBatch, perBatch, inputs.outbox),
    path('dispatch (per message)', [
      { item: 'dispatcher Lambda requests', dollars: LAMBDA_PER_MILLION_REQUESTS / DISPATCH_BATCH_SIZE, basis: `one invocation per ${DISPATCH_BATCH_SIZE} messages` },
      { item: 'dispatcher Lambda compute', dollars: lambdaCompute(inputs.dispatchMs, DEFAULT_MEMORY_MB), basis: `${inputs.dispatchMs.toFixed(2)} ms × ${DEFAULT_MEMORY_MB} MB arm64, provider call excluded` },
      { item: 'DynamoDB', dollars: dynamo(inputs.dispatchUnits), basis: `${inputs.dispatchUnits.read.toFixed(2)} RRU + ${inputs.dispatchUnits.write.toFixed(2)} WRU (service figure)` },
      { item: 'SQS receive + delete', dollars: (SQS_PER_MILLION_REQUESTS * SQS_CONSUMER_REQUESTS_PER_BATCH) / DISPATCH_BATCH_SIZE, basis: `${SQS_CONSUMER_REQUESTS_PER_BATCH} requests per full batch of ${DISPATCH_BATCH_SIZE}` },
      // Counting the send from the table's stream (Lambda's reads of a DynamoDB stream are free).
      { item: 'aggregator DynamoDB', dollars: dynamo(inputs.aggregator.perChange), basis: `${inputs.aggregator.perChange.write.toFixed(3)} WRU per counted send, batches of ${inputs.aggregator.batchSize}` },
      {
        item: 'aggregator Lambda',
        dollars: LAMBDA_PER_MILLION_REQUESTS / inputs.aggregator.batchSize + lambdaCompute(inputs.aggregator.msPerBatch / inputs.aggregator.batchSize, DEFAULT_MEMORY_MB),
        basis: `one invocation and ${inputs.aggregator.msPerBatch.toFixed(0)} ms × ${DEFAULT_MEMORY_MB} MB per ${inputs.aggregator.batchSize} changes`,
      },
    ]),
  ];
  const apart: CostLine[] = [
    { item: 'API Gateway HTTP API', dollars: HTTP_API_PER_MILLION_REQUESTS, basis: 'per million requests (single-recipient: one per decision; a batch of 100 pays 1/100)' },
    { item: 'SES email delivery', dollars: SES_PER_THOUSAND_EMAILS * 1_000, basis: 'per million emails; SNS SMS varies by country' },
  ];
  return {
    paths,
    apart,
    prices: {
      dynamoWritePerMillion: DYNAMODB_WRITE_PER_MILLION_UNITS,
      dynamoReadPerMillion: DYNAMODB_READ_PER_MILLION_UNITS,
      sqsPerMillion: SQS_PER_MILLION_REQUESTS,
      lambdaArmPerGbSecond: LAMBDA_ARM_PER_GB_SECOND,
      lambdaPerMillionRequests: LAMBDA_PER_MILLION_REQUESTS,
      httpApiPerMillion: HTTP_API_PER_MILLION_REQUESTS,
      sesPerThousand: SES_PER_THOUSAND_EMAILS,
    },
  };
}
