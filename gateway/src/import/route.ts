// POST /import on the gateway: the bulk endpoint partner systems send files to. It runs the same engine as
// `pnpm run import`, as the caller (their credential is passed on to the API), and answers the JSON report.
import { graphqlErrorBody, type Logger } from '@radar/common';
import express from 'express';
import { gatewayClient, ImportRefused } from './client.js';
import { type ImportType, importTypes, type RowSource } from './columns.js';
import { CsvProblem, checkCsv, csvRows } from './csv.js';
import { type ReportEntry, runImport } from './engine.js';
import { jsonLdRows } from './jsonld.js';

export const IMPORT_PATH = '/import';

/** Reads a request body of a media type as rows; a reader of another format registers here. */
export type BodyReader = (type: ImportType, body: Buffer) => RowSource;
export const bodyReaders: Record<string, BodyReader> = {
  'text/csv': (type, body) => csvRows(type, [body], 'body'),
};

/** Reads a body of a media type through, keeping nothing: throws what would refuse it as a whole. */
const bodyCheckers: Record<string, (type: ImportType, body: Buffer) => Promise<void>> = {
  'text/csv': (type, body) => checkCsv(type, [body], 'body'),
};

class RequestProblem extends Error {}

function textOf(body: Buffer): string {
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(body);
  } catch {
    throw new RequestProblem('the body is not UTF-8 text');
  }
}

function typeOf(value: unknown, what: string): ImportType {
  if (typeof value === 'string' && (importTypes as readonly string[]).includes(value)) return value as ImportType;
  throw new RequestProblem(`${what} must be one of ${importTypes.join(', ')}`);
}

/**
 * The rows of a request: a body of one type (`?type=`), or JSON `{ files: [{ type, csv }] }` of several. CSV is read
 * through first, so that a body the import cannot read is refused before anything is written.
 */
async function rowsOfRequest(req: express.Request): Promise<RowSource> {
  const mediaType = (req.header('content-type') ?? '').split(';')[0]?.trim().toLowerCase() ?? '';
  const body = Buffer.isBuffer(req.body) ? req.body : Buffer.alloc(0);
  if (mediaType === 'application/json') {
    let parsed: { files?: { type?: unknown; csv?: unknown }[] };
    try {
      parsed = JSON.parse(textOf(body)) as typeof parsed;
    } catch {
      throw new RequestProblem(
        'the JSON body is not JSON: send { "files": [{ "type": "organisations", "csv": "…" }] }',
      );
    }
    if (!Array.isArray(parsed.files)) throw new RequestProblem('the JSON body needs "files": [{ "type", "csv" }]');
    const files = parsed.files.map((file, index) => {
      if (typeof file.csv !== 'string') throw new RequestProblem(`files[${index}].csv must be the CSV text`);
      return { type: typeOf(file.type, `files[${index}].type`), csv: file.csv };
    });
    files.sort((a, b) => importTypes.indexOf(a.type) - importTypes.indexOf(b.type));
    for (const [index, file] of files.entries()) await checkCsv(file.type, file.csv, `files[${index}]`);
    return (async function* () {
      for (const [index, file] of files.entries()) yield* csvRows(file.type, file.csv, `files[${index}]`);
    })();
  }
  // RADAR's JSON-LD says the type of each record itself: no ?type= needed.
  if (mediaType === 'application/ld+json') return jsonLdRows([textOf(body)], { file: 'body' });
  const reader = bodyReaders[mediaType];
  if (!reader) {
    throw new RequestProblem(
      `send ${[...Object.keys(bodyReaders), 'application/json', 'application/ld+json'].join(', ')}, not "${mediaType}"`,
    );
  }
  const type = typeOf(req.query.type, 'the type parameter');
  await bodyCheckers[mediaType]?.(type, body);
  return reader(type, body);
}

export function importRoute(app: express.Express, options: { bodyLimit: string; log: Logger }) {
  app.post(IMPORT_PATH, express.raw({ type: () => true, limit: options.bodyLimit }), (req, res, next) => {
    const credential = /^Bearer\s+(.+)$/i.exec(req.header('authorization') ?? '')?.[1];
    if (!credential) {
      res
        .status(401)
        .json(graphqlErrorBody('Sign in first: send an API key as "Authorization: Bearer <key>".', 'UNAUTHENTICATED'));
      return;
    }
    const flag = (name: string) => req.query[name] === 'true';
    const text = (name: string) => (typeof req.query[name] === 'string' ? (req.query[name] as string) : undefined);
    const records: ReportEntry[] = [];
    (async () => {
      const rows = await rowsOfRequest(req);
      const source = text('source');
      const summary = await runImport(rows, {
        client: gatewayClient(`http://127.0.0.1:${req.socket.localPort}/graphql`, credential),
        ...(source ? { source } : {}),
        run: text('run') ?? `endpoint-${new Date().toISOString()}`,
        dryRun: flag('dryRun'),
        keepTimes: flag('keepTimes'),
        onRecord: (entry) => records.push(entry),
      });
      res.json({ records, dryRun: flag('dryRun'), summary });
    })().catch((error: unknown) => {
      if (error instanceof RequestProblem || error instanceof CsvProblem) {
        res.status(400).json(graphqlErrorBody(error.message, 'BAD_USER_INPUT'));
      } else if (error instanceof ImportRefused) {
        res.status(401).json(graphqlErrorBody(error.message, 'UNAUTHENTICATED'));
      } else {
        options.log.error({ err: error }, 'import failed');
        next(error);
      }
    });
  });
}
