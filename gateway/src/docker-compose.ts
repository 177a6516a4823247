// docker-compose.yml, written from the manifest of subgraphs by `pnpm compose` (`--check` fails on drift): every
// subgraph with its own database, two gateway replicas behind a proxy, and the profiles that replace parts of that.
import { type Subgraph, subgraphs } from '@radar/common/manifest';
import { Document, type Scalar, type YAMLMap } from 'yaml';

/** Profiles, each run instead of the default set by naming its entry service (see the file's header). */
export const composeProfiles = {
  'own-servers': { entry: 'exporter-isolated', what: 'each subgraph on its own PostgreSQL server' },
  hive: { entry: 'hive-gateway', what: "Hive Gateway serving schema/supergraph.graphql instead of RADAR's gateway" },
} as const;
export type ComposeProfile = keyof typeof composeProfiles;

export const GATEWAY_REPLICAS = 2;
export const HIVE_CONFIG_PATH = 'gateway/dist/hive/gateway.config.js';
const GATEWAY_PORT = 4000;
const EXPORTER_PORT = 4010;

type Service = Record<string, unknown>;

const build = { context: '.', dockerfile: 'services/Dockerfile' };

/** A value compose takes from the shell's variable `name`, or `fallback` when it is unset or empty. */
const setting = (name: string, fallback: string) => `\${${name}:-${fallback}}`;
/** A value compose refuses to start without, saying `message`. */
const required = (name: string, message: string) => `\${${name}:?${message}}`;

function radarEnvironment(databaseHost: string): Record<string, string> {
  return {
    NODE_ENV: 'production',
    LOG_LEVEL: setting('LOG_LEVEL', 'info'),
    HOST: '0.0.0.0',
    DATABASE_URL: `postgres://${setting('POSTGRES_USER', 'radar')}:${setting('POSTGRES_PASSWORD', 'radar')}@${databaseHost}:5432/postgres`,
    DATABASE_PREFIX: setting('DATABASE_PREFIX', 'radar'),
    RADAR_SIGNING_KEYS: required(
      'RADAR_SIGNING_KEYS',
      'set RADAR_SIGNING_KEYS to a private JWK set (see the top of docker-compose.yml)',
    ),
    INTROSPECTION: setting('INTROSPECTION', 'false'),
    LANDING_PAGE: setting('LANDING_PAGE', 'false'),
    BODY_LIMIT: setting('BODY_LIMIT', '100kb'),
  };
}

const readyCheck = (port: number, path = '/ready') => ({
  test: [
    'CMD',
    'node',
    '-e',
    `fetch('http://127.0.0.1:${port}${path}').then(r=>process.exit(r.ok?0:1),()=>process.exit(1))`,
  ],
  interval: '10s',
  timeout: '5s',
  retries: 5,
  start_period: '30s',
});

const healthy = (names: readonly string[]) =>
  Object.fromEntries(names.map((name) => [name, { condition: 'service_healthy' }]));

function postgresServer(volume: string, profile?: ComposeProfile): Service {
  return {
    image: 'postgres:15',
    restart: 'unless-stopped',
    ...(profile ? { profiles: [profile] } : {}),
    environment: {
      POSTGRES_USER: setting('POSTGRES_USER', 'radar'),
      POSTGRES_PASSWORD: setting('POSTGRES_PASSWORD', 'radar'),
      POSTGRES_DB: 'postgres',
    },
    volumes: [`${volume}:/var/lib/postgresql/data`],
    healthcheck: {
      test: ['CMD-SHELL', 'pg_isready -U "$$POSTGRES_USER" -d postgres'],
      interval: '5s',
      timeout: '5s',
      retries: 10,
      start_period: '10s',
    },
  };
}

/** One set of RADAR services: on the shared server (the default), or each subgraph on its own (`isolated`). */
interface Topology {
  /** The compose service name of a subgraph, a gateway, a proxy or an exporter in this set. */
  name: (service: string) => string;
  databaseHost: (subgraph: Subgraph) => string;
  profile?: ComposeProfile;
}

const shared: Topology = { name: (service) => service, databaseHost: () => 'postgres' };
const isolated: Topology = {
  name: (service) => `${service}-isolated`,
  databaseHost: (subgraph) => `${subgraph.name}-postgres`,
  profile: 'own-servers',
};

const urlOf = (topology: Topology, subgraph: Subgraph) =>
  `http://${topology.name(subgraph.name)}:${subgraph.port}/graphql`;

function urls(topology: Topology, called: readonly Subgraph[]) {
  return Object.fromEntries(called.map((subgraph) => [subgraph.urlVariable, urlOf(topology, subgraph)]));
}

const byName = (names: readonly string[]) => subgraphs.filter((subgraph) => names.includes(subgraph.name));

