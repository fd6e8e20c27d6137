import { loadConfig } from '../../shared/runtime/config';
import { createLogger, observabilityOptions } from '../../shared/runtime/observability';
import { composeAnalysis } from './analysis-composition';
import { createAnalysisHandler } from './analysis-handler';

const config = loadConfig();

/** Lambda entry of the analysis routes (results, touchpoints, reallocation): its dependencies built once per cold start. */
export const handler = createAnalysisHandler(composeAnalysis(config), createLogger(observabilityOptions(config)));
