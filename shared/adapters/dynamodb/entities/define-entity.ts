import type { z } from 'zod';

/** The primary key of an item of the single table. */
export type TableKey = {
  /** Partition key. */
  readonly pk: string;
  /** Sort key. */
  readonly sk: string;
};

/** Index key attributes an item may carry (an item is in an index only while it has that index's keys). */
export interface IndexKeys {
  /** GSI1 partition key. */
  readonly gsi1pk?: string;
  /** GSI1 sort key. */
  readonly gsi1sk?: string;
  /** GSI2 partition key. */
  readonly gsi2pk?: string;
  /** GSI2 sort key. */
  readonly gsi2sk?: string;
  /** GSI3 partition key (decisions by customer; keys and `uncapped` projected). */
  readonly gsi3pk?: string;
  /** GSI3 sort key. */
  readonly gsi3sk?: string;
  /** GSI4 partition key (decisions by state; keys only). */
  readonly gsi4pk?: string;
  /** GSI4 sort key. */
  readonly gsi4sk?: string;
  /** Set on a decision that no longer counts against the frequency cap (projected into GSI3). */
  readonly uncapped?: true;
}

/** How an entity's keys look, in words: the rows of the data-model table in `docs/architecture.md`. */
export interface EntityLayout {
  /** Partition key pattern, e.g. `` `EXP#<id>` ``. */
  readonly pk: string;
  /** Sort key pattern. */
  readonly sk: string;
  /** GSI1 key patterns (`pk` / `sk`), if the entity is in GSI1. */
  readonly gsi1?: string;
  /** GSI2 key patterns, if the entity is in GSI2. */
  readonly gsi2?: string;
  /** GSI3 key patterns, if the entity is in GSI3. */
  readonly gsi3?: string;
  /** GSI4 key patterns, if the entity is in GSI4. */
  readonly gsi4?: string;
}

/** What an item type declares once: its tag, schema, keys and layout. */
export interface EntityDeclaration<TValue, TKeyInput> {
  /** Entity tag stored in every item's `entity` attribute. */
  readonly name: string;
  /** What the item is, in a few words (the docs table's first column). */
  readonly summary: string;
  /** Schema of the stored value, applied on every read (key and bookkeeping attributes are stripped by it). */
  readonly schema: z.ZodType<TValue>;
  /** The primary key, from named attributes. */
  readonly key: (input: TKeyInput) => TableKey;
  /** The index keys of a value (none by default). */
  readonly indexes?: (value: TValue) => IndexKeys;
  /** Key patterns in words. */
  readonly layout: EntityLayout;
}

/** A declared entity: its declaration plus the item it writes and the value it reads. */
export interface Entity<TValue, TKeyInput> extends EntityDeclaration<TValue, TKeyInput> {
  /** The whole item of a value: keys, index keys, entity tag and attributes. */
  item(value: TValue, keyInput: TKeyInput): Record<string, unknown>;
  /** The value of a stored item, validated by the schema (throws naming the entity when it does not match). */
  parse(item: Record<string, unknown>): TValue;
}

/** Raised when a stored item does not match its entity's schema (a bug or a corrupted item, never bad input). */
export class StoredItemError extends Error {
  /** @param entity - the entity tag; @param detail - what did not match. */
  constructor(entity: string, detail: string) {
    super(`stored ${entity} item does not match its schema: ${detail}`);
    this.name = 'StoredItemError';
  }
}

/** Attributes of every item that belong to the table, not to the stored value. */
export const BOOKKEEPING_ATTRIBUTES = ['pk', 'sk', 'gsi1pk', 'gsi1sk', 'gsi2pk', 'gsi2sk', 'gsi3pk', 'gsi3sk', 'gsi4pk', 'gsi4sk', 'uncapped', 'entity'] as const;

/** The item without its keys and entity tag. */
function withoutBookkeeping(item: Record<string, unknown>): Record<string, unknown> {
  const value = { ...item };
  for (const name of BOOKKEEPING_ATTRIBUTES) delete value[name];
  return value;
}

/**
 * Declares an item type of the single table (ElectroDB style: keys built from named attributes,
 * one declaration per entity, the schema applied on read).
 */
export function defineEntity<TValue, TKeyInput>(declaration: EntityDeclaration<TValue, TKeyInput>): Entity<TValue, TKeyInput> {
  return {
    ...declaration,
    item: (value, keyInput) => ({ ...declaration.key(keyInput), ...declaration.indexes?.(value), entity: declaration.name, ...value }),
    parse: (item) => {
      const parsed = declaration.schema.safeParse(withoutBookkeeping(item));
      if (!parsed.success) {
        throw new StoredItemError(declaration.name, parsed.error.issues.map((issue) => `${issue.path.join('.') || '(item)'}: ${issue.message}`).join('; '));
      }
      return parsed.data;
    },
  };
}
