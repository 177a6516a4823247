// The manifest's subgraphs bound to what only their own packages know: how each builds its schema and starts.
import {
  type Database,
  type Logger,
  subgraphs as manifest,
  type RunningService,
  type Subgraph,
  type SubgraphName,
  tokenSignerFrom,
  urlEnvironment,
} from '@radar/common';
import {
  buildIdentitySchema,
  loadConfig as loadIdentityConfig,
  openIdentityDatabase,
  startIdentity,
} from '@radar/identity';
import {
  buildOrganisationsSchema,
  loadConfig as loadOrganisationsConfig,
  openOrganisationsDatabase,
  startOrganisations,
} from '@radar/organisations';
import {
  buildPracticesSchema,
  loadConfig as loadPracticesConfig,
  openPracticesDatabase,
  SubgraphProjectDirectory,
  startPractices,
} from '@radar/practices';
import {
  buildProjectsSchema,
  loadConfig as loadProjectsConfig,
  openProjectsDatabase,
  startProjects,
} from '@radar/projects';
import type { GraphQLSchema } from 'graphql';

export interface SubgraphStart {
  /** The environment it starts with, holding the address of every subgraph it calls that started before it. */
  environment: NodeJS.ProcessEnv;
  /** A called subgraph's address, read each time a request needs it, so one that starts later is found too. */
  addressOf: (name: SubgraphName) => () => string;
  options: { seed?: boolean; embeddedDataDir?: string };
}

export interface SubgraphBinding {
  buildSchema: () => Promise<GraphQLSchema>;
  /** Opens (creating and migrating) its database without serving anything: `pnpm migrate`. */
  openDatabase: (environment: NodeJS.ProcessEnv, log: Logger) => Promise<Database>;
  start: (start: SubgraphStart) => Promise<RunningService>;
}

/** One binding per manifest entry: a subgraph added to the manifest without one does not compile. */
export const subgraphBindings: { [N in SubgraphName]: SubgraphBinding } = {
  organisations: {
    buildSchema: buildOrganisationsSchema,
    openDatabase: (environment, log) => openOrganisationsDatabase(loadOrganisationsConfig(environment), log),
    start: ({ environment, options }) => startOrganisations(loadOrganisationsConfig(environment), options),
  },
  practices: {
    buildSchema: buildPracticesSchema,
    openDatabase: (environment, log) => openPracticesDatabase(loadPracticesConfig(environment), log),
    start: ({ environment, addressOf, options }) => {
      const config = loadPracticesConfig(environment);
      // The projects subgraph starts after this one: adoptions reach it at the address it then has.
      return startPractices(config, {
        ...options,
        projects: new SubgraphProjectDirectory(addressOf('projects'), tokenSignerFrom(config)),
      });
    },
  },
  projects: {
    buildSchema: buildProjectsSchema,
    openDatabase: (environment, log) => openProjectsDatabase(loadProjectsConfig(environment), log),
    start: ({ environment, options }) => startProjects(loadProjectsConfig(environment), options),
  },
  identity: {
    buildSchema: buildIdentitySchema,
    openDatabase: (environment, log) => openIdentityDatabase(loadIdentityConfig(environment), log),
    start: ({ environment, options }) => startIdentity(loadIdentityConfig(environment), options),
  },
};

export interface SubgraphDefinition extends Subgraph {
  buildSchema: () => Promise<GraphQLSchema>;
}

/** The subgraphs the supergraph is composed of, in the manifest's order. */
export const subgraphs: SubgraphDefinition[] = manifest.map((entry) => ({
  ...entry,
  buildSchema: subgraphBindings[entry.name].buildSchema,
}));

export interface RunningSubgraphs {
  services: Record<SubgraphName, RunningService>;
  /** Where each one answers GraphQL. */
  urls: Record<SubgraphName, string>;
  /** Stops them in reverse start order. */
  stop(): Promise<void>;
}

export interface StartSubgraphsOptions {
  seed?: boolean;
  embeddedDataDir?: string;
  /** The address `caller` is given for `called` (e.g. through a proxy a test puts in between); `url` by default. */
  addressFor?: (caller: SubgraphName, called: SubgraphName, url: string) => string;
}

/**
 * Starts every subgraph in the manifest's order. Each gets the addresses of the subgraphs it calls: the ones
 * started before it at their bound addresses (or `<NAME>_URL` when the environment sets it), the later ones
 * when a request needs them. If one fails to start, the ones already running are stopped.
 */
export async function startSubgraphs(
  environment: NodeJS.ProcessEnv,
  options: StartSubgraphsOptions = {},
): Promise<RunningSubgraphs> {
  const { addressFor = (_caller, _called, url) => url, ...startOptions } = options;
  const services: Partial<Record<SubgraphName, RunningService>> = {};
  const urls: Partial<Record<SubgraphName, string>> = {};
  const urlOf = (name: SubgraphName) => {
    const entry = manifest.find((candidate) => candidate.name === name) as Subgraph;
    return urls[name] || environment[entry.urlVariable] || entry.defaultUrl;
  };
  const started: RunningService[] = [];
  const stop = async () => {
    for (const service of [...started].reverse()) await service.stop();
  };
  try {
    for (const entry of manifest) {
      const called = Object.fromEntries(
        entry.startsAfter.map((name) => [name, addressFor(entry.name, name, urlOf(name))]),
      );
      const service = await subgraphBindings[entry.name].start({
        environment: { ...environment, ...urlEnvironment(called) },
        addressOf: (name) => () => addressFor(entry.name, name, urlOf(name)),
        options: startOptions,
      });
      started.push(service);
      services[entry.name] = service;
      urls[entry.name] = environment[entry.urlVariable] || `${service.server.url}/graphql`;
    }
  } catch (error) {
    await stop();
    throw error;
  }
  return {
    services: services as Record<SubgraphName, RunningService>,
    urls: urls as Record<SubgraphName, string>,
    stop,
  };
}
