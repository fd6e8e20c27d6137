/**
 * Routes customer events (an order delivered, a cart abandoned) from the customer's own
 * EventBridge bus to the customer-events function: a rule on `detail-type: Channel Lab Customer
 * Event` (optionally only from given sources), with one dead-letter queue for the events
 * EventBridge could not deliver and for those the function failed on after Lambda's asynchronous
 * retries (a malformed event among them).
 */
import * as events from 'aws-cdk-lib/aws-events';
import type * as lambda from 'aws-cdk-lib/aws-lambda';
import type * as sqs from 'aws-cdk-lib/aws-sqs';
import { Construct } from 'constructs';
import { deliverRuleToFunction } from './rule-to-function';
import { CUSTOMER_EVENT_DETAIL_TYPE, DEFAULT_CUSTOMER_EVENT_BUS } from '../constants';

/** Properties of {@link CustomerEventsRoute}. */
export interface CustomerEventsRouteProps {
  /** The handler. */
  readonly fn: lambda.IFunction;
  /** Name of the bus the customer's systems put their events on. @default 'default' (the account's default bus) */
  readonly eventBusName?: string;
  /** Only events with one of these `source` values. @default - any source */
  readonly sources?: readonly string[];
}

/** The EventBridge rule for customer events and its dead-letter queue. */
export class CustomerEventsRoute extends Construct {
  /** The rule (`detail-type: Channel Lab Customer Event` on the customer's bus). */
  public readonly rule: events.Rule;
  /** Events that could not be recorded after the retries. */
  public readonly deadLetterQueue: sqs.Queue;

  constructor(scope: Construct, id: string, props: CustomerEventsRouteProps) {
    super(scope, id);
    const busName = props.eventBusName ?? DEFAULT_CUSTOMER_EVENT_BUS;
    this.rule = new events.Rule(this, 'Rule', {
      description: `Channel Lab customer events (${CUSTOMER_EVENT_DETAIL_TYPE}) on the ${busName} bus`,
      ...(busName === DEFAULT_CUSTOMER_EVENT_BUS ? {} : { eventBus: events.EventBus.fromEventBusName(this, 'Bus', busName) }),
      eventPattern: {
        detailType: [CUSTOMER_EVENT_DETAIL_TYPE],
        ...(props.sources && props.sources.length > 0 ? { source: [...props.sources] } : {}),
      },
    });
    this.deadLetterQueue = deliverRuleToFunction(this, this.rule, props.fn);
  }
}
