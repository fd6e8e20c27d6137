import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { explainAwsError, run } from '../../scripts/create-api-key';

async function script(argv: string[], env: Record<string, string> = {}): Promise<{ code: number; stdout: string; stderr: string }> {
  let stdout = '';
  let stderr = '';
  const code = await run(argv, { stdout: (text) => (stdout += text), stderr: (text) => (stderr += text), env });
  return { code, stdout, stderr };
}

describe('npm run api-key:create', () => {
  it.each([['--help'], ['-h']])('%s prints the usage and exits 0', async (flag) => {
    const { code, stdout } = await script([flag]);
    expect(code).toBe(0);
    expect(stdout).toMatch(/^Usage: npm run api-key:create -- --table <TableName>/);
    expect(stdout).toMatch(/--region <region>/);
  });

  it.each([
    { argv: [], code: 2, expected: /--table <TableName> is required/ },
    { argv: ['--tabel', 'x'], code: 2, expected: /Unknown option '--tabel'/ },
    { argv: ['--table', 'ChannelLab-Data'], code: 1, expected: /^no AWS region: pass --region/ },
    { argv: ['--table', 'T', '--region', 'eu-west-1'], code: 2, expected: /^TABLE_NAME must name the DynamoDB table/ },
  ])('$argv → exit $code with a message that says what to do', async ({ argv, code, expected }) => {
    const result = await script(argv);
    expect(result.code).toBe(code);
    expect(result.stderr).toMatch(expected);
  });

  it.each([
    { name: 'CredentialsProviderError', message: 'Could not load credentials from any providers', expected: /^no AWS credentials found: log in/ },
    { name: 'ResourceNotFoundException', message: 'Requested resource not found', expected: /^table T not found in eu-west-1/ },
    { name: 'ExpiredTokenException', message: 'expired', expected: /refused the credentials/ },
  ])('explains $name', ({ name, message, expected }) => {
    const error = Object.assign(new Error(message), { name });
    expect(explainAwsError(error, { table: 'T', region: 'eu-west-1' })).toMatch(expected);
  });

  it('without credentials (a bare environment), the real SDK error becomes the clear message', () => {
    const home = mkdtempSync(join(tmpdir(), 'no-aws-'));
    try {
      const result = spawnSync(process.execPath, ['--import', 'tsx', 'scripts/create-api-key.ts', '--table', 'ChannelLab-Data', '--region', 'eu-west-1'], {
        encoding: 'utf8',
        env: { PATH: process.env.PATH ?? '', HOME: home, AWS_EC2_METADATA_DISABLED: 'true', AWS_CONFIG_FILE: join(home, 'none'), AWS_SHARED_CREDENTIALS_FILE: join(home, 'none') },
        timeout: 60_000,
      });
      expect(result.status).toBe(1);
      expect(result.stderr.trim()).toMatch(/^no AWS credentials found: log in/);
    } finally {
      rmSync(home, { recursive: true, force: true });
    }
  }, 60_000);
});
