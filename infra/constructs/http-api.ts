/**
 * Channel Lab's HTTP API (API Gateway v2): one `$default` stage with access logs
 * and default-route throttling, an optional custom domain, and a one-line way to
 * route paths to a function.
 */
import { RemovalPolicy, Stack } from 'aws-cdk-lib';
import { AccessLogFormat } from 'aws-cdk-lib/aws-apigateway';
import * as apigw from 'aws-cdk-lib/aws-apigatewayv2';
import { HttpLambdaIntegration } from 'aws-cdk-lib/aws-apigatewayv2-integrations';
import type { ICertificate } from 'aws-cdk-lib/aws-certificatemanager';
import type * as lambda from 'aws-cdk-lib/aws-lambda';
import * as logs from 'aws-cdk-lib/aws-logs';
import { Construct } from 'constructs';
import {
  API_THROTTLE_BURST_LIMIT,
  API_THROTTLE_RATE_LIMIT,
  CORS_MAX_AGE,
  DEFAULT_CORS_ALLOW_HEADERS,
  LOG_RETENTION,
} from '../constants';

/** A custom domain for the API (the certificate must cover it, in the stack's region). */
export interface CustomDomainProps {
  /** Domain name, e.g. `lab.example.com`. */
  readonly domainName: string;
  /** ACM certificate for the domain. */
  readonly certificate: ICertificate;
}

/** Cross-origin access for browser clients such as dashboards. */
export interface CorsProps {
  /** Allowed origins, e.g. `https://dashboard.example.com`. */
  readonly allowOrigins: readonly string[];
  /** Allowed request headers. @default DEFAULT_CORS_ALLOW_HEADERS */
  readonly allowHeaders?: readonly string[];
}

/** One route: a path and its methods. */
export interface RouteSpec {
  /** Path, e.g. `/v1/{proxy+}`. */
  readonly path: string;
  /** Methods; `ANY` for all. */
  readonly methods: readonly apigw.HttpMethod[];
}

/** Properties of {@link ChannelLabHttpApi}. */
export interface ChannelLabHttpApiProps {
  /** Optional custom domain mapped to the `$default` stage. @default - the execute-api endpoint only */
  readonly customDomain?: CustomDomainProps;
  /** CORS for browser clients; API Gateway answers preflight requests itself. @default - no CORS */
  readonly cors?: CorsProps;
  /** Steady-state requests per second for every route. @default API_THROTTLE_RATE_LIMIT */
  readonly throttleRateLimit?: number;
  /** Burst for every route. @default API_THROTTLE_BURST_LIMIT */
  readonly throttleBurstLimit?: number;
  /** Retention of the access logs. @default LOG_RETENTION */
  readonly logRetention?: logs.RetentionDays;
}

/**
 * Access log line (JSON). The request path is left out on purpose: tracking and unsubscribe
 * paths carry signed tokens, and the route key (`GET /t/{token}`) says enough.
 */
const ACCESS_LOG_FORMAT = AccessLogFormat.custom(
  JSON.stringify({
    requestId: '$context.requestId',
    requestTime: '$context.requestTime',
    sourceIp: '$context.identity.sourceIp',
    userAgent: '$context.identity.userAgent',
    httpMethod: '$context.httpMethod',
    routeKey: '$context.routeKey',
    status: '$context.status',
    protocol: '$context.protocol',
    responseLength: '$context.responseLength',
    responseLatency: '$context.responseLatency',
    integrationLatency: '$context.integrationLatency',
    integrationError: '$context.integrationErrorMessage',
  }),
);

/** The HTTP API with its stage, access log group and route helper. */
export class ChannelLabHttpApi extends Construct {
  /** The API. */
  public readonly api: apigw.HttpApi;
  /** The `$default` stage (auto-deployed). */
  public readonly stage: apigw.HttpStage;
  /** Access log group of the stage. */
  public readonly accessLogGroup: logs.LogGroup;
  /** The custom domain, when one was given. */
  public readonly domainName?: apigw.DomainName;
  /** Every route added through {@link addFunctionRoutes}. */
  public readonly routes: apigw.HttpRoute[] = [];
  /** Public base URL, without a trailing slash: the custom domain when given, else the execute-api endpoint. */
  public readonly publicBaseUrl: string;

  constructor(scope: Construct, id: string, props: ChannelLabHttpApiProps = {}) {
    super(scope, id);

    this.api = new apigw.HttpApi(this, 'Api', {
      apiName: `${Stack.of(this).stackName}-api`,
      description: 'Channel Lab API',
      createDefaultStage: false,
      corsPreflight: props.cors
        ? {
            allowOrigins: [...props.cors.allowOrigins],
            allowHeaders: [...(props.cors.allowHeaders ?? DEFAULT_CORS_ALLOW_HEADERS)],
            allowMethods: [
              apigw.CorsHttpMethod.GET,
              apigw.CorsHttpMethod.POST,
              apigw.CorsHttpMethod.PUT,
              apigw.CorsHttpMethod.DELETE,
              apigw.CorsHttpMethod.OPTIONS,
            ],
            maxAge: CORS_MAX_AGE,
          }
        : undefined,
    });

    this.accessLogGroup = new logs.LogGroup(this, 'AccessLogs', {
      retention: props.logRetention ?? LOG_RETENTION,
      removalPolicy: RemovalPolicy.DESTROY,
    });

    if (props.customDomain) {
      this.domainName = new apigw.DomainName(this, 'DomainName', {
        domainName: props.customDomain.domainName,
        certificate: props.customDomain.certificate,
      });
    }

    this.stage = new apigw.HttpStage(this, 'DefaultStage', {
      httpApi: this.api,
      stageName: '$default',
      autoDeploy: true,
      throttle: {
        rateLimit: props.throttleRateLimit ?? API_THROTTLE_RATE_LIMIT,
        burstLimit: props.throttleBurstLimit ?? API_THROTTLE_BURST_LIMIT,
      },
      accessLogSettings: {
        destination: new apigw.LogGroupLogDestination(this.accessLogGroup),
        format: ACCESS_LOG_FORMAT,
      },
      domainMapping: this.domainName ? { domainName: this.domainName } : undefined,
    });

    this.publicBaseUrl = props.customDomain
      ? `https://${props.customDomain.domainName}`
      : `https://${this.api.apiId}.execute-api.${Stack.of(this).region}.${Stack.of(this).urlSuffix}`;
  }

  /**
   * Routes every given path to `fn` through one Lambda proxy integration (payload format 2.0).
   * @returns the created routes
   */
  public addFunctionRoutes(id: string, fn: lambda.IFunction, routes: readonly RouteSpec[]): apigw.HttpRoute[] {
    const integration = new HttpLambdaIntegration(`${id}Integration`, fn);
    const created = routes.flatMap((route) =>
      this.api.addRoutes({ path: route.path, methods: [...route.methods], integration }),
    );
    this.routes.push(...created);
    return created;
  }
}
