import type { ApiError } from './api-client';
import type { DefinitionProblem } from './yaml-definition';

/** Decimal places of rates and probabilities in tables. */
const RATE_DIGITS = 3;
/** Placeholder for a value not computed yet. */
const NONE = '–';

/** Lays rows out as aligned columns under a header (numbers right-aligned). */
export function formatTable(header: readonly string[], rows: readonly (readonly string[])[]): string[] {
  const all = [header, ...rows];
  const widths = header.map((_, column) => Math.max(...all.map((row) => (row[column] ?? '').length)));
  const numeric = header.map((_, column) => rows.length > 0 && rows.every((row) => /^[-+]?[\d.,%[\]\s–-]+$/.test(row[column] ?? '')));
  return all.map((row) =>
    row
      .map((cell, column) => (numeric[column] ? cell.padStart(widths[column] ?? 0) : cell.padEnd(widths[column] ?? 0)))
      .join('  ')
      .trimEnd(),
  );
}

/** A rate or probability with fixed decimals, or a dash. */
export function formatRate(value: number | null | undefined): string {
  return value === null || value === undefined ? NONE : value.toFixed(RATE_DIGITS);
}

/** A credible interval as `[low, high]`, or a dash. */
export function formatInterval(interval: readonly [number, number] | null | undefined): string {
  return interval ? `[${formatRate(interval[0])}, ${formatRate(interval[1])}]` : NONE;
}

/** One validation problem as `file:line: path: message`. */
export function formatProblem(file: string, problem: DefinitionProblem): string {
  const where = problem.line === undefined ? file : `${file}:${problem.line}`;
  return `${where}: ${problem.path === '' ? '' : `${problem.path}: `}${problem.message}`;
}

/** An API error as a summary line and one line per detail. */
export function formatApiError(error: ApiError): string[] {
  return [`error: ${error.message} (${error.code}, HTTP ${error.status})`, ...error.details.map((detail) => `  ${detail.path === '' ? '' : `${detail.path}: `}${detail.message}`)];
}
