// Starts the identity subgraph: opens and migrates its database and serves GraphQL and the gateway's caller lookup.
import {
  type Logger,
  type OrganisationLookup,
  openDatabase,
  type RunningService,
  SubgraphOrganisationDirectory,
  startSubgraphService,
  tokenSignerFrom,
} from '@radar/common';
import { callerEndpoint } from './caller/caller.endpoint.js';
import type { IdentityConfig } from './config.js';
import { contextFactory } from './context.js';
import { identityEntities } from './entities.js';
import { identityMigrations } from './migrations/index.js';
import { buildIdentitySchema } from './schema.js';

export const SERVICE = 'identity';

export type IdentityService = RunningService;

export function openIdentityDatabase(
  config: Parameters<typeof openDatabase>[0]['config'],
  log: Logger,
  embeddedDataDir?: string,
) {
  return openDatabase({
    service: SERVICE,
    entities: identityEntities,
    migrations: identityMigrations,
    config,
    log,
    ...(embeddedDataDir ? { embeddedDataDir } : {}),
  });
}

export function startIdentity(
  config: IdentityConfig,
  options: { embeddedDataDir?: string; log?: Logger; organisations?: OrganisationLookup } = {},
): Promise<IdentityService> {
  const organisations =
    options.organisations ?? new SubgraphOrganisationDirectory(config.organisationsUrl, tokenSignerFrom(config));
  return startSubgraphService({
    name: SERVICE,
    config,
    log: options.log,
    openDatabase: (log) => openIdentityDatabase(config, log, options.embeddedDataDir),
    buildSchema: buildIdentitySchema,
    createContext: contextFactory(organisations),
    internal: { caller: callerEndpoint },
  });
}
