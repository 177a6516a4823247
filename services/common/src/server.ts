// The HTTP shell every RADAR service shares: request ids, /health and /ready, body limit, GraphQL at /graphql.
import { randomUUID } from 'node:crypto';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { ApolloServer, ApolloServerOptions, ApolloServerPlugin, BaseContext } from '@apollo/server';
import { ApolloServerPluginLandingPageDisabled } from '@apollo/server/plugin/disabled';
import { ApolloServerPluginLandingPageLocalDefault } from '@apollo/server/plugin/landingPage/default';
import { expressMiddleware } from '@as-integrations/express5';
import express, { type NextFunction, type Request, type Response } from 'express';
import { type CorsOptions, corsFor } from './cors.js';
import type { Database } from './database.js';
import { createErrorFormatter } from './errors.js';
import { REQUEST_ID_HEADER } from './identity.js';
import type { Logger } from './logger.js';
import { KnownOperationTypes } from './operation-types.js';
import {
  formatOutages,
  isOutage,
  outagePlugin,
  RETRY_AFTER_HEADER,
  RETRY_AFTER_SECONDS,
  rethrowOutage,
} from './outage.js';

export interface GraphQLHttpOptions {
  development: boolean;
  introspection: boolean;
  landingPage: boolean;
  log: Logger;
}

/** Apollo Server options every service uses: CSRF prevention, masking, landing page switch, request logs. */
export function apolloDefaults<T extends BaseContext>(options: GraphQLHttpOptions) {
  return {
    introspection: options.introspection,
    csrfPrevention: true,
    // Each process stops its services itself, in order; Apollo's own signal handlers would race with that.
    stopOnTerminationSignals: false,
    includeStacktraceInErrorResponses: options.development,
    formatError: formatOutages(
      createErrorFormatter({ log: options.log, maskInternal: !options.development }),
      options.log,
    ),
    validationRules: [KnownOperationTypes],
    plugins: [
      options.landingPage
        ? ApolloServerPluginLandingPageLocalDefault({ embed: true })
        : ApolloServerPluginLandingPageDisabled(),
      requestLogPlugin<T>(),
      outagePlugin<T>(),
    ],
  } satisfies Partial<ApolloServerOptions<T>>;
}

function requestLogPlugin<T extends BaseContext>(): ApolloServerPlugin<T> {
  return {
    async requestDidStart({ contextValue }) {
      const started = performance.now();
      const log = (contextValue as { log?: Logger }).log;
      return {
        async willSendResponse({ operationName, errors }) {
          log?.info(
            {
              operation: operationName ?? null,
              durationMs: Math.round((performance.now() - started) * 10) / 10,
              errors: errors?.length ?? 0,
            },
            'graphql request',
          );
        },
      };
    },
  };
}

const requestIdPattern = /^[A-Za-z0-9._:-]{1,128}$/;

export interface RequestWithId extends Request {
  requestId: string;
  log: Logger;
  /** The body exactly as received, when there was one (a subgraph token is bound to it). */
  rawBody?: Buffer;
}

export type ReadinessCheck = () => Promise<Record<string, boolean>>;

export interface ServeOptions<T extends BaseContext> {
  log: Logger;
  host: string;
  port: number;
  bodyLimit: string;
  apollo: ApolloServer<T>;
  ready: ReadinessCheck;
  context: (req: RequestWithId) => Promise<T>;
  /** Runs before GraphQL; may answer the request itself (e.g. reject an unsigned call). */
  guard?: (req: RequestWithId, res: Response) => boolean | Promise<boolean>;
  /** Runs GraphQL for a request that passed the guard, e.g. inside a scope the request's body names. */
  around?: (req: RequestWithId, next: () => void) => void;
  /** Extra routes mounted before /graphql. */
  routes?: (app: express.Express) => void;
  /** Browser origins allowed to call every route (none unless given). */
  cors?: CorsOptions | undefined;
}

export interface RunningServer {
  url: string;
  port: number;
  close(): Promise<void>;
}

/** A started service: its HTTP server and database, stopped in that order. */
export interface RunningService {
  server: RunningServer;
  db: Database;
  log: Logger;
  stop(): Promise<void>;
}

/** Work a service does beside its requests (e.g. draining a queue), stopped before its database closes. */
export interface BackgroundWork {
  stop(): Promise<void>;
}

export function runningService(
  server: RunningServer,
  db: Database,
  log: Logger,
  background: readonly BackgroundWork[] = [],
): RunningService {
  return {
    server,
    db,
    log,
    async stop() {
      await server.close();
      await Promise.all(background.map((work) => work.stop()));
      await db.close();
    },
  };
}

export function graphqlErrorBody(message: string, code: string) {
  return { errors: [{ message, extensions: { code } }] };
}

/** A readiness check that does not answer in time counts as not ready: /ready must answer during an outage. */
const READY_DEADLINE_MS = 3_000;

