import type { CfnElement } from 'aws-cdk-lib';
import type { Template } from 'aws-cdk-lib/assertions';
import { beforeAll, describe, expect, it } from 'vitest';
import { SES_BOUNCE_RATE_REVIEW_THRESHOLD, SES_COMPLAINT_RATE_REVIEW_THRESHOLD } from '../../infra/constants';
import type { ChannelLabFunction } from '../../infra/constructs/channel-lab-function';
import { ENV } from '../../infra/constructs/environment';
import type { ChannelLabService } from '../../infra/constructs/service';
import { actionsOf, logicalId, statementsOf, synthesizeLab } from './support';

/** Issue 10: least privilege, one secret per purpose, reserved concurrency, and the alarms a trusted service has. */
let template: Template;
let service: ChannelLabService;

beforeAll(() => {
  const lab = synthesizeLab();
  template = lab.template;
  service = lab.stack.channelLab.service;
});

type FunctionKey = 'apiFunction' | 'trackingFunction' | 'dispatcherFunction' | 'scheduledWorkFunction' | 'sesEventsFunction' | 'reconciliationFunction';
type SecretKey = 'linkSigningSecret' | 'webhookSigningSecret' | 'assignmentIdSecret';

/** Which secret each function may read (and has the ARN of), nothing else. */
const SECRETS_OF: Readonly<Record<FunctionKey, readonly SecretKey[]>> = {
  apiFunction: ['assignmentIdSecret'],
  trackingFunction: ['linkSigningSecret'],
  dispatcherFunction: ['linkSigningSecret', 'webhookSigningSecret'],
  scheduledWorkFunction: ['assignmentIdSecret'],
  sesEventsFunction: [],
  reconciliationFunction: [],
};
const VARIABLE_OF: Readonly<Record<SecretKey, string>> = {
  linkSigningSecret: ENV.LINK_SIGNING_SECRET_ARN,
  webhookSigningSecret: ENV.WEBHOOK_SIGNING_SECRET_ARN,
  assignmentIdSecret: ENV.ASSIGNMENT_ID_SECRET_ARN,
};

const secretId = (key: SecretKey) => logicalId(service[key].secret.node.defaultChild as CfnElement);
const variablesOf = (fn: ChannelLabFunction) => (template.toJSON().Resources[logicalId(fn.fn.node.defaultChild as CfnElement)].Properties.Environment.Variables) as Record<string, unknown>;

describe('secrets', () => {
  it('are three, one per purpose, generated at deploy time', () => {
    template.resourceCountIs('AWS::SecretsManager::Secret', 3);
    expect(new Set((['linkSigningSecret', 'webhookSigningSecret', 'assignmentIdSecret'] as const).map(secretId)).size).toBe(3);
  });

  it.each(Object.entries(SECRETS_OF) as [FunctionKey, readonly SecretKey[]][])('%s reads exactly %j', (key, secrets) => {
    const fn = service[key];
    const readable = statementsOf(template, fn)
      .filter((statement) => [statement.Action].flat().includes('secretsmanager:GetSecretValue'))
      .map((statement) => JSON.stringify(statement.Resource));
    for (const secret of ['linkSigningSecret', 'webhookSigningSecret', 'assignmentIdSecret'] as const) {
      const granted = readable.some((resource) => resource.includes(secretId(secret)));
      expect(granted, `${key} → ${secret}`).toBe(secrets.includes(secret));
      expect(variablesOf(fn)[VARIABLE_OF[secret]] !== undefined, `${key} has ${VARIABLE_OF[secret]}`).toBe(secrets.includes(secret));
    }
  });
});

