import type { Template } from 'aws-cdk-lib/assertions';
import { beforeAll, describe, expect, it } from 'vitest';
import {
  COUNTER_STREAM_BATCH_SIZE,
  COUNTER_STREAM_BATCHING_WINDOW,
  COUNTER_STREAM_MAX_RECORD_AGE,
  COUNTER_STREAM_RETRY_ATTEMPTS,
  COUNTER_STREAM_TUMBLING_WINDOW,
} from '../../infra/constants';
import type { ChannelLabService } from '../../infra/constructs/service';
import { logicalId, synthesizeLab } from './support';

type Mapping = { Properties: Record<string, unknown> };

describe('CounterStream (the counter aggregator’s stream mapping)', () => {
  let template: Template;
  let service: ChannelLabService;
  let mapping: Mapping['Properties'];
  let synthesized: ReturnType<typeof synthesizeLab>;
  const lab = () => synthesized;

  beforeAll(() => {
    synthesized = synthesizeLab();
    template = synthesized.template;
    service = synthesized.stack.channelLab.service;
    const functionId = logicalId(service.counterAggregatorFunction.fn.node.defaultChild as never);
    const mappings = Object.values(template.findResources('AWS::Lambda::EventSourceMapping')) as Mapping[];
    const found = mappings.filter((candidate) => (candidate.Properties.FunctionName as { Ref?: string }).Ref === functionId);
    expect(found).toHaveLength(1);
    mapping = found[0]!.Properties;
  });

  it('reads the table’s stream from the start, in batches gathered over a short window', () => {
    expect(mapping.EventSourceArn).toEqual({ 'Fn::GetAtt': [logicalId(lab().stack.channelLab.data.table.node.defaultChild as never), 'StreamArn'] });
    expect(mapping).toMatchObject({
      StartingPosition: 'TRIM_HORIZON',
      BatchSize: COUNTER_STREAM_BATCH_SIZE,
      MaximumBatchingWindowInSeconds: COUNTER_STREAM_BATCHING_WINDOW.toSeconds(),
    });
  });

  it('has a tumbling window (it adds the shard id the checkpoints need) and one batch per shard at a time', () => {
    expect(mapping).toMatchObject({ TumblingWindowInSeconds: COUNTER_STREAM_TUMBLING_WINDOW.toSeconds(), ParallelizationFactor: 1 });
  });

  it('retries from the failed record, bisects on errors, gives up after bounded retries into an alarmed queue', () => {
    expect(mapping).toMatchObject({
      FunctionResponseTypes: ['ReportBatchItemFailures'],
      BisectBatchOnFunctionError: true,
      MaximumRetryAttempts: COUNTER_STREAM_RETRY_ATTEMPTS,
      MaximumRecordAgeInSeconds: COUNTER_STREAM_MAX_RECORD_AGE.toSeconds(),
      DestinationConfig: { OnFailure: { Destination: { 'Fn::GetAtt': [logicalId(service.counterStream.failureQueue.node.defaultChild as never), 'Arn'] } } },
    });
    template.hasResourceProperties('AWS::CloudWatch::Alarm', {
      MetricName: 'ApproximateNumberOfMessagesVisible',
      Dimensions: [{ Name: 'QueueName', Value: { 'Fn::GetAtt': [logicalId(service.counterStream.failureQueue.node.defaultChild as never), 'QueueName'] } }],
    });
  });

  it('is invoked only for marked sends and first goals', () => {
    const patterns = ((mapping.FilterCriteria as { Filters: { Pattern: string }[] }).Filters).map((filter) => JSON.parse(filter.Pattern) as unknown);
    expect(patterns).toEqual([
      { eventName: ['MODIFY'], dynamodb: { OldImage: { status: { S: ['sending'] } }, NewImage: { status: { S: ['sent'] }, sendCountedBy: { S: ['stream'] } } } },
      { eventName: ['MODIFY'], dynamodb: { OldImage: { goalAt: { S: [{ exists: false }] } }, NewImage: { goalCountedBy: { S: ['stream'] } } } },
    ]);
  });
});
