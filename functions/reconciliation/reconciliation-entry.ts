import { loadConfig } from '../../shared/runtime/config';
import { createObservability, observabilityOptions } from '../../shared/runtime/observability';
import { composeReconciliation } from './reconciliation-composition';
import { createReconciliationHandler } from './reconciliation-handler';

const config = loadConfig();

/** Lambda entry of the reconciliation check (EventBridge, every 15 minutes). */
export const handler = createReconciliationHandler(composeReconciliation(config), createObservability(observabilityOptions(config)));
