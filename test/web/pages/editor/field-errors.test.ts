import { describe, expect, it } from 'vitest';
import { emptyForm, newSegment } from '../../../../web/src/pages/editor/draft-form';
import { FieldErrors, fieldId, formPaths } from '../../../../web/src/pages/editor/field-errors';

const form = { ...emptyForm(), segments: [newSegment(0)] };
const paths = formPaths(form);

describe('placing the API errors beside their fields', () => {
  it.each([
    ['goal.windowHours', 'goal.windowHours'],
    ['channels[1].text', 'channels[1].text'],
    ['channels[0]', 'channels[0]'],
    ['segments[0].rule.all[0].value', 'segments[0].rule.all[0].value'],
    ['segments[0].rule.all[0]', 'segments[0].rule.all[0]'],
    ['policy.minShare', 'policy.minShare'],
    ['guardrails.quietHours.end', 'guardrails.quietHours.end'],
    ['schedule.endAt', ''],
    ['channels[0].subjectx', 'channels[0]'],
  ])('puts %s at %j', (path, field) => {
    const errors = new FieldErrors([{ path, message: 'wrong' }], paths);
    expect(errors.placed[0]?.field).toBe(field);
  });

  it('shows a deeper problem at its nearest field with the rest of its path', () => {
    const errors = new FieldErrors([{ path: 'channels[0].data.key', message: 'bad' }], [...paths, 'channels[0].data']);
    expect(errors.at('channels[0].data')).toEqual(['key: bad']);
  });

  it('makes ids that are valid selectors', () => {
    expect(fieldId('segments[0].rule.all[1].value')).toBe('f-segments-0-rule-all-1-value');
  });
});
