import { describe, expect, it } from 'vitest';
import { changeOf } from '../../../../shared/adapters/dynamodb/stream-records';

describe('changeOf: a table stream record as a change of plain values', () => {
  it('reads both images and the sequence number', () => {
    expect(changeOf({ dynamodb: { SequenceNumber: '42', OldImage: { status: { S: 'sending' } }, NewImage: { status: { S: 'sent' }, n: { N: '2' } } } })).toEqual({
      sequenceNumber: '42',
      oldImage: { status: 'sending' },
      newImage: { status: 'sent', n: 2 },
    });
  });

  it('reads an empty map, which the DynamoDB Streams client gives as {} (a decision’s `excluded: {}`), at any depth', () => {
    expect(changeOf({ dynamodb: { SequenceNumber: '1', NewImage: { excluded: {}, nested: { M: { inner: {} } }, list: { L: [{}, { S: 'x' }] } } } }).newImage).toEqual({ excluded: {}, nested: { inner: {} }, list: [{}, 'x'] });
  });

  it('leaves an insert without an old image, a removal without a new one', () => {
    expect(changeOf({ dynamodb: { SequenceNumber: '7', NewImage: { a: { S: 'b' } } } })).toEqual({ sequenceNumber: '7', newImage: { a: 'b' } });
    expect(changeOf({ dynamodb: { SequenceNumber: '8', OldImage: { a: { S: 'b' } } } })).toEqual({ sequenceNumber: '8', oldImage: { a: 'b' } });
  });

  it('refuses a record without a sequence number', () => {
    expect(() => changeOf({ dynamodb: {} })).toThrow(/sequence number/);
  });
});
