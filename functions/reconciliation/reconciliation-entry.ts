import { loadConfig } from '../../shared/runtime/config';
import { composeReconciliation } from './reconciliation-composition';
import { createReconciliationHandler } from './reconciliation-handler';

/** Lambda entry of the reconciliation check (EventBridge, every 15 minutes). */
export const handler = createReconciliationHandler(composeReconciliation(loadConfig()));
