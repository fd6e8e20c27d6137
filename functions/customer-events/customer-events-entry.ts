import { loadConfig } from '../../shared/runtime/config';
import { createLogger, observabilityOptions } from '../../shared/runtime/observability';
import { composeCustomerEvents } from './customer-events-composition';
import { createCustomerEventsHandler } from './customer-events-handler';

const config = loadConfig();

/** Lambda entry of the customer-events function (EventBridge rule on the customer's bus, `detail-type: Channel Lab Customer Event`). */
export const handler = createCustomerEventsHandler(composeCustomerEvents(config), createLogger(observabilityOptions(config)));
