import { parseArgs } from 'node:util';
import { API_SCOPES } from '../shared/domain/auth/api-key';
import { loadConfig } from '../shared/runtime/config';
import { composeApi } from '../functions/api/api-composition';
import { createApiKey } from '../shared/use-cases/auth/api-keys';

/**
 * `npm run api-key:create -- --table <TableName> --name ops --scopes admin`: creates an API key in a
 * deployed stack's table (the first admin key; later ones can come from `POST /v1/api-keys`). Uses
 * the AWS credentials and region of the shell; `--endpoint` points at DynamoDB Local.
 */
async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      table: { type: 'string' },
      name: { type: 'string', default: 'admin' },
      scopes: { type: 'string', default: 'admin' },
      region: { type: 'string' },
      endpoint: { type: 'string' },
    },
  });
  if (!values.table) throw new Error(`usage: npm run api-key:create -- --table <TableName> [--name ops] [--scopes ${API_SCOPES.join(',')}] [--region eu-west-1]`);
  const config = loadConfig({
    TABLE_NAME: values.table,
    ...(values.region ? { AWS_REGION: values.region } : process.env.AWS_REGION ? { AWS_REGION: process.env.AWS_REGION } : {}),
    ...(values.endpoint ? { DYNAMODB_ENDPOINT: values.endpoint } : {}),
  });
  const deps = composeApi(config);
  const created = await createApiKey(deps, { name: values.name, scopes: values.scopes.split(',').map((scope) => scope.trim()) });
  console.log(`API key "${created.name}" (${created.scopes.join(', ')}), id ${created.id}:`);
  console.log(created.key);
  console.log('It is shown once and stored hashed: keep it in your secret store.');
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
