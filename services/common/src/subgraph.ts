// Serves one subgraph: checks the caller's subgraph token, forks the EntityManager and makes loaders per request.
import { ApolloServer, type ApolloServerPlugin } from '@apollo/server';
import { ApolloServerPluginInlineTraceDisabled } from '@apollo/server/plugin/disabled';
import type { Response } from 'express';
import type { GraphQLSchema } from 'graphql';
import { z } from 'zod';
import { type CommonConfig, commonEnvSchema, env } from './config.js';
import type { BaseContext } from './context.js';
import { installDataGeneration, readDataGeneration } from './data-generation.js';
import type { Database, EntityManager } from './database.js';
import { exportHandler, type RecordStream } from './export.js';
import { anonymous, type Caller, REQUEST_ID_HEADER } from './identity.js';
import type { Logger } from './logger.js';
import { createLogger } from './logger.js';
import {
  apolloDefaults,
  type BackgroundWork,
  graphqlErrorBody,
  jsonKeepingRawBody,
  type RequestWithId,
  type RunningServer,
  type RunningService,
  runningService,
  serve,
} from './server.js';
import { importNoteOf, isDryRun, withImportNote } from './sources.js';
import {
  AUTHORIZATION_HEADER,
  type TokenVerifierEnv,
  tokenVerifierEnvSchema,
  tokenVerifierFrom,
} from './subgraph-token.js';

/** HTTP settings every service reads (the port comes from each service's own `<NAME>_PORT`). */
export const httpEnvSchema = z.object({
  BODY_LIMIT: z
    .string()
    .regex(/^\d+(b|kb|mb)$/i, 'a size such as 100kb')
    .default('100kb'),
  INTROSPECTION: env.boolean.optional(),
  LANDING_PAGE: env.boolean.optional(),
});

/** Where a subgraph answers its data generation (see data-generation.ts), beside /graphql. */
export const DATA_GENERATION_PATH = '/generation';

export const subgraphEnvSchema = commonEnvSchema.extend(httpEnvSchema.shape).extend(tokenVerifierEnvSchema.shape);

export interface SubgraphConfig extends CommonConfig, TokenVerifierEnv {
  port: number;
  BODY_LIMIT: string;
  INTROSPECTION?: boolean | undefined;
  LANDING_PAGE?: boolean | undefined;
}

export interface SubgraphOptions<T extends BaseContext> {
  name: string;
  schema: GraphQLSchema;
  config: SubgraphConfig;
  db: Database;
  log: Logger;
  createContext: (base: BaseContext) => T;
  /** Record streams for full dumps, served at /export/{name} to the same signed callers as GraphQL. */
  streams?: Record<string, RecordStream> | undefined;
  /** Internal JSON endpoints, served at POST /internal/{name} to the same signed callers as GraphQL. */
  internal?: Record<string, InternalEndpoint> | undefined;
}

/** An internal endpoint: a JSON body in, a status and a JSON body out, on a forked EntityManager. */
export type InternalEndpoint = (
  body: unknown,
  context: { em: EntityManager; caller: Caller; requestId: string; log: Logger },
) => Promise<{ status: number; body: unknown }>;

