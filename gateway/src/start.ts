// `pnpm start`: every service and the gateway in one process, on the embedded database unless DATABASE_URL is set.
import {
  commonEnvSchema,
  createLogger,
  localSigningKeys,
  parseEnv,
  refusalOf,
  stopOnSignal,
  tokenSignerFrom,
} from '@radar/common';
import { loadExporterConfig, startExporter } from '@radar/exporter';
import { loadConfig as loadIdentityConfig, startIdentity } from '@radar/identity';
import { loadConfig as loadOrganisationsConfig, startOrganisations } from '@radar/organisations';
import { loadConfig as loadPracticesConfig, SubgraphProjectDirectory, startPractices } from '@radar/practices';
import { loadConfig as loadProjectsConfig, startProjects } from '@radar/projects';
import { loadGatewayConfig } from './config.js';
import { startGateway } from './gateway.js';

// Services started together sign subgraph tokens with the same keys, and trust them. When none are set, the data
// folder keeps a key (made on first start, readable by its owner only), so `pnpm export` run beside it can sign its
// calls to the subgraphs too.
const environment = { ...process.env };
environment.RADAR_SIGNING_KEYS ||= localSigningKeys(parseEnv(commonEnvSchema, environment).RADAR_DATA_DIR);

const log = createLogger('radar', parseEnv(commonEnvSchema, environment).LOG_LEVEL);
const started: { stop(): Promise<void> }[] = [];
async function start<T extends { stop(): Promise<void> }>(service: Promise<T>): Promise<T> {
  try {
    const running = await service;
    started.push(running);
    return running;
  } catch (error) {
    for (const running of started.reverse()) await running.stop();
    // A database in use or out of reach, or a port taken, is one line, not a stack trace.
    const refusal = refusalOf(error);
    if (!refusal) throw error;
    process.stderr.write(`start: ${refusal.message}\n`);
    process.exit(refusal.exitCode);
  }
}

const organisations = await start(startOrganisations(loadOrganisationsConfig(environment)));
environment.ORGANISATIONS_URL ||= `${organisations.server.url}/graphql`;
// The projects subgraph starts next: adoptions reach it at the address it then has.
const practicesConfig = loadPracticesConfig(environment);
const practices = await start(
  startPractices(practicesConfig, {
    projects: new SubgraphProjectDirectory(
      () => environment.PROJECTS_URL ?? practicesConfig.projectsUrl,
      tokenSignerFrom(practicesConfig),
    ),
  }),
);
environment.PRACTICES_URL ||= `${practices.server.url}/graphql`;
const projects = await start(startProjects(loadProjectsConfig(environment)));
environment.PROJECTS_URL ||= `${projects.server.url}/graphql`;
const identity = await start(startIdentity(loadIdentityConfig(environment)));
environment.IDENTITY_URL ||= `${identity.server.url}/graphql`;
const gateway = await start(startGateway(loadGatewayConfig(environment)));
environment.GATEWAY_URL ||= `${gateway.server.url}/graphql`;
const exporter = await start(
  startExporter(loadExporterConfig(environment)).then((server) => ({ server, stop: () => server.close() })),
);
stopOnSignal(log, [organisations, practices, projects, identity, gateway, exporter]);

process.stdout.write(
  [
    '',
    'RADAR is running:',
    `  GraphQL gateway        ${gateway.server.url}/graphql`,
    `  linked data            ${exporter.server.url}/practices/{id} (also /organisations, /projects, /ontology)`,
    `  practices subgraph     ${practices.server.url}/graphql`,
    `  projects subgraph      ${projects.server.url}/graphql`,
    `  organisations subgraph ${organisations.server.url}/graphql`,
    `  identity subgraph      ${identity.server.url}/graphql`,
    `  databases              ${[practices, projects, organisations, identity].map((service) => service.db.location).join(', ')}`,
    'Press Ctrl-C to stop.',
    '',
  ].join('\n'),
);
