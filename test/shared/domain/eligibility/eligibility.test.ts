import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { Contact, Customer } from '../../../../shared/domain/customer/customer';
import { eligibility, type EligibilityInput, hasAddress } from '../../../../shared/domain/eligibility/eligibility';
import { CHANNELS, type Channel } from '../../../../shared/domain/experiment/channels';
import { GuardrailsSchema } from '../../../../shared/domain/experiment/guardrails';

const ALL_CONSENT = { email: true, sms: true, push: true, in_app: true, webhook: true } as const;
const FULL_CONTACT: Contact = { email: 'ada@example.com', phone: '+33612345678', pushEndpointArn: 'arn:aws:sns:eu-west-1:123456789012:endpoint/GCM/app/1', timezone: 'Europe/Paris' };
/** 14:00 in Paris (summer): not quiet. */
const DAYTIME = new Date('2026-06-01T12:00:00Z');
/** 23:00 in Paris (summer): quiet; quiet hours end at 08:00 CEST = 06:00Z. */
const NIGHT = new Date('2026-06-01T21:00:00Z');

function input(overrides: Partial<Omit<EligibilityInput, 'customer'>> & { customer?: Partial<Pick<Customer, 'consents' | 'optOuts'>> } = {}): EligibilityInput {
  return {
    channels: ['email', 'sms'],
    contact: FULL_CONTACT,
    guardrails: GuardrailsSchema.parse({}),
    recentSends: 0,
    now: DAYTIME,
    ...overrides,
    customer: { consents: ALL_CONSENT, optOuts: {}, ...overrides.customer },
  };
}

describe('eligibility: consent, opt-out and address per channel', () => {
  it.each([
    { name: 'everything allowed', over: {}, channels: ['email', 'sms'], excluded: {} },
    { name: 'opted out of email', over: { customer: { optOuts: { email: '2026-01-01T00:00:00Z' } } }, channels: ['sms'], excluded: { email: 'opted_out' } },
    { name: 'no email consent', over: { customer: { consents: { sms: true } } }, channels: ['sms'], excluded: { email: 'no_consent' } },
    { name: 'email consent explicitly false', over: { customer: { consents: { email: false, sms: true } } }, channels: ['sms'], excluded: { email: 'no_consent' } },
    { name: 'no phone', over: { contact: { email: 'ada@example.com', timezone: 'Europe/Paris' } }, channels: ['email'], excluded: { sms: 'no_address' } },
    { name: 'opt-out wins over consent and address', over: { customer: { consents: ALL_CONSENT, optOuts: { sms: '2026-01-01T00:00:00Z' } } }, channels: ['email'], excluded: { sms: 'opted_out' } },
    { name: 'in-app needs no address', over: { channels: ['in_app', 'email'] as Channel[], contact: {} }, channels: ['in_app'], excluded: { email: 'no_address' } },
    { name: 'push needs an endpoint', over: { channels: ['push', 'email'] as Channel[], contact: { email: 'a@b.co', timezone: 'UTC' } }, channels: ['email'], excluded: { push: 'no_address' } },
  ])('$name', ({ over, channels, excluded }) => {
    expect(eligibility(input(over as Parameters<typeof input>[0]))).toEqual({ kind: 'eligible', channels, excluded });
  });

  it.each([
    { name: 'opted out of everything', over: { customer: { optOuts: { email: 'x', sms: 'x' } } }, reason: 'opted_out' },
    { name: 'opted out of one, no consent for the other: the opt-out is reported', over: { customer: { consents: { email: true }, optOuts: { email: 'x' } } }, reason: 'opted_out' },
    { name: 'no consent at all (unknown customer)', over: { customer: { consents: {} } }, reason: 'no_consent' },
    { name: 'no consent for one, no address for the other', over: { customer: { consents: { sms: true } }, contact: { email: 'a@b.co' } }, reason: 'no_consent' },
    { name: 'no address anywhere', over: { contact: {} }, reason: 'no_address' },
  ])('suppressed: $name → $reason', ({ over, reason }) => {
    const result = eligibility(input(over as Parameters<typeof input>[0]));
    expect(result).toMatchObject({ kind: 'suppressed', reason });
  });
});

