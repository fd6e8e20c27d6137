/**
 * The web app in the stack, the way AWS hosts single-page apps: its built files in a private S3
 * bucket behind a CloudFront distribution (origin access control), and the API's paths (`/v1/*`,
 * and the tracking links `/t/*`, `/o/*`, `/u/*`) routed by the same distribution to the HTTP API,
 * uncached with every viewer header but Host forwarded. The app and its API are therefore one
 * origin: no CORS, `connect-src 'self'`, and the key typed in the app goes only to its own API.
 * Every answer carries the app's security headers (the same the local platform sends).
 */
import { Duration, RemovalPolicy, Stack } from 'aws-cdk-lib';
import * as cloudfront from 'aws-cdk-lib/aws-cloudfront';
import * as origins from 'aws-cdk-lib/aws-cloudfront-origins';
import * as s3 from 'aws-cdk-lib/aws-s3';
import * as s3deploy from 'aws-cdk-lib/aws-s3-deployment';
import { Construct } from 'constructs';
import { join } from 'node:path';
import { BUILD_STAMP_FILE } from '../../web/build';
import { ASSET_CACHE_CONTROL, ENTRY_CACHE_CONTROL, WEB_CONTENT_SECURITY_POLICY } from '../../web/hosting';
import type { ChannelLabHttpApi } from './http-api';

/** Paths CloudFront sends to the HTTP API instead of the bucket. */
export const API_PATH_PATTERNS: readonly string[] = ['/v1/*', '/t/*', '/o/*', '/u/*'];
/** Days CloudFront and S3 access logs are kept. */
export const WEB_LOG_RETENTION_DAYS = 90;

/** Properties of {@link WebAppHosting}. */
export interface WebAppHostingProps {
  /** The API the distribution routes `/v1/*` and the tracking paths to. */
  readonly httpApi: ChannelLabHttpApi;
  /** Folder of the built app (`index.html`, `assets/`). */
  readonly assetsPath: string;
  /** ARN of an AWS WAF web ACL (scope CLOUDFRONT, in us-east-1) to attach. @default - none */
  readonly webAclId?: string;
}

/** The web app's bucket, distribution and deployment. */
export class WebAppHosting extends Construct {
  /** Private bucket of the built files. */
  public readonly bucket: s3.Bucket;
  /** Bucket of the CloudFront and S3 access logs. */
  public readonly logBucket: s3.Bucket;
  /** The distribution: the app at `/`, the API beside it. */
  public readonly distribution: cloudfront.Distribution;
  /** Upload of `index.html`, after the assets. */
  public readonly deployment: s3deploy.BucketDeployment;
  /** `https://<distribution domain>`. */
  public readonly url: string;
  /** The WAF web ACL attached, if any. */
  public readonly webAclId?: string;

