/**
 * The segment rule builder's model: groups ("all of", "any of", "none of") of conditions and
 * groups, converted to and from the API's rule (`{ all }`, `{ any }`, `{ not: { any } }`,
 * conditions). Values keep what was typed, with the type the rule compares as (text, number,
 * true/false): rules never coerce, so "50" and 50 differ.
 */
import { OPERATORS, type Operator, type Scalar, type SegmentRule } from '../../../../shared/domain/segments/segment-rule';

export { OPERATORS };

/** How a condition's value is compared. */
export type ValueType = 'text' | 'number' | 'boolean';

/** A condition as edited. */
export interface ConditionDraft {
  readonly kind: 'condition';
  readonly attribute: string;
  readonly op: Operator;
  /** As typed (a comma-separated list for `in`/`nin`; `true`/`false` for `exists`). */
  readonly value: string;
  readonly valueType: ValueType;
}

/** A group as edited. */
export interface GroupDraft {
  readonly kind: 'group';
  /** `all`: every rule; `any`: at least one; `none`: not any. */
  readonly combinator: 'all' | 'any' | 'none';
  readonly children: readonly RuleDraft[];
}

/** A node of the builder. */
export type RuleDraft = ConditionDraft | GroupDraft;

/** Operators in words. */
export const OPERATOR_WORDS: Readonly<Record<Operator, string>> = {
  eq: 'is',
  neq: 'is not',
  in: 'is one of',
  nin: 'is none of',
  gt: 'is more than',
  gte: 'is at least',
  lt: 'is less than',
  lte: 'is at most',
  exists: 'is known',
  contains: 'contains',
};

/** Combinators in words. */
export const COMBINATOR_WORDS: Readonly<Record<GroupDraft['combinator'], string>> = {
  all: 'all of these (and)',
  any: 'any of these (or)',
  none: 'none of these (not)',
};

/** A new empty condition. */
export function newCondition(): ConditionDraft {
  return { kind: 'condition', attribute: '', op: 'eq', value: '', valueType: 'text' };
}

/** A new group with one empty condition. */
export function newGroup(combinator: GroupDraft['combinator'] = 'all'): GroupDraft {
  return { kind: 'group', combinator, children: [newCondition()] };
}

function typeOf(value: Scalar): ValueType {
  return typeof value === 'number' ? 'number' : typeof value === 'boolean' ? 'boolean' : 'text';
}

/** The builder's model of an API rule (the top is always a group). */
export function ruleToDraft(rule: SegmentRule): GroupDraft {
  const node = toNode(rule);
  return node.kind === 'group' ? node : { kind: 'group', combinator: 'all', children: [node] };
}

function toNode(rule: SegmentRule): RuleDraft {
  if ('all' in rule) return { kind: 'group', combinator: 'all', children: rule.all.map(toNode) };
  if ('any' in rule) return { kind: 'group', combinator: 'any', children: rule.any.map(toNode) };
  if ('not' in rule) {
    const inner = rule.not;
    return { kind: 'group', combinator: 'none', children: 'any' in inner ? inner.any.map(toNode) : [toNode(inner)] };
  }
  const { value } = rule;
  if (Array.isArray(value)) {
    const first = value[0];
    return { kind: 'condition', attribute: rule.attribute, op: rule.op, value: value.map(String).join(', '), valueType: first === undefined ? 'text' : typeOf(first) };
  }
  if (value === undefined) return { kind: 'condition', attribute: rule.attribute, op: rule.op, value: rule.op === 'exists' ? 'true' : '', valueType: rule.op === 'exists' ? 'boolean' : 'text' };
  return { kind: 'condition', attribute: rule.attribute, op: rule.op, value: String(value), valueType: typeOf(value as Scalar) };
}

/**
 * A typed value as the API compares it. A number that does not parse is sent as typed, so the
 * API's error names it rather than the builder guessing.
 */
export function parseScalar(text: string, type: ValueType): Scalar {
  const trimmed = text.trim();
  if (type === 'number') {
    const number = Number(trimmed);
    return trimmed !== '' && Number.isFinite(number) ? number : trimmed;
  }
  if (type === 'boolean') return trimmed === 'true' ? true : trimmed === 'false' ? false : trimmed;
  return text;
}

function conditionToRule(condition: ConditionDraft): SegmentRule {
  const { attribute, op } = condition;
  if (op === 'exists') return { attribute: attribute.trim(), op, value: condition.value.trim() !== 'false' };
  if (op === 'in' || op === 'nin') {
    const items = condition.value.split(',').map((item) => item.trim()).filter((item) => item !== '');
    return { attribute: attribute.trim(), op, value: items.map((item) => parseScalar(item, condition.valueType)) };
  }
  return { attribute: attribute.trim(), op, value: parseScalar(condition.value, condition.valueType) };
}

/** The API rule of a builder node. */
export function draftToRule(node: RuleDraft): SegmentRule {
  if (node.kind === 'condition') return conditionToRule(node);
  const children = node.children.map(draftToRule);
  if (node.combinator === 'none') return { not: { any: children } };
  if (node.combinator === 'any') return { any: children };
  return { all: children };
}

/** The API path of a builder child, from its parent's path: `…rule.all[0]`, `…rule.not.any[1]`. */
export function childPath(parentPath: string, group: GroupDraft, index: number): string {
  return group.combinator === 'none' ? `${parentPath}.not.any[${index}]` : `${parentPath}.${group.combinator}[${index}]`;
}

/** Every API path a builder tree renders a field for (the group itself and each condition's fields). */
export function rulePaths(path: string, node: RuleDraft): string[] {
  if (node.kind === 'condition') return [path, `${path}.attribute`, `${path}.op`, `${path}.value`];
  return [path, ...node.children.flatMap((child, index) => rulePaths(childPath(path, node, index), child))];
}

/** A short sentence of the rule: `age is at least 50 and country is one of FR, BE`. */
export function describeRule(node: RuleDraft): string {
  if (node.kind === 'condition') {
    if (node.op === 'exists') return `${node.attribute || '…'} ${node.value.trim() === 'false' ? 'is unknown' : 'is known'}`;
    return `${node.attribute || '…'} ${OPERATOR_WORDS[node.op]} ${node.value || '…'}`;
  }
  const parts = node.children.map((child) => (child.kind === 'group' ? `(${describeRule(child)})` : describeRule(child)));
  if (node.combinator === 'none') return `not (${parts.join(' or ')})`;
  return parts.join(node.combinator === 'all' ? ' and ' : ' or ');
}
