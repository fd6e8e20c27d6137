/**
 * `ChannelLab`: the whole platform as one construct, to deploy on its own
 * (`ChannelLabStack`) or to embed in another CDK app.
 */
import { Construct } from 'constructs';
import type { LogLevel } from './constants';
import type { CorsProps, CustomDomainProps } from './constructs/http-api';
import { DataTable, type TableEncryptionMode } from './constructs/data-table';
import { ChannelLabService, type SmsType } from './constructs/service';
import type { ChannelLabEntries } from './entries';
import { acknowledgeNagFindings } from './nag-suppressions';

/** Properties of {@link ChannelLab}. */
export interface ChannelLabProps {
  /** Default From address of emails, e.g. `news@example.com`. */
  readonly sesFromAddress: string;
  /**
   * SES identity that sends: a domain (`example.com`) or an address. Sending permission is scoped to it.
   * @default - the From address itself
   */
  readonly sesIdentity?: string;
  /** Create the SES identity in this stack; `false` when it already exists in the account and region. @default true */
  readonly createSesIdentity?: boolean;
  /** Default SNS SMS type. @default 'transactional' */
  readonly smsType?: SmsType;
  /** Allow SMS to phone numbers (needs `sns:Publish` on `*`). @default true */
  readonly enableSms?: boolean;
  /** Optional custom domain for the API (and therefore for tracking links). @default - the execute-api URL */
  readonly customDomain?: CustomDomainProps;
  /** CORS for browser clients such as dashboards. @default - no CORS */
  readonly cors?: CorsProps;
  /** Maximum concurrent dispatcher invocations, to stay under SES/SNS sending quotas. @default - unbounded */
  readonly dispatcherMaxConcurrency?: number;
  /** Encryption of the table at rest. @default 'aws-managed' */
  readonly tableEncryption?: TableEncryptionMode;
  /** Keep the table when the stack is deleted (and protect it from deletion). @default true */
  readonly retainData?: boolean;
  /** Turn on X-Ray active tracing for every function. @default false */
  readonly tracing?: boolean;
  /** `LOG_LEVEL` of every function. @default 'info' */
  readonly logLevel?: LogLevel;
  /** Reserved concurrency of the API function. @default - unreserved */
  readonly apiReservedConcurrency?: number;
  /** Email address subscribed to the alarm topic. @default - no subscription */
  readonly alarmEmail?: string;
  /** Handler entry files; unset ones use the project's defaults. @default DEFAULT_ENTRY_PATHS */
  readonly entries?: Partial<ChannelLabEntries>;
}

/** Channel Lab: the data part (the table) and the service part (API, functions, queue, schedules, SES). */
export class ChannelLab extends Construct {
  /** The data part. */
  public readonly data: DataTable;
  /** The service part. */
  public readonly service: ChannelLabService;

  constructor(scope: Construct, id: string, props: ChannelLabProps) {
    super(scope, id);
    this.data = new DataTable(this, 'Data', { encryption: props.tableEncryption, retain: props.retainData });
    this.service = new ChannelLabService(this, 'Service', { ...props, table: this.data.table });
    acknowledgeNagFindings(this, { tracing: props.tracing ?? false, sms: props.enableSms ?? true });
  }

  /** Public base URL of the API (no trailing slash). */
  public get apiUrl(): string {
    return this.service.httpApi.publicBaseUrl;
  }
}
