import { describe, expect, it } from 'vitest';
import { type Customer, CustomerIdSchema, CustomerInputSchema, isTimeZone, OptOutInputSchema, optOutChannels, withOptOut } from '../../../../shared/domain/customer/customer';
import { CHANNELS } from '../../../../shared/domain/experiment/channels';
import { issuesToDetails } from '../../../../shared/domain/errors/zod-issues';

function problems(input: unknown) {
  const result = CustomerInputSchema.safeParse(input);
  return result.success ? [] : issuesToDetails(result.error.issues);
}

describe('customer input', () => {
  it('accepts a full profile and applies defaults', () => {
    expect(CustomerInputSchema.parse({})).toEqual({ attributes: {}, contact: {}, consents: {} });
    const full = { attributes: { age: 52 }, contact: { email: 'ada@example.com', phone: '+14155550123', pushEndpointArn: 'arn:aws:sns:us-east-1:123456789012:endpoint/APNS/app/abc', timezone: 'America/New_York' }, consents: { email: true, sms: false } };
    expect(CustomerInputSchema.parse(full)).toEqual(full);
  });

  it.each([
    { name: 'phone without +', input: { contact: { phone: '0612345678' } }, path: 'contact.phone', message: /E\.164/ },
    { name: 'phone too short', input: { contact: { phone: '+3361' } }, path: 'contact.phone', message: /E\.164/ },
    { name: 'phone with spaces', input: { contact: { phone: '+33 6 12 34 56 78' } }, path: 'contact.phone', message: /E\.164/ },
    { name: 'unknown time zone', input: { contact: { timezone: 'Mars/Olympus' } }, path: 'contact.timezone', message: /IANA/ },
    { name: 'an abbreviation is not a zone', input: { contact: { timezone: 'CET' } }, path: 'contact.timezone', message: /IANA/ },
    { name: 'bad email', input: { contact: { email: 'ada' } }, path: 'contact.email', message: /email/ },
    { name: 'not an SNS endpoint', input: { contact: { pushEndpointArn: 'arn:aws:sqs:us-east-1:123456789012:q' } }, path: 'contact.pushEndpointArn', message: /endpoint ARN/ },
    { name: 'unknown contact field', input: { contact: { fax: '1' } }, path: 'contact.fax', message: /unknown field/ },
    { name: 'unknown channel consent', input: { consents: { pigeon: true } }, path: 'consents.pigeon', message: /./ },
    { name: 'unknown top-level field', input: { optOuts: {} }, path: 'optOuts', message: /unknown field/ },
  ])('rejects $name, naming $path', ({ input, path, message }) => {
    const found = problems(input);
    expect(found.map((detail) => detail.path)).toContain(path);
    expect(found.find((detail) => detail.path === path)?.message).toMatch(message);
  });

  it.each(['Europe/Paris', 'America/New_York', 'Asia/Kolkata', 'UTC'])('%s is a time zone', (zone) => {
    expect(isTimeZone(zone)).toBe(true);
  });
  it.each(['Nowhere/City', 'EST', '', '+02:00'])('%j is not', (zone) => {
    expect(isTimeZone(zone)).toBe(false);
  });

  it.each([
    ['c-42', true],
    ['ada@example.com', true],
    ['a/b', false],
    ['a#b', false],
    ['has space', false],
    ['', false],
    ['x'.repeat(129), false],
  ])('customer id %j valid: %s', (id, valid) => {
    expect(CustomerIdSchema.safeParse(id).success).toBe(valid);
  });
});

describe('opt-outs', () => {
  const customer: Customer = { id: 'c1', attributes: {}, contact: {}, consents: {}, optOuts: { email: '2026-01-01T00:00:00.000Z' }, updatedAt: '2026-01-01T00:00:00.000Z' };

  it('"all" covers every channel', () => {
    expect(optOutChannels('all')).toEqual(CHANNELS);
    expect(optOutChannels('sms')).toEqual(['sms']);
  });

  it('keeps the time of the first opt-out and records new ones', () => {
    const later = withOptOut(customer, 'all', new Date('2026-02-01T00:00:00Z'));
    expect(later.optOuts).toEqual({
      email: '2026-01-01T00:00:00.000Z',
      sms: '2026-02-01T00:00:00.000Z',
      push: '2026-02-01T00:00:00.000Z',
      in_app: '2026-02-01T00:00:00.000Z',
      webhook: '2026-02-01T00:00:00.000Z',
    });
    expect(customer.optOuts).toEqual({ email: '2026-01-01T00:00:00.000Z' });
  });

  it.each([{ channel: 'email' }, { channel: 'all' }])('accepts %j', (body) => {
    expect(OptOutInputSchema.safeParse(body).success).toBe(true);
  });
  it.each([{}, { channel: 'fax' }, { channel: 'email', reason: 'x' }])('refuses %j', (body) => {
    expect(OptOutInputSchema.safeParse(body).success).toBe(false);
  });
});
