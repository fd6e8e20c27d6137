import type { Channel } from '../experiment/channels';
import type { ExclusionReason, SuppressionReason } from './eligibility';

/** Why a send is suppressed, as the send API reports it: eligibility's reasons, plus an unknown customer. */
export type SendSuppressionReason = SuppressionReason | 'no_eligible_channel' | 'unknown_customer';

/** The contact field each channel needs, in words. */
const ADDRESS_OF: Readonly<Record<Channel, string>> = {
  email: 'email address',
  sms: 'phone number',
  push: 'push endpoint (contact.pushEndpointArn)',
  in_app: 'address',
  webhook: 'address',
};

/** What one channel lacks, in words. */
export function describeExclusion(channel: Channel, reason: ExclusionReason): string {
  switch (reason) {
    case 'no_consent':
      return 'no consent';
    case 'opted_out':
      return 'opted out';
    case 'no_address':
      return `consent given but no ${ADDRESS_OF[channel]}`;
    case 'quiet_hours':
      return 'quiet hours now';
    case 'no_timezone':
      return 'no time zone (quiet hours cannot be checked)';
  }
}

/**
 * One sentence that says why nothing was sent to a customer, naming what each channel lacks
 * (`sms: consent given but no phone number; email: no consent`).
 */
export function describeSuppression(customerId: string, reason: SendSuppressionReason, excluded: Readonly<Partial<Record<Channel, ExclusionReason>>>): string {
  const perChannel = (Object.entries(excluded) as [Channel, ExclusionReason][]).map(([channel, why]) => `${channel}: ${describeExclusion(channel, why)}`).join('; ');
  switch (reason) {
    case 'unknown_customer':
      return `customer ${customerId} has no profile (create it with PUT /v1/customers/${customerId}, or send contact and consents inline): no channel may reach them${perChannel === '' ? '' : ` (${perChannel})`}`;
    case 'frequency_cap':
      return `customer ${customerId} already received the most messages the experiment's frequency cap allows in its period`;
    default:
      return `no channel may reach customer ${customerId} now${perChannel === '' ? '' : `: ${perChannel}`}`;
  }
}
