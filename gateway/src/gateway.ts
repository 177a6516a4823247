// The gateway: one GraphQL endpoint over the subgraphs, with API keys, signed identity forwarding and limits.
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { ApolloGateway, type GraphQLDataSourceProcessOptions, type RemoteGraphQLDataSource } from '@apollo/gateway';
import { ApolloServer } from '@apollo/server';
import {
  anonymous,
  apolloDefaults,
  type Caller,
  createLogger,
  type Logger,
  REQUEST_ID_HEADER,
  type RunningService,
  runningService,
  serve,
  signCaller,
} from '@radar/common';
import { GraphQLError } from 'graphql';
import type { GatewayConfig } from './config.js';
import { openGatewayDatabase } from './keys/key.database.js';
import { authenticate } from './keys/key.store.js';
import { operationLimits } from './operation-limits.js';
import { operationResolutionPlugin } from './operation-resolution.js';
import { OutageAwareDataSource } from './outage.js';
import { generationRequestId, responseCache } from './response-cache.js';
import { parseScalarsAsSubgraphsDo } from './scalars.js';
import { subgraphFetcher } from './subgraph-fetch.js';

export const SERVICE = 'gateway';
export const defaultSupergraphPath = fileURLToPath(new URL('../../schema/supergraph.graphql', import.meta.url));

export interface GatewayContext {
  requestId: string;
  caller: Caller;
  log: Logger;
}

/** One pool of kept-alive connections per subgraph origin, shared by every data source. */
const fetcher = subgraphFetcher();

/** Sends each subgraph the request id and the caller, signed so the subgraph can trust them. */
class SignedDataSource extends OutageAwareDataSource<GatewayContext> {
  constructor(
    url: string,
    private readonly secret: string | undefined,
  ) {
    super({ url, fetcher });
  }

  /**
   * A subgraph answers 400 when a variable or literal fails its scalar (e.g. a malformed UUID), which the
   * gateway cannot check itself; pass that on as the caller's error instead of an internal one.
   */
  override async errorFromResponse(response: Parameters<RemoteGraphQLDataSource['errorFromResponse']>[0]) {
    const error = await super.errorFromResponse(response);
    const body = (error.extensions.response as { body?: unknown } | undefined)?.body;
    const first = (body as { errors?: { message?: unknown; extensions?: { code?: unknown } }[] } | undefined)
      ?.errors?.[0];
    if (
      response.status === 400 &&
      typeof first?.message === 'string' &&
      (first.extensions?.code === 'GRAPHQL_VALIDATION_FAILED' || first.extensions?.code === 'BAD_USER_INPUT')
    ) {
      return new GraphQLError(first.message, { extensions: { code: 'BAD_USER_INPUT' } });
    }
    return error;
  }

  override willSendRequest({ request, context }: GraphQLDataSourceProcessOptions<GatewayContext>) {
    const headers = request.http?.headers;
    if (!headers || !('requestId' in context)) return;
    headers.set(REQUEST_ID_HEADER, context.requestId);
    if (this.secret) {
      for (const [name, value] of Object.entries(signCaller(this.secret, context.caller, context.requestId))) {
        headers.set(name, value);
      }
    }
  }
}

export type GatewayService = RunningService;

export async function startGateway(
  config: GatewayConfig,
  options: { embeddedDataDir?: string; log?: Logger } = {},
): Promise<GatewayService> {
  const log = options.log ?? createLogger(SERVICE, config.LOG_LEVEL);
  const secret = config.RADAR_GATEWAY_SECRET;
  if (!secret) {
    if (!config.development) throw new Error('RADAR_GATEWAY_SECRET must be set in production');
    log.warn('RADAR_GATEWAY_SECRET is not set: subgraphs will see every caller as anonymous');
  }
  const supergraphPath = config.SUPERGRAPH_PATH ?? defaultSupergraphPath;
  const supergraphSdl = readFileSync(supergraphPath, 'utf8');
  const db = await openGatewayDatabase(config, log, options.embeddedDataDir);

  const cache =
    config.RESPONSE_CACHE && config.RESPONSE_CACHE_TTL > 0
      ? responseCache<GatewayContext>({
          ttlSeconds: config.RESPONSE_CACHE_TTL,
          maxBytes: config.RESPONSE_CACHE_MB * 1024 * 1024,
          subgraphs: config.subgraphUrls,
          headers: () => {
            const requestId = generationRequestId();
            return { [REQUEST_ID_HEADER]: requestId, ...(secret ? signCaller(secret, anonymous, requestId) : {}) };
          },
          log,
        })
      : undefined;

  let supergraphLoaded = false;
  const gateway = new ApolloGateway({
    supergraphSdl,
    buildService: ({ name, url }) => new SignedDataSource(config.subgraphUrls[name] ?? url ?? '', secret),
    experimental_approximateQueryPlanStoreMiB: config.QUERY_PLAN_CACHE_MB,
    ...(cache ? { experimental_didResolveQueryPlan: cache.didResolveQueryPlan } : {}),
    logger: log,
  });
  gateway.onSchemaLoadOrUpdate(({ apiSchema }) => {
    parseScalarsAsSubgraphsDo(apiSchema);
    supergraphLoaded = true;
  });

  const limits = operationLimits<GatewayContext>({
    tokens: config.MAX_TOKENS,
    nesting: 100,
    depth: config.MAX_DEPTH,
    aliases: config.MAX_ALIASES,
    cost: config.MAX_COST,
    directives: 20,
    hideFieldSuggestions: !config.development,
  });
  const defaults = apolloDefaults<GatewayContext>({
    development: config.development,
    introspection: config.INTROSPECTION ?? config.development,
    landingPage: config.LANDING_PAGE ?? config.development,
    log,
  });
  const apollo = new ApolloServer<GatewayContext>({
    gateway,
    ...defaults,
    formatError: limits.formatError(defaults.formatError),
    parseOptions: limits.parseOptions,
    plugins: [
      ...defaults.plugins,
      ...limits.plugins,
      operationResolutionPlugin<GatewayContext>(),
      ...(cache ? [cache.plugin] : []),
    ],
    validationRules: [...defaults.validationRules, ...limits.validationRules],
  });

  try {
    const server = await serve<GatewayContext>({
      log,
      host: config.HOST,
      port: config.port,
      bodyLimit: config.BODY_LIMIT,
      apollo,
      guard: limits.guard,
      ready: async () => ({ database: await db.ping(), supergraph: supergraphLoaded }),
      context: async (req) => {
        try {
          const authorization = req.header('authorization');
          // Anonymous callers, most reads, need no key lookup and so no EntityManager of their own.
          const caller = authorization ? await authenticate(db.orm.em.fork(), authorization) : anonymous;
          return { requestId: req.requestId, caller, log: req.log };
        } catch (error) {
          if (error instanceof GraphQLError) {
            throw new GraphQLError(error.message, {
              extensions: { ...error.extensions, http: { status: 401 } },
            });
          }
          throw error;
        }
      },
    });
    log.info({ url: `${server.url}/graphql`, supergraph: supergraphPath }, 'gateway ready');
    return runningService(server, db, log);
  } catch (error) {
    await db.close();
    throw error;
  }
}
