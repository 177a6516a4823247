// Starts real services for a test file: every subgraph and the gateway over HTTP, each with its own
// database — a fresh database on the PostgreSQL server when DATABASE_URL is set, else in-memory PGlite.
import { randomBytes, randomUUID } from 'node:crypto';
import {
  anonymous,
  type Caller,
  createLogger,
  createTokenSigner,
  databaseName,
  dropServerDatabase,
  generateSigningKey,
  Role,
  type RunningService,
  type SubgraphName,
  SubgraphOrganisationDirectory,
  subgraphs,
  type TokenSigner,
  urlEnvironment,
} from '@radar/common';
import {
  type GatewayService,
  loadGatewayConfig,
  type StartSubgraphsOptions,
  startGateway,
  startSubgraphs,
} from '@radar/gateway';
import { localOperator, type MintRequest, mintKey } from '@radar/identity';
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
  /** RADAR_SIGNING_KEYS of every service, and a signer with them, to call a subgraph as the gateway does. */
  signingKeys: string;
  signer: TokenSigner;
  /** The environment the services were started with (with each subgraph's URL), to start one again. */
  environment: NodeJS.ProcessEnv;
  keys: {
    curator: string;
    editorOf: (organisationId: string) => Promise<string>;
    /** Mints a key in the identity store, as the local operator (its organisation must exist). */
    mint: (request: MintRequest) => Promise<{ id: string; token: string }>;
  };
  gql<T = Record<string, any>>(
    query: string,
    variables?: Record<string, unknown>,
    options?: {
      key?: string;
      url?: string;
      headers?: Record<string, string>;
      /** Sends a subgraph token for this caller, made for this very request, as the gateway does. */
      signAs?: Caller;
    },
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
    /** Where the gateway reaches a subgraph, e.g. through a proxy that watches what it sends. */
    gatewayAddressFor?: (name: SubgraphName, url: string) => string;
  } = {},
): Promise<Stack> {
  const environment = testEnvironment({
    RADAR_SIGNING_KEYS: JSON.stringify({ keys: [generateSigningKey()] }),
    ...options.env,
  });
  const signingKeys = environment.RADAR_SIGNING_KEYS as string;
  const signer = createTokenSigner(signingKeys);
  const embedded = environment.DATABASE_URL ? {} : { embeddedDataDir: 'memory://' };
  const running = await startSubgraphs(environment, {
    seed: options.seed ?? true,
    ...embedded,
    ...(options.addressFor ? { addressFor: options.addressFor } : {}),
  });
  const urls = running.urls;
  const gatewayUrls = Object.fromEntries(
    subgraphs.map(({ name }) => [name, options.gatewayAddressFor?.(name, urls[name]) ?? urls[name]]),
  ) as Record<SubgraphName, string>;
  const gateway = await startGateway(loadGatewayConfig({ ...environment, ...urlEnvironment(gatewayUrls) }));
  const gatewayUrl = `${gateway.server.url}/graphql`;
  const lookup = { organisations: new SubgraphOrganisationDirectory(urls.organisations, signer), requestId: 'test' };
  const mint: Stack['keys']['mint'] = async (request) => {
    const { key, token } = await mintKey(running.services.identity.db.orm.em.fork(), localOperator, lookup, request);
    return { id: key.id, token };
  };
  const curator = (await mint({ role: Role.Curator, label: 'test curator' })).token;

  const gql: Stack['gql'] = async (query, variables, requestOptions = {}) => {
    const sent = JSON.stringify({ query, variables });
    const caller = requestOptions.signAs;
    const response = await fetch(requestOptions.url ?? gatewayUrl, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        ...(requestOptions.key ? { authorization: `Bearer ${requestOptions.key}` } : {}),
        ...(caller ? signer.headersFor({ caller, requestId: randomUUID(), body: sent }) : {}),
        ...requestOptions.headers,
      },
      body: sent,
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
    signingKeys,
    signer,
    environment: { ...environment, ...urlEnvironment(urls) },
    keys: {
      curator,
      editorOf: async (organisationId) =>
        (await mint({ role: Role.Editor, label: 'test editor', organisationId })).token,
      mint,
    },
    gql,
    async stop() {
      await gateway.stop();
      await running.stop();
      if (environment.DATABASE_URL) {
        for (const { database } of subgraphs) {
          await dropServerDatabase(
            environment.DATABASE_URL,
            databaseName({ DATABASE_PREFIX: environment.DATABASE_PREFIX as string }, database),
          );
        }
      }
    },
  };
}

export const quietLog = createLogger('test', 'silent');

/** Headers of a call straight to a subgraph with this body, carrying a token as the gateway's calls do. */
export function signedFor(stack: Pick<Stack, 'signer'>, body: string, caller: Caller = anonymous) {
  return stack.signer.headersFor({ caller, requestId: randomUUID(), body });
}

/** Headers of a GET straight to a subgraph (a record stream), carrying a token as the exporter's do. */
export function signedGet(stack: Pick<Stack, 'signer'>, url: string | URL, caller: Caller = anonymous) {
  return stack.signer.headersFor({ caller, requestId: randomUUID(), method: 'GET', url: String(url) });
}

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
