import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import cases from '../../../fixtures/segments/cases.json';
import { assignSegment, matchesRule, type Segment } from '../../../../shared/domain/segments/evaluate-segment';
import { type SegmentRule, SegmentRuleSchema } from '../../../../shared/domain/segments/segment-rule';

describe('matchesRule', () => {
  it.each(cases.rules)('$name', ({ rule, attributes, expected }) => {
    const parsed = SegmentRuleSchema.parse(rule);
    expect(matchesRule(parsed, attributes)).toBe(expected);
  });

  const conditionArb = fc.record({
    attribute: fc.constantFrom('age', 'country', 'orders'),
    op: fc.constantFrom('eq' as const, 'neq' as const, 'gt' as const, 'lte' as const),
    value: fc.oneof(fc.integer({ min: 0, max: 100 }), fc.constantFrom('FR', 'DE')),
  });
  const attributesArb = fc.record({ age: fc.integer({ min: 0, max: 100 }), country: fc.constantFrom('FR', 'DE', 'IT') }, { requiredKeys: [] });

  it('not(rule) is the negation of rule', () => {
    fc.assert(fc.property(conditionArb, attributesArb, (condition, attributes) => matchesRule({ not: condition }, attributes) === !matchesRule(condition, attributes)));
  });

  it('all and any follow De Morgan', () => {
    fc.assert(
      fc.property(fc.array(conditionArb, { minLength: 1, maxLength: 4 }), attributesArb, (conditions, attributes) => {
        const negated: SegmentRule[] = conditions.map((condition) => ({ not: condition }));
        return matchesRule({ not: { all: conditions } }, attributes) === matchesRule({ any: negated }, attributes);
      }),
    );
  });
});

describe('assignSegment', () => {
  it.each(cases.segments)('$name', ({ segments, attributes, expected }) => {
    const parsed: Segment[] = segments.map((segment) => ({ name: segment.name, rule: SegmentRuleSchema.parse(segment.rule) }));
    expect(assignSegment(parsed, attributes)).toBe(expected);
  });
});

describe('SegmentRuleSchema', () => {
  it.each([
    { name: 'in without a list', rule: { attribute: 'country', op: 'in', value: 'FR' }, message: 'operator "in" needs a list value' },
    { name: 'eq without a value', rule: { attribute: 'age', op: 'eq' }, message: 'operator "eq" needs a value' },
    { name: 'gt with a list', rule: { attribute: 'age', op: 'gt', value: [1] }, message: 'operator "gt" takes a single value, not a list' },
    { name: 'gt with a boolean', rule: { attribute: 'age', op: 'gt', value: true }, message: 'operator "gt" compares numbers or strings, not booleans' },
    { name: 'exists with a string', rule: { attribute: 'age', op: 'exists', value: 'yes' }, message: 'operator "exists" takes true, false or no value' },
  ])('refuses $name', ({ rule, message }) => {
    const result = SegmentRuleSchema.safeParse(rule);
    expect(result.success).toBe(false);
    expect(result.error?.issues.map((issue) => issue.message)).toContain(message);
  });
});
