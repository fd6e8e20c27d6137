import { readdirSync, readFileSync } from 'node:fs';
import * as path from 'node:path';
import { describe, expect, it } from 'vitest';
import { PROJECT_ROOT } from '../../../../infra/package-root';
import { buildUpdate, type UpdateSpec } from '../../../../shared/adapters/dynamodb/update-expression';

describe('buildUpdate', () => {
  it.each<[string, UpdateSpec, ReturnType<typeof buildUpdate>]>([
    [
      'sets values through placeholders',
      { set: { status: 'sent', messageId: 'm-1' } },
      { UpdateExpression: 'SET #u0 = :u0, #u1 = :u1', ExpressionAttributeNames: { '#u0': 'status', '#u1': 'messageId' }, ExpressionAttributeValues: { ':u0': 'sent', ':u1': 'm-1' } },
    ],
    [
      'skips undefined values',
      { set: { status: 'sent', sentAt: undefined } },
      { UpdateExpression: 'SET #u0 = :u0', ExpressionAttributeNames: { '#u0': 'status' }, ExpressionAttributeValues: { ':u0': 'sent' } },
    ],
    [
      'nested paths share the parent placeholder; if_not_exists keeps the first value',
      { setIfAbsent: { 'optOuts.email': 't1', 'optOuts.sms': 't1' } },
      {
        UpdateExpression: 'SET #u0.#u1 = if_not_exists(#u0.#u1, :u0), #u0.#u2 = if_not_exists(#u0.#u2, :u1)',
        ExpressionAttributeNames: { '#u0': 'optOuts', '#u1': 'email', '#u2': 'sms' },
        ExpressionAttributeValues: { ':u0': 't1', ':u1': 't1' },
      },
    ],
    [
      'adds, removes and carries the condition with its own placeholders',
      { add: { sends: 1 }, remove: ['gsi2pk'], condition: { expression: '#cstatus = :csending', names: { '#cstatus': 'status' }, values: { ':csending': 'sending' } } },
      {
        UpdateExpression: 'ADD #u0 :u0 REMOVE #u1',
        ExpressionAttributeNames: { '#u0': 'sends', '#u1': 'gsi2pk', '#cstatus': 'status' },
        ExpressionAttributeValues: { ':u0': 1, ':csending': 'sending' },
        ConditionExpression: '#cstatus = :csending',
      },
    ],
    ['a remove alone has no value map (DynamoDB refuses an empty one)', { remove: ['a'] }, { UpdateExpression: 'REMOVE #u0', ExpressionAttributeNames: { '#u0': 'a' } }],
  ])('%s', (_name, spec, expected) => {
    expect(buildUpdate(spec)).toEqual(expected);
  });

  it('refuses an update that changes nothing', () => {
    expect(() => buildUpdate({ set: { a: undefined } })).toThrow(/must set, add or remove/);
  });
});

describe('the one update-expression helper', () => {
  it('is the only place an adapter writes an UpdateExpression', () => {
    const adapters = path.join(PROJECT_ROOT, 'shared', 'adapters');
    const files = readdirSync(adapters, { recursive: true, encoding: 'utf8' }).filter((file) => file.endsWith('.ts') && !file.endsWith('update-expression.ts'));
    expect(files.filter((file) => /UpdateExpression\s*:/.test(readFileSync(path.join(adapters, file), 'utf8')))).toEqual([]);
  });
});
