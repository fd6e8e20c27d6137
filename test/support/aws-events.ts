/**
 * The AWS-documented event fixtures of `test/fixtures/aws-events/` (each file names the AWS page
 * whose shape it follows), and the few substitutions tests make in them: real ids, a path, a query
 * string, a body. Substitutions keep AWS's forms (joined query values, string counters, the
 * EventBridge envelope); nothing else is changed.
 */
import { readFileSync } from 'node:fs';
import type { APIGatewayProxyEventV2, EventBridgeEvent, SQSEvent } from 'aws-lambda';
import { joinedQueryParameters } from '../../local/http-server';

/** Folder of the fixtures. */
export const AWS_EVENTS_DIR = new URL('../fixtures/aws-events/', import.meta.url);

/** A fixture file: the pages it follows, what it shows, and the event. */
export interface AwsEventFixture<T> {
  /** AWS documentation pages whose shapes the event follows. */
  readonly documentation: readonly string[];
  /** What the fixture shows. */
  readonly note: string;
  /** The event as AWS delivers it. */
  readonly event: T;
}

/** Reads a fixture (a fresh copy each time). */
export function readAwsEventFixture<T>(relativePath: string): AwsEventFixture<T> {
  return JSON.parse(readFileSync(new URL(relativePath, AWS_EVENTS_DIR), 'utf8')) as AwsEventFixture<T>;
}

/** The event of a fixture (a fresh copy each time). */
export function awsEvent<T>(relativePath: string): T {
  return readAwsEventFixture<T>(relativePath).event;
}

/** API Gateway HTTP API fixtures. */
export type HttpApiFixture = 'jwt-authorizer-get' | 'lambda-authorizer-post' | 'iam-authorizer-get' | 'named-stage-get' | 'tracking-click';

/** What a test changes in an HTTP API fixture. */
export interface HttpApiRequest {
  /** Method (default: the fixture's). */
  readonly method?: string;
  /** Route path without stage, e.g. `/v1/events` (default: the fixture's). */
  readonly path?: string;
  /** Raw query string without `?`, as the client sent it (default: the fixture's). */
  readonly rawQueryString?: string;
  /** Extra headers, added with the given case. */
  readonly headers?: Readonly<Record<string, string>>;
  /** Body text (isBase64Encoded stays false, as API Gateway sends text bodies). */
  readonly body?: string;
}

/** An HTTP API (payload 2.0) event from a fixture, with the request's path, query, headers and body. */
export function httpApiEvent(fixture: HttpApiFixture, request: HttpApiRequest = {}): APIGatewayProxyEventV2 {
  const event = awsEvent<APIGatewayProxyEventV2>(`api-gateway/${fixture}.json`);
  const { stage, apiId, domainPrefix } = event.requestContext;
  const stagePrefix = stage !== '$default' && domainPrefix === apiId ? `/${stage}` : '';
  const rawPath = request.path === undefined ? event.rawPath : `${stagePrefix}${request.path}`;
  const rawQueryString = request.rawQueryString ?? event.rawQueryString;
  const queryStringParameters = joinedQueryParameters(rawQueryString);
  const headers: Record<string, string> = { ...event.headers, ...request.headers } as Record<string, string>;
  if (request.body !== undefined) headers[Object.keys(headers).find((name) => name.toLowerCase() === 'content-length') ?? 'content-length'] = String(Buffer.byteLength(request.body));
  const { queryStringParameters: _documented, body: _body, ...rest } = event;
  const method = request.method ?? event.requestContext.http.method;
  return {
    ...rest,
    rawPath,
    rawQueryString,
    headers,
    ...(queryStringParameters ? { queryStringParameters } : {}),
    requestContext: { ...event.requestContext, http: { ...event.requestContext.http, method, path: rawPath } },
    ...(request.body !== undefined ? { body: request.body } : event.body !== undefined ? { body: event.body } : {}),
    isBase64Encoded: false,
  };
}

/** SES event fixtures (EventBridge envelope, one per SES event type). */
export const SES_EVENT_FIXTURES = [
  'send',
  'delivery',
  'bounce-permanent',
  'bounce-transient',
  'bounce-undetermined',
  'complaint',
  'reject',
  'rendering-failure',
  'delivery-delay',
  'open',
  'click',
  'subscription',
] as const;
/** An SES event fixture name. */
export type SesEventFixture = (typeof SES_EVENT_FIXTURES)[number];

/** Whose message an SES fixture reports. */
export interface SesMessageRef {
  /** EventBridge event id (each delivery of the same event keeps it). */
  readonly id: string;
  /** SES message id (`mail.messageId`, `mail.commonHeaders.messageId`). */
  readonly messageId: string;
  /** The `assignmentId` message tag; omitted: the tag is left out, as for a message sent without it. */
  readonly assignmentId?: string;
  /** The `experimentId` message tag. */
  readonly experimentId?: string;
}

/** An SES event through EventBridge, from a fixture, about the given message. */
export function sesEvent(fixture: SesEventFixture, ref: SesMessageRef): EventBridgeEvent<string, Record<string, unknown>> {
  const event = awsEvent<EventBridgeEvent<string, { mail: { messageId: string; commonHeaders?: { messageId: string }; tags: Record<string, string[]> } }>>(`ses/${fixture}.json`);
  const { mail } = event.detail;
  mail.messageId = ref.messageId;
  if (mail.commonHeaders) mail.commonHeaders.messageId = ref.messageId;
  delete mail.tags.assignmentId;
  delete mail.tags.experimentId;
  if (ref.assignmentId !== undefined) mail.tags.assignmentId = [ref.assignmentId];
  if (ref.experimentId !== undefined) mail.tags.experimentId = [ref.experimentId];
  return { ...event, id: ref.id } as EventBridgeEvent<string, Record<string, unknown>>;
}

/** A Lambda SQS event from the fixture, one record per body (receive counts as strings, like AWS). */
export function sqsEvent(bodies: readonly string[], receiveCount = 1): SQSEvent {
  const template = awsEvent<SQSEvent>('sqs/dispatch-batch.json').Records[0];
  if (!template) throw new Error('the SQS fixture has no record');
  return {
    Records: bodies.map((body, index) => ({
      ...template,
      messageId: `${template.messageId.slice(0, -4)}${String(index).padStart(4, '0')}`,
      body,
      attributes: { ...template.attributes, ApproximateReceiveCount: String(receiveCount) },
    })),
  };
}

/** The EventBridge scheduled event a rate rule sends its target. */
export function scheduledEvent(): EventBridgeEvent<'Scheduled Event', Record<string, never>> {
  return awsEvent('eventbridge/scheduled-event.json');
}
