/**
 * Public entry point of Channel Lab's infrastructure (the `channel-lab` package's main module),
 * for embedding in other CDK apps:
 * `new ChannelLab(this, 'ChannelLab', { sesFromAddress: 'news@example.com' })`.
 */
export { ChannelLab, DEFAULT_WEB_ASSETS, type ChannelLabProps } from './channel-lab';
export { addChannelLabOutputs, channelLabOutputs, type ChannelLabOutput } from './outputs';
export { PROJECT_ROOT } from './package-root';
export { ChannelLabStack, type ChannelLabStackProps } from './channel-lab-stack';
export { DataTable, tablePropsFromDefinition, type DataTableProps, type TableEncryptionMode } from './constructs/data-table';
export {
  ChannelLabService,
  API_ROUTES,
  ANALYSIS_ROUTES,
  OPENAPI_ROUTES,
  TRACKING_ROUTES,
  type AddFunctionOptions,
  type ChannelLabServiceProps,
  type SmsType,
} from './constructs/service';
export { ChannelLabFunction, FUNCTION_RUNTIME, FUNCTION_ARCHITECTURE, type ChannelLabFunctionProps } from './constructs/channel-lab-function';
export { ChannelLabHttpApi, type CorsProps, type CustomDomainProps, type RouteSpec } from './constructs/http-api';
export { ENV, type EnvName } from './constructs/environment';
export { DEFAULT_ENTRY_PATHS, resolveEntries, type ChannelLabEntries } from './entries';
export { ANALYSIS_PATHS, OPENAPI_PATHS } from './http-paths';
export { NAG_REASONS } from './nag-suppressions';
