import { describe, expect, it } from 'vitest';
import { describeSuppression } from '../../../../shared/domain/eligibility/suppression-message';

describe('describeSuppression', () => {
  it.each([
    { reason: 'unknown_customer', excluded: { sms: 'no_consent' }, expected: /^customer c-1 has no profile \(create it with PUT \/v1\/customers\/c-1.*\(sms: no consent\)$/ },
    { reason: 'no_consent', excluded: { sms: 'no_address', email: 'no_consent' }, expected: /^no channel may reach customer c-1 now: sms: consent given but no phone number; email: no consent$/ },
    { reason: 'no_address', excluded: { push: 'no_address' }, expected: /push: consent given but no push endpoint \(contact.pushEndpointArn\)$/ },
    { reason: 'no_timezone', excluded: { sms: 'no_timezone' }, expected: /sms: no time zone/ },
    { reason: 'frequency_cap', excluded: {}, expected: /frequency cap/ },
  ] as const)('$reason', ({ reason, excluded, expected }) => {
    expect(describeSuppression('c-1', reason, excluded)).toMatch(expected);
  });
});
