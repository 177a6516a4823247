// Record streams for full dumps: each subgraph serves its public records as newline-delimited JSON, in the shape of
// the exporter's GraphQL selection, so a dump of the whole registry does not resolve it page by page through GraphQL.
import { once } from 'node:events';
import type { Readable } from 'node:stream';
import type { Response } from 'express';
import type { Database, EntityManager } from './database.js';
import type { RequestWithId } from './server.js';

export const EXPORT_BATCH_SIZE = 2_000;
/** Response header: how many records the stream holds, counted before the first is sent. */
export const EXPORT_TOTAL_HEADER = 'x-radar-total';
/** The last line of a complete stream, so a reader can tell an ended stream from a broken one. */
export const EXPORT_TRAILER_PREFIX = '{"complete":';
export const exportTrailer = (records: number) => `${EXPORT_TRAILER_PREFIX}${records}}`;

/** Why a record that was public is not any more: what its tombstone says, in the feeds and at its IRI. */
export const tombstoneReasons = [
  { code: 'ARCHIVED', label: 'Archived', definition: 'No longer maintained; kept for the record, not public.' },
  {
    code: 'UNPUBLISHED',
    label: 'Unpublished',
    definition: 'Taken back from the public registry (e.g. to be revised); it may be published again.',
  },
  { code: 'DELETED', label: 'Deleted', definition: 'Removed from the registry.' },
  {
    code: 'MERGED',
    label: 'Merged',
    definition: 'A duplicate merged into another record, which replaces it.',
  },
] as const;

/** Rows hanging off a record (alias `c`), as one JSON array field of it. */
export interface RecordList {
  /** The child table named `c`, joined to others if need be. */
  from: string;
  /** The column of `c` that holds the record's id. */
  key: string;
  /** Which child rows count. */
  where?: string;
  /** A json value per child row, and their order in the array. */
  json: string;
  order: string;
}

/** One record type's public rows and the JSON each becomes, as SQL over `table` named `alias`. */
export interface RecordStream {
  table: string;
  alias: string;
  /** Which rows are public. */
  where: string;
  /** The record's own fields, as `'name', expression` pairs of json_build_object. */
  fields: string;
  /** Fields that are lists of rows of other tables. */
  lists: Record<string, RecordList>;
}

/**
 * The SELECT of a stream. With `joined`, each list is aggregated once for all records and joined (the fastest
 * plan when every record is read); otherwise each is a subquery per record (cheap for a batch of a few).
 */
export function recordSelect(stream: RecordStream, joined: boolean) {
  const { table, alias, where, fields, lists } = stream;
  const entries = Object.entries(lists);
  const aggregate = (list: RecordList) => `json_agg(${list.json} order by ${list.order})`;
  const listFields = entries.map(([name, list], index) =>
    joined
      ? `'${name}', coalesce(l${index}.list, '[]')`
      : `'${name}', coalesce((select ${aggregate(list)} from ${list.from} where c.${list.key} = ${alias}.id${
          list.where ? ` and ${list.where}` : ''
        }), '[]')`,
  );
  const joins = joined
    ? entries.map(
        ([, list], index) =>
          ` left join (select c.${list.key} as owner, ${aggregate(list)} as list from ${list.from}${
            list.where ? ` where ${list.where}` : ''
          } group by c.${list.key}) l${index} on l${index}.owner = ${alias}.id`,
      )
    : [];
  return `select ${alias}.id, json_build_object(${[fields, ...listFields].join(', ')})::text as json
    from ${table} ${alias}${joins.join('')} where (${where})`;
}

/** An ISO 8601 UTC timestamp to the millisecond, as JavaScript's Date#toISOString writes it. */
export const isoTimestampSql = (column: string) =>
  `to_char(${column} at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"')`;
/** A date as YYYY-MM-DD, whatever the session's DateStyle. */
export const isoDateSql = (column: string) => `to_char(${column}, 'YYYY-MM-DD')`;

async function countOf(em: EntityManager, stream: RecordStream) {
  const [row] = (await em
    .getConnection()
    .execute(
      `select count(*)::int as count from ${stream.table} ${stream.alias} where ${stream.where}`,
      [],
      'all',
    )) as {
    count: number;
  }[];
  return row?.count ?? 0;
}

/** How far a stream may run ahead of its reader, so PostgreSQL keeps working while the reader is busy. */
const RUN_AHEAD_BYTES = 8 * 1024 * 1024;

/** Waits while more than RUN_AHEAD_BYTES wait to be sent (or until the reader has gone). */
async function writable(res: Response) {
  while (res.writableLength > RUN_AHEAD_BYTES && !res.destroyed) {
    const aborted = new AbortController();
    await Promise.race([
      once(res, 'drain', { signal: aborted.signal }),
      once(res, 'close', { signal: aborted.signal }),
    ]).finally(() => aborted.abort());
  }
}

