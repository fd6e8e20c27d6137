/**
 * SES v2 for email: a configuration set whose events (send, delivery, bounce, complaint,
 * reject, rendering failure, delivery delay, subscription) go to the default EventBridge bus,
 * and the sending identity (a domain or an address).
 */
import { Stack } from 'aws-cdk-lib';
import * as events from 'aws-cdk-lib/aws-events';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as ses from 'aws-cdk-lib/aws-ses';
import { Construct } from 'constructs';

/**
 * The SES event types Channel Lab listens to. Not OPEN and CLICK: publishing them turns on SES's
 * own engagement tracking, which adds a second open pixel and wraps our signed click links in
 * SES redirects; opens and clicks come from Channel Lab's own pixel and links (one record each).
 */
export const SES_EVENT_TYPES: readonly ses.EmailSendingEvent[] = [
  ses.EmailSendingEvent.SEND,
  ses.EmailSendingEvent.DELIVERY,
  ses.EmailSendingEvent.BOUNCE,
  ses.EmailSendingEvent.COMPLAINT,
  ses.EmailSendingEvent.REJECT,
  ses.EmailSendingEvent.RENDERING_FAILURE,
  ses.EmailSendingEvent.DELIVERY_DELAY,
  ses.EmailSendingEvent.SUBSCRIPTION,
];

/** Properties of {@link SesSetup}. */
export interface SesSetupProps {
  /** The identity that sends: a domain or an email address. */
  readonly identity: string;
  /** Create the identity here; `false` when it exists already. @default true */
  readonly createIdentity?: boolean;
}

/** SES configuration set, its EventBridge destination and the sending identity. */
export class SesSetup extends Construct {
  /** The configuration set. */
  public readonly configurationSet: ses.ConfigurationSet;
  /** The identity's name (domain or address). */
  public readonly identityName: string;
  /** ARN of the identity, for scoping send permissions. */
  public readonly identityArn: string;
  /** ARN of the configuration set, for scoping send permissions. */
  public readonly configurationSetArn: string;

  constructor(scope: Construct, id: string, props: SesSetupProps) {
    super(scope, id);
    this.configurationSet = new ses.ConfigurationSet(this, 'ConfigurationSet', {
      reputationMetrics: true,
      sendingEnabled: true,
      tlsPolicy: ses.ConfigurationSetTlsPolicy.REQUIRE,
    });
    this.configurationSet.addEventDestination('ToEventBridge', {
      destination: ses.EventDestination.eventBus(events.EventBus.fromEventBusName(this, 'DefaultBus', 'default')),
      events: [...SES_EVENT_TYPES],
    });

    this.identityName = props.identity;
    const isDomain = !props.identity.includes('@');
    if (props.createIdentity ?? true) {
      new ses.EmailIdentity(this, 'Identity', {
        identity: isDomain ? ses.Identity.domain(props.identity) : ses.Identity.email(props.identity),
        configurationSet: this.configurationSet,
      });
    }
    const stack = Stack.of(this);
    this.identityArn = stack.formatArn({ service: 'ses', resource: 'identity', resourceName: props.identity });
    this.configurationSetArn = stack.formatArn({
      service: 'ses',
      resource: 'configuration-set',
      resourceName: this.configurationSet.configurationSetName,
    });
  }

  /** Lets `grantee` send email through this identity and configuration set, and nothing else. */
  public grantSend(grantee: iam.IGrantable): iam.Grant {
    return iam.Grant.addToPrincipal({
      grantee,
      actions: ['ses:SendEmail', 'ses:SendRawEmail'],
      resourceArns: [this.identityArn, this.configurationSetArn],
    });
  }
}

