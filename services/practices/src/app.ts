// Starts the practices subgraph: opens and migrates its database, seeds an empty one, serves GraphQL.
import {
  createLogger,
  type Logger,
  openDatabase,
  type RunningService,
  runningService,
  startSubgraph,
} from '@radar/common';
import type { PracticesConfig } from './config.js';
import { contextFactory } from './context.js';
import { practiceEntities } from './entities.js';
import { practiceMigrations } from './migrations/index.js';
import { type OrganisationDirectory, SubgraphOrganisationDirectory } from './organisation/organisation.directory.js';
import { buildPracticesSchema } from './schema.js';
import { seedPractices } from './seed/seed.js';

export const SERVICE = 'practices';

export type PracticesService = RunningService;

export function openPracticesDatabase(config: PracticesConfig, log: Logger, embeddedDataDir?: string) {
  return openDatabase({
    service: SERVICE,
    entities: practiceEntities,
    migrations: practiceMigrations,
    config,
    log,
    ...(embeddedDataDir ? { embeddedDataDir } : {}),
  });
}

export async function startPractices(
  config: PracticesConfig,
  options: { seed?: boolean; embeddedDataDir?: string; log?: Logger; organisations?: OrganisationDirectory } = {},
): Promise<PracticesService> {
  const log = options.log ?? createLogger(SERVICE, config.LOG_LEVEL);
  const db = await openPracticesDatabase(config, log, options.embeddedDataDir);
  try {
    if (options.seed ?? true) {
      const seeded = await seedPractices(db.orm.em.fork());
      if (seeded > 0) log.info({ practices: seeded }, 'seeded example practices into the empty database');
    }
    const organisations =
      options.organisations ?? new SubgraphOrganisationDirectory(config.organisationsUrl, config.RADAR_GATEWAY_SECRET);
    const server = await startSubgraph({
      name: SERVICE,
      schema: await buildPracticesSchema(),
      config,
      db,
      log,
      createContext: contextFactory(organisations),
    });
    log.info({ url: `${server.url}/graphql`, database: db.location }, 'practices subgraph ready');
    return runningService(server, db, log);
  } catch (error) {
    await db.close();
    throw error;
  }
}