  constructor(scope: Construct, id: string, props: WebAppHostingProps) {
    super(scope, id);
    const stack = Stack.of(this);
    if (props.webAclId !== undefined) this.webAclId = props.webAclId;

    this.logBucket = new s3.Bucket(this, 'Logs', {
      blockPublicAccess: s3.BlockPublicAccess.BLOCK_ALL,
      encryption: s3.BucketEncryption.S3_MANAGED,
      enforceSSL: true,
      // CloudFront standard logging writes with ACLs.
      objectOwnership: s3.ObjectOwnership.OBJECT_WRITER,
      lifecycleRules: [{ expiration: Duration.days(WEB_LOG_RETENTION_DAYS) }],
      removalPolicy: RemovalPolicy.DESTROY,
      autoDeleteObjects: true,
    });

    this.bucket = new s3.Bucket(this, 'Site', {
      blockPublicAccess: s3.BlockPublicAccess.BLOCK_ALL,
      encryption: s3.BucketEncryption.S3_MANAGED,
      enforceSSL: true,
      serverAccessLogsBucket: this.logBucket,
      serverAccessLogsPrefix: 's3/',
      removalPolicy: RemovalPolicy.DESTROY,
      autoDeleteObjects: true,
    });

    const headers = new cloudfront.ResponseHeadersPolicy(this, 'SecurityHeaders', {
      comment: 'Channel Lab web app security headers',
      securityHeadersBehavior: {
        contentSecurityPolicy: { contentSecurityPolicy: WEB_CONTENT_SECURITY_POLICY, override: true },
        contentTypeOptions: { override: true },
        frameOptions: { frameOption: cloudfront.HeadersFrameOption.DENY, override: true },
        referrerPolicy: { referrerPolicy: cloudfront.HeadersReferrerPolicy.NO_REFERRER, override: true },
        strictTransportSecurity: { accessControlMaxAge: Duration.days(365), includeSubdomains: true, override: true },
      },
    });

    const apiOrigin = new origins.HttpOrigin(`${props.httpApi.api.apiId}.execute-api.${stack.region}.${stack.urlSuffix}`, {
      protocolPolicy: cloudfront.OriginProtocolPolicy.HTTPS_ONLY,
      originSslProtocols: [cloudfront.OriginSslPolicy.TLS_V1_2],
    });
    const apiBehavior: cloudfront.BehaviorOptions = {
      origin: apiOrigin,
      viewerProtocolPolicy: cloudfront.ViewerProtocolPolicy.HTTPS_ONLY,
      allowedMethods: cloudfront.AllowedMethods.ALLOW_ALL,
      cachePolicy: cloudfront.CachePolicy.CACHING_DISABLED,
      originRequestPolicy: cloudfront.OriginRequestPolicy.ALL_VIEWER_EXCEPT_HOST_HEADER,
      compress: true,
    };

    this.distribution = new cloudfront.Distribution(this, 'Distribution', {
      comment: `${stack.stackName} web app and API`,
      defaultRootObject: 'index.html',
      defaultBehavior: {
        origin: origins.S3BucketOrigin.withOriginAccessControl(this.bucket),
        viewerProtocolPolicy: cloudfront.ViewerProtocolPolicy.REDIRECT_TO_HTTPS,
        cachePolicy: cloudfront.CachePolicy.CACHING_OPTIMIZED,
        responseHeadersPolicy: headers,
        compress: true,
      },
      additionalBehaviors: Object.fromEntries(API_PATH_PATTERNS.map((pattern) => [pattern, apiBehavior])),
      priceClass: cloudfront.PriceClass.PRICE_CLASS_100,
      httpVersion: cloudfront.HttpVersion.HTTP2_AND_3,
      enableLogging: true,
      logBucket: this.logBucket,
      logFilePrefix: 'cloudfront/',
      ...(props.webAclId ? { webAclId: props.webAclId } : {}),
    });

    // Content-hashed files first, cached for a year (old ones stay: a tab that loaded the previous
    // index.html can still fetch its files); then index.html, revalidated on every load.
    const assets = new s3deploy.BucketDeployment(this, 'DeployAssets', {
      sources: [s3deploy.Source.asset(join(props.assetsPath, 'assets'))],
      destinationBucket: this.bucket,
      destinationKeyPrefix: 'assets/',
      prune: false,
      cacheControl: [s3deploy.CacheControl.fromString(ASSET_CACHE_CONTROL)],
    });
    this.deployment = new s3deploy.BucketDeployment(this, 'DeployEntry', {
      sources: [s3deploy.Source.asset(props.assetsPath, { exclude: ['assets', 'assets/**', BUILD_STAMP_FILE] })],
      destinationBucket: this.bucket,
      prune: false,
      // No invalidation needed: CloudFront revalidates a no-cache index.html after its 1 s minimum TTL.
      cacheControl: [s3deploy.CacheControl.fromString(ENTRY_CACHE_CONTROL)],
    });
    this.deployment.node.addDependency(assets);

    this.url = `https://${this.distribution.distributionDomainName}`;
  }
}
