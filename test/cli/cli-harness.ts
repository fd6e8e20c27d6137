import { run } from '../../cli/main';

/** What one in-process CLI run printed and returned. */
export interface CliRun {
  /** Exit code. */
  readonly code: number;
  /** Everything written to stdout. */
  readonly stdout: string;
  /** Everything written to stderr. */
  readonly stderr: string;
}

/** Runs the CLI in process with captured output. */
export async function runCli(argv: readonly string[], env: Record<string, string | undefined> = {}, cwd?: string): Promise<CliRun> {
  let stdout = '';
  let stderr = '';
  const code = await run(argv, {
    stdout: { write: (text: string) => (stdout += text) },
    stderr: { write: (text: string) => (stderr += text) },
    env,
    ...(cwd === undefined ? {} : { cwd }),
  });
  return { code, stdout, stderr };
}
