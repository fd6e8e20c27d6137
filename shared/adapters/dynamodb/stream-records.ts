import type { AttributeValue } from '@aws-sdk/client-dynamodb';
import { unmarshall } from '@aws-sdk/util-dynamodb';
import type { StreamChange } from '../../domain/statistics/stream-counts';

/** A table stream record as Lambda's event and the DynamoDB Streams API both give it (images in DynamoDB JSON). */
export interface TableStreamRecord {
  readonly dynamodb?: {
    readonly SequenceNumber?: string;
    readonly OldImage?: Record<string, unknown>;
    readonly NewImage?: Record<string, unknown>;
  };
}

/** The change a stream record describes, images unmarshalled to plain values. */
export function changeOf(record: TableStreamRecord): StreamChange {
  const data = record.dynamodb;
  const sequenceNumber = data?.SequenceNumber;
  if (sequenceNumber === undefined) throw new Error('a table stream record without a sequence number');
  const image = (value: Record<string, unknown> | undefined) => (value ? unmarshall(value as Record<string, AttributeValue>) : undefined);
  const oldImage = image(data?.OldImage);
  const newImage = image(data?.NewImage);
  return { sequenceNumber, ...(oldImage ? { oldImage } : {}), ...(newImage ? { newImage } : {}) };
}
