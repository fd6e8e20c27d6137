import type { Entity } from './define-entity';
import { allocationVersionEntity, currentAllocationEntity, historyEntity, resultsSnapshotEntity } from './allocation-entities';
import { apiKeyEntity } from './api-key-entity';
import { assignmentEntity } from './assignment-entity';
import { counterEntity } from './counter-entity';
import { customerProfileEntity, suppressionEntity } from './customer-entities';
import { eventEntity } from './event-entity';
import { experimentEntity } from './experiment-entity';
import { inboxMessageEntity } from './inbox-entity';
import { journeyCustomerEntity, journeyEntity, journeyMemberEntity } from './journey-entities';
import { outboxEntity } from './outbox-entity';
import { customerEventEntity, pendingSendEntity, pendingTimerEntity, triggerCounterEntity } from './pending-send-entities';
import { streamCheckpointEntity } from './stream-checkpoint-entity';
import { timerEntity } from './timer-entity';

/** What the registry lists of each entity. */
export type EntityInfo = Pick<Entity<unknown, never>, 'name' | 'summary' | 'layout'>;

/** Every item type of the single table, in the order the docs list them. */
export const ENTITIES: readonly EntityInfo[] = [
  experimentEntity,
  currentAllocationEntity,
  allocationVersionEntity,
  historyEntity,
  resultsSnapshotEntity,
  customerProfileEntity,
  suppressionEntity,
  assignmentEntity,
  counterEntity,
  streamCheckpointEntity,
  eventEntity,
  timerEntity,
  pendingSendEntity,
  pendingTimerEntity,
  triggerCounterEntity,
  customerEventEntity,
  inboxMessageEntity,
  outboxEntity,
  apiKeyEntity,
  journeyEntity,
  journeyMemberEntity,
  journeyCustomerEntity,
];

/** The data-model table of `docs/architecture.md`, made from the registry (a test keeps the doc in step). */
export function entityTable(entities: readonly EntityInfo[] = ENTITIES): string {
  const rows = entities.map(
    ({ name, summary, layout }) => `| ${summary} | \`${name}\` | ${layout.pk} | ${layout.sk} | ${layout.gsi1 ?? ''} | ${layout.gsi2 ?? ''} | ${layout.gsi3 ?? ''} | ${layout.gsi4 ?? ''} |`,
  );
  return ['| item | entity | pk | sk | gsi1 | gsi2 | gsi3 | gsi4 |', '| --- | --- | --- | --- | --- | --- | --- | --- |', ...rows].join('\n');
}
