import type { ExperimentDefinitionInput } from '../../shared/domain/experiment/experiment-definition';

/** A valid post-purchase survey experiment over SMS and email with two segments. */
export function surveyExperiment(overrides: Partial<ExperimentDefinitionInput> = {}): ExperimentDefinitionInput {
  return {
    name: 'Post-purchase survey',
    stage: 'post_purchase',
    channels: [
      { channel: 'sms', text: 'Hi {{firstName}}, how was your order? {{surveyUrl}}' },
      { channel: 'email', subject: 'How was your order, {{firstName}}?', html: '<p>Tell us: <a href="{{surveyUrl}}">survey</a></p>' },
    ],
    variables: ['firstName', 'surveyUrl'],
    segments: [{ name: 'over_50', rule: { attribute: 'age', op: 'gte', value: 50 } }],
    goal: { event: 'survey_completed', windowHours: 72 },
    ...overrides,
  };
}

/** A running-ready cart reminder over SMS and email, triggered an hour after `cart_abandoned` and left on `order_placed`; no holdout. */
export function cartReminderExperiment(overrides: Partial<ExperimentDefinitionInput> = {}): ExperimentDefinitionInput {
  return {
    name: 'Cart reminder',
    stage: 'purchase',
    channels: [
      { channel: 'sms', text: 'Your cart is waiting, {{firstName}}' },
      { channel: 'email', subject: 'Your cart', text: 'Your cart is waiting, {{firstName}}' },
    ],
    variables: ['firstName'],
    goal: { event: 'converted', windowHours: 48 },
    policy: { holdout: 0 },
    trigger: { event: 'cart_abandoned', delay: { minutes: 60 }, variables: { firstName: 'firstName' } },
    exits: [{ event: 'order_placed' }],
    ...overrides,
  };
}
