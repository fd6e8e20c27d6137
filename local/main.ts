import { ensureWebBuild } from '../web/build';
import { DEFAULT_LOCAL_PORT, startLocalPlatform } from './platform';

/** `npm start`: runs the local platform until interrupted. PORT and DATA_DIR are optional. */
async function main(): Promise<void> {
  const port = process.env.PORT === undefined ? DEFAULT_LOCAL_PORT : Number(process.env.PORT);
  const auth = process.env.AUTH_MODE === 'api_keys';
  if ((await ensureWebBuild()).built) console.log('Built the web app (web/dist).');
  const platform = await startLocalPlatform({ port, auth, ...(process.env.DATA_DIR ? { dbPath: process.env.DATA_DIR } : {}) });
  console.log(`Channel Lab local platform: ${platform.url}`);
  console.log(`  Web app:  ${platform.url}/#/experiments`);
  console.log(`  API:      ${platform.url}/v1/experiments`);
  console.log(`  OpenAPI:  ${platform.url}/v1/openapi.json`);
  console.log(`  DynamoDB: ${platform.dynamoEndpoint} (table ${platform.tableName})`);
  console.log(platform.adminKey ? `  API keys required; admin key: ${platform.adminKey}` : '  API keys not required locally (AUTH_MODE=api_keys npm start to require them, as the stack does)');
  const shutdown = async () => {
    await platform.stop();
    process.exit(0);
  };
  process.on('SIGINT', shutdown);
  process.on('SIGTERM', shutdown);
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
