/** Channel senders (SES, SNS SMS/push, webhook) and their wiring. */
export * from './classify-aws-error';
export * from './create-senders';
export * from './ses-email-sender';
export * from './sns-errors';
export * from './sns-push-sender';
export * from './sns-sms-sender';
export * from './webhook-sender';
export * from './webhook-signature';
