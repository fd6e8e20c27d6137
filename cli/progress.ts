import type { TextSink } from './io';

/** Width of a progress bar in characters. */
const BAR_WIDTH = 24;
/** Percent steps at which a non-terminal output gets a new progress line. */
const LINE_STEP_PERCENT = 25;

/** A progress bar: redrawn in place on a terminal, a line per quarter otherwise (logs, tests). */
export class ProgressBar {
  private lastStep = -1;

  constructor(
    private readonly sink: TextSink & { readonly isTTY?: boolean },
    private readonly total: number,
    private readonly label: string,
  ) {}

  /** Shows `done` of the total, with a note after the bar. */
  update(done: number, note = ''): void {
    const fraction = this.total === 0 ? 1 : Math.min(1, done / this.total);
    const percent = Math.floor(fraction * 100);
    const filled = Math.round(fraction * BAR_WIDTH);
    const text = `${this.label} ${'█'.repeat(filled)}${'░'.repeat(BAR_WIDTH - filled)} ${String(percent).padStart(3)} % ${done}/${this.total}${note === '' ? '' : ` · ${note}`}`;
    if (this.sink.isTTY === true) {
      this.sink.write(`\r\x1b[2K${text}`);
      return;
    }
    const step = Math.floor(percent / LINE_STEP_PERCENT);
    if (step !== this.lastStep) {
      this.lastStep = step;
      this.sink.write(`${text}\n`);
    }
  }

  /** Ends the bar (a newline on a terminal). */
  done(): void {
    if (this.sink.isTTY === true) this.sink.write('\n');
  }
}

/** Splits items into batches of at most `size`. */
export function batches<T>(items: readonly T[], size: number): T[][] {
  const out: T[][] = [];
  for (let index = 0; index < items.length; index += size) out.push(items.slice(index, index + size));
  return out;
}

/** `{ queued: 3, suppressed: 1 }` as `3 queued, 1 suppressed`. */
export function countsLine(counts: Readonly<Record<string, number>>): string {
  return Object.entries(counts)
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([name, count]) => `${count} ${name}`)
    .join(', ');
}
