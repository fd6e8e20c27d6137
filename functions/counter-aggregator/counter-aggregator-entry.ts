import { loadConfig } from '../../shared/runtime/config';
import { createLogger, observabilityOptions } from '../../shared/runtime/observability';
import { composeCounterAggregator } from './counter-aggregator-composition';
import { createCounterAggregatorHandler } from './counter-aggregator-handler';

const config = loadConfig();

/** Lambda entry of the counter aggregator (the table's stream, with a tumbling window for the shard id). */
export const handler = createCounterAggregatorHandler(composeCounterAggregator(config), createLogger(observabilityOptions(config)));