describe('table access', () => {
  it('no role can Scan the table or manage it; every function but the OpenAPI document and the two stream consumers can still read and write items', () => {
    for (const fn of service.functions) {
      const actions = actionsOf(template, fn);
      for (const forbidden of ['dynamodb:Scan', 'dynamodb:*', 'dynamodb:DeleteTable', 'dynamodb:UpdateTable']) expect(actions.has(forbidden), `${fn.node.id}: ${forbidden}`).toBe(false);
      // The counter aggregator only writes counters (see its own test below).
      if (fn === service.counterAggregatorFunction) continue;
      // The dispatch outbox only marks decisions pending (see its own test below).
      if (fn === service.dispatchOutboxFunction) continue;
      if (fn === service.openApiFunction) continue;
      for (const needed of ['dynamodb:GetItem', 'dynamodb:Query', 'dynamodb:PutItem', 'dynamodb:UpdateItem']) expect(actions.has(needed), `${fn.node.id}: ${needed}`).toBe(true);
    }
  });

  it('lets the counter aggregator read the stream and write only counter and checkpoint items of the table', () => {
    const statements = statementsOf(template, service.counterAggregatorFunction);
    const tableWrites = statements.filter((statement) => [statement.Action].flat().some((action) => action === 'dynamodb:UpdateItem' || action === 'dynamodb:PutItem'));
    expect(tableWrites).toHaveLength(1);
    expect(tableWrites[0]).toMatchObject({ Action: ['dynamodb:PutItem', 'dynamodb:UpdateItem'], Condition: { 'ForAllValues:StringLike': { 'dynamodb:LeadingKeys': ['STATS#*', 'STREAMPOS#*'] } } });
    const actions = actionsOf(template, service.counterAggregatorFunction);
    for (const absent of ['dynamodb:GetItem', 'dynamodb:Query', 'dynamodb:DeleteItem', 'dynamodb:BatchWriteItem', 'ses:SendEmail', 'sns:Publish', 'secretsmanager:GetSecretValue']) expect(actions.has(absent), absent).toBe(false);
    for (const needed of ['dynamodb:GetRecords', 'dynamodb:GetShardIterator', 'dynamodb:DescribeStream']) expect(actions.has(needed), needed).toBe(true);
  });

  it('lets the dispatch outbox read the stream, send to the dispatch queue only, and update only decision items of the table', () => {
    const statements = statementsOf(template, service.dispatchOutboxFunction);
    const tableWrites = statements.filter((statement) => [statement.Action].flat().some((action) => typeof action === 'string' && action.startsWith('dynamodb:') && !/Stream|Shard|Records/.test(action)));
    expect(tableWrites).toEqual([expect.objectContaining({ Action: 'dynamodb:UpdateItem', Condition: { 'ForAllValues:StringLike': { 'dynamodb:LeadingKeys': ['ASSIGN#*'] } } })]);
    const sends = statements.filter((statement) => [statement.Action].flat().includes('sqs:SendMessage'));
    expect(sends).toHaveLength(1);
    expect(JSON.stringify(sends[0]!.Resource)).toContain(logicalId(service.dispatchQueue.queue.node.defaultChild as CfnElement));
    const actions = actionsOf(template, service.dispatchOutboxFunction);
    for (const absent of ['dynamodb:GetItem', 'dynamodb:Query', 'dynamodb:PutItem', 'dynamodb:DeleteItem', 'dynamodb:BatchWriteItem', 'ses:SendEmail', 'sns:Publish', 'secretsmanager:GetSecretValue']) expect(actions.has(absent), absent).toBe(false);
    for (const needed of ['dynamodb:GetRecords', 'dynamodb:GetShardIterator', 'dynamodb:DescribeStream']) expect(actions.has(needed), needed).toBe(true);
  });
});

describe('concurrency', () => {
  it('reserves the dispatcher’s capacity and caps the public tracking function', () => {
    const reserved = (fn: ChannelLabFunction) => template.toJSON().Resources[logicalId(fn.fn.node.defaultChild as CfnElement)].Properties.ReservedConcurrentExecutions as number | undefined;
    expect(reserved(service.dispatcherFunction)).toBeGreaterThan(0);
    expect(reserved(service.trackingFunction)).toBeGreaterThan(0);
    template.hasResourceProperties('AWS::Lambda::EventSourceMapping', { ScalingConfig: { MaximumConcurrency: reserved(service.dispatcherFunction) } });
  });
});

describe('alarms', () => {
  const alarmsOf = () => Object.values(template.findResources('AWS::CloudWatch::Alarm')) as { Properties: Record<string, unknown> }[];

  it.each(['apiFunction', 'trackingFunction', 'dispatcherFunction', 'scheduledWorkFunction', 'sesEventsFunction', 'reconciliationFunction'] as const)('alarms on errors of %s', (key) => {
    const name = logicalId(service[key].fn.node.defaultChild as CfnElement);
    const alarm = alarmsOf().find((candidate) => candidate.Properties.MetricName === 'Errors' && JSON.stringify(candidate.Properties.Dimensions).includes(name));
    expect(alarm, key).toBeDefined();
    expect(alarm!.Properties.AlarmActions).toEqual([{ Ref: expect.stringMatching(/AlarmsTopic/) }]);
  });

  it('alarms on the API’s 5xx answers', () => {
    template.hasResourceProperties('AWS::CloudWatch::Alarm', { Namespace: 'AWS/ApiGateway', MetricName: '5xx', Threshold: 1 });
  });

  it.each([
    { metric: 'Reputation.BounceRate', threshold: SES_BOUNCE_RATE_REVIEW_THRESHOLD, expected: 0.05 },
    { metric: 'Reputation.ComplaintRate', threshold: SES_COMPLAINT_RATE_REVIEW_THRESHOLD, expected: 0.001 },
  ])('alarms on $metric at SES’s own review threshold ($expected)', ({ metric, threshold, expected }) => {
    expect(threshold).toBe(expected);
    template.hasResourceProperties('AWS::CloudWatch::Alarm', { Namespace: 'AWS/SES', MetricName: metric, Threshold: expected, ComparisonOperator: 'GreaterThanOrEqualToThreshold' });
  });

  it('treats missing reconciliation data as breaching (the check did not run)', () => {
    template.hasResourceProperties('AWS::CloudWatch::Alarm', { MetricName: 'StuckAssignments', TreatMissingData: 'breaching' });
  });

  it('every alarm notifies the alarm topic', () => {
    for (const alarm of alarmsOf()) expect(alarm.Properties.AlarmActions, JSON.stringify(alarm.Properties.AlarmDescription)).toEqual([{ Ref: expect.stringMatching(/AlarmsTopic/) }]);
    expect(alarmsOf().length).toBeGreaterThanOrEqual(12);
  });
});
