/**
 * `ChannelLab`: the whole platform as one construct, to deploy on its own
 * (`ChannelLabStack`) or to embed in another CDK app.
 */
import { Construct } from 'constructs';
import { DataTable, type TableEncryptionMode } from './constructs/data-table';
import { ChannelLabService, type ChannelLabServiceProps } from './constructs/service';
import { acknowledgeNagFindings } from './nag-suppressions';

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
    const { tableEncryption: _encryption, retainData: _retain, ...serviceProps } = props;
    this.service = new ChannelLabService(this, 'Service', { ...serviceProps, table: this.data.table });
    acknowledgeNagFindings(this, { tracing: props.tracing ?? false, sms: props.enableSms ?? true });
  }

  /** Public base URL of the API (no trailing slash). */
  public get apiUrl(): string {
    return this.service.httpApi.publicBaseUrl;
  }
}
