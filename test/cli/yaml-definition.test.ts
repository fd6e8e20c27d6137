import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { checkDefinitionYaml, pathSegments } from '../../cli/yaml-definition';

const VALID = readFileSync(new URL('../../examples/post-purchase-survey.yaml', import.meta.url), 'utf8');

/** A minimal valid definition; cases below break one thing at a known line. */
const BASE = [
  'name: Survey', //                         1
  'stage: post_purchase', //                 2
  'channels:', //                            3
  '  - channel: sms', //                     4
  '    text: "How was it? {{surveyUrl}}"', // 5
  '  - channel: email', //                   6
  '    subject: How was it?', //             7
  '    text: "Tell us: {{surveyUrl}}"', //   8
  'variables: [surveyUrl]', //               9
  'goal:', //                                10
  '  event: survey_completed', //            11
  '  windowHours: 72', //                    12
].join('\n');

function replaceLine(line: number, text: string): string {
  return BASE.split('\n').map((current, index) => (index === line - 1 ? text : current)).join('\n');
}

describe('YAML definitions: problems located at their line', () => {
  it('accepts the minimal definition and the example file', () => {
    expect(checkDefinitionYaml(BASE).ok).toBe(true);
    expect(checkDefinitionYaml(VALID).ok).toBe(true);
  });

  it.each([
    { name: 'empty name', yaml: replaceLine(1, 'name: "  "'), path: 'name', line: 1, message: /must not be empty/ },
    { name: 'unknown stage', yaml: replaceLine(2, 'stage: after_sale'), path: 'stage', line: 2, message: /./ },
    { name: 'unknown field in a channel', yaml: replaceLine(7, '    subjekt: How was it?'), path: 'channels[1].subjekt', line: 7, message: /unknown field "subjekt"/ },
    { name: 'unknown top-level field', yaml: `${BASE}\ncolour: blue`, path: 'colour', line: 13, message: /unknown field "colour"/ },
    { name: 'window out of range', yaml: replaceLine(12, '  windowHours: -1'), path: 'goal.windowHours', line: 12, message: /windowHours must be > 0/ },
    { name: 'missing required field: the parent mapping', yaml: replaceLine(12, ''), path: 'goal.windowHours', line: 11, message: /required/ },
    { name: 'repeated channel (cross-field rule)', yaml: replaceLine(6, '  - channel: sms').replace('    subject: How was it?\n', '').replace('    text: "Tell us: {{surveyUrl}}"', '    text: "again {{surveyUrl}}"'), path: 'channels[1].channel', line: 6, message: /repeated/ },
    { name: 'undeclared template variable', yaml: replaceLine(5, '    text: "Hi {{firstName}}"'), path: 'channels[0]', line: 4, message: /\{\{firstName\}\}/ },
    { name: 'YAML syntax error', yaml: replaceLine(9, 'variables: [surveyUrl'), path: '', line: 10, message: /^YAML: / },
    { name: 'bad key field', yaml: `key: "not ok!"\n${BASE}`, path: 'key', line: 1, message: /key must be/ },
  ])('$name → $path at line $line', ({ yaml, path, line, message }) => {
    const check = checkDefinitionYaml(yaml);
    expect(check.ok).toBe(false);
    if (check.ok) return;
    const problem = check.problems.find((candidate) => candidate.path === path);
    expect(problem, JSON.stringify(check.problems)).toBeDefined();
    expect(problem?.line).toBe(line);
    expect(problem?.message).toMatch(message);
  });

  it('refuses a file that is not a mapping', () => {
    const check = checkDefinitionYaml('- just\n- a list\n');
    expect(check.ok).toBe(false);
    if (!check.ok) expect(check.problems[0]).toMatchObject({ path: '', line: 1 });
  });

  it('strips the CLI-only key field before validation', () => {
    const check = checkDefinitionYaml(`key: survey-2026\n${BASE}`);
    expect(check.ok).toBe(true);
    if (check.ok) {
      expect(check.key).toBe('survey-2026');
      expect(check.input).not.toHaveProperty('key');
    }
  });

  it.each([
    ['channels[1].text', ['channels', 1, 'text']],
    ['goal', ['goal']],
    ['', []],
    ['segments[0].rule.all[2].value', ['segments', 0, 'rule', 'all', 2, 'value']],
  ])('splits the path %s', (path, segments) => {
    expect(pathSegments(path)).toEqual(segments);
  });
});
