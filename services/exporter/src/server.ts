// The exporter's HTTP interface: dereferenceable IRIs with content negotiation, and the ontology files.
import { createHash, randomUUID } from 'node:crypto';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { resolve } from 'node:path';
import { createLogger, type Logger, REQUEST_ID_HEADER } from '@radar/common';
import express, { type Request, type Response } from 'express';
import { catalogDocument, listDumps } from './catalog.js';
import type { ExporterConfig } from './config.js';
import { dumpFormats } from './dump.js';
import { recordPage } from './html.js';
import { CONTEXT_IRI, iriOf, type Json, mappings, type TypeMapping, toJsonLd } from './mapping.js';
import { ontologyFile, toQuads, writeQuads } from './rdf.js';
import { BadHarvestRequest, GatewayRecords, GatewayUnavailable } from './records.js';
import { type DumpSchedule, scheduleDumps } from './schedule.js';

const UUID_PATTERN = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export const formats = {
  jsonld: 'application/ld+json',
  turtle: 'text/turtle',
  ntriples: 'application/n-triples',
  html: 'text/html',
} as const;
type Format = keyof typeof formats;
const mediaTypes = Object.values(formats);

const ontologyFiles: Record<string, string> = {
  'radar.ttl': 'text/turtle',
  'codelists.ttl': 'text/turtle',
  'shapes.ttl': 'text/turtle',
  'catalog-shapes.ttl': 'text/turtle',
  'context.jsonld': 'application/ld+json',
};

function problem(res: Response, status: number, message: string, extra: Json = {}) {
  res
    .status(status)
    .type('application/problem+json')
    .send(JSON.stringify({ status, title: message, ...extra }));
}

/** The representation asked for: `?format=` wins, then the Accept header; null when nothing acceptable is offered. */
function chooseFormat(req: Request): Format | null | 'unknown' {
  const asked = req.query.format;
  if (asked !== undefined) {
    return typeof asked === 'string' && asked in formats ? (asked as Format) : 'unknown';
  }
  const accepted = req.accepts([...mediaTypes, 'application/json']);
  if (!accepted) return null;
  if (accepted === 'application/json') return 'jsonld';
  return (Object.entries(formats).find(([, type]) => type === accepted)?.[0] as Format) ?? null;
}

const DEFAULT_PAGE = 50;

interface CollectionPage {
  input: { since?: string; after?: string; before?: string; first: number };
  query: Record<string, string>;
}

/** Reads `after`, `before`, `modifiedSince` and `pageSize` from a harvest request. */
function collectionRequest(req: Request): CollectionPage | { error: string; parameter: string } {
  const single = (name: string) => {
    const value = req.query[name];
    return typeof value === 'string' ? value : undefined;
  };
  const input: CollectionPage['input'] = { first: DEFAULT_PAGE };
  const query: Record<string, string> = {};
  const size = single('pageSize');
  if (size !== undefined) {
    if (!/^\d+$/.test(size) || Number(size) < 1 || Number(size) > 100)
      return { error: 'pageSize must be 1 to 100', parameter: 'pageSize' };
    input.first = Number(size);
    query.pageSize = size;
  }
  const since = single('modifiedSince');
  if (since !== undefined) {
    if (
      !/^\d{4}-\d{2}-\d{2}(T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:\d{2}))?$/.test(since) ||
      Number.isNaN(Date.parse(since))
    ) {
      return {
        error: 'modifiedSince must be an ISO 8601 date or date-time, e.g. 2024-01-31T00:00:00Z',
        parameter: 'modifiedSince',
      };
    }
    input.since = new Date(since).toISOString();
    query.modifiedSince = since;
  }
  const after = single('after');
  const before = single('before');
  if (after && before) return { error: 'give after or before, not both', parameter: 'before' };
  if (after) input.after = after;
  if (before) input.before = before;
  return { input, query };
}

function pageIri(base: string, query: Record<string, string>, cursor?: Record<string, string>) {
  const search = new URLSearchParams({ ...query, ...cursor }).toString();
  return search ? `${base}?${search}` : base;
}

/** A Hydra collection page: current records in full, deleted ones as ActivityStreams tombstones. */
function collectionDocument(
  mapping: TypeMapping,
  changes: Awaited<ReturnType<GatewayRecords['changes']>>,
  page: CollectionPage,
  context: { base: string },
): Json {
  const collection = `${context.base}/${mapping.path}`;
  const here: Record<string, string> = {};
  if (page.input.after) here.after = page.input.after;
  if (page.input.before) here.before = page.input.before;
  const member = changes.nodes.map((node) => {
    if (node.record && !node.deletedAt) {
      const { '@context': _context, ...record } = toJsonLd(mapping, node.record, context);
      return record;
    }
    return {
      id: iriOf(context, mapping.path, node.id),
      type: 'Tombstone',
      formerType: mapping.type === 'Organisation' ? 'Organization' : mapping.type,
      deleted: node.deletedAt ?? node.updatedAt,
    };
  });
  const { hasNextPage, hasPreviousPage, startCursor, endCursor } = changes.pageInfo;
  return {
    '@context': CONTEXT_IRI,
    id: collection,
    type: 'Collection',
    totalItems: changes.totalCount ?? 0,
    member,
    view: {
      id: pageIri(collection, page.query, here),
      type: 'PartialCollectionView',
      first: pageIri(collection, page.query),
      ...(hasNextPage && endCursor ? { next: pageIri(collection, page.query, { after: endCursor }) } : {}),
      ...(hasPreviousPage && startCursor ? { previous: pageIri(collection, page.query, { before: startCursor }) } : {}),
    },
  };
}

