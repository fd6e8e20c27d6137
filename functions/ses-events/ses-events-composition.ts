import type { Config } from '../../shared/runtime/config';
import { createEventAdapters } from '../../shared/runtime/composition/event-adapters';
import { createTableAccess, type TableAccess } from '../../shared/runtime/composition/table-access';
import type { EventDependencies } from '../../shared/use-cases/events/record-events';

/** Options of {@link composeSesEvents} beyond the configuration. */
export interface SesEventsCompositionOptions {
  /** The table (default: a client from the configuration, with the wall clock). */
  readonly table?: TableAccess;
}

/** The SES events function's composition root: response recording only. */
export function composeSesEvents(config: Config, options: SesEventsCompositionOptions = {}): EventDependencies {
  return createEventAdapters(options.table ?? createTableAccess(config));
}
