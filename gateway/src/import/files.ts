// Turns the files an import is given into one row source in dependency order: each file has a record type (said as
// `practices=path.csv`, by --type, or by a file name that starts with the type) and a reader by its extension.
import { createReadStream } from 'node:fs';
import { stat } from 'node:fs/promises';
import { basename, extname } from 'node:path';
import { type ImportType, importTypes, type RowSource } from './columns.js';
import { checkCsv, csvRows } from './csv.js';
import { jsonLdRows } from './jsonld.js';

/** Reads one file of a type as rows; a reader of another format registers here by its file extension. */
export type FileReader = (type: ImportType, path: string) => RowSource;

export const readers: Record<string, FileReader> = {
  '.csv': (type, path) => csvRows(type, createReadStream(path), basename(path)),
  // RADAR's JSON-LD says each record's type itself, and holds every type in dependency order.
  '.jsonld': (_type, path) => jsonLdRows(createReadStream(path), { file: basename(path) }),
};

/** Reads a file of a format through, keeping nothing, and throws what would refuse it as a whole. */
export const checkers: Record<string, (type: ImportType, path: string) => Promise<void>> = {
  '.csv': (type, path) => checkCsv(type, createReadStream(path), basename(path)),
};

/** Formats whose files say the type of each record: such a file needs no type. */
const selfTyped = new Set(['.jsonld']);

/** The formats `--format` names, as the extension whose reader reads them. */
export const formats: Record<string, string> = { csv: '.csv', jsonld: '.jsonld' };

export interface ImportFile {
  type: ImportType;
  path: string;
  /** The reader's extension, when --format says it rather than the file's name. */
  format?: string;
}

export class FileProblem extends Error {}

function isImportType(value: string): value is ImportType {
  return (importTypes as readonly string[]).includes(value);
}

/** The type and path of each argument (`type=path`, or a path typed by `type` or by its name). */
export function importFiles(args: readonly string[], type?: string, format?: string): ImportFile[] {
  if (type !== undefined && !isImportType(type)) {
    throw new FileProblem(`--type must be one of ${importTypes.join(', ')}, not "${type}"`);
  }
  if (format !== undefined && !formats[format]) {
    throw new FileProblem(`--format must be one of ${Object.keys(formats).join(', ')}, not "${format}"`);
  }
  const extension = format === undefined ? undefined : formats[format];
  return args.map((arg) => {
    const reader = extension ?? extname(arg).toLowerCase();
    if (selfTyped.has(reader)) return { type: importTypes[0], path: arg, format: reader };
    const [prefix, rest] = arg.split(/=(.*)/s, 2) as [string, string | undefined];
    if (rest !== undefined && isImportType(prefix)) return { type: prefix, path: rest };
    const named = importTypes.find((candidate) => basename(arg).toLowerCase().startsWith(candidate));
    const chosen = (type as ImportType | undefined) ?? named;
    if (!chosen) {
      throw new FileProblem(
        `say what ${arg} holds: --type ${importTypes.join('|')}, or ${importTypes[0]}=${arg}, or a file name that starts with the type`,
      );
    }
    return { type: chosen, path: arg, ...(extension ? { format: extension } : {}) };
  });
}

function readerOf(file: ImportFile): FileReader {
  const reader = readers[file.format ?? extname(file.path).toLowerCase()];
  if (!reader) {
    throw new FileProblem(`${file.path}: cannot read ${extname(file.path) || 'files without an extension'} here`);
  }
  return reader;
}

/**
 * Refuses, before anything is read for the import, a file that is missing, of a format the import does not read, or
 * that cannot be read through (a CSV file that is not UTF-8, or leaves a quote open): a run stops before it writes.
 */
export async function checkFiles(files: readonly ImportFile[]): Promise<void> {
  for (const file of files) {
    readerOf(file);
    const found = await stat(file.path).catch((error: NodeJS.ErrnoException) => {
      throw new FileProblem(`${file.path}: ${error.code === 'ENOENT' ? 'no such file' : error.message}`);
    });
    if (!found.isFile()) throw new FileProblem(`${file.path}: not a file`);
    await checkers[file.format ?? extname(file.path).toLowerCase()]?.(file.type, file.path);
  }
}

/** Every file's rows, organisations first, then practices, adoptions and projects, so references resolve. */
export async function* rowsOf(files: readonly ImportFile[]): RowSource {
  const ordered = [...files].sort((a, b) => importTypes.indexOf(a.type) - importTypes.indexOf(b.type));
  for (const file of ordered) yield* readerOf(file)(file.type, file.path);
}