describe('eligibility: frequency cap (across experiments, per customer)', () => {
  const capped = GuardrailsSchema.parse({ frequencyCap: { max: 3, perHours: 24 } });
  it.each([
    { recentSends: 0, kind: 'eligible' },
    { recentSends: 2, kind: 'eligible' },
    { recentSends: 3, kind: 'suppressed' },
    { recentSends: 7, kind: 'suppressed' },
  ])('max 3: $recentSends recent sends → $kind', ({ recentSends, kind }) => {
    const result = eligibility(input({ guardrails: capped, recentSends }));
    expect(result.kind).toBe(kind);
    if (kind === 'suppressed') expect(result).toMatchObject({ reason: 'frequency_cap' });
  });

  it('no cap: any number of recent sends is fine', () => {
    expect(eligibility(input({ recentSends: 1000 })).kind).toBe('eligible');
  });
});

describe('eligibility: quiet hours (SMS and push only)', () => {
  it.each([
    {
      name: 'daytime: SMS and email both deliverable',
      over: { now: DAYTIME },
      expected: { kind: 'eligible', channels: ['email', 'sms'], excluded: {} },
    },
    {
      name: 'night with email available: email is chosen now, SMS left out for quiet hours',
      over: { now: NIGHT },
      expected: { kind: 'eligible', channels: ['email'], excluded: { sms: 'quiet_hours' } },
    },
    {
      name: 'night, only SMS allowed: deferred to 08:00 local (06:00Z)',
      over: { now: NIGHT, customer: { consents: { sms: true } } },
      expected: { kind: 'deferred', channels: ['sms'], sendAt: new Date('2026-06-02T06:00:00Z'), excluded: { email: 'no_consent' } },
    },
    {
      name: 'night, SMS and push only: both deferred to the same end',
      over: { now: NIGHT, channels: ['sms', 'push'] as Channel[] },
      expected: { kind: 'deferred', channels: ['sms', 'push'], sendAt: new Date('2026-06-02T06:00:00Z'), excluded: {} },
    },
    {
      name: 'night, SMS and in-app: in-app now (it does not interrupt)',
      over: { now: NIGHT, channels: ['sms', 'in_app'] as Channel[] },
      expected: { kind: 'eligible', channels: ['in_app'], excluded: { sms: 'quiet_hours' } },
    },
    {
      name: '20:59 local: SMS still allowed',
      over: { now: new Date('2026-06-01T18:59:00Z'), customer: { consents: { sms: true } } },
      expected: { kind: 'eligible', channels: ['sms'], excluded: { email: 'no_consent' } },
    },
    {
      name: '21:00 local: SMS deferred to the next 08:00',
      over: { now: new Date('2026-06-01T19:00:00Z'), customer: { consents: { sms: true } } },
      expected: { kind: 'deferred', channels: ['sms'], sendAt: new Date('2026-06-02T06:00:00Z'), excluded: { email: 'no_consent' } },
    },
    {
      name: 'the customer’s own zone counts: 23:00 in Paris is 17:00 in New York',
      over: { now: NIGHT, contact: { ...FULL_CONTACT, timezone: 'America/New_York' } },
      expected: { kind: 'eligible', channels: ['email', 'sms'], excluded: {} },
    },
    {
      name: 'custom window 12:00-14:00 (no midnight wrap) at 13:00 local',
      over: { now: new Date('2026-06-01T11:00:00Z'), guardrails: GuardrailsSchema.parse({ quietHours: { start: '12:00', end: '14:00' } }), customer: { consents: { sms: true } } },
      expected: { kind: 'deferred', channels: ['sms'], sendAt: new Date('2026-06-01T12:00:00Z'), excluded: { email: 'no_consent' } },
    },
    {
      name: 'spring forward night in Paris, only SMS: deferred to 08:00 CEST',
      over: { now: new Date('2026-03-28T23:30:00Z'), customer: { consents: { sms: true } } },
      expected: { kind: 'deferred', channels: ['sms'], sendAt: new Date('2026-03-29T06:00:00Z'), excluded: { email: 'no_consent' } },
    },
    {
      name: 'fall back night in New York, only SMS: deferred to 08:00 EST',
      over: { now: new Date('2026-11-01T05:30:00Z'), contact: { ...FULL_CONTACT, timezone: 'America/New_York' }, customer: { consents: { sms: true } } },
      expected: { kind: 'deferred', channels: ['sms'], sendAt: new Date('2026-11-01T13:00:00Z'), excluded: { email: 'no_consent' } },
    },
  ])('$name', ({ over, expected }) => {
    expect(eligibility(input(over as Parameters<typeof input>[0]))).toEqual(expected);
  });
});

