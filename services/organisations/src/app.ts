// Starts the organisations subgraph: opens and migrates its database, seeds an empty one, serves GraphQL.
import {
  createLogger,
  type Logger,
  openDatabase,
  type RunningService,
  runningService,
  startSubgraph,
} from '@radar/common';
import type { OrganisationsConfig } from './config.js';
import { createContext } from './context.js';
import { organisationMigrations } from './migrations/index.js';
import { organisationEntities } from './organisation/organisation.entity.js';
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

export async function startOrganisations(
  config: OrganisationsConfig,
  options: { seed?: boolean; embeddedDataDir?: string; log?: Logger } = {},
): Promise<OrganisationsService> {
  const log = options.log ?? createLogger(SERVICE, config.LOG_LEVEL);
  const db = await openOrganisationsDatabase(config, log, options.embeddedDataDir);
  try {
    if (options.seed ?? true) {
      const seeded = await seedOrganisations(db.orm.em.fork());
      if (seeded > 0) log.info({ organisations: seeded }, 'seeded example organisations into the empty database');
    }
    const server = await startSubgraph({
      name: SERVICE,
      schema: await buildOrganisationsSchema(),
      config,
      db,
      log,
      createContext,
    });
    log.info({ url: `${server.url}/graphql`, database: db.location }, 'organisations subgraph ready');
    return runningService(server, db, log);
  } catch (error) {
    await db.close();
    throw error;
  }
}
