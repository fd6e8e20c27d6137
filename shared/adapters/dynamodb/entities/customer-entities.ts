import * as z from 'zod';
import type { Customer } from '../../../domain/customer/customer';
import { type Channel, ChannelSchema } from '../../../domain/experiment/channels';
import { defineEntity } from './define-entity';
import { opaque, StoredInstant } from './stored-values';

/** Partition of everything stored under a customer id. */
export const customerPartition = (id: string) => `CUST#${id}`;

/** A customer profile as stored (the opt-outs live in their own item). */
export type CustomerProfile = Omit<Customer, 'optOuts' | 'erasedAt'>;

/** Customer profiles: attributes, contact, consents (deleted on erasure). */
export const customerProfileEntity = defineEntity<CustomerProfile, { readonly id: string }>({
  name: 'customer',
  summary: 'customer profile',
  schema: z.object({
    id: z.string(),
    attributes: z.record(z.string(), z.unknown()),
    contact: opaque<Customer['contact']>('contact'),
    consents: opaque<Customer['consents']>('consents'),
    updatedAt: StoredInstant,
  }),
  key: ({ id }) => ({ pk: customerPartition(id), sk: 'PROFILE' }),
  layout: { pk: '`CUST#<id>`', sk: '`PROFILE`' },
});

/** A customer's suppression list: what survives erasure. */
export interface SuppressionList {
  /** Channel → ISO instant of the first opt-out. */
  readonly optOuts: Readonly<Partial<Record<Channel, string>>>;
  /** ISO instant of the last change. */
  readonly updatedAt: string;
  /** ISO instant the profile was erased. */
  readonly erasedAt?: string;
}

/** Opt-outs, in their own item so that erasing the profile keeps them. */
export const suppressionEntity = defineEntity<SuppressionList, { readonly id: string }>({
  name: 'suppression',
  summary: 'opt-outs (survive erasure)',
  schema: z.object({
    optOuts: z.partialRecord(ChannelSchema, z.string()).default({}),
    updatedAt: StoredInstant,
    erasedAt: StoredInstant.optional(),
  }),
  key: ({ id }) => ({ pk: customerPartition(id), sk: 'OPTOUTS' }),
  layout: { pk: '`CUST#<id>`', sk: '`OPTOUTS`' },
});
