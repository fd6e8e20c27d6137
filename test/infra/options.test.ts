import { App, Stack } from 'aws-cdk-lib';
import { Match, type Template } from 'aws-cdk-lib/assertions';
import * as acm from 'aws-cdk-lib/aws-certificatemanager';
import { beforeAll, describe, expect, it } from 'vitest';
import { ENV } from '../../infra/constructs/environment';
import type { ChannelLabService } from '../../infra/constructs/service';
import { actionsOf, platformResources, statementsOf, synthesizeLab } from './support';

type Resource = { Properties: Record<string, unknown> };

describe('ChannelLab options', () => {
  let template: Template;
  let service: ChannelLabService;

  beforeAll(() => {
    const certificateScope = new Stack(new App(), 'Certs');
    const lab = synthesizeLab({
      tracing: true,
      enableSms: false,
      sesIdentity: 'example.com',
      createSesIdentity: false,
      smsType: 'promotional',
      logLevel: 'debug',
      webhookAllowedHosts: ['hooks.corp.internal'],
      apiReservedConcurrency: 50,
      dispatcherMaxConcurrency: 20,
      cors: { allowOrigins: ['https://dashboard.example.com'] },
      alarmEmail: 'ops@example.com',
      customDomain: {
        domainName: 'lab.example.com',
        certificate: acm.Certificate.fromCertificateArn(certificateScope, 'Cert', 'arn:aws:acm:eu-west-1:123456789012:certificate/abc'),
      },
    });
    template = lab.template;
    service = lab.stack.channelLab.service;
  });

  it('turns on active tracing for every function', () => {
    for (const fn of Object.values(platformResources(template, 'AWS::Lambda::Function')) as Resource[]) {
      expect(fn.Properties.TracingConfig).toEqual({ Mode: 'Active' });
    }
  });

  it('maps the custom domain to the $default stage and uses it for links', () => {
    template.hasResourceProperties('AWS::ApiGatewayV2::DomainName', { DomainName: 'lab.example.com' });
    template.resourceCountIs('AWS::ApiGatewayV2::ApiMapping', 1);
    template.hasResourceProperties('AWS::Lambda::Function', {
      Environment: { Variables: Match.objectLike({ [ENV.PUBLIC_BASE_URL]: 'https://lab.example.com' }) },
    });
  });

  it('does not allow SMS publishing to * when SMS is off, push endpoints only', () => {
    const sns = statementsOf(template, service.dispatcherFunction).filter((s) => [s.Action].flat().includes('sns:Publish'));
    expect(sns.map((s) => s.Sid)).toEqual(['PublishToMobilePushEndpoints']);
  });

  it('scopes SES sending to an existing domain identity without creating it', () => {
    template.resourceCountIs('AWS::SES::EmailIdentity', 0);
    const ses = statementsOf(template, service.dispatcherFunction).find((s) => [s.Action].flat().includes('ses:SendEmail'));
    expect(JSON.stringify(ses?.Resource)).toContain(':identity/example.com"');
  });

  it('passes the SMS type, log level and reserved concurrency through', () => {
    template.hasResourceProperties('AWS::Lambda::Function', {
      ReservedConcurrentExecutions: 50,
      Environment: { Variables: Match.objectLike({ [ENV.SMS_TYPE]: 'promotional', [ENV.LOG_LEVEL]: 'debug' }) },
    });
    template.hasResourceProperties('AWS::SNS::Subscription', { Protocol: 'email', Endpoint: 'ops@example.com' });
  });

  // The API refuses internal webhook URLs when an experiment is defined: it needs the dispatcher's allow-list.
  it('gives the webhook allow-list to the API and the dispatcher', () => {
    const functions = platformResources(template, 'AWS::Lambda::Function') as Record<string, Resource>;
    const holding = Object.values(functions).filter((fn) => JSON.stringify(fn.Properties).includes('"WEBHOOK_ALLOWED_HOSTS":"hooks.corp.internal"'));
    expect(holding.map((fn) => fn.Properties.Description)).toEqual(expect.arrayContaining([expect.stringContaining('HTTP API'), expect.stringContaining('dispatcher')]));
    expect(holding).toHaveLength(2);
  });

  it('answers CORS preflights for the dashboard origin', () => {
    template.hasResourceProperties('AWS::ApiGatewayV2::Api', {
      CorsConfiguration: Match.objectLike({
        AllowOrigins: ['https://dashboard.example.com'],
        AllowHeaders: Match.arrayWith(['authorization', 'content-type']),
      }),
    });
  });

  it('caps dispatcher concurrency', () => {
    template.hasResourceProperties('AWS::Lambda::EventSourceMapping', { ScalingConfig: { MaximumConcurrency: 20 } });
  });

  it('grants X-Ray writes only with tracing on', () => {
    for (const fn of service.functions) {
      expect(actionsOf(template, fn)).toContain('xray:PutTraceSegments');
    }
  });
});
