import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { assignmentEntity } from '../../../../../shared/adapters/dynamodb/entities/assignment-entity';
import { defineEntity, StoredItemError } from '../../../../../shared/adapters/dynamodb/entities/define-entity';
import { ENTITIES, entityTable } from '../../../../../shared/adapters/dynamodb/entities/registry';
import * as z from 'zod';

const ARCHITECTURE = new URL('../../../../../docs/architecture.md', import.meta.url);

describe('the entity registry', () => {
  it('declares every item type once, each with its own tag', () => {
    const names = ENTITIES.map((entity) => entity.name);
    expect(new Set(names).size).toBe(names.length);
    expect(names).toHaveLength(22);
  });

  it("is the data-model table of docs/architecture.md (regenerate the table from entityTable() when it changes)", () => {
    expect(readFileSync(ARCHITECTURE, 'utf8')).toContain(entityTable());
  });

  it('writes keys, index keys and the tag, and reads back the value without them', () => {
    const decision = {
      id: 'a-1', experimentId: 'e', customerId: 'c', step: 0, segment: 'default', eligibleChannels: ['sms' as const], excluded: {}, channel: 'sms' as const,
      propensity: 1, allocationVersion: 0, policy: 'thompson' as const, decisionSeed: 1, status: 'queued' as const, decidedAt: '2026-01-01T00:00:00.000Z',
      variables: {}, contact: {}, attempts: 0,
    };
    const item = assignmentEntity.item(decision, decision);
    expect(item).toMatchObject({ pk: 'ASSIGN#a-1', sk: 'META', gsi3pk: 'CUST#c', entity: 'assignment' });
    expect(item.gsi4pk).toBeUndefined(); // a queued decision enters gsi4 only once sent (or on a rare path)
    expect(assignmentEntity.parse(item)).toEqual(decision);
  });

  it('refuses a stored item that does not match, naming the entity and the attribute', () => {
    const entity = defineEntity({ name: 'thing', summary: 'thing', schema: z.object({ count: z.number() }), key: () => ({ pk: 'T', sk: 'T' }), layout: { pk: 'T', sk: 'T' } });
    expect(() => entity.parse({ pk: 'T', sk: 'T', count: 'three' })).toThrow(StoredItemError);
    expect(() => entity.parse({ pk: 'T', sk: 'T', count: 'three' })).toThrow(/stored thing item .*count/);
  });
});
