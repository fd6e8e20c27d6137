import type { Experiment } from '../../domain/experiment/experiment';
import type { ExperimentStatus } from '../../domain/experiment/lifecycle';

/**
 * Key layout of the single table, built from named attributes (ElectroDB style).
 *
 * | entity      | pk                 | sk       | gsi1pk / gsi1sk              | gsi2pk / gsi2sk                           |
 * |-------------|--------------------|----------|------------------------------|-------------------------------------------|
 * | experiment  | `EXP#<id>`         | `META`   | `EXPERIMENTS` / `<created>#<id>` | `EXPERIMENTS#<status>` / `<created>#<id>` |
 */
export const experimentKeys = {
  /** Primary key of an experiment. */
  primary: (id: string) => ({ pk: `EXP#${id}`, sk: 'META' }),
  /** GSI1 partition listing every experiment. */
  listPartition: () => 'EXPERIMENTS',
  /** GSI2 partition listing experiments in one state. */
  statusPartition: (status: ExperimentStatus) => `EXPERIMENTS#${status}`,
  /** All key attributes of an experiment item. */
  item: (experiment: Experiment) => ({
    ...experimentKeys.primary(experiment.id),
    gsi1pk: experimentKeys.listPartition(),
    gsi1sk: `${experiment.createdAt}#${experiment.id}`,
    gsi2pk: experimentKeys.statusPartition(experiment.status),
    gsi2sk: `${experiment.createdAt}#${experiment.id}`,
  }),
};

/**
 * | entity      | pk              | sk                        | gsi1pk / gsi1sk                         | gsi2pk / gsi2sk                 |
 * |-------------|-----------------|---------------------------|-----------------------------------------|---------------------------------|
 * | customer    | `CUST#<id>`     | `PROFILE`                 |                                         |                                 |
 * | assignment  | `ASSIGN#<id>`   | `META`                    | `CUST#<customerId>` / `ASSIGN#<decided>#<id>` | `DEFERRED` / `<sendAt>#<id>` while deferred; `MSG#<messageId>` / `MSG` once sent |
 * | allocation  | `EXP#<id>`      | `ALLOC#CURRENT`, `ALLOC#<version>` |                                |                                 |
 */
export const customerKeys = {
  /** Primary key of a customer profile. */
  primary: (id: string) => ({ pk: `CUST#${id}`, sk: 'PROFILE' }),
};

/** Keys of assignments (decisions). */
export const assignmentKeys = {
  /** Primary key of an assignment. */
  primary: (id: string) => ({ pk: `ASSIGN#${id}`, sk: 'META' }),
  /** GSI1 partition of a customer's assignments. */
  customerPartition: (customerId: string) => `CUST#${customerId}`,
  /** GSI1 sort key: decision time then id. */
  customerSort: (decidedAt: string, id: string) => `ASSIGN#${decidedAt}#${id}`,
  /** GSI2 partition of deferred assignments. */
  deferredPartition: () => 'DEFERRED',
  /** GSI2 sort key of a deferred assignment. */
  deferredSort: (sendAt: string, id: string) => `${sendAt}#${id}`,
  /** GSI2 partition of an assignment by provider message id. */
  messagePartition: (messageId: string) => `MSG#${messageId}`,
};

/** Keys of allocations. */
export const allocationKeys = {
  /** The current allocation of an experiment. */
  current: (experimentId: string) => ({ pk: `EXP#${experimentId}`, sk: 'ALLOC#CURRENT' }),
  /** A past allocation (history). */
  version: (experimentId: string, version: number) => ({ pk: `EXP#${experimentId}`, sk: `ALLOC#${String(version).padStart(10, '0')}` }),
};
