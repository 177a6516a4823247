// The gateway: one GraphQL endpoint over the subgraphs, with sign-in (API keys, OpenID Connect), subgraph tokens,
// their JWKS and limits.
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { ApolloGateway, type GraphQLDataSourceProcessOptions, type RemoteGraphQLDataSource } from '@apollo/gateway';
import { ApolloServer } from '@apollo/server';
import {
  anonymous,
  apolloDefaults,
  type Caller,
  createLogger,
  DRY_RUN_EXTENSION,
  DRY_RUN_HEADER,
  IMPORT_EXTENSION,
  IMPORT_HEADER,
  importNoteOfHeader,
  JWKS_PATH,
  type Logger,
  REQUEST_ID_HEADER,
  type RunningServer,
  type SubgraphName,
  serve,
  type TokenSigner,
  tokenSignerFrom,
} from '@radar/common';
import { GraphQLError } from 'graphql';
import { createAuthenticator } from './authenticator.js';
import type { GatewayConfig } from './config.js';
import { importRoute } from './import/route.js';
import { gatewayLimitSettings, operationLimits } from './operation-limits.js';
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
  /** The caller asked for a dry run (DRY_RUN_HEADER): subgraphs run every rule and write nothing. */
  dryRun?: boolean;
  /** The import the request is part of (IMPORT_HEADER): the audit entries of its writes name it. */
  importNote?: string;
}

/**
 * Carries the caller (base64url JSON, as a header value must be Latin-1) from `willSendRequest` to the fetch that
 * signs, which takes it off before sending.
 */
const CALLER_TO_SIGN = 'x-radar-caller-to-sign';

/**
 * Sends each call over pooled, kept-alive node:http connections (one pool per subgraph origin, shared by every data
 * source), signing it as it leaves with a subgraph token for its request id, its caller and the exact body sent, so
 * every call, a retry too, has its own.
 */
type Fetcher = RemoteGraphQLDataSource['fetcher'];

/** One pool of kept-alive connections per subgraph origin, shared by every data source. */
const pooled = subgraphFetcher();

function signingFetch(signer: TokenSigner | undefined, send: Fetcher = pooled): Fetcher {
  if (!signer) return send;
  return (url, init = {}) => {
    const { [CALLER_TO_SIGN]: caller, ...headers } = init.headers as Record<string, string>;
    const requestId = headers[REQUEST_ID_HEADER];
    if (caller === undefined || requestId === undefined || typeof init.body !== 'string') {
      return send(url, { ...init, headers });
    }
    const who = JSON.parse(Buffer.from(caller, 'base64url').toString('utf8')) as Caller;
    const token = signer.headersFor({ caller: who, requestId, body: init.body });
    return send(url, { ...init, headers: { ...headers, ...token } });
  };
}

/**
 * Sends each subgraph the request id and, in a subgraph token made for that very request (its id and body), the
 * caller, so the subgraph can trust them.
 */
class SignedDataSource extends OutageAwareDataSource<GatewayContext> {
  private readonly signs: boolean;

  constructor(url: string, signer: TokenSigner | undefined) {
    super({ url, fetcher: signingFetch(signer) });
    this.signs = signer !== undefined;
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
    if (context.dryRun) request.extensions = { ...request.extensions, [DRY_RUN_EXTENSION]: true };
    if (context.importNote) request.extensions = { ...request.extensions, [IMPORT_EXTENSION]: context.importNote };
    if (this.signs) headers.set(CALLER_TO_SIGN, Buffer.from(JSON.stringify(context.caller)).toString('base64url'));
  }
}

export interface GatewayService {
  server: RunningServer;
  log: Logger;
  stop(): Promise<void>;
}

export async function startGateway(config: GatewayConfig, options: { log?: Logger } = {}): Promise<GatewayService> {
  const log = options.log ?? createLogger(SERVICE, config.LOG_LEVEL);
  const signer = tokenSignerFrom(config);
  if (!signer) {
    if (!config.development) throw new Error('RADAR_SIGNING_KEYS must be set in production');
    log.warn('RADAR_SIGNING_KEYS is not set: subgraphs will see every caller as anonymous');
  }
  const jwks = JSON.stringify(signer?.jwks() ?? { keys: [] });
  const supergraphPath = config.SUPERGRAPH_PATH ?? defaultSupergraphPath;
  const supergraphSdl = readFileSync(supergraphPath, 'utf8');
  const authenticator = createAuthenticator(config);

  const cache =
    config.RESPONSE_CACHE && config.RESPONSE_CACHE_TTL > 0
      ? responseCache<GatewayContext>({
          ttlSeconds: config.RESPONSE_CACHE_TTL,
          maxBytes: config.RESPONSE_CACHE_MB * 1024 * 1024,
          subgraphs: config.subgraphUrls,
          headers: (url) => {
            const requestId = generationRequestId();
            return signer
              ? signer.headersFor({ caller: anonymous, requestId, method: 'GET', url })
              : { [REQUEST_ID_HEADER]: requestId };
          },
          log,
        })
      : undefined;

  let supergraphLoaded = false;
  const gateway = new ApolloGateway({
    supergraphSdl,
    buildService: ({ name, url }) =>
      new SignedDataSource(config.subgraphUrls[name as SubgraphName] ?? url ?? '', signer),
    experimental_approximateQueryPlanStoreMiB: config.QUERY_PLAN_CACHE_MB,
    ...(cache ? { experimental_didResolveQueryPlan: cache.didResolveQueryPlan } : {}),
    logger: log,
  });
  gateway.onSchemaLoadOrUpdate(({ apiSchema }) => {
    parseScalarsAsSubgraphsDo(apiSchema);
    supergraphLoaded = true;
  });

  const limits = operationLimits<GatewayContext>(gatewayLimitSettings(config));
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
      routes: (app) => {
        importRoute(app, { bodyLimit: config.IMPORT_BODY_LIMIT, log });
        // Public keys only; subgraphs and other engines' verifiers cache them and fetch again for an unknown key id.
        app.get(JWKS_PATH, (_req, res) => {
          res.setHeader('cache-control', 'public, max-age=60');
          res.type('application/jwk-set+json').send(jwks);
        });
      },
      cors: { origins: config.RADAR_CORS_ORIGINS, methods: ['GET', 'POST'] },
      ready: async () => ({ supergraph: supergraphLoaded }),
      context: async (req) => {
        try {
          const caller = await authenticator.authenticate(req.header('authorization'));
          const dryRun = req.header(DRY_RUN_HEADER) === 'true';
          const importNote = importNoteOfHeader(req.header(IMPORT_HEADER));
          return {
            requestId: req.requestId,
            caller,
            log: req.log,
            ...(dryRun ? { dryRun } : {}),
            ...(importNote ? { importNote } : {}),
          };
        } catch (error) {
          if (error instanceof GraphQLError && error.extensions.code === 'UNAUTHENTICATED') {
            throw new GraphQLError(error.message, {
              extensions: { ...error.extensions, http: { status: 401 } },
            });
          }
          throw error;
        }
      },
    });
    log.info({ url: `${server.url}/graphql`, supergraph: supergraphPath }, 'gateway ready');
    return {
      server,
      log,
      async stop() {
        await server.close();
        await authenticator.close();
      },
    };
  } catch (error) {
    await authenticator.close();
    throw error;
  }
}
