// Hive Gateway's configuration for RADAR: the committed supergraph, the subgraph URLs of the gateway's own
// configuration, and the plugins that make its answers RADAR's gateway's.
import type { GatewayConfigSupergraph, GatewayPlugin } from '@graphql-hive/gateway';
import { createLogger, type Database, type Logger } from '@radar/common';
import type { GatewayConfig } from '../config.js';
import { defaultSupergraphPath, SERVICE } from '../gateway.js';
import { gatewayLimitSettings, operationLimits } from '../operation-limits.js';
import { parseScalarsAsSubgraphsDo } from '../scalars.js';
import { openCallerAuthenticator } from './caller-authentication.js';
import { useRadarHttpRules } from './http.js';
import { useRadarOutages } from './outage.js';
import { radarMaskError, useRadarDocumentRules, useRadarRequests } from './plugins.js';
import { subgraphIdentity } from './subgraph-identity.js';

export interface RadarHiveGateway {
  /**
   * What Hive Gateway's `defineConfig` takes; without host and port, what `createGatewayRuntime` takes. Disposing
   * the runtime closes the key store the configuration opened.
   */
  gatewayConfig: GatewayConfigSupergraph & { supergraph: string; host: string; port: number };
}

/** Hive Gateway's own log levels, for RADAR's LOG_LEVEL. */
function hiveLogging(level: GatewayConfig['LOG_LEVEL']) {
  if (level === 'silent') return false;
  if (level === 'fatal') return 'error';
  if (level === 'trace') return 'debug';
  return level;
}

export async function radarHiveGateway(
  config: GatewayConfig,
  options: { log?: Logger } = {},
): Promise<RadarHiveGateway> {
  const log = options.log ?? createLogger(`${SERVICE}-hive`, config.LOG_LEVEL);
  const identity = subgraphIdentity(config);
  if (!config.RADAR_SIGNING_KEYS) {
    log.warn('RADAR_SIGNING_KEYS is not set: subgraphs will see every caller as anonymous');
  }
  const limits = operationLimits(gatewayLimitSettings(config));
  const authenticator = await openCallerAuthenticator(config, log);
  const introspection = config.INTROSPECTION ?? config.development;
  const landingPage = config.LANDING_PAGE ?? config.development;
  const scalars: GatewayPlugin = {
    onSchemaChange: ({ schema }) => parseScalarsAsSubgraphsDo(schema),
  };

  return {
    gatewayConfig: {
      supergraph: config.SUPERGRAPH_PATH ?? defaultSupergraphPath,
      transportEntries: Object.fromEntries(
        Object.entries(config.subgraphUrls).map(([name, location]) => [name, { location }]),
      ),
      host: config.HOST,
      port: config.port,
      logging: hiveLogging(config.LOG_LEVEL),
      // RADAR's gateway answers no cross-origin request, and neither does this one.
      cors: false,
      graphiql: landingPage,
      landingPage: false,
      // RADAR's plugins give each request its id.
      requestId: false,
      maskedErrors: { maskError: radarMaskError({ log, maskInternal: !config.development }) },
      graphqlEndpoint: '/graphql',
      healthCheckEndpoint: '/health',
      readinessCheckEndpoint: '/ready',
      plugins: () => [
        // First, so that every answer carries its request id, refusals of the HTTP rules included.
        useRadarRequests({ authenticator, identity, limits, log }),
        useRadarHttpRules({ graphqlPath: '/graphql', bodyLimit: config.BODY_LIMIT, landingPage }),
        useRadarDocumentRules(limits, { hideFieldSuggestions: !config.development, introspection }),
        useRadarOutages(),
        scalars,
      ],
    },
  };
}
