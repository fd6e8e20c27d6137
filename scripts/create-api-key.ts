import { isEntryPoint } from '../cli/entry-point';
import { parseArgs } from 'node:util';
import { API_SCOPES } from '../shared/domain/auth/api-key';
import { CreateApiKeySchema } from '../shared/domain/auth/api-key';
import { ValidationError } from '../shared/domain/errors/channel-lab-error';
import { parseOrThrow } from '../shared/domain/errors/zod-issues';
import { loadConfig } from '../shared/runtime/config';
import { composeApi } from '../functions/api/api-composition';
import { createApiKey } from '../shared/use-cases/auth/api-keys';

/** Usage of `npm run api-key:create`. */
export const USAGE = `Usage: npm run api-key:create -- --table <TableName> [--name ops] [--scopes admin] [--region eu-west-1]

Creates an API key in a deployed stack's table: the first admin key (later ones can come from
POST /v1/api-keys). The key is printed once and stored hashed (SHA-256).

  --table <name>       the stack's TableName output (required)
  --name <name>        a label for the key (default: admin)
  --scopes <list>      comma-separated: ${API_SCOPES.join(', ')} (default: admin)
  --region <region>    the stack's region (default: $AWS_REGION, else $AWS_DEFAULT_REGION)
  --endpoint <url>     a DynamoDB endpoint instead of AWS (DynamoDB Local)
  -h, --help           this help

Uses the AWS credentials of your shell (AWS_PROFILE, or AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY, or SSO).
`;

/** Exit codes: done, failed, command line not understood. */
const EXIT = { ok: 0, failed: 1, usage: 2 } as const;

/** Output and environment of one run. */
export interface ScriptIo {
  readonly stdout: (text: string) => void;
  readonly stderr: (text: string) => void;
  readonly env: Readonly<Record<string, string | undefined>>;
}

/** An AWS SDK failure in words that say what to do, or undefined when it is something else. */
export function explainAwsError(error: unknown, context: { table: string; region: string }): string | undefined {
  const name = error instanceof Error ? error.name : '';
  const message = error instanceof Error ? error.message : String(error);
  if (name === 'CredentialsProviderError' || /Could not load credentials/i.test(message)) {
    return 'no AWS credentials found: log in (aws sso login), or set AWS_PROFILE, or AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY, then run again';
  }
  if (name === 'UnrecognizedClientException' || name === 'InvalidSignatureException' || name === 'ExpiredTokenException') {
    return `AWS refused the credentials (${name}): they are wrong or expired; log in again and run again`;
  }
  if (name === 'ResourceNotFoundException') return `table ${context.table} not found in ${context.region}: use the stack's TableName output, and --region of the stack`;
  if (name === 'AccessDeniedException') return `these credentials may not write to table ${context.table} (AccessDeniedException): use a role that may (dynamodb:PutItem on the table)`;
  return undefined;
}

/** Runs the script on `argv`; resolves to the exit code (never exits the process). */
export async function run(argv: readonly string[], io: ScriptIo): Promise<number> {
  let values: { table?: string; name: string; scopes: string; region?: string; endpoint?: string; help?: boolean };
  try {
    ({ values } = parseArgs({
      args: [...argv],
      options: {
        table: { type: 'string' },
        name: { type: 'string', default: 'admin' },
        scopes: { type: 'string', default: 'admin' },
        region: { type: 'string' },
        endpoint: { type: 'string' },
        help: { type: 'boolean', short: 'h' },
      },
    }));
  } catch (error) {
    io.stderr(`${error instanceof Error ? error.message.split('\n')[0] : String(error)}\n\n${USAGE}`);
    return EXIT.usage;
  }
  if (values.help === true) {
    io.stdout(USAGE);
    return EXIT.ok;
  }
  if (!values.table) {
    io.stderr(`--table <TableName> is required (the stack's TableName output)\n\n${USAGE}`);
    return EXIT.usage;
  }
  const region = values.region ?? io.env.AWS_REGION ?? io.env.AWS_DEFAULT_REGION;
  if (region === undefined && values.endpoint === undefined) {
    io.stderr("no AWS region: pass --region <the stack's region> (e.g. --region eu-west-1) or set AWS_REGION\n");
    return EXIT.failed;
  }
  try {
    const config = loadConfig({ TABLE_NAME: values.table, ...(region ? { AWS_REGION: region } : {}), ...(values.endpoint ? { DYNAMODB_ENDPOINT: values.endpoint } : {}) });
    const input = parseOrThrow(CreateApiKeySchema, { name: values.name, scopes: values.scopes.split(',').map((scope) => scope.trim()) }, 'API key');
    const created = await createApiKey(composeApi(config), input);
    io.stdout(`API key "${created.name}" (${created.scopes.join(', ')}), id ${created.id}:\n${created.key}\nIt is shown once and stored hashed: keep it in your secret store.\n`);
    return EXIT.ok;
  } catch (error) {
    if (error instanceof ValidationError) {
      io.stderr(`${(error.details ?? []).map((detail) => detail.message).join('; ') || error.message}\n`);
      return EXIT.usage;
    }
    const explained = explainAwsError(error, { table: values.table, region: region ?? 'the endpoint' });
    io.stderr(`${explained ?? (error instanceof Error ? error.message : String(error))}\n`);
    return EXIT.failed;
  }
}

if (isEntryPoint(import.meta.url)) {
  process.exitCode = await run(process.argv.slice(2), { stdout: (text) => process.stdout.write(text), stderr: (text) => process.stderr.write(text), env: process.env });
}
