import { DynamoCounterLedger } from '../../shared/adapters/dynamodb/stream-counter-ledger';
import type { Config } from '../../shared/runtime/config';
import { createTableAccess, type TableAccess } from '../../shared/runtime/composition/table-access';
import type { CountStreamDependencies } from '../../shared/use-cases/counters/count-stream-changes';

/** Options of {@link composeCounterAggregator} beyond the configuration. */
export interface CounterAggregatorCompositionOptions {
  /** The table (default: a client from the configuration, with the wall clock). */
  readonly table?: TableAccess;
}

/** The counter aggregator's composition root: the counters and stream checkpoints, nothing else. */
export function composeCounterAggregator(config: Config, options: CounterAggregatorCompositionOptions = {}): CountStreamDependencies {
  const table = options.table ?? createTableAccess(config);
  return { ledger: new DynamoCounterLedger(table.documents, table.table, table.nowMs) };
}
