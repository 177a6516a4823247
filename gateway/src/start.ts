// `pnpm start`: every service and the gateway in one process, on the embedded database unless DATABASE_URL is set.
import {
  commonEnvSchema,
  createLogger,
  localSigningKeys,
  subgraphs as manifest,
  parseEnv,
  refusalOf,
  stopOnSignal,
  urlEnvironment,
} from '@radar/common';
import { loadExporterConfig, startExporter } from '@radar/exporter';
import { loadGatewayConfig } from './config.js';
import { startGateway } from './gateway.js';
import { startSubgraphs } from './subgraphs.js';

// Services started together sign subgraph tokens with the same keys, and trust them. When none are set, the data
// folder keeps a key (made on first start, readable by its owner only), so `pnpm export` run beside it can sign its
// calls to the subgraphs too.
const environment = { ...process.env };
environment.RADAR_SIGNING_KEYS ||= localSigningKeys(parseEnv(commonEnvSchema, environment).RADAR_DATA_DIR);

const log = createLogger('radar', parseEnv(commonEnvSchema, environment).LOG_LEVEL);
/** A bad setting, a database in use or out of reach, or a port taken, is one line, not a stack trace. */
function refuse(error: unknown): never {
  const refusal = refusalOf(error);
  if (!refusal) throw error;
  process.stderr.write(`start: ${refusal.message}\n`);
  process.exit(refusal.exitCode);
}

const started: { stop(): Promise<void> }[] = [];
async function start<T extends { stop(): Promise<void> }>(service: () => Promise<T>): Promise<T> {
  try {
    const running = await service();
    started.push(running);
    return running;
  } catch (error) {
    for (const running of started.reverse()) await running.stop();
    refuse(error);
  }
}

// The gateway's and the exporter's settings are checked before anything starts, so a bad one opens no database.
try {
  loadGatewayConfig(environment);
  loadExporterConfig(environment);
} catch (error) {
  refuse(error);
}

const subgraphs = await start(() => startSubgraphs(environment));
Object.assign(environment, urlEnvironment(subgraphs.urls));
const gateway = await start(() => startGateway(loadGatewayConfig(environment)));
environment.GATEWAY_URL ||= `${gateway.server.url}/graphql`;
const exporter = await start(() =>
  startExporter(loadExporterConfig(environment)).then((server) => ({ server, stop: () => server.close() })),
);
stopOnSignal(log, [subgraphs, gateway, exporter]);

const column = (label: string) => `  ${label.padEnd(Math.max(...manifest.map(({ name }) => name.length)) + 10)} `;
process.stdout.write(
  [
    '',
    'RADAR is running:',
    `${column('GraphQL gateway')}${gateway.server.url}/graphql`,
    `${column('linked data')}${exporter.server.url}/practices/{id} (also /organisations, /projects, /ontology)`,
    ...manifest.map(({ name }) => `${column(`${name} subgraph`)}${subgraphs.services[name].server.url}/graphql`),
    `${column('databases')}${manifest.map(({ name }) => subgraphs.services[name].db.location).join(', ')}`,
    'Press Ctrl-C to stop.',
    '',
  ].join('\n'),
);
