/**
 * Reads the `cdk -c key=value` context of the Channel Lab app into construct properties.
 */
import { Annotations, type Stack } from 'aws-cdk-lib';
import * as acm from 'aws-cdk-lib/aws-certificatemanager';
import type { Node } from 'constructs';
import type { ChannelLabProps } from './channel-lab';
import type { LogLevel } from './constants';
import type { TableEncryptionMode } from './constructs/data-table';
import type { SmsType } from './constructs/service';

/** From address used when `sesFromAddress` is not given: lets `cdk synth` run, must not be deployed. */
export const PLACEHOLDER_FROM_ADDRESS = 'sender@example.com';

/** Context keys the app reads. */
export const CONTEXT_KEYS = {
  stackName: 'stackName',
  sesFromAddress: 'sesFromAddress',
  sesIdentity: 'sesIdentity',
  createSesIdentity: 'createSesIdentity',
  smsType: 'smsType',
  enableSms: 'enableSms',
  domainName: 'domainName',
  certificateArn: 'certificateArn',
  tableEncryption: 'tableEncryption',
  retainData: 'retainData',
  tracing: 'tracing',
  logLevel: 'logLevel',
  alarmEmail: 'alarmEmail',
  corsAllowOrigins: 'corsAllowOrigins',
  dispatcherMaxConcurrency: 'dispatcherMaxConcurrency',
  customerEventBusName: 'customerEventBusName',
  customerEventSources: 'customerEventSources',
} as const;

/** Context values arrive as strings from the command line and as JSON values from cdk.json. */
function readString(node: Node, key: string): string | undefined {
  const value: unknown = node.tryGetContext(key);
  if (value === undefined || value === null || value === '') return undefined;
  return String(value);
}

function readBoolean(node: Node, key: string): boolean | undefined {
  const value = readString(node, key);
  if (value === undefined) return undefined;
  if (value === 'true') return true;
  if (value === 'false') return false;
  throw new Error(`Context "${key}" must be true or false, got "${value}"`);
}

function readChoice<T extends string>(node: Node, key: string, choices: readonly T[]): T | undefined {
  const value = readString(node, key);
  if (value === undefined) return undefined;
  if (!(choices as readonly string[]).includes(value)) {
    throw new Error(`Context "${key}" must be one of ${choices.join(', ')}, got "${value}"`);
  }
  return value as T;
}

function readPositiveInteger(node: Node, key: string): number | undefined {
  const value = readString(node, key);
  if (value === undefined) return undefined;
  const parsed = Number(value);
  if (!Number.isInteger(parsed) || parsed <= 0) {
    throw new Error(`Context "${key}" must be a positive integer, got "${value}"`);
  }
  return parsed;
}

/** A comma-separated list (`-c corsAllowOrigins=https://a.example.com,https://b.example.com`). */
function readList(node: Node, key: string): string[] | undefined {
  const value = readString(node, key);
  if (value === undefined) return undefined;
  return value.split(',').map((item) => item.trim()).filter((item) => item.length > 0);
}

/**
 * Builds {@link ChannelLabProps} from the app's context; the certificate (when `domainName`
 * is set) is imported into `stack`.
 */
export function channelLabPropsFromContext(stack: Stack): Omit<ChannelLabProps, 'entries'> {
  const node = stack.node;
  const sesFromAddress = readString(node, CONTEXT_KEYS.sesFromAddress);
  if (!sesFromAddress) {
    Annotations.of(stack).addWarningV2(
      'channel-lab:placeholder-from-address',
      `No sesFromAddress given: using ${PLACEHOLDER_FROM_ADDRESS}. Deploy with -c sesFromAddress=you@your-domain.`,
    );
  }
  const domainName = readString(node, CONTEXT_KEYS.domainName);
  const certificateArn = readString(node, CONTEXT_KEYS.certificateArn);
  if ((domainName === undefined) !== (certificateArn === undefined)) {
    throw new Error('Context "domainName" and "certificateArn" go together: give both or neither');
  }
  const corsAllowOrigins = readList(node, CONTEXT_KEYS.corsAllowOrigins);
  return {
    sesFromAddress: sesFromAddress ?? PLACEHOLDER_FROM_ADDRESS,
    sesIdentity: readString(node, CONTEXT_KEYS.sesIdentity),
    createSesIdentity: readBoolean(node, CONTEXT_KEYS.createSesIdentity),
    smsType: readChoice<SmsType>(node, CONTEXT_KEYS.smsType, ['transactional', 'promotional']),
    enableSms: readBoolean(node, CONTEXT_KEYS.enableSms),
    customDomain:
      domainName && certificateArn
        ? { domainName, certificate: acm.Certificate.fromCertificateArn(stack, 'Certificate', certificateArn) }
        : undefined,
    tableEncryption: readChoice<TableEncryptionMode>(node, CONTEXT_KEYS.tableEncryption, ['aws-managed', 'customer-managed']),
    retainData: readBoolean(node, CONTEXT_KEYS.retainData),
    tracing: readBoolean(node, CONTEXT_KEYS.tracing),
    logLevel: readChoice<LogLevel>(node, CONTEXT_KEYS.logLevel, ['debug', 'info', 'warn', 'error']),
    alarmEmail: readString(node, CONTEXT_KEYS.alarmEmail),
    cors: corsAllowOrigins ? { allowOrigins: corsAllowOrigins } : undefined,
    dispatcherMaxConcurrency: readPositiveInteger(node, CONTEXT_KEYS.dispatcherMaxConcurrency),
    customerEventBusName: readString(node, CONTEXT_KEYS.customerEventBusName),
    customerEventSources: readList(node, CONTEXT_KEYS.customerEventSources),
  };
}
