/**
 * The web app in the stack: a private bucket behind CloudFront with origin access control, the
 * API's paths routed by the same distribution to the HTTP API (uncached, every viewer header but
 * Host), the app's security headers on every answer, hashed assets cached for a year and
 * index.html revalidated; a stale or missing project build stops the synthesis.
 */
import { Match, Template } from 'aws-cdk-lib/assertions';
import { beforeAll, describe, expect, it } from 'vitest';
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { DEFAULT_WEB_ASSETS, isProjectWebBuildReady, webAssetsFolder } from '../../infra/channel-lab';
import { BUILD_STAMP_FILE } from '../../web/build';
import { API_PATH_PATTERNS } from '../../infra/constructs/web-app';
import { ASSET_CACHE_CONTROL, ENTRY_CACHE_CONTROL, WEB_CONTENT_SECURITY_POLICY } from '../../web/hosting';
import { synthesizeLab } from './support';

interface CacheBehavior {
  readonly PathPattern: string;
  readonly TargetOriginId: string;
  readonly AllowedMethods: string[];
  readonly CachePolicyId: string;
  readonly OriginRequestPolicyId?: string;
  readonly ViewerProtocolPolicy: string;
}

describe('the web app hosting', () => {
  let template: Template;
  let config: { Origins: { Id: string; DomainName: unknown; S3OriginConfig?: unknown; OriginAccessControlId?: unknown; CustomOriginConfig?: { OriginProtocolPolicy: string; OriginSSLProtocols: string[] } }[]; CacheBehaviors: CacheBehavior[]; DefaultCacheBehavior: CacheBehavior & { ResponseHeadersPolicyId: unknown }; DefaultRootObject: string };

  beforeAll(() => {
    template = synthesizeLab().template;
    const [distribution] = Object.values(template.findResources('AWS::CloudFront::Distribution')) as { Properties: { DistributionConfig: typeof config } }[];
    config = distribution!.Properties.DistributionConfig;
  });

  it('keeps the built files in a private, TLS-only bucket read by CloudFront through origin access control', () => {
    template.hasResourceProperties('AWS::S3::Bucket', {
      PublicAccessBlockConfiguration: { BlockPublicAcls: true, BlockPublicPolicy: true, IgnorePublicAcls: true, RestrictPublicBuckets: true },
      LoggingConfiguration: Match.objectLike({ LogFilePrefix: 's3/' }),
    });
    template.resourceCountIs('AWS::CloudFront::OriginAccessControl', 1);
    const s3Origin = config.Origins.find((origin) => origin.S3OriginConfig !== undefined);
    expect(s3Origin?.OriginAccessControlId).toBeDefined();
    expect(config.DefaultRootObject).toBe('index.html');
    expect(config.DefaultCacheBehavior.TargetOriginId).toBe(s3Origin?.Id);
    expect(config.DefaultCacheBehavior.ViewerProtocolPolicy).toBe('redirect-to-https');
  });

  it('routes the API and the tracking links to the HTTP API: same origin, uncached, every method, viewer headers but Host', () => {
    expect(config.CacheBehaviors.map((behavior) => behavior.PathPattern).sort()).toEqual([...API_PATH_PATTERNS].sort());
    const apiOrigin = config.Origins.find((origin) => origin.CustomOriginConfig !== undefined);
    expect(apiOrigin?.CustomOriginConfig).toMatchObject({ OriginProtocolPolicy: 'https-only', OriginSSLProtocols: ['TLSv1.2'] });
    expect(JSON.stringify(apiOrigin?.DomainName)).toContain('execute-api');
    for (const behavior of config.CacheBehaviors) {
      expect(behavior.TargetOriginId).toBe(apiOrigin?.Id);
      expect(behavior.AllowedMethods.sort()).toEqual(['DELETE', 'GET', 'HEAD', 'OPTIONS', 'PATCH', 'POST', 'PUT']);
      expect(behavior.CachePolicyId).toBe('4135ea2d-6df8-44a3-9df3-4b5a84be39ad'); // Managed-CachingDisabled
      expect(behavior.OriginRequestPolicyId).toBe('b689b0a8-53d0-40ab-baf2-68738e2966ac'); // Managed-AllViewerExceptHostHeader
      expect(behavior.ViewerProtocolPolicy).toBe('https-only');
    }
  });

  it("adds the app's Content-Security-Policy and security headers to the app's answers", () => {
    template.hasResourceProperties('AWS::CloudFront::ResponseHeadersPolicy', {
      ResponseHeadersPolicyConfig: Match.objectLike({
        SecurityHeadersConfig: Match.objectLike({
          ContentSecurityPolicy: { ContentSecurityPolicy: WEB_CONTENT_SECURITY_POLICY, Override: true },
          FrameOptions: { FrameOption: 'DENY', Override: true },
          ContentTypeOptions: { Override: true },
        }),
      }),
    });
    expect(config.DefaultCacheBehavior.ResponseHeadersPolicyId).toBeDefined();
  });

  it('uploads hashed assets cached for a year and index.html revalidated on every load, assets first', () => {
    const deployments = Object.values(template.findResources('Custom::CDKBucketDeployment')) as { Properties: { SystemMetadata?: { 'cache-control'?: string }; DestinationBucketKeyPrefix?: string }; DependsOn?: string[] }[];
    expect(deployments.map((deployment) => [deployment.Properties.DestinationBucketKeyPrefix ?? '', deployment.Properties.SystemMetadata?.['cache-control']]).sort()).toEqual([
      ['', ENTRY_CACHE_CONTROL],
      ['assets/', ASSET_CACHE_CONTROL],
    ]);
    expect(deployments.find((deployment) => deployment.Properties.DestinationBucketKeyPrefix === undefined)?.DependsOn?.length).toBeGreaterThan(0);
  });

  it('outputs the web app URL', () => {
    template.hasOutput('WebAppUrl', { Value: Match.objectLike({ 'Fn::Join': Match.anyValue() }) });
  });

  it('hosts nothing with webApp: false', () => {
    const bare = synthesizeLab({ webApp: false }).template;
    bare.resourceCountIs('AWS::CloudFront::Distribution', 0);
    expect(Object.keys(bare.findOutputs('WebAppUrl'))).toEqual([]);
  });

  it.each([
    ['the project build, current', undefined, true, DEFAULT_WEB_ASSETS],
    ['the project build named explicitly, current', DEFAULT_WEB_ASSETS, true, DEFAULT_WEB_ASSETS],
    ["an embedder's folder, taken as given", '/somewhere/dist', false, '/somewhere/dist'],
    ['no web app', false, false, undefined],
  ] as const)('hosts %s', (_name, setting, current, expected) => {
    expect(webAssetsFolder(setting, () => current)).toBe(expected);
  });

  it.each([undefined, DEFAULT_WEB_ASSETS])('refuses to synthesize the project build %s when it is missing or stale', (setting) => {
    expect(() => webAssetsFolder(setting, () => false)).toThrow('web/dist is missing or older than the web app sources: run `npm run build:web`');
  });

  describe('the project build', () => {
    /** A package folder: with the web app's sources (a checkout) or without (installed), with or without a build. */
    function packageFolder(layout: { sources: boolean; build: boolean }): string {
      const root = mkdtempSync(path.join(tmpdir(), 'channel-lab-web-'));
      if (layout.sources) mkdirSync(path.join(root, 'web', 'src'), { recursive: true });
      if (layout.build) {
        mkdirSync(path.join(root, 'web', 'dist'), { recursive: true });
        writeFileSync(path.join(root, 'web', 'dist', 'index.html'), '<!doctype html>');
        writeFileSync(path.join(root, 'web', 'dist', BUILD_STAMP_FILE), JSON.stringify({ sourceHash: 'of other sources', builtAt: '2026-01-01T00:00:00Z' }));
      }
      return root;
    }

    it.each([
      ['installed, with the build it ships', { sources: false, build: true }, true],
      ['installed, without a build', { sources: false, build: false }, false],
      ['a checkout, with a build of other sources', { sources: true, build: true }, false],
      ['a checkout, without a build', { sources: true, build: false }, false],
    ])('of a package %s is ready: %s', (_name, layout, ready) => {
      const root = packageFolder(layout);
      expect(isProjectWebBuildReady(path.join(root, 'web', 'dist'), root)).toBe(ready);
    });

    it('of this checkout is ready once built (the test run builds it)', () => {
      expect(isProjectWebBuildReady()).toBe(true);
    });
  });
});
