import { Match, type Template } from 'aws-cdk-lib/assertions';
import { beforeAll, describe, expect, it } from 'vitest';
import {
  API_THROTTLE_BURST_LIMIT,
  API_THROTTLE_RATE_LIMIT,
  DISPATCH_BATCH_SIZE,
  DISPATCHER_TIMEOUT,
  DLQ_MAX_RECEIVE_COUNT,
  METRIC_NAMESPACE,
  SERVICE_NAME,
  VISIBILITY_TIMEOUT_FACTOR,
} from '../../infra/constants';
import type { ChannelLabFunction } from '../../infra/constructs/channel-lab-function';
import { ENV } from '../../infra/constructs/environment';
import type { ChannelLabService } from '../../infra/constructs/service';
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { DEFAULT_ENTRY_PATHS, PROJECT_ROOT } from '../../infra/entries';
import { ConfigSchema } from '../../shared/runtime/config';
import { actionsOf, logicalId, platformResources, statementsOf, synthesizeLab } from './support';

type Resource = { Properties: Record<string, unknown> };

describe('ChannelLabStack', () => {
  let template: Template;
  let service: ChannelLabService;

  beforeAll(() => {
    const lab = synthesizeLab();
    template = lab.template;
    service = lab.stack.channelLab.service;
  });

  describe('functions', () => {
    it('has the eleven functions of the platform', () => {
      expect(Object.keys(platformResources(template, 'AWS::Lambda::Function'))).toHaveLength(11);
      expect(service.functions).toHaveLength(11);
    });

    it('runs every function on nodejs24.x, arm64, with its own log group', () => {
      for (const fn of Object.values(platformResources(template, 'AWS::Lambda::Function')) as Resource[]) {
        expect(fn.Properties.Runtime).toBe('nodejs24.x');
        expect(fn.Properties.Architectures).toEqual(['arm64']);
        expect(fn.Properties.LoggingConfig).toMatchObject({ LogGroup: { Ref: expect.any(String) } });
      }
      template.resourcePropertiesCountIs('AWS::Logs::LogGroup', { RetentionInDays: 30 }, 12);
    });

    it('gives every function the common environment', () => {
      for (const fn of Object.values(platformResources(template, 'AWS::Lambda::Function')) as Resource[]) {
        const variables = (fn.Properties.Environment as { Variables: Record<string, unknown> }).Variables;
        expect(variables[ENV.POWERTOOLS_SERVICE_NAME]).toBe(SERVICE_NAME);
        expect(variables[ENV.METRIC_NAMESPACE]).toBe(METRIC_NAMESPACE);
        expect(variables[ENV.SES_FROM_ADDRESS]).toBe('lab@example.com');
        expect(variables[ENV.SMS_TYPE]).toBe('transactional');
        expect(variables[ENV.LOG_LEVEL]).toBe('info');
        for (const name of [ENV.TABLE_NAME, ENV.DISPATCH_QUEUE_URL, ENV.SES_CONFIGURATION_SET, ENV.PUBLIC_BASE_URL]) {
          expect(variables[name], name).toBeDefined();
        }
        expect(variables.NODE_OPTIONS).toBe('--enable-source-maps');
      }
    });

    it("gives every function an environment the functions' config loader accepts", () => {
      for (const fn of Object.values(platformResources(template, 'AWS::Lambda::Function')) as Resource[]) {
        const variables = (fn.Properties.Environment as { Variables: Record<string, unknown> }).Variables;
        // CloudFormation references resolve at deploy time; stand in plausible values for them.
        const env = Object.fromEntries(
          Object.entries(variables).map(([name, value]) => [
            name,
            typeof value === 'string' ? value : name.endsWith('_URL') ? 'https://resolved.example.com/x' : 'resolved-at-deploy',
          ]),
        );
        const parsed = ConfigSchema.safeParse(env);
        expect(parsed.success, JSON.stringify(parsed.error?.issues)).toBe(true);
      }
    });

    it('points PUBLIC_BASE_URL at the API endpoint', () => {
      template.hasResourceProperties('AWS::Lambda::Function', {
        Environment: {
          Variables: Match.objectLike({
            [ENV.PUBLIC_BASE_URL]: {
              'Fn::Join': ['', Match.arrayWith([Match.stringLikeRegexp('^https://$'), { Ref: Match.stringLikeRegexp('Api') }])],
            },
          }),
        },
      });
    });

    it.each(Object.entries(DEFAULT_ENTRY_PATHS))('defaults the %s entry to a project handler that exists and exports `handler`', (_name, entry) => {
      const file = path.join(PROJECT_ROOT, entry);
      expect(entry).toMatch(/^functions\/.+\.ts$/);
      expect(readFileSync(file, 'utf8')).toMatch(/export const handler\b/);
    });
  });

  describe('HTTP API', () => {
    it('routes /v1/* to the API function but the analysis paths and the OpenAPI document (each to its own function), /t, /o and /u to the tracking function', () => {
      const routes = Object.values(template.findResources('AWS::ApiGatewayV2::Route')) as Resource[];
      const byKey = new Map(routes.map((r) => [r.Properties.RouteKey as string, r.Properties.Target]));
      const analysisKeys = ['ANY /v1/experiments/{id}/results', 'ANY /v1/experiments/{id}/reallocate', 'ANY /v1/insights/touchpoints'];
      expect([...byKey.keys()].sort()).toEqual(
        ['ANY /v1/{proxy+}', ...analysisKeys, 'ANY /v1/openapi.json', 'GET /t/{token}', 'GET /o/{token}', 'GET /u/{token}', 'POST /u/{token}'].sort(),
      );
      const targets = new Set([byKey.get('ANY /v1/{proxy+}'), byKey.get('ANY /v1/openapi.json'), byKey.get(analysisKeys[0]!), byKey.get('GET /t/{token}')].map((target) => JSON.stringify(target)));
      expect(targets.size).toBe(4);
      for (const key of analysisKeys) expect(byKey.get(key), key).toEqual(byKey.get(analysisKeys[0]!));
      expect(byKey.get('GET /t/{token}')).toEqual(byKey.get('POST /u/{token}'));
      expect(byKey.get('GET /o/{token}')).toEqual(byKey.get('GET /u/{token}'));
      expect(byKey.get('GET /t/{token}')).not.toEqual(byKey.get('ANY /v1/{proxy+}'));
    });

    it('integrates by Lambda proxy, payload format 2.0, with the right function', () => {
      const apiFnId = logicalId(service.apiFunction.fn.node.defaultChild as never);
      template.hasResourceProperties('AWS::ApiGatewayV2::Integration', {
        IntegrationType: 'AWS_PROXY',
        PayloadFormatVersion: '2.0',
        IntegrationUri: { 'Fn::GetAtt': [apiFnId, 'Arn'] },
      });
    });

    it('has one auto-deployed $default stage with access logs and default-route throttling', () => {
      template.resourceCountIs('AWS::ApiGatewayV2::Stage', 1);
      template.hasResourceProperties('AWS::ApiGatewayV2::Stage', {
        StageName: '$default',
        AutoDeploy: true,
        DefaultRouteSettings: { ThrottlingRateLimit: API_THROTTLE_RATE_LIMIT, ThrottlingBurstLimit: API_THROTTLE_BURST_LIMIT },
        AccessLogSettings: {
          DestinationArn: { 'Fn::GetAtt': [logicalId(service.httpApi.accessLogGroup.node.defaultChild as never), 'Arn'] },
          Format: Match.stringLikeRegexp('\\$context\\.requestId'),
        },
      });
    });

    it('does not log request paths (they carry signed tokens)', () => {
      const stage = Object.values(template.findResources('AWS::ApiGatewayV2::Stage'))[0] as Resource;
      const format = (stage.Properties.AccessLogSettings as { Format: string }).Format;
      expect(format).toContain('$context.routeKey');
      expect(format).not.toContain('$context.path');
    });
  });

  describe('dispatch queue', () => {
    it('has a visibility timeout of at least 6 × the dispatcher timeout, and a DLQ after 5 receives', () => {
      const fnTimeout = DISPATCHER_TIMEOUT.toSeconds();
      template.hasResourceProperties('AWS::Lambda::Function', { Timeout: fnTimeout });
      const queues = Object.values(template.findResources('AWS::SQS::Queue')) as Resource[];
      const dispatch = queues.filter((q) => q.Properties.RedrivePolicy !== undefined);
      expect(dispatch).toHaveLength(1);
      const queue = dispatch[0]!;
      expect(queue.Properties.VisibilityTimeout as number).toBeGreaterThanOrEqual(VISIBILITY_TIMEOUT_FACTOR * fnTimeout);
      expect(queue.Properties.RedrivePolicy).toMatchObject({ maxReceiveCount: DLQ_MAX_RECEIVE_COUNT });
    });

    it('encrypts every queue with SQS-managed keys and refuses non-TLS access', () => {
      const queues = Object.values(template.findResources('AWS::SQS::Queue')) as Resource[];
      expect(queues).toHaveLength(6);
      for (const queue of queues) {
        expect(queue.Properties.SqsManagedSseEnabled).toBe(true);
      }
      template.resourcePropertiesCountIs(
        'AWS::SQS::QueuePolicy',
        {
          PolicyDocument: {
            Statement: Match.arrayWith([
              Match.objectLike({ Effect: 'Deny', Condition: { Bool: { 'aws:SecureTransport': 'false' } } }),
            ]),
          },
        },
        6,
      );
    });

    it('feeds the dispatcher in batches of 10 with partial batch failure reporting', () => {
      template.hasResourceProperties('AWS::Lambda::EventSourceMapping', {
        BatchSize: DISPATCH_BATCH_SIZE,
        FunctionResponseTypes: ['ReportBatchItemFailures'],
        FunctionName: { Ref: logicalId(service.dispatcherFunction.fn.node.defaultChild as never) },
      });
    });

    it("tells the dispatcher the queue's receive limit (it marks a decision pending on its message's last receive)", () => {
      const dispatcher = template.toJSON().Resources[logicalId(service.dispatcherFunction.fn.node.defaultChild as never)] as Resource;
      const variables = (dispatcher.Properties.Environment as { Variables: Record<string, unknown> }).Variables;
      expect(variables[ENV.DISPATCH_MAX_RECEIVE_COUNT]).toBe(String(DLQ_MAX_RECEIVE_COUNT));
      // The config loader reads it back as the same number.
      expect(ConfigSchema.parse({ TABLE_NAME: 'table', DISPATCH_MAX_RECEIVE_COUNT: variables[ENV.DISPATCH_MAX_RECEIVE_COUNT] }).DISPATCH_MAX_RECEIVE_COUNT).toBe(DLQ_MAX_RECEIVE_COUNT);
    });
  });

  describe('schedules, SES and alarms', () => {
    it('invokes the scheduled work every minute and the reconciliation every 15 minutes', () => {
      template.hasResourceProperties('AWS::Events::Rule', {
        ScheduleExpression: 'rate(1 minute)',
        Targets: [Match.objectLike({ Arn: { 'Fn::GetAtt': [logicalId(service.scheduledWorkFunction.fn.node.defaultChild as never), 'Arn'] } })],
      });
      template.hasResourceProperties('AWS::Events::Rule', {
        ScheduleExpression: 'rate(15 minutes)',
        Targets: [Match.objectLike({ Arn: { 'Fn::GetAtt': [logicalId(service.reconciliationFunction.fn.node.defaultChild as never), 'Arn'] } })],
      });
    });

    it('sends the SES event types Channel Lab uses to the default event bus, not Open and Click (SES would add a second pixel and wrap our links)', () => {
      template.hasResourceProperties('AWS::SES::ConfigurationSetEventDestination', {
        EventDestination: {
          Enabled: true,
          MatchingEventTypes: Match.arrayEquals(
            ['send', 'delivery', 'bounce', 'complaint', 'reject', 'renderingFailure', 'deliveryDelay', 'subscription'].map((t) =>
              Match.exact(t),
            ),
          ),
          EventBridgeDestination: { EventBusArn: Match.anyValue() },
        },
      });
      template.hasResourceProperties('AWS::SES::EmailIdentity', { EmailIdentity: 'lab@example.com' });
    });

    it('routes aws.ses events of the configuration set to the SES events function, with a DLQ', () => {
      template.hasResourceProperties('AWS::Events::Rule', {
        EventPattern: {
          source: ['aws.ses'],
          detail: { mail: { tags: { 'ses:configuration-set': [{ Ref: Match.stringLikeRegexp('ConfigurationSet') }] } } },
        },
        Targets: [
          Match.objectLike({
            Arn: { 'Fn::GetAtt': [logicalId(service.sesEventsFunction.fn.node.defaultChild as never), 'Arn'] },
            DeadLetterConfig: { Arn: Match.anyValue() },
            RetryPolicy: Match.objectLike({ MaximumRetryAttempts: Match.anyValue() }),
          }),
        ],
      });
    });

    it('keeps an SES event the function failed on (after its async retries) in the same alarmed DLQ, instead of dropping it', () => {
      const ruleTarget = Object.values(template.findResources('AWS::Events::Rule')).flatMap((rule) => (rule.Properties?.Targets ?? []) as { Arn: unknown; DeadLetterConfig?: { Arn: unknown } }[]).find((target) => JSON.stringify(target.Arn).includes(logicalId(service.sesEventsFunction.fn.node.defaultChild as never)));
      template.hasResourceProperties('AWS::Lambda::EventInvokeConfig', {
        FunctionName: { Ref: logicalId(service.sesEventsFunction.fn.node.defaultChild as never) },
        MaximumRetryAttempts: 2,
        DestinationConfig: { OnFailure: { Destination: ruleTarget?.DeadLetterConfig?.Arn } },
      });
    });

    it('alarms on the three dead-letter queues, the two stream mappings’ failure queues and on stuck assignments, into an encrypted topic', () => {
      template.resourcePropertiesCountIs(
        'AWS::CloudWatch::Alarm',
        { MetricName: 'ApproximateNumberOfMessagesVisible', Threshold: 0, ComparisonOperator: 'GreaterThanThreshold' },
        5,
      );
      template.hasResourceProperties('AWS::CloudWatch::Alarm', {
        Namespace: METRIC_NAMESPACE,
        MetricName: 'StuckAssignments',
        Threshold: 0,
        AlarmActions: [{ Ref: Match.stringLikeRegexp('AlarmsTopic') }],
      });
      template.hasResourceProperties('AWS::SNS::Topic', { KmsMasterKeyId: Match.anyValue() });
    });

    it('generates the secrets (no value in the template)', () => {
      template.hasResourceProperties('AWS::SecretsManager::Secret', {
        GenerateSecretString: Match.objectLike({ PasswordLength: 64, ExcludePunctuation: true }),
        SecretString: Match.absent(),
      });
    });
  });

  describe('customer events', () => {
    it('routes Channel Lab Customer Events from the default bus to their function, with retries and a DLQ', () => {
      template.hasResourceProperties('AWS::Events::Rule', {
        EventPattern: { 'detail-type': ['Channel Lab Customer Event'] },
        EventBusName: Match.absent(),
        Targets: [Match.objectLike({ Arn: { 'Fn::GetAtt': [logicalId(service.customerEventsFunction.fn.node.defaultChild as never), 'Arn'] }, DeadLetterConfig: Match.anyValue(), RetryPolicy: Match.anyValue() })],
      });
    });

    it('reads the bus and the sources it is given', () => {
      const custom = synthesizeLab({ customerEventBusName: 'shop-events', customerEventSources: ['com.example.shop'] }).template;
      custom.hasResourceProperties('AWS::Events::Rule', {
        EventBusName: 'shop-events',
        EventPattern: { 'detail-type': ['Channel Lab Customer Event'], source: ['com.example.shop'] },
      });
    });

    it('grants the customer-events function the table (and its DLQ, its logs), no secret, no SES or SNS', () => {
      const actions = [...actionsOf(template, service.customerEventsFunction)];
      expect(actions.filter((action) => !/^(dynamodb|logs):/.test(action) && !action.startsWith('sqs:SendMessage') && !/^sqs:(GetQueue|ChangeMessage)/.test(action)), actions.join(', ')).toEqual([]);
      expect(actions).toContain('dynamodb:PutItem');
    });
  });

  describe('least privilege', () => {
    const fnOf = (key: keyof ChannelLabService & `${string}Function`): ChannelLabFunction => service[key] as ChannelLabFunction;

    it('lets only the dispatcher send email and publish to SNS', () => {
      for (const key of ['apiFunction', 'analysisFunction', 'openApiFunction', 'trackingFunction', 'scheduledWorkFunction', 'sesEventsFunction', 'reconciliationFunction'] as const) {
        const actions = actionsOf(template, fnOf(key));
        expect(actions.has('ses:SendEmail'), key).toBe(false);
        expect(actions.has('sns:Publish'), key).toBe(false);
      }
      const dispatcher = actionsOf(template, service.dispatcherFunction);
      expect(dispatcher).toContain('ses:SendEmail');
      expect(dispatcher).toContain('sns:Publish');
    });

    it('scopes SES sending to the identity and the configuration set', () => {
      const ses = statementsOf(template, service.dispatcherFunction).filter((s) => [s.Action].flat().includes('ses:SendEmail'));
      expect(ses).toHaveLength(1);
      const resources = JSON.stringify(ses[0]!.Resource);
      expect(resources).toContain(':identity/lab@example.com');
      expect(resources).toContain(':configuration-set/');
      expect(resources).not.toContain('"*"');
    });

    it('scopes push publishing to platform endpoints', () => {
      const push = statementsOf(template, service.dispatcherFunction).find((s) => s.Sid === 'PublishToMobilePushEndpoints');
      expect(JSON.stringify(push?.Resource)).toContain(':endpoint/*');
    });

    it('lets only the dispatch outbox (new and released decisions) and the reconciliation (lost messages) enqueue', () => {
      for (const key of ['dispatchOutboxFunction', 'reconciliationFunction'] as const) {
        expect(actionsOf(template, fnOf(key)), key).toContain('sqs:SendMessage');
      }
      // The API and the scheduled work store decisions (and releases) and enqueue nothing: the table's stream carries them to the outbox.
      for (const key of ['apiFunction', 'analysisFunction', 'openApiFunction', 'trackingFunction', 'dispatcherFunction', 'scheduledWorkFunction'] as const) {
        expect(actionsOf(template, fnOf(key)).has('sqs:SendMessage'), key).toBe(false);
      }
      // The SES events function may send only to its own DLQ (the failure destination), never to the dispatch queue.
      const dispatchQueue = logicalId(service.dispatchQueue.queue.node.defaultChild as never);
      const sesDlq = logicalId(service.sesEvents.deadLetterQueue.node.defaultChild as never);
      const sends = statementsOf(template, fnOf('sesEventsFunction')).filter((statement) => [statement.Action].flat().includes('sqs:SendMessage'));
      expect(JSON.stringify(sends)).toContain(sesDlq);
      expect(JSON.stringify(sends)).not.toContain(dispatchQueue);
    });

    it('grants the OpenAPI function nothing but its own logs, and the analysis function the table but no secret', () => {
      expect([...actionsOf(template, service.openApiFunction)].filter((action) => !action.startsWith('logs:'))).toEqual([]);
      const analysis = actionsOf(template, service.analysisFunction);
      expect(analysis).toContain('dynamodb:GetItem');
      expect(analysis.has('secretsmanager:GetSecretValue')).toBe(false);
    });

    it('grants no cloudwatch:PutMetricData: the stuck-assignments metric is written as EMF log lines', () => {
      for (const fn of service.functions) {
        expect(actionsOf(template, fn).has('cloudwatch:PutMetricData')).toBe(false);
      }
    });

    it('attaches no managed policies to function roles', () => {
      for (const role of Object.values(platformResources(template, 'AWS::IAM::Role')) as Resource[]) {
        expect(role.Properties.ManagedPolicyArns).toBeUndefined();
      }
    });
  });
});
