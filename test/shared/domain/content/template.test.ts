import { describe, expect, it } from 'vitest';
import { escapeHtml, missingVariables, renderTemplate, templateVariables } from '../../../../shared/domain/content/template';

describe('templates', () => {
  it.each([
    { name: 'no variables', text: 'Hello', expected: [] },
    { name: 'one variable with spaces', text: 'Hi {{ firstName }}!', expected: ['firstName'] },
    { name: 'repeated and dotted', text: '{{a}} {{b.c}} {{a}}', expected: ['a', 'b.c'] },
    { name: 'not a variable', text: '{{ 1abc }} {single}', expected: [] },
  ])('finds the variables of $name', ({ text, expected }) => {
    expect(templateVariables(text)).toEqual(expected);
  });

  it('renders with escaping when asked', () => {
    expect(renderTemplate('<p>{{name}}</p>', { name: '<b>Ana & "Bo"</b>' }, { escape: escapeHtml })).toBe('<p>&lt;b&gt;Ana &amp; &quot;Bo&quot;&lt;/b&gt;</p>');
    expect(renderTemplate('Hi {{name}}', { name: '<b>' })).toBe('Hi <b>');
  });

  it('never renders a hole', () => {
    expect(() => renderTemplate('Hi {{name}}', {})).toThrow('template variable "name" has no value');
    expect(missingVariables(['{{a}} {{b}}', '{{c}}'], { b: 'x' })).toEqual(['a', 'c']);
  });
});

describe('variables named like Object members', () => {
  it.each(['constructor', 'toString', 'hasOwnProperty', 'valueOf'])('{{%s}} without a value is missing, never rendered as native code', (name) => {
    expect(missingVariables([`Hi {{${name}}}`], {})).toEqual([name]);
    expect(() => renderTemplate(`Hi {{${name}}}`, {})).toThrow(`"${name}" has no value`);
    expect(renderTemplate(`Hi {{${name}}}`, { [name]: 'Ada' })).toBe('Hi Ada');
  });
});
