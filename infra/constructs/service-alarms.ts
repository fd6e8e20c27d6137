/**
 * The service's operational alarms, on the alarm topic: errors of each function, the HTTP API's
 * 5xx answers, allocator failures, and SES bounce and complaint rates at the thresholds where SES
 * puts an account under review. (The dead-letter and stuck-assignment alarms sit with their sources.)
 */
import * as cloudwatch from 'aws-cdk-lib/aws-cloudwatch';
import {
  ERROR_ALARM_PERIOD,
  SES_BOUNCE_RATE_REVIEW_THRESHOLD,
  SES_COMPLAINT_RATE_REVIEW_THRESHOLD,
  SES_REPUTATION_PERIOD,
} from '../constants';
import type { ChannelLabService } from './service';

/** SES's account-level reputation metrics. */
const SES_NAMESPACE = 'AWS/SES';

function alarmOn(service: ChannelLabService, id: string, metric: cloudwatch.IMetric, props: Omit<cloudwatch.CreateAlarmOptions, 'evaluationPeriods'> & { evaluationPeriods?: number }): cloudwatch.Alarm {
  const alarm = new cloudwatch.Alarm(service, id, { metric, evaluationPeriods: 1, ...props });
  alarm.addAlarmAction(service.alarms.action);
  return alarm;
}

/** Adds the operational alarms of `service` (call once every function exists). */
export function addServiceAlarms(service: ChannelLabService): void {
  const atLeastOne = { threshold: 1, comparisonOperator: cloudwatch.ComparisonOperator.GREATER_THAN_OR_EQUAL_TO_THRESHOLD, treatMissingData: cloudwatch.TreatMissingData.NOT_BREACHING };
  for (const [id, fn] of [
    ['Api', service.apiFunction],
    ['Analysis', service.analysisFunction],
    ['OpenApi', service.openApiFunction],
    ['Tracking', service.trackingFunction],
    ['Dispatcher', service.dispatcherFunction],
    ['SesEvents', service.sesEventsFunction],
    ['Reconciliation', service.reconciliationFunction],
  ] as const) {
    alarmOn(service, `${id}FunctionErrorsAlarm`, fn.fn.metricErrors({ period: ERROR_ALARM_PERIOD, statistic: cloudwatch.Stats.SUM }), {
      ...atLeastOne,
      alarmDescription: `Channel Lab: the ${id} function failed (errors or timeouts)`,
    });
  }
  alarmOn(service, 'AllocatorFailuresAlarm', service.scheduledWorkFunction.fn.metricErrors({ period: ERROR_ALARM_PERIOD, statistic: cloudwatch.Stats.SUM }), {
    ...atLeastOne,
    alarmDescription: 'Channel Lab: a scheduled-work run failed (allocator weights, deferred sends or follow-ups were not processed)',
  });
  alarmOn(service, 'Api5xxAlarm', service.httpApi.api.metricServerError({ period: ERROR_ALARM_PERIOD, statistic: cloudwatch.Stats.SUM }), {
    ...atLeastOne,
    alarmDescription: 'Channel Lab: the HTTP API answered 5xx',
  });
  const reputation = (metricName: string) => new cloudwatch.Metric({ namespace: SES_NAMESPACE, metricName, period: SES_REPUTATION_PERIOD, statistic: cloudwatch.Stats.MAXIMUM });
  alarmOn(service, 'SesBounceRateAlarm', reputation('Reputation.BounceRate'), {
    threshold: SES_BOUNCE_RATE_REVIEW_THRESHOLD,
    comparisonOperator: cloudwatch.ComparisonOperator.GREATER_THAN_OR_EQUAL_TO_THRESHOLD,
    treatMissingData: cloudwatch.TreatMissingData.NOT_BREACHING,
    alarmDescription: `Channel Lab: SES bounce rate at or above ${SES_BOUNCE_RATE_REVIEW_THRESHOLD * 100} % (SES reviews the account)`,
  });
  alarmOn(service, 'SesComplaintRateAlarm', reputation('Reputation.ComplaintRate'), {
    threshold: SES_COMPLAINT_RATE_REVIEW_THRESHOLD,
    comparisonOperator: cloudwatch.ComparisonOperator.GREATER_THAN_OR_EQUAL_TO_THRESHOLD,
    treatMissingData: cloudwatch.TreatMissingData.NOT_BREACHING,
    alarmDescription: `Channel Lab: SES complaint rate at or above ${SES_COMPLAINT_RATE_REVIEW_THRESHOLD * 100} % (SES reviews the account)`,
  });
}
