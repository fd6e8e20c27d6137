/**
 * Public entry point of Channel Lab's infrastructure, for embedding in other CDK apps:
 * `new ChannelLab(this, 'ChannelLab', { sesFromAddress: 'news@example.com' })`.
 */
export { ChannelLab, type ChannelLabProps } from './channel-lab';
export { ChannelLabStack, type ChannelLabStackProps } from './channel-lab-stack';
export { DataTable, tablePropsFromDefinition, type DataTableProps, type TableEncryptionMode } from './constructs/data-table';
export {
  ChannelLabService,
  API_ROUTES,
  TRACKING_ROUTES,
  type AddFunctionOptions,
  type ChannelLabServiceProps,
  type SmsType,
} from './constructs/service';
export { ChannelLabFunction, FUNCTION_RUNTIME, FUNCTION_ARCHITECTURE, type ChannelLabFunctionProps } from './constructs/channel-lab-function';
export { ChannelLabHttpApi, type CorsProps, type CustomDomainProps, type RouteSpec } from './constructs/http-api';
export { ENV, type EnvName } from './constructs/environment';
export { DEFAULT_ENTRY_PATHS, resolveEntries, type ChannelLabEntries } from './entries';
export { NAG_REASONS } from './nag-suppressions';
