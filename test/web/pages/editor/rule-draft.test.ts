import { describe, expect, it } from 'vitest';
import type { SegmentRule } from '../../../../shared/domain/segments/segment-rule';
import { describeRule, draftToRule, parseScalar, rulePaths, ruleToDraft } from '../../../../web/src/pages/editor/rule-draft';

describe('rule builder model', () => {
  it.each<{ name: string; rule: SegmentRule; back: SegmentRule; sentence: string }>([
    { name: 'a condition (wrapped in an all-group)', rule: { attribute: 'age', op: 'gte', value: 50 }, back: { all: [{ attribute: 'age', op: 'gte', value: 50 }] }, sentence: 'age is at least 50' },
    {
      name: 'an any-group with a list',
      rule: { any: [{ attribute: 'country', op: 'in', value: ['FR', 'BE'] }, { attribute: 'vip', op: 'eq', value: true }] },
      back: { any: [{ attribute: 'country', op: 'in', value: ['FR', 'BE'] }, { attribute: 'vip', op: 'eq', value: true }] },
      sentence: 'country is one of FR, BE or vip is true',
    },
    { name: 'a not-any group', rule: { not: { any: [{ attribute: 'app.platform', op: 'exists' }] } }, back: { not: { any: [{ attribute: 'app.platform', op: 'exists', value: true }] } }, sentence: 'not (app.platform is known)' },
    {
      name: 'nested groups',
      rule: { all: [{ attribute: 'age', op: 'lt', value: 30 }, { any: [{ attribute: 'plan', op: 'eq', value: 'pro' }, { attribute: 'spend', op: 'gt', value: 100 }] }] },
      back: { all: [{ attribute: 'age', op: 'lt', value: 30 }, { any: [{ attribute: 'plan', op: 'eq', value: 'pro' }, { attribute: 'spend', op: 'gt', value: 100 }] }] },
      sentence: 'age is less than 30 and (plan is pro or spend is more than 100)',
    },
  ])('round-trips $name and says it in words', ({ rule, back, sentence }) => {
    const draft = ruleToDraft(rule);
    expect(draftToRule(draft)).toEqual(back);
    expect(describeRule(draft)).toBe(sentence);
  });

  it.each([
    ['50', 'number', 50],
    ['50', 'text', '50'],
    ['fifty', 'number', 'fifty'],
    ['true', 'boolean', true],
    ['yes', 'boolean', 'yes'],
  ] as const)('reads %j as %s: %j (unparsable values go as typed, for the API to name)', (text, type, value) => {
    expect(parseScalar(text, type)).toEqual(value);
  });

  it('lists the API paths of every condition field, for placing errors', () => {
    const draft = ruleToDraft({ not: { any: [{ attribute: 'a', op: 'exists' }] } });
    expect(rulePaths('segments[0].rule', draft)).toEqual(['segments[0].rule', 'segments[0].rule.not.any[0]', 'segments[0].rule.not.any[0].attribute', 'segments[0].rule.not.any[0].op', 'segments[0].rule.not.any[0].value']);
  });
});
