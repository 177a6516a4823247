// The exporter's HTTP interface: dereferenceable IRIs of records, collections, the catalogue, the ontology and the
// code lists, all through one negotiation and one serialisation (http.ts).
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { resolve } from 'node:path';
import {
  corsFor,
  createLogger,
  healthRoutes,
  type Logger,
  REQUEST_ID_HEADER,
  type RequestWithId,
  requestIds,
} from '@radar/common';
import express, { type NextFunction, type Request, type Response } from 'express';
import { catalogDocument, listDumps, listUptakeDumps } from './catalog.js';
import type { ExporterConfig } from './config.js';
import { codeListRepresentation, ontologyRepresentation } from './dereference.js';
import { dumpFormats } from './formats.js';
import { collectionQuery, formatQuery, negotiate, parseQuery, problem, represent, wantsHtml } from './http.js';
import {
  contextIri,
  type Json,
  type MapContext,
  mappings,
  type TypeMapping,
  toJsonLd,
  tombstoneJsonLd,
} from './mapping.js';
import { Pages } from './pages/index.js';
import { ontologyFile } from './rdf.js';
import { reconcileRoutes } from './reconcile.js';
import { BadHarvestRequest, type ChangesResult, GatewayRecords, GatewayUnavailable } from './records.js';
import { type DumpSchedule, scheduleDumps } from './schedule.js';
import { type SparqlStore, sparqlEndpoint } from './sparql.js';
import { uptakeRoutes } from './uptake.js';

const UUID_PATTERN = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

const ontologyFiles: Record<string, string> = {
  'radar.ttl': 'text/turtle',
  'codelists.ttl': 'text/turtle',
  'shapes.ttl': 'text/turtle',
  'catalog-shapes.ttl': 'text/turtle',
  'context.jsonld': 'application/ld+json',
};

const DEFAULT_PAGE = 50;

interface CollectionPage {
  input: { since?: string; after?: string; before?: string; first: number };
  query: Record<string, string>;
}

/** The gateway's change-feed input and the query the page's links repeat, from a parsed harvest request. */
function collectionPage(query: NonNullable<ReturnType<typeof collectionQuery.parse>>): CollectionPage {
  const page: CollectionPage = { input: { first: query.pageSize ?? DEFAULT_PAGE }, query: {} };
  if (query.pageSize !== undefined) page.query.pageSize = String(query.pageSize);
  if (query.modifiedSince !== undefined) {
    page.input.since = new Date(query.modifiedSince).toISOString();
    page.query.modifiedSince = query.modifiedSince;
  }
  if (query.after) page.input.after = query.after;
  if (query.before) page.input.before = query.before;
  return page;
}

function pageIri(base: string, query: Record<string, string>, cursor?: Record<string, string>) {
  const search = new URLSearchParams({ ...query, ...cursor }).toString();
  return search ? `${base}?${search}` : base;
}