function subgraphService(topology: Topology, subgraph: Subgraph): Service {
  const server = topology === shared ? 'postgres' : topology.databaseHost(subgraph);
  return {
    build,
    command: ['node', `services/${subgraph.name}/dist/main.js`],
    restart: 'unless-stopped',
    init: true,
    ...(topology.profile ? { profiles: [topology.profile] } : {}),
    environment: {
      ...radarEnvironment(topology.databaseHost(subgraph)),
      [subgraph.portVariable]: String(subgraph.port),
      ...urls(topology, byName(subgraph.calls)),
    },
    expose: [String(subgraph.port)],
    // The subgraphs it calls that start after it are asked only when a request needs them.
    depends_on: healthy([server, ...subgraph.startsAfter.map((name) => topology.name(name))]),
    healthcheck: readyCheck(subgraph.port),
  };
}

const corsOrigins = { RADAR_CORS_ORIGINS: setting('RADAR_CORS_ORIGINS', '') };
const oidcIssuers = { OIDC_ISSUERS: setting('OIDC_ISSUERS', '[]') };
const everySubgraph = (topology: Topology) => subgraphs.map((subgraph) => topology.name(subgraph.name));
const databaseServers = (topology: Topology) =>
  topology === shared ? ['postgres'] : subgraphs.map((subgraph) => topology.databaseHost(subgraph));

function gatewayService(topology: Topology): Service {
  return {
    build,
    command: ['node', 'gateway/dist/main.js'],
    restart: 'unless-stopped',
    init: true,
    ...(topology.profile ? { profiles: [topology.profile] } : {}),
    // It keeps no database: the identity subgraph says who each credential is.
    environment: {
      ...radarEnvironment(databaseServers(topology)[0] as string),
      GATEWAY_PORT: String(GATEWAY_PORT),
      ...urls(topology, subgraphs),
      ...oidcIssuers,
      ...corsOrigins,
    },
    deploy: { replicas: GATEWAY_REPLICAS },
    expose: [String(GATEWAY_PORT)],
    depends_on: healthy([...databaseServers(topology), ...everySubgraph(topology)]),
    healthcheck: readyCheck(GATEWAY_PORT),
  };
}

function proxyService(topology: Topology): Service {
  return {
    image: 'nginx:1.28-alpine',
    restart: 'unless-stopped',
    ...(topology.profile ? { profiles: [topology.profile] } : {}),
    environment: { GATEWAY_UPSTREAM: topology.name('gateway') },
    volumes: ['./gateway/proxy/default.conf.template:/etc/nginx/templates/default.conf.template:ro'],
    ports: [`${GATEWAY_PORT}:${GATEWAY_PORT}`],
    depends_on: healthy([topology.name('gateway')]),
    healthcheck: {
      test: ['CMD', 'wget', '-q', '-O', '/dev/null', `http://127.0.0.1:${GATEWAY_PORT}/ready`],
      interval: '10s',
      timeout: '5s',
      retries: 5,
      start_period: '10s',
    },
  };
}

function exporterService(topology: Topology): Service {
  const streaming = subgraphs.filter((subgraph) => subgraph.streams.length > 0);
  return {
    build,
    command: ['node', 'services/exporter/dist/main.js'],
    restart: 'unless-stopped',
    init: true,
    ...(topology.profile ? { profiles: [topology.profile] } : {}),
    environment: {
      ...radarEnvironment(databaseServers(topology)[0] as string),
      EXPORTER_PORT: String(EXPORTER_PORT),
      GATEWAY_URL: `http://${topology.name('proxy')}:${GATEWAY_PORT}/graphql`,
      // Full dumps (`docker compose exec exporter node services/exporter/dist/export.cli.js …`) stream from these.
      ...urls(topology, streaming),
      RADAR_BASE_IRI: setting('RADAR_BASE_IRI', 'http://localhost:4010'),
      ...corsOrigins,
    },
    ports: [`${EXPORTER_PORT}:${EXPORTER_PORT}`],
    depends_on: healthy([topology.name('proxy')]),
    healthcheck: readyCheck(EXPORTER_PORT),
  };
}

function topologyServices(topology: Topology): Record<string, Service> {
  const services: Record<string, Service> = {};
  if (topology === shared) services.postgres = postgresServer('postgres-data');
  else {
    for (const subgraph of subgraphs) {
      services[topology.databaseHost(subgraph)] = postgresServer(`${subgraph.name}-postgres-data`, topology.profile);
    }
  }
  for (const subgraph of subgraphs) services[topology.name(subgraph.name)] = subgraphService(topology, subgraph);
  services[topology.name('gateway')] = gatewayService(topology);
  services[topology.name('proxy')] = proxyService(topology);
  services[topology.name('exporter')] = exporterService(topology);
  return services;
}

/** Hive Gateway on the default set's subgraphs, with the same settings RADAR's gateway reads. */
function hiveServices(): Record<string, Service> {
  return {
    'hive-gateway': {
      build,
      command: [
        'gateway/node_modules/.bin/hive-gateway',
        'supergraph',
        'schema/supergraph.graphql',
        '--config-path',
        HIVE_CONFIG_PATH,
        '--host',
        '0.0.0.0',
        '--port',
        String(GATEWAY_PORT),
      ],
      restart: 'unless-stopped',
      init: true,
      profiles: ['hive'],
      environment: {
        ...radarEnvironment('postgres'),
        ...urls(shared, subgraphs),
        ...oidcIssuers,
        ...corsOrigins,
      },
      ports: [`${GATEWAY_PORT}:${GATEWAY_PORT}`],
      depends_on: healthy(everySubgraph(shared)),
      healthcheck: readyCheck(GATEWAY_PORT, '/readiness'),
    },
  };
}

