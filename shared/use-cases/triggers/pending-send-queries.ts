import { NotFoundError } from '../../domain/errors/channel-lab-error';
import type { PendingSend, PendingSendStatus, TriggerCounts } from '../../domain/triggers/pending-send';
import type { ExperimentRepository } from '../ports/experiment-repository';
import type { PendingSendStore } from '../ports/pending-sends';

/** What reading pending sends and trigger counts needs. */
export interface PendingSendQueryDependencies {
  readonly pendingSends: PendingSendStore;
  /** Experiments (a count of an unknown experiment is a 404). */
  readonly experiments: ExperimentRepository;
}

/** A customer's triggered sends (every status unless filtered), newest due first. */
export async function listPendingSends(deps: PendingSendQueryDependencies, customerId: string, filter: { readonly status?: PendingSendStatus; readonly experimentId?: string } = {}): Promise<readonly PendingSend[]> {
  const all = await deps.pendingSends.listForCustomer(customerId);
  return all.filter((pending) => (filter.status === undefined || pending.status === filter.status) && (filter.experimentId === undefined || pending.experimentId === filter.experimentId));
}

/**
 * An experiment's trigger counts: triggered, waiting, sent, suppressed, exited by reason.
 * @throws NotFoundError for an unknown experiment.
 */
export async function triggerCounts(deps: PendingSendQueryDependencies, experimentId: string): Promise<TriggerCounts & { readonly experimentId: string }> {
  if (!(await deps.experiments.get(experimentId))) throw new NotFoundError(`experiment ${experimentId} not found`);
  return { experimentId, ...(await deps.pendingSends.counts(experimentId)) };
}