/**
 * On a PostgreSQL server: one COPY of every record, from one snapshot, passed on as PostgreSQL writes it. CSV with a
 * quote and a delimiter that JSON text never holds unescaped writes each value exactly as it is.
 */
async function sendByCopy(serverUrl: string, stream: RecordStream, res: Response): Promise<number> {
  // Loaded here, so that what only reads the protocol's names (the exporter) does not load a database driver.
  const [{ default: pg }, { to: copyTo }] = await Promise.all([import('pg'), import('pg-copy-streams')]);
  const client = new pg.Client({ connectionString: serverUrl });
  await client.connect();
  try {
    // Compiling the whole-table plan to machine code costs more than it saves here.
    await client.query('set jit = off');
    const source: Readable & { rowCount?: number } = client.query(
      copyTo(
        `copy (select json from (${recordSelect(stream, true)}) records)
         to stdout with (format csv, quote e'\\x01', delimiter e'\\x02')`,
      ),
    );
    try {
      // PostgreSQL sends a message a row; they go out in chunks of 64 KiB or more.
      let pending: Buffer[] = [];
      let size = 0;
      for await (const chunk of source as AsyncIterable<Buffer>) {
        pending.push(chunk);
        size += chunk.length;
        if (size < 65_536) continue;
        res.write(Buffer.concat(pending, size));
        [pending, size] = [[], 0];
        if (res.writableLength > RUN_AHEAD_BYTES) await writable(res);
        if (res.destroyed) throw new Error('the client went away');
      }
      if (size > 0) res.write(Buffer.concat(pending, size));
    } finally {
      source.destroy();
    }
    return source.rowCount ?? 0;
  } finally {
    await client.end().catch(() => undefined);
  }
}

/** On the embedded database: batches in id order, the next read while the current one is written. */
async function sendByBatches(em: EntityManager, stream: RecordStream, res: Response): Promise<number> {
  const sql = `${recordSelect(stream, false)} and ${stream.alias}.id > ?::uuid order by ${stream.alias}.id limit ?`;
  const batch = async (after: string) =>
    (await em.getConnection().execute(sql, [after, EXPORT_BATCH_SIZE], 'all')) as { id: string; json: string }[];
  let sent = 0;
  let next = batch('00000000-0000-0000-0000-000000000000');
  for (;;) {
    const rows = await next;
    if (rows.length === 0 || res.destroyed) break;
    const last = rows[rows.length - 1] as { id: string };
    next = rows.length < EXPORT_BATCH_SIZE ? Promise.resolve([]) : batch(last.id);
    // Awaited on the next turn; until then a failure must not count as unhandled.
    next.catch(() => undefined);
    let chunk = '';
    for (const row of rows) chunk += `${row.json}\n`;
    res.write(chunk);
    sent += rows.length;
    if (res.writableLength > RUN_AHEAD_BYTES) await writable(res);
  }
  return sent;
}

/**
 * Answers GET /export/{name}: every public record, one JSON object a line, then the trailer. A failure after the
 * first byte cuts the connection, so the reader sees a stream without its trailer rather than a short one that
 * looks whole.
 */
export function exportHandler(streams: Record<string, RecordStream>, db: Database) {
  return async (req: RequestWithId, res: Response) => {
    const name = String(req.params.name);
    const stream = Object.hasOwn(streams, name) ? streams[name] : undefined;
    if (!stream) {
      res
        .status(404)
        .json({ error: `No record stream named "${name}"; there are: ${Object.keys(streams).join(', ')}` });
      return;
    }
    const em = db.orm.em.fork();
    let total: number;
    try {
      total = await countOf(em, stream);
    } catch (error) {
      req.log.error({ err: error, stream: name }, 'could not count the records to export');
      res.status(503).json({ error: 'The records could not be read; try again later.' });
      return;
    }
    res.status(200);
    res.setHeader('content-type', 'application/x-ndjson; charset=utf-8');
    res.setHeader('cache-control', 'no-store');
    res.setHeader(EXPORT_TOTAL_HEADER, String(total));
    try {
      const sent = db.serverUrl ? await sendByCopy(db.serverUrl, stream, res) : await sendByBatches(em, stream, res);
      if (!res.destroyed) res.end(`${exportTrailer(sent)}\n`);
      req.log.info({ stream: name, records: sent }, 'export stream sent');
    } catch (error) {
      req.log.error({ err: error, stream: name }, 'export stream failed');
      // Before the first byte the reader can still be told; after it, only a cut connection is honest.
      if (!res.headersSent) {
        res.removeHeader(EXPORT_TOTAL_HEADER);
        res.status(503).json({ error: 'The records could not be read; try again later.' });
      } else res.destroy(error as Error);
    }
  };
}
