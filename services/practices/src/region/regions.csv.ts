// Reads NUTS region names from a CSV file: a plain `code,name` file (with or without that header), or Eurostat's
// NUTS classification (its code column and its label column, or one label column per NUTS level), comma- or
// semicolon-separated. Country rows (two-letter codes) are left out: countries are named by their ISO code.
import { parse } from 'csv-parse/sync';
import { regionCodeProblem, regionNameProblem } from './region.rules.js';

export interface RegionRow {
  /** The line of the file the row starts on, for messages. */
  line: number;
  code: string;
  name: string;
}

export interface ReadRegions {
  rows: RegionRow[];
  /** Country rows left out. */
  countries: number;
  /** What is wrong with the file's rows, each naming its line; the rows are not to be loaded when there are any. */
  problems: string[];
}

const normal = (header: string) => header.trim().toLowerCase().replace(/\s+/g, ' ');
const codeHeaders = [/^code( \d{4})?$/, /^nuts_?id$/, /^nuts code( \d{4})?$/, /^notation$/, /^geo$/];
const nameHeaders = [/^name$/, /^label$/, /^name_latn$/, /^nuts_name$/, /^nuts label$/, /^name \(?en\)?$/];
const levelHeaders = [/^nuts level 1$/, /^nuts level 2$/, /^nuts level 3$/];

const findColumn = (headers: string[], patterns: RegExp[]) => {
  for (const pattern of patterns) {
    const index = headers.findIndex((header) => pattern.test(header));
    if (index >= 0) return index;
  }
  return -1;
};

/** The columns a header row names: the code's, and the name's (or each NUTS level's). */
function columnsOf(headers: string[]) {
  const code = findColumn(headers, codeHeaders);
  const name = findColumn(headers, nameHeaders);
  const levels = levelHeaders.map((pattern) => headers.findIndex((header) => pattern.test(header)));
  if (code < 0) return null;
  if (name >= 0) return { code, names: [name] };
  if (levels.every((index) => index >= 0)) return { code, names: levels };
  return null;
}

export function readRegionsCsv(text: string): ReadRegions {
  const records = parse(text, {
    bom: true,
    delimiter: [',', ';'],
    relax_column_count: true,
    skip_empty_lines: true,
    info: true,
  }) as unknown as { record: string[]; info: { lines: number } }[];
  const result: ReadRegions = { rows: [], countries: 0, problems: [] };
  const first = records[0];
  if (!first) {
    result.problems.push('the file has no rows');
    return result;
  }
  const headerless = regionCodeProblem(first.record[0]?.trim()) === null && first.record.length >= 2;
  const columns = headerless ? { code: 0, names: [1] } : columnsOf(first.record.map(normal));
  if (!columns) {
    result.problems.push(
      'line 1: the header names no code and name columns (expected code,name or Eurostat\u2019s NUTS columns, e.g. "Code 2024" and "NUTS level 1/2/3", or NUTS_ID and NAME_LATN)',
    );
    return result;
  }
  for (const { record, info } of headerless ? records : records.slice(1)) {
    const line = info.lines;
    const code = (record[columns.code] ?? '').trim();
    const name = columns.names.map((index) => (record[index] ?? '').trim()).find((value) => value !== '') ?? '';
    if (/^[A-Z]{2}$/.test(code)) {
      result.countries += 1;
      continue;
    }
    const problem = regionCodeProblem(code);
    if (problem) {
      result.problems.push(`line ${line}: code ${code ? `"${code}" ` : ''}${problem}`);
      continue;
    }
    const nameProblem = regionNameProblem(name);
    if (nameProblem) {
      result.problems.push(`line ${line}: the name of ${code} ${nameProblem}`);
      continue;
    }
    result.rows.push({ line, code, name });
  }
  const seen = new Map<string, number>();
  for (const row of result.rows) {
    const earlier = seen.get(row.code);
    if (earlier !== undefined)
      result.problems.push(`line ${row.line}: ${row.code} is named again (first on line ${earlier})`);
    else seen.set(row.code, row.line);
  }
  return result;
}
