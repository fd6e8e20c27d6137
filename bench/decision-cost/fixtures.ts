/**
 * The experiment and recipients the DynamoDB measurements use (request units and latency):
 * email, SMS and in-app over two segments plus `default`, no holdout, a click goal.
 */

/** Hours in a day. */
const HOURS_PER_DAY = 24;
/** Local hour the recipients' time zone is chosen for: mid-day, so SMS is never in quiet hours. */
const TARGET_LOCAL_HOUR = 12;
/** Largest and smallest offsets of the `Etc/GMT±N` zones. */
const MAX_EAST_OFFSET = 14;
const MAX_WEST_OFFSET = 12;

/**
 * An experiment definition for the benchmark.
 *
 * @param frequencyCap - add a frequency cap (the send path then queries the customer's recent decisions).
 * @returns a definition accepted by `POST /v1/experiments`.
 */
export function benchExperiment(frequencyCap: boolean): Record<string, unknown> {
  return {
    name: frequencyCap ? 'Decision cost (frequency cap)' : 'Decision cost',
    stage: 'consideration',
    channels: [
      { channel: 'email', subject: 'Hello {{firstName}}', html: '<p>Our offer: <a href="https://shop.example.com/offer">see it</a>. <a href="{{unsubscribeUrl}}">Unsubscribe</a></p>' },
      { channel: 'sms', text: 'Hi {{firstName}}, our offer: https://shop.example.com/offer' },
      { channel: 'in_app', title: 'Hello', body: 'An offer for you', callToAction: { label: 'See', url: 'https://shop.example.com/offer' } },
    ],
    variables: ['firstName'],
    segments: [
      { name: 'over_50', rule: { attribute: 'age', op: 'gte', value: 50 } },
      { name: 'app_users', rule: { attribute: 'appUser', op: 'eq', value: true } },
    ],
    goal: { event: 'clicked', windowHours: 24 },
    policy: { holdout: 0, burnIn: 0 },
    ...(frequencyCap ? { guardrails: { frequencyCap: { max: 5, perHours: 24 } } } : {}),
  };
}

/**
 * A fixed-offset IANA zone where it is about noon now (so quiet hours never suppress SMS).
 *
 * @param now - the instant.
 * @returns e.g. `Etc/GMT-3` (UTC+3).
 */
export function middayTimeZone(now: Date): string {
  let offset = TARGET_LOCAL_HOUR - now.getUTCHours();
  if (offset > MAX_EAST_OFFSET) offset -= HOURS_PER_DAY;
  if (offset < -MAX_WEST_OFFSET) offset += HOURS_PER_DAY;
  if (offset === 0) return 'Etc/GMT';
  // Etc/GMT zones have inverted signs: Etc/GMT-3 is UTC+3.
  return offset > 0 ? `Etc/GMT-${offset}` : `Etc/GMT+${-offset}`;
}

/**
 * One recipient with inline contact data and consent to every channel of {@link benchExperiment}.
 *
 * @param customerId - the customer.
 * @param index - varies the attributes (segment).
 * @param timezone - the customer's zone.
 * @returns a recipient for the sends API.
 */
export function benchRecipient(customerId: string, index: number, timezone: string): Record<string, unknown> {
  return {
    customerId,
    attributes: { age: 20 + (index % 60), appUser: index % 3 === 0 },
    contact: { email: `${customerId}@example.com`, phone: '+14155550123', timezone },
    consents: { email: true, sms: true, in_app: true },
    variables: { firstName: 'Ada' },
  };
}
