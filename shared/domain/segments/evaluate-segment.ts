import type { Condition, Scalar, SegmentRule } from './segment-rule';

/** Customer attributes as given by the marketer's systems (JSON values). */
export type Attributes = Readonly<Record<string, unknown>>;

/** Name of the implicit last segment that matches everyone. */
export const DEFAULT_SEGMENT = 'default';

/** A named segment: first match wins. */
export interface Segment {
  /** Segment name, unique within an experiment. */
  readonly name: string;
  /** Rule a customer must satisfy. */
  readonly rule: SegmentRule;
}

/** Reads `a.b.c` from nested attributes; `undefined` where any step is missing. */
export function readAttribute(attributes: Attributes, path: string): unknown {
  if (Object.hasOwn(attributes, path)) return attributes[path];
  let current: unknown = attributes;
  for (const key of path.split('.')) {
    if (current === null || typeof current !== 'object' || !Object.hasOwn(current, key)) return undefined;
    current = (current as Record<string, unknown>)[key];
  }
  return current;
}

function equalScalars(left: unknown, right: Scalar): boolean {
  return left === right;
}

function compare(left: unknown, right: Scalar, test: (order: number) => boolean): boolean {
  if (typeof left === 'number' && typeof right === 'number') return !Number.isNaN(left) && test(left - right);
  if (typeof left === 'string' && typeof right === 'string') return test(left < right ? -1 : left > right ? 1 : 0);
  return false;
}

function evaluateCondition(condition: Condition, attributes: Attributes): boolean {
  const actual = readAttribute(attributes, condition.attribute);
  const { value } = condition;
  const present = actual !== undefined && actual !== null;
  switch (condition.op) {
    case 'exists':
      return present === (value === undefined ? true : value === true);
    case 'eq':
      return present && equalScalars(actual, value as Scalar);
    case 'neq':
      return !present || !equalScalars(actual, value as Scalar);
    case 'in':
      return present && (value as readonly Scalar[]).some((candidate) => equalScalars(actual, candidate));
    case 'nin':
      return !present || !(value as readonly Scalar[]).some((candidate) => equalScalars(actual, candidate));
    case 'gt':
      return present && compare(actual, value as Scalar, (order) => order > 0);
    case 'gte':
      return present && compare(actual, value as Scalar, (order) => order >= 0);
    case 'lt':
      return present && compare(actual, value as Scalar, (order) => order < 0);
    case 'lte':
      return present && compare(actual, value as Scalar, (order) => order <= 0);
    case 'contains':
      if (typeof actual === 'string') return typeof value === 'string' && actual.includes(value);
      if (Array.isArray(actual)) return actual.some((item) => equalScalars(item, value as Scalar));
      return false;
  }
}

/**
 * Whether `attributes` satisfy `rule`. Missing attributes never satisfy a positive comparison
 * (`eq`, `gt`, `in`, `contains`…) and always satisfy its negation (`neq`, `nin`); types never coerce
 * (`"50"` is not `50`).
 */
export function matchesRule(rule: SegmentRule, attributes: Attributes): boolean {
  if ('all' in rule) return rule.all.every((child) => matchesRule(child, attributes));
  if ('any' in rule) return rule.any.some((child) => matchesRule(child, attributes));
  if ('not' in rule) return !matchesRule(rule.not, attributes);
  return evaluateCondition(rule, attributes);
}

/** The first segment whose rule matches, or {@link DEFAULT_SEGMENT}. */
export function assignSegment(segments: readonly Segment[], attributes: Attributes): string {
  return segments.find((segment) => matchesRule(segment.rule, attributes))?.name ?? DEFAULT_SEGMENT;
}
