import type { SimulationClock } from '../simulator/clock';

/** Exit code of a command that succeeded. */
export const EXIT_OK = 0;
/** Exit code of a command that failed (invalid file, API error, unreachable API). */
export const EXIT_FAILURE = 1;
/** Exit code of a command line that could not be understood (unknown command or flag). */
export const EXIT_USAGE = 2;

/** Something text can be written to (process.stdout, or a buffer in tests). */
export interface TextSink {
  /** Writes text as is (callers add their own newlines). */
  write(text: string): unknown;
}

/** The outside world of one CLI run: where output goes and the environment it reads. */
export interface CliIo {
  /** Normal output. */
  readonly stdout: TextSink;
  /** Problems and diagnostics. */
  readonly stderr: TextSink;
  /** Environment variables (`CHANNEL_LAB_URL`, `CHANNEL_LAB_API_KEY`). */
  readonly env: Readonly<Record<string, string | undefined>>;
  /** Working directory that relative file paths are resolved against (default: `process.cwd()`). */
  readonly cwd?: string;
  /**
   * The simulated time of `simulate`, from the platform's time at the start and the pace
   * (default: a scaled wall clock; tests pass a clock that jumps).
   */
  readonly simulationClock?: (origin: Date, speed: number) => SimulationClock;
}

/** Writes one line. */
export function writeLine(sink: TextSink, line = ''): void {
  sink.write(`${line}\n`);
}
