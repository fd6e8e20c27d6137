import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runMigration } from '../../scripts/migrate-decision-indexes';
import { createTestTable, type TestTable } from '../support/dynamo';

let table: TestTable;

beforeAll(async () => {
  table = await createTestTable('migrate-script');
});
afterAll(async () => table.drop());

/** Runs the script, collecting what it prints. */
async function run(argv: readonly string[]): Promise<{ code: number; out: string; err: string }> {
  let out = '';
  let err = '';
  const code = await runMigration(argv, { stdout: (text) => (out += text), stderr: (text) => (err += text), env: {} });
  return { code, out, err };
}

describe('npm run migrate:decision-indexes', () => {
  it.each([
    { argv: [], says: /--table <TableName> is required/ },
    { argv: ['--table'], says: /argument missing|Usage/ },
    { argv: ['--tabel', 'x'], says: /Unknown option '--tabel'/ },
  ])('refuses $argv with a usage error naming the problem', async ({ argv, says }) => {
    const result = await run(argv);
    expect(result.code).toBe(2);
    expect(result.err).toMatch(says);
  });

  it('reports what it moved on a table (DynamoDB Local)', async () => {
    const result = await run(['--table', table.tableName, '--endpoint', table.endpoint]);
    expect(result).toEqual({ code: 0, out: 'moved 0 decisions to gsi3/gsi4; 0 changed while the run looked at them\n', err: '' });
  });
});