function withDeadline<T>(work: Promise<T>, ms: number): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const deadline = new Promise<never>((_resolve, reject) => {
    timer = setTimeout(() => reject(new Error(`no answer within ${ms} ms`)), ms);
  });
  return Promise.race([work, deadline]).finally(() => clearTimeout(timer));
}

/** How long a stopping server lets requests in progress finish before it cuts their connections. */
const CLOSE_GRACE_MS = 10_000;

/**
 * Gives every request an id (the caller's, when well formed) on `req` and the response, and a logger naming it;
 * once `closing()` says the server is stopping, each answer ends its connection, so that clients reusing one
 * (a gateway under load) move on.
 */
export function requestIds(log: Logger, closing: () => boolean = () => false) {
  return (req: Request, res: Response, next: NextFunction) => {
    if (closing()) res.setHeader('connection', 'close');
    const given = req.header(REQUEST_ID_HEADER);
    const requestId = given && requestIdPattern.test(given) ? given : randomUUID();
    const withId = req as RequestWithId;
    withId.requestId = requestId;
    withId.log = log.child({ requestId });
    res.setHeader(REQUEST_ID_HEADER, requestId);
    next();
  };
}

/** /health answers while the process runs; /ready when every check passes within its deadline. */
export function healthRoutes(app: express.Express, ready: ReadinessCheck) {
  app.get('/health', (_req, res) => {
    res.json({ status: 'ok' });
  });
  app.get('/ready', async (_req, res) => {
    const checks = await withDeadline(ready(), READY_DEADLINE_MS).catch(() => ({ checks: false }));
    const ok = Object.values(checks).every(Boolean);
    if (!ok) res.setHeader(RETRY_AFTER_HEADER, String(RETRY_AFTER_SECONDS));
    res.status(ok ? 200 : 503).json({ status: ok ? 'ready' : 'not ready', checks });
  });
}

/** Starts Apollo and serves it; resolves once the port is bound. */
/** Parses a JSON body and keeps its exact bytes as `rawBody`: a caller's subgraph token is bound to them. */
export function jsonKeepingRawBody(limit: string): express.RequestHandler {
  return express.json({
    limit,
    verify: (req, _res, body) => {
      (req as unknown as RequestWithId).rawBody = body;
    },
  });
}

export async function serve<T extends BaseContext>(options: ServeOptions<T>): Promise<RunningServer> {
  await options.apollo.start();
  const app = express();
  app.disable('x-powered-by');
  let closing = false;

  app.use(requestIds(options.log, () => closing));
  if (options.cors) app.use(corsFor(options.cors));
  healthRoutes(app, options.ready);
  options.routes?.(app);

  app.use(
    '/graphql',
    jsonKeepingRawBody(options.bodyLimit),
    (req, res, next) => {
      const run = options.around ? () => options.around?.(req as RequestWithId, next) : () => next();
      const passed = options.guard ? options.guard(req as RequestWithId, res) : true;
      if (passed === true) run();
      else if (passed !== false) passed.then((ok) => ok && run(), next);
    },
    expressMiddleware(options.apollo, {
      context: async ({ req }) => options.context(req as RequestWithId).catch(rethrowOutage),
    }),
  );

  app.use((error: Error & { status?: number; type?: string }, req: Request, res: Response, _next: NextFunction) => {
    const log = (req as RequestWithId).log ?? options.log;
    if (error.type === 'entity.too.large') {
      res.status(413).json(graphqlErrorBody(`Request body is larger than ${options.bodyLimit}.`, 'BAD_REQUEST'));
      return;
    }
    if (error.type === 'entity.parse.failed') {
      res.status(400).json(graphqlErrorBody('Request body is not valid JSON.', 'BAD_REQUEST'));
      return;
    }
    if (isOutage(error)) {
      log.warn({ err: error }, 'a database or service is unavailable');
      res.setHeader(RETRY_AFTER_HEADER, String(RETRY_AFTER_SECONDS));
      res
        .status(503)
        .json(graphqlErrorBody('The service is unavailable right now; retry shortly.', 'SERVICE_UNAVAILABLE'));
      return;
    }
    log.error({ err: error }, 'unhandled HTTP error');
    res.status(error.status ?? 500).json(graphqlErrorBody('Internal server error', 'INTERNAL_SERVER_ERROR'));
  });

  const server: Server = await new Promise((resolve, reject) => {
    const listening = app.listen(options.port, options.host, (error?: Error) =>
      error ? reject(error) : resolve(listening),
    );
  });
  // Longer than a gateway's idle socket timeout, so reused connections are closed by the client side.
  server.keepAliveTimeout = 65_000;
  server.headersTimeout = 66_000;
  const port = (server.address() as AddressInfo).port;
  const host = options.host.includes(':') ? `[${options.host}]` : options.host;
  return {
    url: `http://${host}:${port}`,
    port,
    async close() {
      closing = true;
      await new Promise<void>((resolve) => {
        const force = setTimeout(() => server.closeAllConnections(), CLOSE_GRACE_MS);
        server.close(() => {
          clearTimeout(force);
          resolve();
        });
        server.closeIdleConnections();
      });
      await options.apollo.stop();
    },
  };
}
