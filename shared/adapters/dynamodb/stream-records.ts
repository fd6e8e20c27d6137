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

/**
 * An attribute value with its empty maps spelled out: the DynamoDB Streams client returns an
 * empty map (`{"M": {}}`) as `{}`, which `unmarshall` refuses. No other attribute value is an
 * empty object, so `{}` can only be an empty map.
 */
function repaired(value: unknown): unknown {
  if (typeof value !== 'object' || value === null) return value;
  const attribute = value as Record<string, unknown>;
  if (Object.keys(attribute).length === 0) return { M: {} };
  if (attribute.M && typeof attribute.M === 'object') return { M: repairedImage(attribute.M as Record<string, unknown>) };
  if (Array.isArray(attribute.L)) return { L: attribute.L.map(repaired) };
  return attribute;
}

/** An image with its empty maps spelled out (see {@link repaired}). */
function repairedImage(image: Record<string, unknown>): Record<string, unknown> {
  return Object.fromEntries(Object.entries(image).map(([name, value]) => [name, repaired(value)]));
}

/** The change a stream record describes, images unmarshalled to plain values. */
export function changeOf(record: TableStreamRecord): StreamChange {
  const data = record.dynamodb;
  const sequenceNumber = data?.SequenceNumber;
  if (sequenceNumber === undefined) throw new Error('a table stream record without a sequence number');
  const image = (value: Record<string, unknown> | undefined) => (value ? unmarshall(repairedImage(value) as Record<string, AttributeValue>) : undefined);
  const oldImage = image(data?.OldImage);
  const newImage = image(data?.NewImage);
  return { sequenceNumber, ...(oldImage ? { oldImage } : {}), ...(newImage ? { newImage } : {}) };
}