const header = (databases: string) => `RADAR in containers, written by \`pnpm compose\` from the manifest of subgraphs
(services/common/src/manifest.ts): edit that, not this file.

  export RADAR_SIGNING_KEYS="$(pnpm -s keys:signing)"   # a private JWK set; keep it out of git
  docker compose up --build            # or docker-compose up --build
  docker compose run --rm gateway node gateway/dist/keys.cli.js mint --role curator --label "..."

Without a built checkout, this prints a set as well (Node.js 20 or newer):
  node -e 'const c=require("crypto");const k=c.generateKeyPairSync("ed25519").privateKey.export({format:"jwk"});console.log(JSON.stringify({keys:[{...k,kid:c.randomUUID(),alg:"EdDSA",use:"sig"}]}))'
The gateway signs subgraph tokens with its first key and publishes every key at /.well-known/jwks.json; the
subgraphs trust them all. To rotate, see "Subgraph tokens and signing keys" in README.md.

By default one PostgreSQL server ("postgres") holds one database per service, each created and migrated by its
service on start:
  ${databases}.
RADAR's gateway runs as ${GATEWAY_REPLICAS} replicas of the "gateway" service behind "proxy" (nginx), published on
port ${GATEWAY_PORT}; the linked-data exporter is published on port ${EXPORTER_PORT} (set RADAR_BASE_IRI to the
public address its IRIs should carry, RADAR_CORS_ORIGINS to the browser origins allowed to call both).

A profile replaces part of that set: start its entry service, which brings up only what it depends on.
${Object.entries(composeProfiles)
  .map(([profile, { entry, what }]) => `  ${`docker compose up --build ${entry}`.padEnd(44)} # ${profile}: ${what}`)
  .join('\n')}
(\`--profile <name> up\` would start both sets, which then contend for port ${GATEWAY_PORT}.)

POSTGRES_PASSWORD's default only suits these local servers; it is spliced into DATABASE_URL, so a password with
URL-special characters (@ : / ? #) must be percent-encoded.`;

/** The compose model: services by name and their volumes. */
export function composeModel() {
  const services = { ...topologyServices(shared), ...topologyServices(isolated), ...hiveServices() };
  const volumes = Object.fromEntries(
    Object.values(services)
      .flatMap((service) => (service.volumes as string[] | undefined) ?? [])
      .map((volume) => volume.split(':')[0] as string)
      .filter((volume) => !volume.startsWith('.'))
      .map((volume) => [volume, null]),
  );
  return { services, volumes };
}

/** What a service of the file is, said above it. */
function serviceComment(name: string): string | undefined {
  const subgraph = subgraphs.find((candidate) => name === candidate.name || name === isolated.name(candidate.name));
  if (subgraph) {
    const server = name === subgraph.name ? 'the shared server' : `its own server, ${isolated.databaseHost(subgraph)}`;
    return `The ${subgraph.name} subgraph: database \${DATABASE_PREFIX:-radar}_${subgraph.database} on ${server}.`;
  }
  if (name === 'postgres') return 'The shared PostgreSQL server: one database per service.';
  if (name === 'gateway' || name === isolated.name('gateway')) {
    return `RADAR's gateway, ${GATEWAY_REPLICAS} replicas; the identity subgraph says who each credential is.`;
  }
  if (name === 'proxy' || name === isolated.name('proxy')) return 'Port 4000: spreads requests over the replicas.';
  if (name === isolated.databaseHost(subgraphs[0] as Subgraph)) {
    return 'Profile own-servers: the same services, each subgraph on its own PostgreSQL server.';
  }
  if (name === 'hive-gateway')
    return 'Profile hive: Hive Gateway on the default subgraphs, in place of gateway and proxy.';
  return undefined;
}

/** docker-compose.yml's text. */
export function dockerComposeFile(): string {
  const databases = subgraphs
    .map((subgraph) => subgraph.database)
    .map((database) => `\${DATABASE_PREFIX:-radar}_${database}`)
    .join(', ');
  // YAML 1.1, as PyYAML (docker-compose 1.x) reads it: strings such as "no" or "on" come out quoted.
  const document = new Document(composeModel(), { version: '1.1' });
  const services = document.get('services') as YAMLMap<Scalar<string>, unknown>;
  for (const [index, pair] of services.items.entries()) {
    const comment = serviceComment(pair.key.value);
    pair.key.spaceBefore = index > 0;
    if (comment) pair.key.commentBefore = ` ${comment}`;
  }
  const comment = header(databases)
    .split('\n')
    .map((line) => (line ? `# ${line}` : '#'))
    .join('\n');
  return `${comment}\n\n${document.toString({ lineWidth: 0, nullStr: '' })}`;
}
