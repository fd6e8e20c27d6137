import { describe, expect, it } from 'vitest';
import { MAX_BATCH_RECIPIENTS, RecipientSchema, SendBodySchema } from '../../../../shared/domain/sends/send-request';
import { issuesToDetails } from '../../../../shared/domain/errors/zod-issues';

describe('send request bodies', () => {
  it('a recipient gets defaults', () => {
    expect(RecipientSchema.parse({ customerId: 'c1' })).toEqual({ customerId: 'c1', variables: {}, saveCustomer: false });
  });

  it.each([
    { name: 'missing customerId', body: { variables: {} }, path: 'customerId' },
    { name: 'bad phone inline', body: { customerId: 'c1', contact: { phone: '12' } }, path: 'contact.phone' },
    { name: 'bad time zone inline', body: { customerId: 'c1', contact: { timezone: 'Paris' } }, path: 'contact.timezone' },
    { name: 'unknown field', body: { customerId: 'c1', channel: 'sms' }, path: 'channel' },
    { name: 'non-string variable', body: { customerId: 'c1', variables: { firstName: 3 } }, path: 'variables.firstName' },
    { name: 'empty idempotency key', body: { customerId: 'c1', idempotencyKey: '' }, path: 'idempotencyKey' },
  ])('rejects $name naming $path', ({ body, path }) => {
    const result = RecipientSchema.safeParse(body);
    expect(result.success).toBe(false);
    expect(issuesToDetails(result.error?.issues ?? []).map((detail) => detail.path)).toContain(path);
  });

  it.each([
    { name: 'one recipient', body: { customerId: 'c1' }, ok: true },
    { name: 'a batch at the limit', body: { recipients: Array.from({ length: MAX_BATCH_RECIPIENTS }, (_, index) => ({ customerId: `c${index}` })) }, ok: true },
    { name: 'a batch with one bad recipient (checked one by one later)', body: { recipients: [{ customerId: 'c1' }, { nope: 1 }] }, ok: true },
    { name: 'a batch over the limit', body: { recipients: Array.from({ length: MAX_BATCH_RECIPIENTS + 1 }, (_, index) => ({ customerId: `c${index}` })) }, ok: false },
    { name: 'an empty batch', body: { recipients: [] }, ok: false },
  ])('body: $name', ({ body, ok }) => {
    expect(SendBodySchema.safeParse(body).success).toBe(ok);
  });
});
