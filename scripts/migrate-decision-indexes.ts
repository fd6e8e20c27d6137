/**
 * `npm run migrate:decision-indexes -- --table <TableName>`: the one-off migration of a table
 * deployed before the decisions moved to gsi3/gsi4 (see docs/deploy.md, "Upgrading a deployed
 * table"). Safe to run twice and while the application runs.
 */
import { parseArgs } from 'node:util';
import { isEntryPoint } from '../cli/entry-point';
import { createDocumentClient, createDynamoClient } from '../shared/adapters/dynamodb/document-client';
import { migrateDecisionIndexes } from '../shared/adapters/dynamodb/migrate-decision-indexes';
import type { ScriptIo } from './create-api-key';

/** Usage of `npm run migrate:decision-indexes`. */
export const MIGRATION_USAGE = `Usage: npm run migrate:decision-indexes -- --table <TableName> [--region eu-west-1] [--endpoint <url>]

Moves every decision still keyed in gsi1/gsi2 to gsi3/gsi4 (a stack deployed before the decisions
had their own indexes). Conditional on each decision's status: run it again until it moves nothing.
`;

/** Exit codes: done, failed, command line not understood. */
const EXIT = { ok: 0, failed: 1, usage: 2 } as const;

/** Runs the migration on `argv`; resolves to the exit code (never exits the process). */
export async function runMigration(argv: readonly string[], io: ScriptIo): Promise<number> {
  let values: { table?: string; region?: string; endpoint?: string };
  try {
    ({ values } = parseArgs({ args: [...argv], options: { table: { type: 'string' }, region: { type: 'string' }, endpoint: { type: 'string' } } }));
  } catch (error) {
    io.stderr(`${error instanceof Error ? error.message.split('\n')[0] : String(error)}\n\n${MIGRATION_USAGE}`);
    return EXIT.usage;
  }
  if (!values.table) {
    io.stderr(`--table <TableName> is required (the stack's TableName output)\n\n${MIGRATION_USAGE}`);
    return EXIT.usage;
  }
  const region = values.region ?? io.env.AWS_REGION ?? io.env.AWS_DEFAULT_REGION;
  const client = createDynamoClient({ ...(values.endpoint ? { endpoint: values.endpoint } : {}), ...(region ? { region } : {}) });
  try {
    const result = await migrateDecisionIndexes(createDocumentClient(client), values.table);
    io.stdout(`moved ${result.moved} decisions to gsi3/gsi4; ${result.changedMeanwhile} changed while the run looked at them${result.changedMeanwhile > 0 ? ' (run again)' : ''}\n`);
    return EXIT.ok;
  } catch (error) {
    io.stderr(`${error instanceof Error ? error.message : String(error)}\n`);
    return EXIT.failed;
  } finally {
    client.destroy();
  }
}

if (isEntryPoint(import.meta.url)) {
  process.exitCode = await runMigration(process.argv.slice(2), { stdout: (text) => process.stdout.write(text), stderr: (text) => process.stderr.write(text), env: process.env });
}
