// A read-only SPARQL 1.1 endpoint over the public graph: every record as the dumps have it, the code lists and the
// ontology, in an embedded oxigraph store, one named graph per record and the default graph their union. The store is
// read whole from the subgraphs' record streams at start (and again when the change feeds cannot be followed), then
// kept current from the change feeds, looked at every RADAR_SPARQL_REFRESH_SECONDS: a change replaces only its
// record's graph, a tombstone removes it, and a query sees a record before a change or after it, never half of it.
import { createRequire } from 'node:module';
import { Worker } from 'node:worker_threads';
import type { Logger } from '@radar/common';
import { tokenSignerFrom } from '@radar/common/subgraph-token';
import express, { type Express, type Request, type Response } from 'express';
import n3 from 'n3';
import { z } from 'zod';
import type { ExporterConfig } from './config.js';
import { compacted } from './dereference.js';
import { problem } from './http.js';
import type { MapContext } from './mapping.js';
import { writeQuads } from './rdf.js';
import { GatewayRecords } from './records.js';
import { SubgraphSource } from './sources.js';
import { allRecordGraphs, ChangeFollower, FeedGap, type HeldVersion, referenceGraphs } from './sparql-graphs.js';
import {
  type GraphChange,
  type GraphText,
  type WorkerReply,
  type WorkerRequest,
  workerSource,
} from './sparql-worker.js';

/** SELECT and ASK results, by media type (the first is the default). */
const resultFormats = [
  'application/sparql-results+json',
  'application/sparql-results+xml',
  'text/csv',
  'text/tab-separated-values',
] as const;

/** CONSTRUCT and DESCRIBE results, by media type (the first is the default). */
const graphFormats = ['text/turtle', 'application/n-triples', 'application/ld+json'] as const;