export async function startSubgraph<T extends BaseContext>(options: SubgraphOptions<T>): Promise<RunningServer> {
  const { config, log } = options;
  const development = config.NODE_ENV !== 'production';
  const verifier = tokenVerifierFrom(config);
  if (!verifier) {
    const unset = 'RADAR_SIGNING_KEYS, RADAR_TRUSTED_KEYS or RADAR_JWKS_URL';
    if (!development) throw new Error(`${unset} must be set in production`);
    log.warn(`none of ${unset} is set: every caller is treated as anonymous, so mutations are refused`);
  }
  const defaults = apolloDefaults<T>({
    development,
    introspection: config.INTROSPECTION ?? development,
    landingPage: config.LANDING_PAGE ?? development,
    log,
  });
  const apollo = new ApolloServer<T>({
    schema: options.schema,
    ...defaults,
    // Federated traces only matter with Apollo usage reporting, which RADAR does not use.
    plugins: [...defaults.plugins, ApolloServerPluginInlineTraceDisabled(), dryRunRollback<T>()],
  });
  const callers = new WeakMap<object, Caller>();
  const guard = async (req: RequestWithId, res: Response) => {
    if (!verifier) {
      callers.set(req, anonymous);
      return true;
    }
    const token = { authorization: req.header(AUTHORIZATION_HEADER), requestId: req.header(REQUEST_ID_HEADER) };
    const verified = await verifier.verify(
      req.rawBody ? { ...token, body: req.rawBody } : { ...token, method: req.method, url: req.originalUrl },
    );
    if (!verified.ok) {
      req.log.warn({ reason: verified.reason }, 'rejected a request that did not come through the gateway');
      res
        .status(401)
        .json(graphqlErrorBody(`This service only answers the RADAR gateway (${verified.reason}).`, 'UNAUTHENTICATED'));
      return false;
    }
    callers.set(req, verified.caller);
    return true;
  };
  const streams = options.streams;
  const internal = options.internal;
  return serve<T>({
    log,
    host: config.HOST,
    port: config.port,
    bodyLimit: config.BODY_LIMIT,
    apollo,
    ready: async () => ({ database: await options.db.ping() }),
    guard,
    // The audit entries of an import's writes name it (IMPORT_EXTENSION, in the signed body).
    around: (req, next) => withImportNote(importNoteOf(req.body), next),
    routes: (app) => {
      // What a response cache in front compares before it serves an answer this subgraph gave.
      app.get(DATA_GENERATION_PATH, (req, res, next) => {
        const request = req as unknown as RequestWithId;
        guard(request, res)
          .then(async (ok) => {
            if (ok) res.json({ generation: await readDataGeneration(options.db) });
          })
          .catch(next);
      });
      if (streams) {
        const send = exportHandler(streams, options.db);
        app.get('/export/:name', (req, res) => {
          const request = req as unknown as RequestWithId;
          return guard(request, res).then((ok) => {
            if (ok) void send(request, res);
          });
        });
      }
      for (const [name, endpoint] of Object.entries(internal ?? {})) {
        app.post(`/internal/${name}`, jsonKeepingRawBody(config.BODY_LIMIT), (req, res, next) => {
          const request = req as unknown as RequestWithId;
          guard(request, res)
            .then(async (ok) => {
              if (!ok) return;
              const { status, body } = await endpoint(req.body, {
                em: options.db.orm.em.fork(),
                caller: callers.get(request) ?? anonymous,
                requestId: request.requestId,
                log: request.log,
              });
              res.status(status).json(body);
            })
            .catch(next);
        });
      }
    },
    context: async (req) => {
      const em: EntityManager = options.db.orm.em.fork();
      const dryRun = isDryRun(req.body);
      // Every write of a dry run nests in this transaction, which dryRunRollback undoes.
      if (dryRun) await em.begin();
      return options.createContext({
        requestId: req.requestId,
        caller: callers.get(req) ?? anonymous,
        em,
        log: req.log,
        ...(dryRun ? { dryRun } : {}),
      });
    },
  });
}

/** Rolls a dry run's transaction back once its answer is ready: the same rules ran, nothing is written. */
function dryRunRollback<T extends BaseContext>(): ApolloServerPlugin<T> {
  return {
    async requestDidStart() {
      return {
        async willSendResponse({ contextValue }) {
          if (contextValue.dryRun) await contextValue.em.rollback();
        },
      };
    },
  };
}

export interface SubgraphServiceOptions<T extends BaseContext> {
  name: string;
  config: SubgraphConfig;
  log?: Logger | undefined;
  openDatabase: (log: Logger) => Promise<Database>;
  /** Loads example data into an empty database and says how many records it wrote. */
  seed?: ((em: EntityManager) => Promise<number>) | undefined;
  buildSchema: () => Promise<GraphQLSchema>;
  createContext: (base: BaseContext) => T;
  streams?: Record<string, RecordStream> | undefined;
  internal?: Record<string, InternalEndpoint> | undefined;
  /** Work started once the subgraph serves, and stopped before its database closes. */
  background?: ((db: Database, log: Logger) => BackgroundWork) | undefined;
  /** Tables the background work computes from the others: their writes do not move the data generation. */
  derivedTables?: readonly string[] | undefined;
}

/** The start-up every subgraph shares: open and migrate its database, seed it if empty, serve GraphQL. */
export async function startSubgraphService<T extends BaseContext>(
  options: SubgraphServiceOptions<T>,
): Promise<RunningService> {
  const log = options.log ?? createLogger(options.name, options.config.LOG_LEVEL);
  const db = await options.openDatabase(log);
  try {
    await installDataGeneration(db, options.derivedTables);
    if (options.seed) {
      const seeded = await options.seed(db.orm.em.fork());
      if (seeded > 0) log.info({ records: seeded }, 'seeded example data into the empty database');
    }
    const server = await startSubgraph({
      name: options.name,
      schema: await options.buildSchema(),
      config: options.config,
      db,
      log,
      createContext: options.createContext,
      streams: options.streams,
      internal: options.internal,
    });
    log.info({ url: `${server.url}/graphql`, database: db.location }, `${options.name} subgraph ready`);
    return runningService(server, db, log, options.background ? [options.background(db, log)] : []);
  } catch (error) {
    await db.close();
    throw error;
  }
}
