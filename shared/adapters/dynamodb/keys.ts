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
