// Starts the organisations subgraph: opens and migrates its database, seeds an empty one, serves GraphQL.
import { type Logger, openDatabase, type RunningService, startSubgraphService } from '@radar/common';
import type { OrganisationsConfig } from './config.js';
import { createContext } from './context.js';
import { organisationMigrations } from './migrations/index.js';
import { organisationEntities } from './organisation/organisation.entity.js';
import { organisationStream } from './organisation/organisation.export.js';
import { buildOrganisationsSchema } from './schema.js';
import { seedOrganisations } from './seed/seed.js';

export const SERVICE = 'organisations';

export type OrganisationsService = RunningService;

export function openOrganisationsDatabase(config: OrganisationsConfig, log: Logger, embeddedDataDir?: string) {
  return openDatabase({
    service: SERVICE,
    entities: organisationEntities,
    migrations: organisationMigrations,
    config,
    log,
    ...(embeddedDataDir ? { embeddedDataDir } : {}),
  });
}

export function startOrganisations(
  config: OrganisationsConfig,
  options: { seed?: boolean; embeddedDataDir?: string; log?: Logger } = {},
): Promise<OrganisationsService> {
  return startSubgraphService({
    name: SERVICE,
    config,
    log: options.log,
    openDatabase: (log) => openOrganisationsDatabase(config, log, options.embeddedDataDir),
    seed: (options.seed ?? true) ? seedOrganisations : undefined,
    buildSchema: buildOrganisationsSchema,
    streams: { organisations: organisationStream },
    createContext,
  });
}
