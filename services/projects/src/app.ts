// Starts the projects subgraph: opens and migrates its database, seeds an empty one, serves GraphQL.
import {
  type Logger,
  openDatabase,
  type RunningService,
  SubgraphClient,
  startSubgraphService,
  tokenSignerFrom,
} from '@radar/common';
import type { ProjectsConfig } from './config.js';
import { contextFactory } from './context.js';
import { type Directories, SubgraphDirectories } from './directories.js';
import { projectEntities } from './entities.js';
import { projectMigrations } from './migrations/index.js';
import { projectStream } from './project/project.export.js';
import { buildProjectsSchema } from './schema.js';
import { seedProjects } from './seed/seed.js';

export const SERVICE = 'projects';

export type ProjectsService = RunningService;

export function openProjectsDatabase(config: ProjectsConfig, log: Logger, embeddedDataDir?: string) {
  return openDatabase({
    service: SERVICE,
    entities: projectEntities,
    migrations: projectMigrations,
    config,
    log,
    ...(embeddedDataDir ? { embeddedDataDir } : {}),
  });
}

export function startProjects(
  config: ProjectsConfig,
  options: { seed?: boolean; embeddedDataDir?: string; log?: Logger; directories?: Directories } = {},
): Promise<ProjectsService> {
  const signer = tokenSignerFrom(config);
  const directories =
    options.directories ??
    new SubgraphDirectories(
      new SubgraphClient('organisations', config.organisationsUrl, signer),
      new SubgraphClient('practices', config.practicesUrl, signer),
    );
  return startSubgraphService({
    name: SERVICE,
    config,
    log: options.log,
    openDatabase: (log) => openProjectsDatabase(config, log, options.embeddedDataDir),
    seed: (options.seed ?? true) ? seedProjects : undefined,
    buildSchema: buildProjectsSchema,
    streams: { projects: projectStream },
    createContext: contextFactory(directories),
  });
}
