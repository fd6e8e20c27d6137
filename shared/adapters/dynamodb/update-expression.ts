/** The expression parts of an `UpdateItem` (or of a transaction's `Update`). */
export interface UpdateParts {
  /** `SET … ADD … REMOVE …`. */
  readonly UpdateExpression: string;
  /** Placeholder names. */
  readonly ExpressionAttributeNames: Record<string, string>;
  /** Placeholder values (absent when the expression uses none: DynamoDB refuses an empty map). */
  readonly ExpressionAttributeValues?: Record<string, unknown>;
}

/** A condition with its own placeholders (prefix them so they cannot clash with the update's: `#c…`, `:c…`). */
export interface ConditionParts {
  /** The condition expression. */
  readonly expression: string;
  /** Its placeholder names. */
  readonly names?: Record<string, string>;
  /** Its placeholder values. */
  readonly values?: Record<string, unknown>;
}

/** What an update does. Attribute paths may be nested with dots (`optOuts.email`). */
export interface UpdateSpec {
  /** Attributes to set (undefined values are skipped). */
  readonly set?: Readonly<Record<string, unknown>>;
  /** Attributes to set only where absent (`if_not_exists`). */
  readonly setIfAbsent?: Readonly<Record<string, unknown>>;
  /** Numbers to add (`ADD`). */
  readonly add?: Readonly<Record<string, number>>;
  /** Attributes to remove. */
  readonly remove?: readonly string[];
  /** The condition of the write. */
  readonly condition?: ConditionParts;
}

/** The one way this code base builds update expressions: placeholders for every name and value. */
export function buildUpdate(spec: UpdateSpec): UpdateParts & { readonly ConditionExpression?: string } {
  const names: Record<string, string> = {};
  const values: Record<string, unknown> = {};
  const nameIds = new Map<string, string>();
  const path = (attribute: string): string =>
    attribute
      .split('.')
      .map((segment) => {
        let id = nameIds.get(segment);
        if (id === undefined) {
          id = `#u${nameIds.size}`;
          nameIds.set(segment, id);
          names[id] = segment;
        }
        return id;
      })
      .join('.');
  let valueCount = 0;
  const value = (raw: unknown): string => {
    const id = `:u${valueCount}`;
    valueCount += 1;
    values[id] = raw;
    return id;
  };

  const sets = [
    ...Object.entries(spec.set ?? {}).flatMap(([name, raw]) => (raw === undefined ? [] : [`${path(name)} = ${value(raw)}`])),
    ...Object.entries(spec.setIfAbsent ?? {}).flatMap(([name, raw]) => (raw === undefined ? [] : [`${path(name)} = if_not_exists(${path(name)}, ${value(raw)})`])),
  ];
  const adds = Object.entries(spec.add ?? {}).map(([name, raw]) => `${path(name)} ${value(raw)}`);
  const removes = (spec.remove ?? []).map(path);
  const clauses = [
    sets.length > 0 ? `SET ${sets.join(', ')}` : '',
    adds.length > 0 ? `ADD ${adds.join(', ')}` : '',
    removes.length > 0 ? `REMOVE ${removes.join(', ')}` : '',
  ].filter((clause) => clause !== '');
  if (clauses.length === 0) throw new Error('buildUpdate: an update must set, add or remove something');

  Object.assign(names, spec.condition?.names);
  Object.assign(values, spec.condition?.values);
  return {
    UpdateExpression: clauses.join(' '),
    ExpressionAttributeNames: names,
    ...(Object.keys(values).length > 0 ? { ExpressionAttributeValues: values } : {}),
    ...(spec.condition ? { ConditionExpression: spec.condition.expression } : {}),
  };
}