/** A Hydra collection page: current records in full, the ones that left the registry as tombstones. */
function collectionDocument(
  mapping: TypeMapping,
  changes: ChangesResult,
  page: CollectionPage,
  context: MapContext,
): Json {
  const collection = `${context.base}/${mapping.path}`;
  const here: Record<string, string> = {};
  if (page.input.after) here.after = page.input.after;
  if (page.input.before) here.before = page.input.before;
  const member = changes.nodes.map((node) => {
    const { '@context': _context, ...document } =
      node.record && !node.deletedAt
        ? toJsonLd(mapping, node.record, context)
        : tombstoneJsonLd(mapping, context, {
            id: node.id,
            deletedAt: node.deletedAt ?? node.updatedAt,
            reason: node.reason ?? 'DELETED',
            replacedBy: node.replacedBy,
          });
    return document;
  });
  const { hasNextPage, hasPreviousPage, startCursor, endCursor } = changes.pageInfo;
  return {
    '@context': contextIri(context),
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

export interface ExporterServer {
  url: string;
  /** The scheduled dumps (RADAR_DUMP_EVERY_HOURS). */
  dumps: DumpSchedule;
  /** The SPARQL endpoint's store (`/sparql`). */
  sparql: SparqlStore;
  close(): Promise<void>;
}

export async function startExporter(
  config: ExporterConfig,
  log: Logger = createLogger('exporter', config.LOG_LEVEL),
): Promise<ExporterServer> {
  const records = new GatewayRecords(config.GATEWAY_URL);
  const context: MapContext = { base: config.RADAR_BASE_IRI };
  const pages = new Pages(records);
  const app = express();
  app.disable('x-powered-by');
  app.set('etag', false);

  app.use(requestIds(log));
  app.use(
    corsFor({
      origins: config.RADAR_CORS_ORIGINS,
      // POST for the SPARQL endpoint's queries; nothing the exporter serves changes anything.
      methods: ['GET', 'HEAD', 'POST'],
      refuse: (res, message) => problem(res, 403, message),
    }),
  );
  healthRoutes(app, async () => ({ gateway: await records.reachable() }));

  const unavailable = (res: Response, error: unknown) => {
    (res.req as RequestWithId).log.error({ err: error }, 'gateway unavailable');
    problem(res, 503, 'The registry is not available right now; try again later.');
  };

  // The ontology's IRI (https://w3id.org/radar/ontology) redirects here.
  app.get('/ontology', async (req, res) => {
    const query = parseQuery(req, res, formatQuery);
    const format = query && negotiate(req, res, query.format);
    if (!format) return;
    await represent(req, res, format, await ontologyRepresentation(context));
  });

  app.get('/ontology/:file', (req, res) => {
    const type = ontologyFiles[req.params.file];
    if (!type)
      return problem(res, 404, `No ontology file named ${req.params.file}`, { files: Object.keys(ontologyFiles) });
    res.type(type).send(ontologyFile(req.params.file));
  });

  // The code lists' IRIs (https://w3id.org/radar/code/<scheme>/<CODE>) redirect here.
  app.get(['/code', '/code/:scheme', '/code/:scheme/:code'], async (req, res) => {
    const query = parseQuery(req, res, formatQuery);
    const format = query && negotiate(req, res, query.format);
    if (!format) return;
    const { scheme, code } = req.params as { scheme?: string; code?: string };
    const representation = await codeListRepresentation(context, scheme, code);
    if (!representation) {
      return problem(res, 404, code ? `No code ${code} in the code list ${scheme}` : `No code list named ${scheme}`);
    }
    await represent(req, res, format, representation);
  });

  // The catalogue's foaf:homepage: a harvester starting at the root is sent to the catalogue, a person to the
  // practices.
  app.get('/', (req, res) => {
    res.vary('Accept');
    res.redirect(303, wantsHtml(req) ? 'browse' : 'catalog');
  });

  app.get('/catalog', async (req, res) => {
    const query = parseQuery(req, res, formatQuery);
    const format = query && negotiate(req, res, query.format);
    if (!format) return;
    let start: string | null;
    let modified: Date | null;
    let languages: string[];
    try {
      [start, modified, languages] = await Promise.all([
        records.firstRegistration(),
        records.lastModified(),
        records.textLanguages(),
      ]);
    } catch (error) {
      return unavailable(res, error);
    }
    const dumps = listDumps(config.RADAR_DUMP_DIR);
    const now = new Date();
    const document = catalogDocument({
      base: context.base,
      graphqlUrl: config.RADAR_PUBLIC_GRAPHQL_URL ?? config.GATEWAY_URL,
      publisherName: config.RADAR_PUBLISHER_NAME,
      contactEmail: config.RADAR_CONTACT_EMAIL,
      dumps,
      uptakeDumps: listUptakeDumps(config.RADAR_DUMP_DIR),
      coverage: { start, end: now.toISOString().slice(0, 10) },
      languages,
      modified: modified ?? now,
    });
    await represent(req, res, format, { document, heading: 'RADAR catalogue' });
  });

  pages.routes(app, unavailable);

  app.get('/dumps/:file', (req, res) => {
    const dump = [...listDumps(config.RADAR_DUMP_DIR), ...listUptakeDumps(config.RADAR_DUMP_DIR)].find(
      (candidate) => candidate.name === req.params.file,
    );
    if (!dump) return problem(res, 404, `No dump named ${req.params.file}; run pnpm export to make one`);
    res.setHeader('Last-Modified', dump.modified.toUTCString());
    res.type(dump.gzip ? 'application/gzip' : `${dumpFormats[dump.format].mediaType}; charset=utf-8`);
    // Relative to a root, because `send` answers 404 for any dotted segment of an absolute path, such as the default
    // RADAR_DUMP_DIR .data/dumps; the name itself already matched listDumps' pattern.
    res.sendFile(dump.name, { root: resolve(config.RADAR_DUMP_DIR) });
  });

  const sparql = sparqlEndpoint(app, config, log);

  uptakeRoutes(app, { base: context.base, gatewayUrl: config.GATEWAY_URL, records });
  reconcileRoutes(app, { base: context.base, records });

  app.get('/:path', async (req, res) => {
    const path = req.params.path as TypeMapping['path'];
    const mapping = mappings[path];
    if (!mapping) return problem(res, 404, `No collection named ${req.params.path}`);
    const query = parseQuery(req, res, collectionQuery);
    const format = query && negotiate(req, res, query.format);
    if (!query || !format) return;
    const page = collectionPage(query);
    let changes: ChangesResult;
    try {
      changes = await records.changes(path, page.input, res.getHeader(REQUEST_ID_HEADER) as string);
    } catch (error) {
      if (error instanceof BadHarvestRequest) {
        const parameter =
          error.field === 'since' ? 'modifiedSince' : error.field === 'first' ? 'pageSize' : error.field;
        return problem(res, 400, error.message, { parameter });
      }
      if (error instanceof GatewayUnavailable) return unavailable(res, error);
      throw error;
    }
    await represent(req, res, format, {
      document: collectionDocument(mapping, changes, page, context),
      heading: `RADAR ${path}`,
    });
  });

  app.get('/:path/:id', async (req, res) => {
    const path = req.params.path as TypeMapping['path'];
    const mapping = mappings[path];
    if (!mapping) return problem(res, 404, `No collection named ${req.params.path}`);
    const query = parseQuery(req, res, formatQuery);
    const format = query && negotiate(req, res, query.format);
    if (!format) return;
    if (!UUID_PATTERN.test(req.params.id)) return problem(res, 400, `"${req.params.id}" is not a RADAR id (a UUID)`);
    const id = req.params.id.toLowerCase();
    let found: Awaited<ReturnType<GatewayRecords['find']>>;
    try {
      found = await records.find(path, id, res.getHeader(REQUEST_ID_HEADER) as string);
    } catch (error) {
      if (error instanceof GatewayUnavailable) return unavailable(res, error);
      throw error;
    }
    if (found.kind === 'missing') return problem(res, 404, `No ${mapping.type.toLowerCase()} has id ${id}`);
    if (found.kind === 'tombstone') {
      const document = tombstoneJsonLd(mapping, context, {
        id,
        deletedAt: found.deletedAt,
        reason: found.reason,
        replacedBy: found.replacedBy,
      });
      const { reason, deletedAt } = found;
      return represent(
        req,
        res,
        format,
        {
          document,
          heading: `${mapping.type} ${id} (${reason.toLowerCase()})`,
          page: (alternates) => pages.tombstone(mapping.type, reason, deletedAt, document, alternates),
        },
        { status: 410 },
      );
    }
    const { record } = found;
    const document = toJsonLd(mapping, record, context);
    const requestId = res.getHeader(REQUEST_ID_HEADER) as string;
    try {
      await represent(
        req,
        res,
        format,
        {
          document,
          heading: String(record.title ?? record.name ?? id),
          page: (alternates) => pages.record(path, record, document, alternates, requestId),
        },
        { modified: new Date(String(record.updatedAt)) },
      );
    } catch (error) {
      if (error instanceof GatewayUnavailable) return unavailable(res, error);
      throw error;
    }
  });

  app.use((_req: Request, res: Response) => problem(res, 404, 'Not found'));
  app.use((error: Error, req: Request, res: Response, _next: NextFunction) => {
    (req as RequestWithId).log.error({ err: error }, 'unhandled HTTP error');
    if (res.headersSent) return void res.end();
    problem(res, 500, 'Internal server error');
  });

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
    sparql,
    close: async () => {
      dumps.stop();
      await sparql.close();
      await new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeIdleConnections();
      });
    },
  };
}
