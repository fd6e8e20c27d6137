import type { Template } from 'aws-cdk-lib/assertions';
import { beforeAll, describe, expect, it } from 'vitest';
import {
  DISPATCH_OUTBOX_BATCH_SIZE,
  DISPATCH_OUTBOX_BATCHING_WINDOW,
  DISPATCH_OUTBOX_MAX_RECORD_AGE,
  DISPATCH_OUTBOX_RETRY_ATTEMPTS,
} from '../../infra/constants';
import type { ChannelLabService } from '../../infra/constructs/service';
import { logicalId, synthesizeLab } from './support';

type Mapping = { Properties: Record<string, unknown> };

describe('DispatchOutbox (the dispatch outbox’s stream mapping)', () => {
  let template: Template;
  let service: ChannelLabService;
  let mapping: Mapping['Properties'];
  let tableId: string;

  beforeAll(() => {
    const synthesized = synthesizeLab();
    template = synthesized.template;
    service = synthesized.stack.channelLab.service;
    tableId = logicalId(synthesized.stack.channelLab.data.table.node.defaultChild as never);
    const functionId = logicalId(service.dispatchOutboxFunction.fn.node.defaultChild as never);
    const mappings = Object.values(template.findResources('AWS::Lambda::EventSourceMapping')) as Mapping[];
    const found = mappings.filter((candidate) => (candidate.Properties.FunctionName as { Ref?: string }).Ref === functionId);
    expect(found).toHaveLength(1);
    mapping = found[0]!.Properties;
  });

  it('reads the table’s stream from the start, in batches of up to ten SendMessageBatch requests gathered over at most a second', () => {
    expect(mapping.EventSourceArn).toEqual({ 'Fn::GetAtt': [tableId, 'StreamArn'] });
    expect(DISPATCH_OUTBOX_BATCHING_WINDOW.toSeconds()).toBeLessThanOrEqual(1);
    expect(mapping).toMatchObject({ StartingPosition: 'TRIM_HORIZON', BatchSize: DISPATCH_OUTBOX_BATCH_SIZE, MaximumBatchingWindowInSeconds: DISPATCH_OUTBOX_BATCHING_WINDOW.toSeconds() });
  });

  it('retries from the failed record, bisects on errors, gives up after bounded retries and record age into an alarmed queue', () => {
    const failureQueue = logicalId(service.dispatchOutbox.failureQueue.node.defaultChild as never);
    expect(mapping).toMatchObject({
      FunctionResponseTypes: ['ReportBatchItemFailures'],
      BisectBatchOnFunctionError: true,
      MaximumRetryAttempts: DISPATCH_OUTBOX_RETRY_ATTEMPTS,
      MaximumRecordAgeInSeconds: DISPATCH_OUTBOX_MAX_RECORD_AGE.toSeconds(),
      DestinationConfig: { OnFailure: { Destination: { 'Fn::GetAtt': [failureQueue, 'Arn'] } } },
    });
    template.hasResourceProperties('AWS::CloudWatch::Alarm', {
      MetricName: 'ApproximateNumberOfMessagesVisible',
      Dimensions: [{ Name: 'QueueName', Value: { 'Fn::GetAtt': [failureQueue, 'QueueName'] } }],
    });
  });

  it('is updated before the scheduled work, whose releases it takes over (the new code no longer enqueues them)', () => {
    const scheduledWork = logicalId(service.scheduledWorkFunction.fn.node.defaultChild as never);
    const mappingId = logicalId(service.dispatchOutbox.mapping.node.defaultChild as never);
    expect(template.toJSON().Resources[scheduledWork].DependsOn).toContain(mappingId);
  });

  it('is invoked only for the insert of a queued decision and the release of a deferred one (deferred → queued)', () => {
    const patterns = ((mapping.FilterCriteria as { Filters: { Pattern: string }[] }).Filters).map((filter) => JSON.parse(filter.Pattern) as unknown);
    const decisionKeys = { pk: { S: [{ prefix: 'ASSIGN#' }] }, sk: { S: ['META'] } };
    expect(patterns).toEqual([
      { eventName: ['INSERT'], dynamodb: { Keys: decisionKeys, NewImage: { status: { S: ['queued'] } } } },
      { eventName: ['MODIFY'], dynamodb: { Keys: decisionKeys, OldImage: { status: { S: ['deferred'] } }, NewImage: { status: { S: ['queued'] } } } },
    ]);
  });
});