const UPDATE =
  /^\s*((PREFIX\s+[^\s:]*:\s*<[^>]*>|BASE\s+<[^>]*>|#[^\n]*)\s*)*(INSERT|DELETE|LOAD|CLEAR|CREATE|DROP|COPY|MOVE|ADD|WITH)\b/i;
const READ_ONLY = 'This SPARQL endpoint is read-only: updates (INSERT, DELETE, LOAD, CLEAR, …) are not accepted';

/**
 * The prefix a query uses without declaring it, when that is why the store refused it, else null. The store names
 * only the characters it expected there, and where: the prefixed name ends at that line and column.
 */
export function undeclaredPrefix(query: string, message: string): string | null {
  const at = /^error at (\d+):(\d+): expected one of Prefix not found\b/.exec(message);
  if (!at) return null;
  const line = query.split('\n')[Number(at[1]) - 1] ?? '';
  const name = /[^\s{}()[\],;<>"'^|/]*$/.exec(line.slice(0, Number(at[2]) - 1))?.[0] ?? '';
  const colon = name.indexOf(':');
  return colon < 0 ? null : name.slice(0, colon);
}

/** A query the endpoint does not answer, with the HTTP status that says why. */
export class QueryRefused extends Error {
  constructor(
    readonly status: number,
    message: string,
  ) {
    super(message);
  }
}

type Answer = Extract<WorkerReply, { ok: true }>;

interface Job {
  request: WorkerRequest;
  timeout: number | null;
  resolve(reply: Answer): void;
  reject(error: Error): void;
}

/**
 * The store's thread, one request at a time. A query that outlives its time ends the thread; a new one is loaded
 * with the graphs the old one held before the next request runs.
 */
class StoreThread {
  private worker: Worker;
  private readonly queue: Job[] = [];
  private current: { job: Job; timer?: NodeJS.Timeout } | null = null;
  private nextId = 1;
  /** The graphs the store holds, by name, to load a new thread with. */
  private graphs: Map<string, GraphText> | null = null;
  private closed = false;

  constructor(
    private readonly maxQueue: number,
    private readonly log: Logger,
  ) {
    this.worker = this.spawn();
  }

  private spawn() {
    const worker = new Worker(workerSource, {
      eval: true,
      workerData: { oxigraph: createRequire(import.meta.url).resolve('oxigraph') },
    });
    worker.unref();
    worker.on('message', (reply: WorkerReply) => this.settle(reply));
    worker.on('error', (error) => this.fail(worker, error));
    worker.on('exit', (code) => {
      if (worker === this.worker && !this.closed) this.fail(worker, new Error(`the SPARQL store stopped (${code})`));
    });
    return worker;
  }

  /** The store's thread died: the request under way fails and a new thread takes over with the same graph. */
  private fail(worker: Worker, error: Error) {
    if (worker !== this.worker || this.closed) return;
    this.log.error({ err: error }, 'the SPARQL store stopped; starting it again');
    this.restart();
    const current = this.current;
    this.current = null;
    current?.job.reject(new QueryRefused(503, 'The SPARQL store stopped while answering; try again'));
    this.next();
  }

  private restart() {
    const old = this.worker;
    this.worker = this.spawn();
    void old.terminate();
    if (this.graphs) {
      this.queue.unshift({
        request: { id: this.nextId++, type: 'load', graphs: [...this.graphs.values()] },
        timeout: null,
        resolve: () => {},
        reject: (error) => {
          if (!this.closed) this.log.error({ err: error }, 'the SPARQL store could not be loaded again');
        },
      });
    }
  }

  private settle(reply: WorkerReply) {
    const current = this.current;
    if (!current || current.job.request.id !== reply.id) return;
    clearTimeout(current.timer);
    this.current = null;
    if (reply.ok) current.job.resolve(reply);
    else current.job.reject(new QueryRefused(reply.reason === 'too-many' ? 413 : 400, reply.message));
    this.next();
  }

  private next() {
    if (this.current || this.closed) return;
    const job = this.queue.shift();
    if (!job) return;
    this.current = { job };
    if (job.timeout !== null) {
      const ms = job.timeout;
      this.current.timer = setTimeout(() => {
        if (this.current?.job !== job) return;
        this.current = null;
        this.log.warn({ ms }, 'a SPARQL query ran out of time and was stopped');
        this.restart();
        job.reject(new QueryRefused(503, `The query ran longer than ${ms} ms and was stopped; narrow it`));
        this.next();
      }, ms);
    }
    this.worker.postMessage(job.request);
  }

  private run(request: WorkerRequest, timeout: number | null): Promise<Answer> {
    if (this.closed) return Promise.reject(new QueryRefused(503, 'The SPARQL endpoint is shutting down'));
    if (request.type === 'query' && this.queue.length >= this.maxQueue) {
      return Promise.reject(new QueryRefused(503, 'The SPARQL endpoint is busy; try again shortly'));
    }
    return new Promise((resolve, reject) => {
      this.queue.push({ request, timeout, resolve, reject });
      this.next();
    });
  }

  /** Replaces everything the store holds with `graphs`. */
  async load(graphs: GraphText[]) {
    const reply = await this.run({ id: this.nextId++, type: 'load', graphs }, null);
    this.graphs = new Map(graphs.map((graph) => [graph.graph, graph]));
    return reply.kind === 'loaded' ? reply.triples : 0;
  }

  /** Replaces the named graphs `changes` name, all at once. */
  async apply(changes: GraphChange[]) {
    const reply = await this.run({ id: this.nextId++, type: 'apply', changes }, null);
    for (const { graph, ntriples } of changes) {
      if (ntriples === null) this.graphs?.delete(graph);
      else this.graphs?.set(graph, { graph, text: ntriples });
    }
    return reply.kind === 'loaded' ? reply.triples : 0;
  }

  query(query: string, resultsFormat: string, limit: number, timeout: number) {
    return this.run({ id: this.nextId++, type: 'query', query, resultsFormat, limit }, timeout);
  }

  async close() {
    this.closed = true;
    for (const job of this.queue.splice(0)) job.reject(new QueryRefused(503, 'The SPARQL endpoint is shutting down'));
    clearTimeout(this.current?.timer);
    this.current?.job.reject(new QueryRefused(503, 'The SPARQL endpoint is shutting down'));
    this.current = null;
    await this.worker.terminate();
  }
}

export interface SparqlStore {
  /** The registry's newest change the store holds; null before the first load. */
  asOf(): Date | null;
  /** How often the store was read whole, and how many record changes it took in one by one since it started. */
  counts(): { rebuilds: number; changes: number };
  /** Resolves when a rebuild under way (if any) is done. */
  settled(): Promise<void>;
  close(): Promise<void>;
}

/** Starts the store, loads the public graph and keeps it up to date; mounts `/sparql` on `app`. */
export function sparqlEndpoint(app: Express, config: ExporterConfig, log: Logger): SparqlStore {
  const context: MapContext = { base: config.RADAR_BASE_IRI };
  const source = new SubgraphSource(config.subgraphUrls, tokenSignerFrom(config));
  const registry = new GatewayRecords(config.GATEWAY_URL);
  const thread = new StoreThread(config.RADAR_SPARQL_MAX_QUEUE, log);
  let loadedAsOf: Date | null = null;
  let follower: ChangeFollower | null = null;
  const counts = { rebuilds: 0, changes: 0 };
  let running: Promise<void> = Promise.resolve();
  let busy = false;
  let stopped = false;

  const rebuild = async () => {
    follower = null;
    const started = performance.now();
    const asOf = (await registry.lastModified()) ?? new Date(0);
    const held: HeldVersion[] = [];
    const graphs = [
      ...(await referenceGraphs()),
      ...(await allRecordGraphs(source, context, (version) => held.push(version))),
    ];
    if (stopped) return;
    const read = performance.now();
    const triples = await thread.load(graphs);
    follower = new ChangeFollower(registry, context, asOf, held);
    loadedAsOf = asOf;
    counts.rebuilds += 1;
    const [readMs, loadMs] = [read - started, performance.now() - read].map(Math.round);
    log.info({ triples, records: graphs.length - 2, readMs, loadMs }, 'SPARQL store loaded');
  };

  /** Takes in the changes since the last look; reads the whole graph again when they cannot be followed. */
  const follow = async (current: ChangeFollower) => {
    const { changes, commit } = await current.look();
    if (!changes.length || stopped) return;
    try {
      await thread.apply(changes);
    } catch (error) {
      if (!(error instanceof QueryRefused)) throw error;
      throw new FeedGap(`a change could not be applied: ${error.message}`);
    }
    const newest = commit();
    if (!loadedAsOf || newest > loadedAsOf) loadedAsOf = newest;
    counts.changes += changes.length;
    log.debug({ changes: changes.length }, 'SPARQL store took in changes');
  };

  const refresh = () => {
    if (busy || stopped) return;
    busy = true;
    running = (async () => {
      try {
        if (!follower) return await rebuild();
        try {
          await follow(follower);
        } catch (error) {
          if (!(error instanceof FeedGap)) throw error;
          log.info({ reason: error.message }, 'the SPARQL store reads the whole graph again');
          await rebuild();
        }
      } catch (error) {
        if (!stopped) log.warn({ err: error }, 'the SPARQL store could not be refreshed; it keeps the graph it has');
      } finally {
        busy = false;
      }
    })();
  };

  refresh();
  const every = config.RADAR_SPARQL_REFRESH_SECONDS;
  const watch = every > 0 ? setInterval(refresh, every * 1_000) : undefined;
  watch?.unref();

  const queryParameters = z.object({ query: z.string({ error: 'give the query once' }).optional() });
  // A body too large or not readable is the caller's to fix: a 413 or 400 that says so, never the 500 of a throw.
  const readable =
    (parse: express.RequestHandler): express.RequestHandler =>
    (req, res, next) =>
      parse(req, res, (error?: unknown) => {
        if (!error) return next();
        const status = (error as { status?: number }).status;
        problem(res, status === 413 ? 413 : 400, `The request body could not be read: ${(error as Error).message}`);
      });
  const body = [
    readable(express.text({ type: ['application/sparql-query', 'application/sparql-update'], limit: '256kb' })),
    readable(express.urlencoded({ extended: false, limit: '256kb' })),
  ];

  const answer = async (req: Request, res: Response, query: string | undefined) => {
    res.vary('Accept');
    if (query === undefined || !query.trim()) {
      return problem(
        res,
        400,
        'Give a SPARQL query: ?query=, a form field query= or an application/sparql-query body',
        {
          parameter: 'query',
        },
      );
    }
    if (UPDATE.test(query)) return problem(res, 400, READ_ONLY);
    const resultsFormat = req.accepts([...resultFormats, 'application/json']);
    const graphFormat = req.accepts([...graphFormats]);
    if (!resultsFormat && !graphFormat) {
      return problem(res, 406, 'None of the accepted media types is offered', {
        offered: [...resultFormats, ...graphFormats],
      });
    }
    if (loadedAsOf === null) {
      res.setHeader('Retry-After', '5');
      return problem(res, 503, 'The SPARQL store is still loading; try again shortly');
    }
    const selectFormat = resultsFormat && resultsFormat !== 'application/json' ? resultsFormat : resultFormats[0];
    let reply: Answer;
    try {
      reply = await thread.query(query, selectFormat, config.RADAR_SPARQL_MAX_RESULTS, config.RADAR_SPARQL_TIMEOUT_MS);
    } catch (error) {
      if (!(error instanceof QueryRefused)) throw error;
      const prefix = error.status === 400 ? undeclaredPrefix(query, error.message) : null;
      if (prefix === null) return problem(res, error.status, error.message);
      return problem(res, 400, `unknown prefix ${prefix}: declare it with PREFIX ${prefix}: <…>`, {
        prefix,
        detail: error.message,
      });
    }
    res.setHeader('Last-Modified', (loadedAsOf ?? new Date()).toUTCString());
    res.setHeader('Cache-Control', 'no-cache');
    if (reply.kind === 'boolean' || reply.kind === 'solutions') {
      if (!resultsFormat) return problem(res, 406, 'A SELECT or ASK result is offered as', { offered: resultFormats });
      return void res.status(200).type(`${selectFormat}; charset=utf-8`).send(reply.body);
    }
    if (reply.kind !== 'graph') return problem(res, 400, 'Not a query');
    if (!graphFormat)
      return problem(res, 406, 'A CONSTRUCT or DESCRIBE result is offered as', { offered: graphFormats });
    const quads = new n3.Parser({ format: 'application/n-triples' }).parse(reply.ntriples);
    const text =
      graphFormat === 'application/ld+json'
        ? JSON.stringify(await compacted(quads, context), null, 2)
        : await writeQuads(quads, graphFormat as 'text/turtle' | 'application/n-triples');
    res.status(200).type(`${graphFormat}; charset=utf-8`).send(text);
  };

  app.get('/sparql', async (req, res) => {
    const parsed = queryParameters.safeParse(req.query);
    if (!parsed.success) return problem(res, 400, 'give the query once', { parameter: 'query' });
    if (typeof req.query.update === 'string') return problem(res, 400, READ_ONLY);
    await answer(req, res, parsed.data.query);
  });

  app.post('/sparql', ...body, async (req, res) => {
    if (req.is('application/sparql-update')) return problem(res, 400, READ_ONLY);
    if (req.is('application/sparql-query')) return answer(req, res, typeof req.body === 'string' ? req.body : '');
    if (req.is('application/x-www-form-urlencoded')) {
      const form = (req.body ?? {}) as Record<string, unknown>;
      if (form.update !== undefined) return problem(res, 400, READ_ONLY);
      if (form.query !== undefined && typeof form.query !== 'string') {
        return problem(res, 400, 'give the query once', { parameter: 'query' });
      }
      return answer(req, res, form.query as string | undefined);
    }
    problem(res, 415, 'Send the query as application/sparql-query or as the form field query=', {
      accepted: ['application/sparql-query', 'application/x-www-form-urlencoded'],
    });
  });

  return {
    asOf: () => loadedAsOf,
    counts: () => ({ ...counts }),
    settled: () => running,
    close: async () => {
      stopped = true;
      clearInterval(watch);
      await thread.close();
    },
  };
}
