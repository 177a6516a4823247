// Starts the practices subgraph: opens and migrates its database, seeds an empty one, serves GraphQL.
import { type Logger, openDatabase, type RunningService, startSubgraphService, tokenSignerFrom } from '@radar/common';
import { type ProjectDirectory, SubgraphProjectDirectory } from './adoption/project.directory.js';
import type { PracticesConfig } from './config.js';
import { contextFactory } from './context.js';
import { practiceEntities } from './entities.js';
import { practiceMigrations } from './migrations/index.js';
import { needStream } from './need/need.export.js';
import { type OrganisationDirectory, SubgraphOrganisationDirectory } from './organisation/organisation.directory.js';
import { practiceStream } from './practice/practice.export.js';
import { SIMILAR_TABLES, similarListWorker } from './practice/practice.neighbours.js';
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

export function startPractices(
  config: PracticesConfig,
  options: {
    seed?: boolean;
    embeddedDataDir?: string;
    log?: Logger;
    organisations?: OrganisationDirectory;
    projects?: ProjectDirectory;
  } = {},
): Promise<PracticesService> {
  const signer = tokenSignerFrom(config);
  const organisations = options.organisations ?? new SubgraphOrganisationDirectory(config.organisationsUrl, signer);
  const projects = options.projects ?? new SubgraphProjectDirectory(config.projectsUrl, signer);
  return startSubgraphService({
    name: SERVICE,
    config,
    log: options.log,
    openDatabase: (log) => openPracticesDatabase(config, log, options.embeddedDataDir),
    seed: (options.seed ?? true) ? seedPractices : undefined,
    buildSchema: buildPracticesSchema,
    streams: { practices: practiceStream, needs: needStream },
    createContext: contextFactory(organisations, projects),
    background: (db, log) => similarListWorker(db, log, config.similarEveryMs),
    derivedTables: SIMILAR_TABLES,
  });
}
