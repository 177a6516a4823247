// Starts real services for a test file: every subgraph and the gateway over HTTP, each with its own
// database — a fresh database on the PostgreSQL server when DATABASE_URL is set, else in-memory PGlite.
import { randomBytes } from 'node:crypto';
import {
  createLogger,
  databaseName,
  dropServerDatabase,
  Role,
  type RunningService,
  type SubgraphName,
  subgraphs,
  urlEnvironment,
} from '@radar/common';
import {
  type GatewayService,
  loadGatewayConfig,
  mintKey,
  type StartSubgraphsOptions,
  startGateway,
  startSubgraphs,
} from '@radar/gateway';
import { seedIds } from '@radar/organisations';

export interface GraphQLResponse<T = Record<string, any>> {
  status: number;
  data?: T | null;
  errors?: { message: string; path?: string[]; extensions?: Record<string, any> }[];
  headers: Headers;
}

/** Every subgraph of the manifest by name (`stack.practices`), and where it answers GraphQL (`stack.practicesUrl`). */
type StackSubgraphs = { [N in SubgraphName]: RunningService } & { [N in SubgraphName as `${N}Url`]: string };

export type Stack = StackSubgraphs & {
  gatewayUrl: string;
  gateway: GatewayService;
  /** Each subgraph's GraphQL address, by name. */
  urls: Record<SubgraphName, string>;
  secret: string;
  /** The environment the services were started with (with each subgraph's URL), to start one again. */
  environment: NodeJS.ProcessEnv;
  keys: { curator: string; editorOf: (organisationId: string) => Promise<string> };
  gql<T = Record<string, any>>(
    query: string,
    variables?: Record<string, unknown>,
    options?: { key?: string; url?: string; headers?: Record<string, string> },
  ): Promise<GraphQLResponse<T>>;
  stop(): Promise<void>;
};

/** Environment for one test file: its own database prefix on a server, or the embedded default; every port free. */
export function testEnvironment(extra: Record<string, string> = {}): NodeJS.ProcessEnv {
  const prefix = `radar_t${Date.now().toString(36)}${randomBytes(3).toString('hex')}`;
  return {
    NODE_ENV: 'test',
    LOG_LEVEL: process.env.TEST_LOG_LEVEL ?? 'silent',
    DATABASE_URL: process.env.DATABASE_URL,
    DATABASE_PREFIX: prefix,
    ...Object.fromEntries(subgraphs.map(({ portVariable }) => [portVariable, '0'])),
    GATEWAY_PORT: '0',
    // Tests write the dumps they check themselves.
    RADAR_DUMP_EVERY_HOURS: '0',
    ...extra,
  };
}

export async function startStack(
  options: {
    seed?: boolean;
    env?: Record<string, string>;
    /** The address one subgraph is given for another, e.g. through a proxy a test puts in between. */
    addressFor?: StartSubgraphsOptions['addressFor'];
  } = {},
): Promise<Stack> {
  const secret = randomBytes(32).toString('base64url');
  const environment = testEnvironment({ RADAR_GATEWAY_SECRET: secret, ...options.env });
  const embedded = environment.DATABASE_URL ? {} : { embeddedDataDir: 'memory://' };
  const running = await startSubgraphs(environment, {
    seed: options.seed ?? true,
    ...embedded,
    ...(options.addressFor ? { addressFor: options.addressFor } : {}),
  });
  const urls = running.urls;
  const gateway = await startGateway(loadGatewayConfig({ ...environment, ...urlEnvironment(urls) }), embedded);
  const gatewayUrl = `${gateway.server.url}/graphql`;
  const curator = (await mintKey(gateway.db.orm.em.fork(), { role: Role.Curator, label: 'test curator' })).token;

  const gql: Stack['gql'] = async (query, variables, requestOptions = {}) => {
    const response = await fetch(requestOptions.url ?? gatewayUrl, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        ...(requestOptions.key ? { authorization: `Bearer ${requestOptions.key}` } : {}),
        ...requestOptions.headers,
      },
      body: JSON.stringify({ query, variables }),
    });
    const body = (await response.json()) as Record<string, any>;
    return { status: response.status, data: body.data, errors: body.errors, headers: response.headers };
  };

  const bySubgraph = Object.fromEntries(
    subgraphs.flatMap(({ name }) => [
      [name, running.services[name]],
      [`${name}Url`, urls[name]],
    ]),
  ) as StackSubgraphs;
  return {
    ...bySubgraph,
    gatewayUrl,
    gateway,
    urls,
    secret,
    environment: { ...environment, ...urlEnvironment(urls) },
    keys: {
      curator,
      editorOf: async (organisationId) =>
        (await mintKey(gateway.db.orm.em.fork(), { role: Role.Editor, label: 'test editor', organisationId })).token,
    },
    gql,
    async stop() {
      await gateway.stop();
      await running.stop();
      if (environment.DATABASE_URL) {
        for (const service of ['gateway', ...subgraphs.map(({ database }) => database)]) {
          await dropServerDatabase(
            environment.DATABASE_URL,
            databaseName({ DATABASE_PREFIX: environment.DATABASE_PREFIX as string }, service),
          );
        }
      }
    },
  };
}

export const quietLog = createLogger('test', 'silent');

/** Registers a practice of Smart Hospital's as `editor`, submits it and has a curator publish it (version 3). */
export async function publishNewPractice(stack: Stack, title: string, editor: string, summary: string) {
  const registered = await stack.gql(
    `mutation($input: RegisterPracticeInput!) { registerPractice(input: $input) { id } }`,
    { input: { title, summary, type: 'APP', maturity: 'PILOT', ownerId: seedIds.smartHospital } },
    { key: editor },
  );
  const id = registered.data?.registerPractice.id as string;
  await stack.gql(`mutation { submitPractice(id: "${id}", version: 1) { id } }`, {}, { key: editor });
  await stack.gql(`mutation { publishPractice(id: "${id}", version: 2) { id } }`, {}, { key: stack.keys.curator });
  return id;
}
