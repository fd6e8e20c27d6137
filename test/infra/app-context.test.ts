import { App, Stack } from 'aws-cdk-lib';
import { Annotations, Match } from 'aws-cdk-lib/assertions';
import { describe, expect, it } from 'vitest';
import { channelLabPropsFromContext, PLACEHOLDER_FROM_ADDRESS } from '../../infra/app-context';

function propsFor(context: Record<string, unknown>) {
  const stack = new Stack(new App({ context }), 'Ctx', { env: { account: '123456789012', region: 'eu-west-1' } });
  return { stack, props: channelLabPropsFromContext(stack) };
}

describe('channelLabPropsFromContext', () => {
  it('reads every key, with booleans and choices from command-line strings', () => {
    const { props } = propsFor({
      sesFromAddress: 'news@example.com',
      sesIdentity: 'example.com',
      createSesIdentity: 'false',
      smsType: 'promotional',
      enableSms: 'true',
      tableEncryption: 'customer-managed',
      retainData: false,
      tracing: 'true',
      logLevel: 'debug',
      alarmEmail: 'ops@example.com',
      corsAllowOrigins: 'https://a.example.com, https://b.example.com',
      dispatcherMaxConcurrency: '25',
    });
    expect(props).toMatchObject({
      sesFromAddress: 'news@example.com',
      sesIdentity: 'example.com',
      createSesIdentity: false,
      smsType: 'promotional',
      enableSms: true,
      tableEncryption: 'customer-managed',
      retainData: false,
      tracing: true,
      logLevel: 'debug',
      alarmEmail: 'ops@example.com',
      customDomain: undefined,
      cors: { allowOrigins: ['https://a.example.com', 'https://b.example.com'] },
      dispatcherMaxConcurrency: 25,
    });
  });

  it('imports the certificate of a custom domain', () => {
    const { props } = propsFor({
      sesFromAddress: 'news@example.com',
      domainName: 'lab.example.com',
      certificateArn: 'arn:aws:acm:eu-west-1:123456789012:certificate/abc',
    });
    expect(props.customDomain?.domainName).toBe('lab.example.com');
    expect(props.customDomain?.certificate.certificateArn).toBe('arn:aws:acm:eu-west-1:123456789012:certificate/abc');
  });

  it('falls back to a placeholder From address with a warning, so that synth works without context', () => {
    const { stack, props } = propsFor({});
    expect(props.sesFromAddress).toBe(PLACEHOLDER_FROM_ADDRESS);
    Annotations.fromStack(stack).hasWarning('/Ctx', Match.stringLikeRegexp('sesFromAddress'));
  });

  it.each([
    [{ smsType: 'loud' }, /smsType.*transactional, promotional/],
    [{ tracing: 'yes' }, /tracing.*true or false/],
    [{ domainName: 'lab.example.com' }, /domainName.*certificateArn/],
    [{ logLevel: 'INFO' }, /logLevel/],
    [{ dispatcherMaxConcurrency: '2.5' }, /dispatcherMaxConcurrency.*positive integer/],
  ])('refuses bad context %o', (context, message) => {
    expect(() => propsFor({ sesFromAddress: 'a@example.com', ...context })).toThrow(message);
  });
});
