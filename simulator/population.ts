import type { Channel } from '../shared/domain/experiment/channels';
import { createNormalSampler, createSeededRng, deriveSeed, type Rng } from '../shared/domain/random';
import type { CustomerKind, DelayModel } from './scenario';

/** Reserved example domain of simulated customers' email addresses (RFC 2606). */
const EMAIL_DOMAIN = 'sim.example.com';
/** Fictional phone numbers (the US 555-01xx range reserved for fiction) of simulated customers. */
const PHONE_PREFIX = '+1555010';
/** Account id in the fake SNS push endpoints of simulated customers. */
const FAKE_ACCOUNT = '000000000000';

/** A recipient of `POST /v1/experiments/{id}/sends`, as the simulator builds it. */
export interface SimulatedRecipient {
  readonly customerId: string;
  /** What the segment rules see. */
  readonly attributes: Readonly<Record<string, unknown>>;
  /** Addresses for the reachable channels, and the time zone. */
  readonly contact: Readonly<Record<string, string>>;
  /** Consent to exactly the reachable channels. */
  readonly consents: Readonly<Partial<Record<Channel, boolean>>>;
  /** Template values. */
  readonly variables: Readonly<Record<string, string>>;
  /** Keep the profile (so that the web app can estimate segment sizes). */
  readonly saveCustomer: true;
}

/** The contact data that makes `channel` reachable for `customerId`. */
function addressFor(channel: Channel, customerId: string, index: number): Record<string, string> {
  switch (channel) {
    case 'email':
      return { email: `${customerId}@${EMAIL_DOMAIN}` };
    case 'sms':
      return { phone: `${PHONE_PREFIX}${String(index % 100).padStart(2, '0')}` };
    case 'push':
      return { pushEndpointArn: `arn:aws:sns:us-east-1:${FAKE_ACCOUNT}:endpoint/GCM/channel-lab-sim/${customerId}` };
    case 'in_app':
    case 'webhook':
      return {};
  }
}

/** A simulated customer of `kind`: attributes, an address and consent for each reachable channel. */
export function recipientFor(kind: CustomerKind, customerId: string, index: number, variables: Readonly<Record<string, string>>): SimulatedRecipient {
  const contact: Record<string, string> = { timezone: kind.timezone };
  for (const channel of kind.reachable) Object.assign(contact, addressFor(channel, customerId, index));
  return {
    customerId,
    attributes: kind.attributes,
    contact,
    consents: Object.fromEntries(kind.reachable.map((channel) => [channel, true])),
    variables,
    saveCustomer: true,
  };
}

/** Draws a customer kind by share. */
export function drawKind(kinds: readonly CustomerKind[], rng: Rng): CustomerKind {
  const total = kinds.reduce((sum, kind) => sum + kind.share, 0);
  let left = rng.next() * total;
  for (const kind of kinds) {
    left -= kind.share;
    if (left < 0) return kind;
  }
  return kinds[kinds.length - 1] as CustomerKind;
}

/** The simulated world's random draws: separate seeded streams, so one choice never shifts another. */
export interface SimulationDraws {
  /** Kind of the next customer. */
  kind(kinds: readonly CustomerKind[]): CustomerKind;
  /** Whether a customer responds, given the true rate. */
  responds(rate: number): boolean;
  /** Minutes until the response, from the channel's delay model. */
  delayMs(model: DelayModel): number;
}

/** Seeded draws of one run. */
export function createDraws(seed: number): SimulationDraws {
  const kinds = createSeededRng(deriveSeed(seed, 'kinds'));
  const outcomes = createSeededRng(deriveSeed(seed, 'outcomes'));
  const delays = createSeededRng(deriveSeed(seed, 'delays'));
  const normal = createNormalSampler(delays);
  return {
    kind: (all) => drawKind(all, kinds),
    responds: (rate) => outcomes.next() < rate,
    delayMs: (model) => model.median * Math.exp(model.spread * normal()),
  };
}
