import { describe, expect, it } from 'vitest';
import { parseDispatchRecords } from '../../../../shared/adapters/sqs/parse-dispatch-records';

describe('parseDispatchRecords', () => {
  it.each([
    { name: 'valid first delivery', body: '{"assignmentId":"a","experimentId":"e"}', count: '1', valid: true, receiveCount: 1 },
    { name: 'valid redelivery', body: '{"assignmentId":"a","experimentId":"e","attempt":2}', count: '3', valid: true, receiveCount: 3 },
    { name: 'not JSON', body: 'assignment a', count: '1', valid: false, reason: 'body is not JSON' },
    { name: 'missing experiment', body: '{"assignmentId":"a"}', count: '1', valid: false, reason: 'experimentId' },
    { name: 'unknown field', body: '{"assignmentId":"a","experimentId":"e","channel":"sms"}', count: '1', valid: false, reason: 'unknown field "channel"' },
    { name: 'attempt zero', body: '{"assignmentId":"a","experimentId":"e","attempt":0}', count: '1', valid: false, reason: 'attempt' },
    { name: 'JSON array', body: '[]', count: '1', valid: false, reason: 'invalid dispatch message' },
  ])('$name', ({ body, count, valid, receiveCount, reason }) => {
    const parsed = parseDispatchRecords([{ messageId: 'm-1', body, attributes: { ApproximateReceiveCount: count } }]);
    if (valid) {
      expect(parsed.invalid).toEqual([]);
      expect(parsed.messages[0]).toMatchObject({ messageId: 'm-1', receiveCount });
    } else {
      expect(parsed.messages).toEqual([]);
      expect(parsed.invalid[0]?.messageId).toBe('m-1');
      expect(parsed.invalid[0]?.reason).toContain(reason);
    }
  });

  it('keeps valid records when others in the batch are bad', () => {
    const parsed = parseDispatchRecords([
      { messageId: 'ok', body: '{"assignmentId":"a","experimentId":"e"}' },
      { messageId: 'bad', body: '{' },
    ]);
    expect(parsed.messages.map((record) => record.messageId)).toEqual(['ok']);
    expect(parsed.invalid.map((record) => record.messageId)).toEqual(['bad']);
  });
});
