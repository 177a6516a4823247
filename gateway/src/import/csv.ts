// Reads an import CSV file as a stream of rows (csv-parse): one record in memory at a time, whatever the file's size.
import type { Readable } from 'node:stream';
import { parse } from 'csv-parse';
import { columnOf, type ImportType, type RowSource } from './columns.js';

/** A header the import cannot read: every row would fail the same way, so the file is refused as a whole. */
export class HeaderProblem extends Error {}

/** The rows of one CSV file of `type`: a header line naming columns, then one record a line (UTF-8, comma). */
export async function* csvRows(type: ImportType, input: Readable | string, file?: string): RowSource {
  const parser = parse({
    bom: true,
    skip_empty_lines: true,
    info: true,
    columns: (header: string[]) => {
      const names = header.map((name) => name.trim());
      const unknown = names.filter(
        (name) => !['id', 'source', 'sourceId'].includes(name) && columnOf(type, name) === undefined,
      );
      if (unknown.length > 0) {
        throw new HeaderProblem(
          `${file ?? type}: ${unknown.map((name) => `"${name}"`).join(', ')} ${unknown.length === 1 ? 'is not a column' : 'are not columns'} of ${type} (pnpm run import --template ${type} lists them)`,
        );
      }
      const repeated = names.filter((name, index) => names.indexOf(name) !== index);
      if (repeated.length > 0)
        throw new HeaderProblem(`${file ?? type}: "${repeated[0]}" is named twice in the header`);
      return names;
    },
  });
  if (typeof input === 'string') parser.end(input);
  else input.pipe(parser);
  for await (const { record, info } of parser as AsyncIterable<{
    record: Record<string, string>;
    info: { lines: number };
  }>) {
    yield { type, line: info.lines, ...(file ? { file } : {}), row: record };
  }
}
