/**
 * The API's contract: every request body, query and response schema of `/v1`, as pure zod schemas
 * with their inferred types. The routes validate with these and the OpenAPI document is generated
 * from them; the CLI and the web app import them (this module imports zod and the pure domain
 * only: no server code).
 */
export * from './api-keys';
export * from './customers';
export * from './errors';
export * from './events';
export * from './experiments';
export * from './journeys';
export * from './results';
export * from './schema-registry';
export * from './segments';
export * from './sends';
export * from './session';
export * from './triggers';
