// Reads an import CSV file as a stream of rows (csv-parse): one record in memory at a time, whatever the file's size.
// A record the parser cannot read is a rejected row with its line and reason; a file it cannot read is refused whole.
import { parse } from 'csv-parse';
import { columnOf, type ImportType, type RowSource, type SourceRow } from './columns.js';

/** A file the import cannot read as CSV (not UTF-8, binary, a quote left open at its end): refused as a whole. */
export class CsvProblem extends Error {}

/** A header the import cannot read: every row would fail the same way, so the file is refused as a whole. */
export class HeaderProblem extends CsvProblem {}

/** What a CSV reader takes: the text, or its bytes as they are read (a file's stream, a request's body). */
export type CsvInput = string | AsyncIterable<Buffer | string> | Iterable<Buffer | string>;

const NOT_UTF8 = 'not a UTF-8 CSV file';

/** The text of the input, refused unless it is UTF-8 (a UTF-8 byte order mark is dropped) and free of NUL bytes. */
async function* utf8Text(input: CsvInput, name: string): AsyncGenerator<string> {
  const decoder = new TextDecoder('utf-8', { fatal: true });
  let read = 0;
  for await (const chunk of typeof input === 'string' ? [input] : input) {
    if (typeof chunk === 'string') {
      if (chunk.includes('\u0000')) throw new CsvProblem(`${name}: ${NOT_UTF8} (it holds NUL characters)`);
      yield read === 0 && chunk.startsWith('\uFEFF') ? chunk.slice(1) : chunk;
      read += chunk.length;
      continue;
    }
    if (
      read === 0 &&
      chunk.length >= 2 &&
      ((chunk[0] === 0xff && chunk[1] === 0xfe) || (chunk[0] === 0xfe && chunk[1] === 0xff))
    ) {
      throw new CsvProblem(`${name}: ${NOT_UTF8} (it starts with a UTF-16 byte order mark): save it as UTF-8`);
    }
    const nul = chunk.indexOf(0);
    if (nul !== -1) {
      throw new CsvProblem(`${name}: ${NOT_UTF8} (byte ${read + nul + 1} is NUL, as in binary or UTF-16 files)`);
    }
    try {
      yield decoder.decode(chunk, { stream: true });
    } catch {
      throw new CsvProblem(
        `${name}: ${NOT_UTF8} (bytes ${read + 1} to ${read + chunk.length} hold a byte sequence UTF-8 does not have)`,
      );
    }
    read += chunk.length;
  }
  try {
    yield decoder.decode();
  } catch {
    throw new CsvProblem(`${name}: ${NOT_UTF8} (it ends inside a UTF-8 character)`);
  }
}

/**
 * The text with the `#` lines before the header left empty (their line endings kept, so line numbers stay true): a
 * filled template is imported as it is. After the header a `#` is data.
 */
async function* withoutPreamble(text: AsyncIterable<string>): AsyncGenerator<string> {
  let pending = '';
  let preamble = true;
  for await (const chunk of text) {
    if (!preamble) {
      yield chunk;
      continue;
    }
    pending += chunk;
    let kept = '';
    for (let end = pending.indexOf('\n'); end !== -1 && preamble; end = pending.indexOf('\n')) {
      const line = pending.slice(0, end + 1);
      if (line.startsWith('#')) kept += line.endsWith('\r\n') ? '\r\n' : '\n';
      else if (line.trim() === '') kept += line;
      else preamble = false;
      if (preamble) pending = pending.slice(end + 1);
    }
    if (!preamble) {
      kept += pending;
      pending = '';
    }
    if (kept) yield kept;
  }
  if (pending && !pending.startsWith('#')) yield pending;
}

/** A record csv-parse could not read, as the parser says it. */
interface Unreadable {
  line: number;
  reason: string;
}

/** The reason of a csv-parse error without its "Label:" and "at line n", which the report says apart. */
function reasonOf(error: Error): string {
  return error.message
    .replace(/^[A-Za-z ]+:\s*/, '')
    .replace(/\s*(at|on) line \d+/, '')
    .trim();
}

/**
 * The rows of one CSV file of `type`: a header line naming columns (after any `#` lines), then one record a line
 * (UTF-8, comma). A record with more or fewer cells than the header, or a quote out of place, is a rejected row.
 */
export async function* csvRows(type: ImportType, input: CsvInput, file?: string): RowSource {
  const name = file ?? type;
  const unreadable: Unreadable[] = [];
  let header: string[] = [];
  const parser = parse({
    bom: true,
    skip_empty_lines: true,
    info: true,
    relax_column_count: true,
    skip_records_with_error: true,
    on_skip: (error) => {
      if (!error) return;
      const { lines } = error as unknown as { lines: number };
      // An open quote runs to the end of the file: nothing after it can be read as meant.
      if (error.code === 'CSV_QUOTE_NOT_CLOSED') {
        throw new CsvProblem(
          `${name}: a quote opened on or before line ${lines} is never closed (a cell in quotes doubles the quotes in it)`,
        );
      }
      const quoted = error.code === 'INVALID_OPENING_QUOTE' || error.code === 'CSV_INVALID_CLOSING_QUOTE';
      unreadable.push({
        line: lines,
        reason: `${reasonOf(error)}${quoted ? ' (a cell holding a quote is put in quotes, its quotes doubled)' : ''}`,
      });
    },
    columns: (names: string[]) => {
      header = names.map((column) => column.trim());
      const unknown = header.filter(
        (column) => !['id', 'source', 'sourceId'].includes(column) && columnOf(type, column) === undefined,
      );
      if (unknown.length > 0) {
        throw new HeaderProblem(
          `${name}: ${unknown.map((column) => `"${column}"`).join(', ')} ${unknown.length === 1 ? 'is not a column' : 'are not columns'} of ${type} (pnpm run import --template ${type} lists them)`,
        );
      }
      const repeated = header.filter((column, index) => header.indexOf(column) !== index);
      if (repeated.length > 0) throw new HeaderProblem(`${name}: "${repeated[0]}" is named twice in the header`);
      return header;
    },
  });
  const text = (async function* () {
    yield* withoutPreamble(utf8Text(input, name));
  })();
  (async () => {
    try {
      for await (const chunk of text) {
        if (!parser.write(chunk)) await new Promise((resolve) => parser.once('drain', resolve));
      }
      parser.end();
    } catch (error) {
      parser.destroy(error as Error);
    }
  })();
  const rejected = (problem: Unreadable): SourceRow => ({
    type,
    line: problem.line,
    ...(file ? { file } : {}),
    row: {},
    problem: { column: 'row', reason: problem.reason },
  });
  for await (const { record, info } of parser as AsyncIterable<{
    record: Record<string, string>;
    info: { lines: number; error?: Error };
  }>) {
    while (unreadable[0] && unreadable[0].line < info.lines) yield rejected(unreadable.shift() as Unreadable);
    if (info.error) {
      const cells = Object.keys(record).length;
      yield rejected({
        line: info.lines,
        reason:
          cells < header.length
            ? `has ${cells} ${cells === 1 ? 'cell' : 'cells'} where the header names ${header.length} columns`
            : `has more cells than the ${header.length} columns the header names`,
      });
      continue;
    }
    yield { type, line: info.lines, ...(file ? { file } : {}), row: record };
  }
  for (const problem of unreadable) yield rejected(problem);
}

/** Reads a CSV input through to its end, keeping nothing: throws what would refuse the file as a whole. */
export async function checkCsv(type: ImportType, input: CsvInput, file?: string): Promise<void> {
  for await (const _ of csvRows(type, input, file));
}
