/**
 * `ChannelLab`: the whole platform as one construct, to deploy on its own
 * (`ChannelLabStack`) or to embed in another CDK app.
 */
import { existsSync } from 'node:fs';
import * as path from 'node:path';
import { Construct } from 'constructs';
import { isWebBuildCurrent, readBuildStamp } from '../web/build';
import { PROJECT_ROOT } from './package-root';
import { WebAppHosting } from './constructs/web-app';
import { DataTable, type TableEncryptionMode } from './constructs/data-table';
import { ChannelLabService, type ChannelLabServiceProps } from './constructs/service';
import { acknowledgeNagFindings } from './nag-suppressions';
import { addChannelLabOutputs } from './outputs';

/**
 * Properties of {@link ChannelLab}: those of the service part (see {@link ChannelLabServiceProps}:
 * `sesFromAddress` is required; SES identity, SMS, custom domain, CORS, concurrency, tracing, log
 * level, alarm email, entries are optional) without its table, plus the data part's.
 */
export interface ChannelLabProps extends Omit<ChannelLabServiceProps, 'table'> {
  /** Encryption of the table at rest. @default 'aws-managed' */
  readonly tableEncryption?: TableEncryptionMode;
  /** Keep the table when the stack is deleted (and protect it from deletion). @default true */
  readonly retainData?: boolean;
  /**
   * The web app: the folder of its build to host behind CloudFront beside the API, or `false` for
   * none. The default is the project's `web/dist`: the installed package ships it; in a checkout it
   * must be current (`npm run build:web`; `cdk synth` builds it). A missing or stale build stops the
   * synthesis.
   * @default DEFAULT_WEB_ASSETS
   */
  readonly webApp?: string | false;
  /** ARN of an AWS WAF web ACL (CLOUDFRONT scope, us-east-1) for the web app's distribution. @default - none */
  readonly webAclId?: string;
  /**
   * Add the stack outputs (`ApiUrl`, `TableName`, `WebAppUrl`, … see `channelLabOutputs`) under
   * this construct. `ChannelLabStack` turns this off and adds them to itself.
   * @default true
   */
  readonly outputs?: boolean;
}

/** The project's web app build. */
export const DEFAULT_WEB_ASSETS = path.join(PROJECT_ROOT, 'web', 'dist');

/** The web app's sources, relative to the package root: in a checkout, not in the installed package. */
export const WEB_APP_SOURCES = path.join('web', 'src');

/**
 * Whether the project's own web build may be hosted. In a checkout (the sources are there) it must
 * be a build of the sources as they are now; the installed package ships its build and not the
 * sources, so there the build it ships is the one (it must be there).
 */
export function isProjectWebBuildReady(dist: string = DEFAULT_WEB_ASSETS, root: string = PROJECT_ROOT): boolean {
  return existsSync(path.join(root, WEB_APP_SOURCES)) ? isWebBuildCurrent(dist, root) : readBuildStamp(dist) !== undefined;
}

/**
 * The web app folder to host (`undefined`: none), after checking that the project's own build is
 * current; a folder given by an embedder is taken as it is.
 * @throws Error when the project's build is missing or stale.
 */
export function webAssetsFolder(setting: string | false | undefined, isCurrent: (dist: string) => boolean = isProjectWebBuildReady): string | undefined {
  if (setting === false) return undefined;
  if (setting !== undefined && path.resolve(setting) !== DEFAULT_WEB_ASSETS) return setting;
  if (!isCurrent(DEFAULT_WEB_ASSETS)) {
    throw new Error('web/dist is missing or older than the web app sources: run `npm run build:web` (`cdk synth` through infra/app.ts does it)');
  }
  return DEFAULT_WEB_ASSETS;
}

/** Channel Lab: the data part (the table) and the service part (API, functions, queue, schedules, SES). */
export class ChannelLab extends Construct {
  /** The data part. */
  public readonly data: DataTable;
  /** The service part. */
  public readonly service: ChannelLabService;
  /** The web app's hosting (S3 + CloudFront, the API routed beside it), unless `webApp: false`. */
  public readonly web?: WebAppHosting;

  constructor(scope: Construct, id: string, props: ChannelLabProps) {
    super(scope, id);
    this.data = new DataTable(this, 'Data', { encryption: props.tableEncryption, retain: props.retainData });
    const { tableEncryption: _encryption, retainData: _retain, webApp: _webApp, webAclId: _webAclId, outputs: _outputs, ...serviceProps } = props;
    this.service = new ChannelLabService(this, 'Service', { ...serviceProps, table: this.data.table });
    const assetsPath = webAssetsFolder(props.webApp);
    if (assetsPath !== undefined) {
      this.web = new WebAppHosting(this, 'Web', { httpApi: this.service.httpApi, assetsPath, ...(props.webAclId ? { webAclId: props.webAclId } : {}) });
    }
    acknowledgeNagFindings(this, { tracing: props.tracing ?? false, sms: props.enableSms ?? true });
    if (props.outputs ?? true) addChannelLabOutputs(this, this);
  }

  /** URL of the web app (its CloudFront domain), when hosted. */
  public get webAppUrl(): string | undefined {
    return this.web?.url;
  }

  /** Public base URL of the API (no trailing slash). */
  public get apiUrl(): string {
    return this.service.httpApi.publicBaseUrl;
  }
}