/** If-None-Match wins over If-Modified-Since, as RFC 9110 says. */
function notModified(req: Request, etag: string, modified: Date) {
  const noneMatch = req.header('if-none-match');
  if (noneMatch) return noneMatch.split(',').some((tag) => ['*', etag].includes(tag.trim().replace(/^W\//, '')));
  const since = Date.parse(req.header('if-modified-since') ?? '');
  return (
    !Number.isNaN(since) && !Number.isNaN(modified.getTime()) && Math.floor(modified.getTime() / 1000) * 1000 <= since
  );
}

export interface ExporterServer {
  url: string;
  /** The scheduled dumps (RADAR_DUMP_EVERY_HOURS). */
  dumps: DumpSchedule;
  close(): Promise<void>;
}

export async function startExporter(
  config: ExporterConfig,
  log: Logger = createLogger('exporter', config.LOG_LEVEL),
): Promise<ExporterServer> {
  const records = new GatewayRecords(config.GATEWAY_URL);
  const context = { base: config.RADAR_BASE_IRI };
  const app = express();
  app.disable('x-powered-by');
  app.set('etag', false);

  app.use((req, res, next) => {
    res.setHeader(REQUEST_ID_HEADER, req.header(REQUEST_ID_HEADER) ?? randomUUID());
    next();
  });
  app.get('/health', (_req, res) => {
    res.json({ status: 'ok' });
  });
  app.get('/ready', async (_req, res) => {
    const gateway = await records.reachable();
    res.status(gateway ? 200 : 503).json({ status: gateway ? 'ready' : 'not ready', checks: { gateway } });
  });

  app.get('/ontology/:file', (req, res) => {
    const type = ontologyFiles[req.params.file];
    if (!type)
      return problem(res, 404, `No ontology file named ${req.params.file}`, { files: Object.keys(ontologyFiles) });
    res.type(type).send(ontologyFile(req.params.file));
  });

  // The catalogue's foaf:homepage: a harvester or a person starting at the root is sent to the catalogue.
  app.get('/', (_req, res) => {
    res.redirect(303, 'catalog');
  });

  app.get('/catalog', async (req, res) => {
    res.vary('Accept');
    const format = chooseFormat(req);
    if (format === 'unknown') {
      return problem(res, 400, `Unknown format "${String(req.query.format)}"`, { formats: Object.keys(formats) });
    }
    if (!format) return problem(res, 406, 'None of the accepted media types is offered', { offered: mediaTypes });
    let start: string | null;
    let modified: Date | null;
    try {
      [start, modified] = await Promise.all([records.firstRegistration(), records.lastModified()]);
    } catch (error) {
      log.error({ err: error }, 'gateway unavailable');
      return problem(res, 503, 'The registry is not available right now; try again later.');
    }
    const dumps = listDumps(config.RADAR_DUMP_DIR);
    const now = new Date();
    const document = catalogDocument({
      base: context.base,
      graphqlUrl: config.RADAR_PUBLIC_GRAPHQL_URL ?? config.GATEWAY_URL,
      publisherName: config.RADAR_PUBLISHER_NAME,
      contactEmail: config.RADAR_CONTACT_EMAIL,
      dumps,
      coverage: { start, end: now.toISOString().slice(0, 10) },
      modified: modified ?? now,
    });
    let body: string;
    if (format === 'jsonld') body = JSON.stringify(document, null, 2);
    else if (format === 'html') body = recordPage(document, 'RADAR catalogue');
    else body = await writeQuads(await toQuads(document), formats[format]);
    res.type(`${formats[format]}; charset=utf-8`).send(body);
  });

  app.get('/dumps/:file', (req, res) => {
    const dump = listDumps(config.RADAR_DUMP_DIR).find((candidate) => candidate.name === req.params.file);
    if (!dump) return problem(res, 404, `No dump named ${req.params.file}; run pnpm export to make one`);
    res.setHeader('Last-Modified', dump.modified.toUTCString());
    res.type(dump.gzip ? 'application/gzip' : `${dumpFormats[dump.format].mediaType}; charset=utf-8`);
    // Relative to a root, because `send` answers 404 for any dotted segment of an absolute path, such as the default
    // RADAR_DUMP_DIR .data/dumps; the name itself already matched listDumps' pattern.
    res.sendFile(dump.name, { root: resolve(config.RADAR_DUMP_DIR) });
  });

  app.get('/:path', async (req, res) => {
    const path = req.params.path as TypeMapping['path'];
    const mapping = mappings[path];
    if (!mapping) return problem(res, 404, `No collection named ${req.params.path}`);
    res.vary('Accept');
    const format = chooseFormat(req);
    if (format === 'unknown') {
      return problem(res, 400, `Unknown format "${String(req.query.format)}"`, { formats: Object.keys(formats) });
    }
    if (!format) return problem(res, 406, 'None of the accepted media types is offered', { offered: mediaTypes });
    const page = collectionRequest(req);
    if ('error' in page) return problem(res, 400, page.error, { parameter: page.parameter });
    let changes: Awaited<ReturnType<GatewayRecords['changes']>>;
    try {
      changes = await records.changes(path, page.input, res.getHeader(REQUEST_ID_HEADER) as string);
    } catch (error) {
      if (error instanceof BadHarvestRequest) {
        const parameter =
          error.field === 'since' ? 'modifiedSince' : error.field === 'first' ? 'pageSize' : error.field;
        return problem(res, 400, error.message, { parameter });
      }
      if (error instanceof GatewayUnavailable) {
        log.error({ err: error }, 'gateway unavailable');
        return problem(res, 503, 'The registry is not available right now; try again later.');
      }
      throw error;
    }
    const document = collectionDocument(mapping, changes, page, context);
    let body: string;
    if (format === 'jsonld') body = JSON.stringify(document, null, 2);
    else if (format === 'html') body = recordPage(document, `RADAR ${path}`);
    else body = await writeQuads(await toQuads(document), formats[format]);
    res.type(`${formats[format]}; charset=utf-8`).send(body);
  });

  app.get('/:path/:id', async (req, res) => {
    const path = req.params.path as TypeMapping['path'];
    const mapping = mappings[path];
    if (!mapping) return problem(res, 404, `No collection named ${req.params.path}`);
    res.vary('Accept');
    const format = chooseFormat(req);
    if (format === 'unknown') {
      return problem(res, 400, `Unknown format "${String(req.query.format)}"`, { formats: Object.keys(formats) });
    }
    if (!format) return problem(res, 406, 'None of the accepted media types is offered', { offered: mediaTypes });
    if (!UUID_PATTERN.test(req.params.id)) return problem(res, 400, `"${req.params.id}" is not a RADAR id (a UUID)`);
    const id = req.params.id.toLowerCase();
    let found: Awaited<ReturnType<GatewayRecords['find']>>;
    try {
      found = await records.find(path, id, res.getHeader(REQUEST_ID_HEADER) as string);
    } catch (error) {
      if (error instanceof GatewayUnavailable) {
        log.error({ err: error }, 'gateway unavailable');
        return problem(res, 503, 'The registry is not available right now; try again later.');
      }
      throw error;
    }
    if (found.kind === 'missing') return problem(res, 404, `No ${mapping.type.toLowerCase()} has id ${id}`);
    if (found.kind === 'tombstone') {
      return problem(res, 410, `${mapping.type} ${id} was deleted`, {
        id: `${context.base}/${path}/${id}`,
        deletedAt: found.deletedAt,
      });
    }
    const document = toJsonLd(mapping, found.record, context);
    const modified = new Date(String(found.record.updatedAt));
    if (!Number.isNaN(modified.getTime())) res.setHeader('Last-Modified', modified.toUTCString());
    let body: string;
    if (format === 'jsonld') body = JSON.stringify(document, null, 2);
    else if (format === 'html') body = recordPage(document, String(found.record.title ?? found.record.name ?? id));
    else body = await writeQuads(await toQuads(document), formats[format]);
    const etag = `"${createHash('sha256').update(format).update(body).digest('base64url').slice(0, 32)}"`;
    res.setHeader('ETag', etag);
    res.type(`${formats[format]}; charset=utf-8`);
    if (notModified(req, etag, modified)) return res.status(304).end();
    res.send(body);
  });

  app.use((_req: Request, res: Response) => problem(res, 404, 'Not found'));

  const server: Server = await new Promise((resolve, reject) => {
    const listening = app.listen(config.port, config.HOST, (error?: Error) =>
      error ? reject(error) : resolve(listening),
    );
  });
  const port = (server.address() as AddressInfo).port;
  log.info({ url: `http://${config.HOST}:${port}`, base: config.RADAR_BASE_IRI }, 'exporter ready');
  const dumps = scheduleDumps(config, log);
  return {
    url: `http://${config.HOST}:${port}`,
    dumps,
    close: async () => {
      dumps.stop();
      await new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeIdleConnections();
      });
    },
  };
}