describe('eligibility: missing time zone (conservative: no SMS or push, day or night)', () => {
  const noZone: Contact = { email: 'ada@example.com', phone: '+33612345678', pushEndpointArn: FULL_CONTACT.pushEndpointArn ?? '' };
  it.each([DAYTIME, NIGHT])('at %s, SMS and push excluded with no_timezone, email still eligible', (now) => {
    expect(eligibility(input({ now, contact: noZone, channels: ['email', 'sms', 'push'] }))).toEqual({
      kind: 'eligible',
      channels: ['email'],
      excluded: { sms: 'no_timezone', push: 'no_timezone' },
    });
  });

  it('only SMS and push allowed: suppressed with no_timezone (the customer has an address)', () => {
    expect(eligibility(input({ contact: noZone, channels: ['sms', 'push'] }))).toEqual({
      kind: 'suppressed',
      reason: 'no_timezone',
      excluded: { sms: 'no_timezone', push: 'no_timezone' },
    });
  });
});

describe('eligibility laws', () => {
  const channelsArb = fc.uniqueArray(fc.constantFrom(...CHANNELS), { minLength: 1, maxLength: 5 });
  const flags = fc.dictionary(fc.constantFrom(...CHANNELS), fc.boolean());
  const contactArb = fc.record(
    {
      email: fc.constant('a@b.co'),
      phone: fc.constant('+33612345678'),
      pushEndpointArn: fc.constant('arn:aws:sns:eu-west-1:123456789012:endpoint/GCM/app/1'),
      timezone: fc.constantFrom('Europe/Paris', 'America/New_York', 'Asia/Tokyo'),
    },
    { requiredKeys: [] },
  );
  const nowArb = fc.integer({ min: Date.parse('2026-01-01T00:00:00Z'), max: Date.parse('2027-01-01T00:00:00Z') }).map((ms) => new Date(ms));

  it('never offers a channel the customer opted out of, lacks consent or an address for; quiet channels only when deferred', () => {
    fc.assert(
      fc.property(channelsArb, flags, flags, contactArb, nowArb, fc.integer({ min: 0, max: 5 }), (channels, consents, optedOut, contact, now, recentSends) => {
        const optOuts = Object.fromEntries(Object.entries(optedOut).filter(([, out]) => out).map(([channel]) => [channel, '2026-01-01T00:00:00Z']));
        const result = eligibility({ channels, customer: { consents, optOuts }, contact: contact as Contact, guardrails: GuardrailsSchema.parse({ frequencyCap: { max: 3, perHours: 24 } }), recentSends, now });
        if (result.kind === 'suppressed') return;
        expect(recentSends).toBeLessThan(3);
        expect(result.channels.length).toBeGreaterThan(0);
        for (const channel of result.channels) {
          expect(channels).toContain(channel);
          expect(optOuts[channel]).toBeUndefined();
          expect(consents[channel]).toBe(true);
          expect(hasAddress(channel, contact as Contact)).toBe(true);
          if (channel === 'sms' || channel === 'push') expect(contact.timezone).toBeDefined();
        }
        if (result.kind === 'deferred') {
          expect(result.channels.every((channel) => channel === 'sms' || channel === 'push')).toBe(true);
          expect(result.sendAt.getTime()).toBeGreaterThan(now.getTime());
        }
      }),
      { numRuns: 500 },
    );
  });
});
