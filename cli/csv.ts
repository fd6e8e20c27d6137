/** One parsed CSV row with its 1-based line number in the file. */
export interface CsvRow {
  /** Line where the row starts. */
  readonly line: number;
  /** Cells by header name. */
  readonly cells: Readonly<Record<string, string>>;
}

/** A CSV text that cannot be read: where and why. */
export class CsvError extends Error {
  constructor(
    /** 1-based line. */
    readonly line: number,
    message: string,
  ) {
    super(message);
    this.name = 'CsvError';
  }
}

/**
 * Parses RFC 4180 CSV (comma-separated, `"` quotes, `""` for a quote, CRLF or LF) whose first row
 * is the header. Blank lines are skipped.
 * @throws CsvError on an unterminated quote or a row with more cells than the header.
 */
export function parseCsv(text: string): { header: string[]; rows: CsvRow[] } {
  const records: { line: number; cells: string[] }[] = [];
  let cells: string[] = [];
  let cell = '';
  let quoted = false;
  let line = 1;
  let recordLine = 1;
  let sawAny = false;
  for (let index = 0; index < text.length; index += 1) {
    const char = text[index];
    if (quoted) {
      if (char === '"' && text[index + 1] === '"') {
        cell += '"';
        index += 1;
      } else if (char === '"') quoted = false;
      else {
        if (char === '\n') line += 1;
        cell += char;
      }
      continue;
    }
    if (char === '"') {
      quoted = true;
      sawAny = true;
    } else if (char === ',') {
      cells.push(cell);
      cell = '';
      sawAny = true;
    } else if (char === '\n' || char === '\r') {
      if (char === '\r' && text[index + 1] === '\n') index += 1;
      if (sawAny || cell !== '') records.push({ line: recordLine, cells: [...cells, cell] });
      cells = [];
      cell = '';
      sawAny = false;
      line += 1;
      recordLine = line;
    } else {
      cell += char;
      sawAny = true;
    }
  }
  if (quoted) throw new CsvError(recordLine, 'a quoted cell is not closed');
  if (sawAny || cell !== '') records.push({ line: recordLine, cells: [...cells, cell] });
  const [head, ...body] = records;
  if (head === undefined) throw new CsvError(1, 'the file is empty: the first line names the columns');
  const header = head.cells.map((name) => name.trim());
  const rows = body.map((record) => {
    if (record.cells.length > header.length) throw new CsvError(record.line, `${record.cells.length} cells but the header names ${header.length} columns`);
    return { line: record.line, cells: Object.fromEntries(header.map((name, column) => [name, record.cells[column] ?? ''])) };
  });
  return { header, rows };
}
