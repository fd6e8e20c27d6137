import type { Customer, Contact } from '../customer/customer';
import type { Channel } from '../experiment/channels';
import type { Guardrails } from '../experiment/guardrails';
import { quietHoursAt } from './quiet-hours';

/** Why a channel cannot carry this message to this customer now. */
export type ExclusionReason = 'no_consent' | 'opted_out' | 'no_address' | 'quiet_hours' | 'no_timezone';

/** Why a customer gets no message at all. */
export type SuppressionReason = 'no_consent' | 'opted_out' | 'no_address' | 'no_timezone' | 'frequency_cap';

/** Channels subject to quiet hours (they interrupt: a phone buzzes). */
export const INTERRUPTING_CHANNELS: readonly Channel[] = ['sms', 'push'];

/** What the decision may choose from. */
export type Eligibility =
  /** Channels deliverable now (the allocator chooses among these). */
  | { readonly kind: 'eligible'; readonly channels: readonly Channel[]; readonly excluded: Readonly<Partial<Record<Channel, ExclusionReason>>> }
  /** Only interrupting channels are allowed and it is quiet: choose among them, deliver at `sendAt`. */
  | { readonly kind: 'deferred'; readonly channels: readonly Channel[]; readonly sendAt: Date; readonly excluded: Readonly<Partial<Record<Channel, ExclusionReason>>> }
  /** Nothing may be sent. */
  | { readonly kind: 'suppressed'; readonly reason: SuppressionReason; readonly excluded: Readonly<Partial<Record<Channel, ExclusionReason>>> };

/** What eligibility is computed from. */
export interface EligibilityInput {
  /** The experiment's channels (arms). */
  readonly channels: readonly Channel[];
  /** The customer's consents and opt-outs (missing customer: no consent anywhere). */
  readonly customer: Pick<Customer, 'consents' | 'optOuts'>;
  /** Contact data for this decision. */
  readonly contact: Contact;
  /** The experiment's guardrails. */
  readonly guardrails: Guardrails;
  /** Messages this customer received within the cap period (all experiments). */
  readonly recentSends: number;
  readonly now: Date;
}

/** Whether the contact has an address for the channel (in-app and webhook are addressed by customer id). */
export function hasAddress(channel: Channel, contact: Contact): boolean {
  switch (channel) {
    case 'email':
      return contact.email !== undefined;
    case 'sms':
      return contact.phone !== undefined;
    case 'push':
      return contact.pushEndpointArn !== undefined;
    case 'in_app':
    case 'webhook':
      return true;
  }
}

/** Priority of suppression reasons: the most actionable one is reported. */
const SUPPRESSION_ORDER: readonly SuppressionReason[] = ['opted_out', 'no_consent', 'no_address'];

/**
 * The channels a customer may receive now. Order of checks: opt-out, consent, address, then quiet
 * hours for SMS and push in the customer's time zone. A customer without a time zone is never
 * sent SMS or push (conservative: we cannot know it is daytime). When some channel is deliverable
 * now, quiet channels are left out (another channel is chosen, immediately); when only quiet
 * channels remain, the decision is deferred to the end of quiet hours.
 */
export function eligibility(input: EligibilityInput): Eligibility {
  const excluded: Partial<Record<Channel, ExclusionReason>> = {};
  const allowed: Channel[] = [];
  for (const channel of input.channels) {
    if (input.customer.optOuts[channel] !== undefined) excluded[channel] = 'opted_out';
    else if (input.customer.consents[channel] !== true) excluded[channel] = 'no_consent';
    else if (!hasAddress(channel, input.contact)) excluded[channel] = 'no_address';
    else allowed.push(channel);
  }
  if (allowed.length === 0) {
    const reasons = new Set<string>(Object.values(excluded));
    return { kind: 'suppressed', reason: SUPPRESSION_ORDER.find((reason) => reasons.has(reason)) ?? 'no_consent', excluded };
  }
  const cap = input.guardrails.frequencyCap;
  if (cap !== undefined && input.recentSends >= cap.max) return { kind: 'suppressed', reason: 'frequency_cap', excluded };

  const now: Channel[] = [];
  const quiet: Channel[] = [];
  let sendAt: Date | undefined;
  for (const channel of allowed) {
    if (!INTERRUPTING_CHANNELS.includes(channel)) {
      now.push(channel);
      continue;
    }
    const timezone = input.contact.timezone;
    if (timezone === undefined) {
      excluded[channel] = 'no_timezone';
      continue;
    }
    const status = quietHoursAt(input.now, timezone, input.guardrails.quietHours);
    if (status.quiet) {
      quiet.push(channel);
      sendAt = status.endsAt;
    } else now.push(channel);
  }
  if (now.length > 0) {
    for (const channel of quiet) excluded[channel] = 'quiet_hours';
    return { kind: 'eligible', channels: now, excluded };
  }
  if (quiet.length > 0 && sendAt !== undefined) return { kind: 'deferred', channels: quiet, sendAt, excluded };
  // Every allowed channel interrupts and the customer has no time zone: say so (they do have an address).
  return { kind: 'suppressed', reason: 'no_timezone', excluded };
}
