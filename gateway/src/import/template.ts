// The template of an import file: its CSV header, and every column documented with the codes it takes, from the
// code lists the API's enums are built from.
import { stringify } from 'csv-stringify/sync';
import { type Column, columns, type ImportType, LIST_SEPARATOR, REFERENCE_FORMS } from './columns.js';

/** The header line a file of `type` starts with: every column, translated ones in their own language. */
export function templateHeader(type: ImportType): string {
  return stringify([columns[type].map((column) => column.name)]).trimEnd();
}

function kindWords(column: Column): string {
  switch (column.kind) {
    case 'codes':
    case 'list':
      return `several, separated by "${LIST_SEPARATOR}"`;
    case 'reference':
      return 'a reference';
    case 'references':
      return `references, separated by "${LIST_SEPARATOR}"`;
    case 'roles':
      return `reference=ROLE items, separated by "${LIST_SEPARATOR}"`;
    case 'evidence':
      return `KIND url title items, separated by "${LIST_SEPARATOR}"`;
    case 'stages':
      return `name|start|end|description items, separated by "${LIST_SEPARATOR}"`;
    default:
      return column.kind;
  }
}

function codesWords(column: Column): string {
  const codes = column.codes ?? [];
  if (codes.length === 0) return '';
  return ` Codes: ${codes.map((code) => `${code.code} (${code.label})`).join(', ')}.`;
}

/**
 * One `# column` line per column saying what it holds and every code it takes, then the header: a data team adds
 * rows below it and imports the file as it is (the import skips the `#` lines before the header).
 */
export function templateOf(type: ImportType): string {
  const lines = columns[type].map(
    (column) =>
      `# ${column.name}${column.required ? ' (required to create)' : ''}, ${kindWords(column)}: ${column.description}${codesWords(column)}`,
  );
  const references = columns[type].some((column) => column.refers) ? [`# A reference is ${REFERENCE_FORMS}.`] : [];
  return [
    `# Columns of ${type} (UTF-8, comma-separated; the import skips these # lines, reads the header line below them, then one record a line; a column left out is left as it is, an empty cell clears its field):`,
    ...lines,
    ...references,
    templateHeader(type),
    '',
  ].join('\n');
}
