// The partner operations of test/operations/ through RADAR's gateway and through Hive Gateway, over the same
// subgraphs and databases and real HTTP: both give the same answer (status, data, errors' messages, codes and
// other extensions), and it is the one expected, for each caller. Reads go first; each write is sent to both gateways in a pair, so
// that both see the same state, and a write that builds on an earlier one uses the answer its own gateway gave.
import { randomUUID } from 'node:crypto';
import { createTokenSigner, generateSigningKey, Role } from '@radar/common';
import { type GatewayService, loadGatewayConfig, startGateway } from '@radar/gateway';
import { type HiveGatewayService, startHiveGateway } from '@radar/gateway/hive';
import { localOperator, revokeKey } from '@radar/identity';
import { seedIds } from '@radar/organisations';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { freePort, startHiveGatewayCli } from './support/hive-cli.js';
import {
  type Answer,
  type CallerName,
  fillVariables,
  loadOperations,
  normaliseAnswer,
  type Operation,
  writeExpected,
} from './support/operations.js';
import { type Stack, startStack } from './support/stack.js';

/** Set to write each missing expected answer from RADAR's gateway (then read every file it wrote). */
const writeMissing = process.env.RADAR_WRITE_EXPECTED === '1';

const operations = loadOperations();
const reads = operations.filter((operation) => operation.kind === 'query');
const writes = operations.filter((operation) => operation.kind === 'mutation');

let stack: Stack;
let hive: HiveGatewayService;
const keys = {} as Record<CallerName, string | undefined>;
/** Each gateway's data per caller and operation, for the writes that build on an earlier one. */
const answered = { radar: new Map<string, Map<string, unknown>>(), hive: new Map<string, Map<string, unknown>>() };

beforeAll(async () => {
  stack = await startStack();
  // Both gateways ask the same identity subgraph who each credential is.
  hive = await startHiveGateway(loadGatewayConfig(stack.environment));
  const revoked = await stack.keys.mint({
    role: Role.Editor,
    label: 'revoked editor',
    organisationId: seedIds.smartHospital,
  });
  await revokeKey(stack.identity.db.orm.em.fork(), localOperator, revoked.id);
  Object.assign(keys, {
    anonymous: undefined,
    editor: await stack.keys.editorOf(seedIds.smartHospital),
    curator: stack.keys.curator,
    revoked: revoked.token,
  });
});

afterAll(async () => {
  await hive?.stop();
  await stack?.stop();
});

const hiveUrl = () => `${hive.url}/graphql`;

async function send(url: string, operation: Operation, caller: CallerName, gateway: keyof typeof answered) {
  const earlier = answered[gateway].get(caller) ?? new Map<string, unknown>();
  answered[gateway].set(caller, earlier);
  const requestId = `ops-${operation.name}-${caller}-${randomUUID()}`;
  const key = keys[caller];
  const response = await fetch(url, {
    method: 'POST',
    headers: {
      'content-type': 'application/json',
      'x-request-id': requestId,
      ...(key ? { authorization: `Bearer ${key}` } : {}),
    },
    body: JSON.stringify({ query: operation.document, variables: fillVariables(operation.variables, earlier) }),
  });
  const body = (await response.json()) as Record<string, any>;
  expect(response.headers.get('x-request-id'), `${gateway} answers with the request's id`).toBe(requestId);
  if (body.data) earlier.set(operation.name, body.data);
  return { answer: normaliseAnswer(response.status, body), extensions: errorExtensions(body) };
}

/** Each error's extensions beyond its code (the limit, the field, each problem), without development's stack. */
function errorExtensions(body: Record<string, any>) {
  return (body.errors ?? []).map(({ extensions }: { extensions?: Record<string, unknown> }) => {
    const { stacktrace: _stacktrace, ...rest } = extensions ?? {};
    return rest;
  });
}

/** Sends the operation as the caller to RADAR's gateway, then to Hive Gateway, and compares both answers. */
async function sendToBoth(operation: Operation, caller: CallerName): Promise<Answer> {
  const { answer: radar, extensions } = await send(stack.gatewayUrl, operation, caller, 'radar');
  const viaHive = await send(hiveUrl(), operation, caller, 'hive');
  expect(viaHive.answer, `${operation.name} as ${caller}: Hive Gateway answers as RADAR's gateway does`).toEqual(radar);
  expect(viaHive.extensions, `${operation.name} as ${caller}: with the same error extensions`).toEqual(extensions);
  const expected = operation.expected[caller];
  if (expected == null && writeMissing) {
    operation.expected[caller] = radar;
    writeExpected(operation);
  } else {
    expect(expected, `${operation.name} as ${caller} has an expected answer`).toBeTruthy();
    expect(radar, `${operation.name} as ${caller}: the expected answer`).toEqual(expected);
  }
  return radar;
}

function callersOf(operation: Operation) {
  return Object.keys(operation.expected) as CallerName[];
}

describe('partner operations through both gateways', () => {
  it('has a table of reads, refusals and writes', () => {
    expect(reads.length).toBeGreaterThanOrEqual(10);
    expect(writes.length).toBeGreaterThanOrEqual(5);
  });

  describe('reads and refusals', () => {
    it.each(reads.map((operation) => [operation.name, operation] as const))('%s', async (_name, operation) => {
      for (const caller of callersOf(operation)) await sendToBoth(operation, caller);
    });
  });

  describe('writes, each sent to both gateways in turn', () => {
    it.each(writes.map((operation) => [operation.name, operation] as const))('%s', async (_name, operation) => {
      for (const caller of callersOf(operation)) await sendToBoth(operation, caller);
    });

    it('leave both gateways reading the same state: each accepted write once per gateway, the refused ones nowhere', async () => {
      const drafts: Operation = {
        name: 'drafts',
        kind: 'query',
        expected: {},
        variables: { owner: seedIds.smartHospital },
        document: `query Drafts($owner: UUID!) {
          practices(filter: { ownerId: $owner, statuses: [DRAFT] }, first: 100) { nodes { title summary maturity version } }
          organisations(filter: { text: "Regional Health Agency" }) { totalCount }
        }`,
      };
      const { answer: radar } = await send(stack.gatewayUrl, drafts, 'curator', 'radar');
      expect((await send(hiveUrl(), drafts, 'curator', 'hive')).answer).toEqual(radar);
      const titles = (radar.data as any).practices.nodes.map((node: { title: string }) => node.title);
      // Registered by the editor and by the curator, through each gateway; the refused writes left nothing.
      expect(titles.filter((title: string) => title === 'Home telemonitoring of heart failure')).toHaveLength(4);
      expect(titles).not.toContain('Registered with a revoked key');
      expect(titles).not.toContain('');
      expect((radar.data as any).organisations.totalCount).toBe(0);
    });
  });
});

describe('a caller claiming to be someone else', () => {
  it('gains nothing from sending a subgraph token of its own making, through either gateway', async () => {
    const registration = writes.find((write) => write.name === 'register-practice') as Operation;
    const body = JSON.stringify({ query: registration.document, variables: registration.variables });
    // A token in the shape the subgraphs take, for a curator, signed with a key RADAR has never seen.
    const forged = createTokenSigner({ keys: [generateSigningKey()] }).headersFor({
      caller: { kind: 'key', id: 'forged', label: 'forged curator', curator: true, organisations: [] },
      requestId: 'forged-request',
      body,
    });
    const answers = [];
    for (const url of [stack.gatewayUrl, hiveUrl()]) {
      const response = await fetch(url, {
        method: 'POST',
        headers: { 'content-type': 'application/json', ...forged },
        body,
      });
      answers.push(normaliseAnswer(response.status, (await response.json()) as Record<string, any>));
    }
    expect(answers[0]).toMatchObject({ status: 401, errors: [{ code: 'UNAUTHENTICATED' }] });
    expect(answers[1]).toEqual(answers[0]);
  });
});

describe('a browser opening the endpoint in development', () => {
  it('gets a page from both, with no CSRF header', async () => {
    for (const url of [stack.gatewayUrl, hiveUrl()]) {
      const response = await fetch(url, { headers: { accept: 'text/html' } });
      expect(response.status).toBe(200);
      expect(response.headers.get('content-type')).toMatch(/^text\/html/);
    }
  });
});

describe('request ids', () => {
  it('keeps a well-formed request id and replaces a malformed one, on both gateways', async () => {
    for (const url of [stack.gatewayUrl, hiveUrl()]) {
      const query = JSON.stringify({ query: '{ organisations(first: 1) { totalCount } }' });
      const headers = { 'content-type': 'application/json' };
      const kept = await fetch(url, {
        method: 'POST',
        headers: { ...headers, 'x-request-id': 'partner:42' },
        body: query,
      });
      expect(kept.headers.get('x-request-id')).toBe('partner:42');
      const replaced = await fetch(url, {
        method: 'POST',
        headers: { ...headers, 'x-request-id': 'not a request id; <script>' },
        body: query,
      });
      expect(replaced.headers.get('x-request-id')).toMatch(/^[0-9a-f-]{36}$/);
    }
  });
});

describe('in production, with one subgraph down and one misconfigured', () => {
  let radar: GatewayService;
  let production: HiveGatewayService;
  beforeAll(async () => {
    // Both gateways as deployed (masking, no suggestions, no introspection), the projects subgraph unreachable
    // and the organisations subgraph's address mistyped (a server that answers, but not GraphQL).
    const environment: NodeJS.ProcessEnv = {
      ...stack.environment,
      NODE_ENV: 'production',
      PROJECTS_URL: `http://127.0.0.1:${await freePort()}/graphql`,
      ORGANISATIONS_URL: stack.organisationsUrl.replace(/\/graphql$/, '/graphq'),
    };
    radar = await startGateway(loadGatewayConfig(environment));
    production = await startHiveGateway(loadGatewayConfig(environment));
  });
  afterAll(async () => {
    await production?.stop();
    await radar?.stop();
  });

  /** Status, Retry-After, data and each distinct error (message and code): Hive Gateway reports a down subgraph's
   * failure once per list, where RADAR's gateway reports it once per entity (with the index in the path). */
  async function answerOf(url: string, init: RequestInit) {
    const response = await fetch(url, init);
    expect(response.headers.get('x-request-id'), 'every answer carries its request id').toMatch(/^[0-9a-f-]{36}$/);
    const body = (await response.json()) as Record<string, any>;
    const errors = (body.errors ?? []).map((error: any) => ({ message: error.message, code: error.extensions?.code }));
    return {
      status: response.status,
      retryAfter: response.headers.get('retry-after'),
      data: body.data,
      errors: [...new Map(errors.map((error: any) => [JSON.stringify(error), error])).values()],
    };
  }

  const json = { 'content-type': 'application/json' };
  const post = (body: unknown, headers: Record<string, string> = json): RequestInit => ({
    method: 'POST',
    headers,
    body: typeof body === 'string' ? body : JSON.stringify(body),
  });
  /** A body sent in chunks, with no length announced, as a streaming client sends it. */
  const chunked = (text: string) => (): RequestInit =>
    ({
      method: 'POST',
      headers: json,
      body: new ReadableStream({
        start(controller) {
          for (let at = 0; at < text.length; at += 16_384) {
            controller.enqueue(new TextEncoder().encode(text.slice(at, at + 16_384)));
          }
          controller.close();
        },
      }),
      duplex: 'half',
    }) as RequestInit;
  const cases: [string, RequestInit | (() => RequestInit), Partial<Awaited<ReturnType<typeof answerOf>>>, string?][] = [
    [
      'a misspelt field, with the suggestion hidden',
      post({ query: '{ organisations { nodes { nme } } }' }),
      { status: 400 },
    ],
    ['introspection, refused', post({ query: '{ __schema { types { name } } }' }), { status: 400 }],
    [
      'a field of the subgraph that is down',
      post({ query: '{ projects { nodes { acronym } } }' }),
      { status: 503, retryAfter: '5' },
    ],
    [
      'entities of the subgraph that is down',
      post({ query: '{ practices(first: 2) { nodes { title projects { acronym } } } }' }),
      { status: 503, retryAfter: '5' },
    ],
    [
      'the rest of a query, answered around the subgraph that is down',
      post({
        query: `{ practice(id: "5e1d3c0a-8b1f-4c4e-9d3a-1a0b2c3d0001") { title projects { acronym } } practices { totalCount } }`,
      }),
      { status: 200 },
    ],
    [
      'a field of the misconfigured subgraph, masked',
      post({ query: '{ organisations { totalCount } }' }),
      { errors: [{ message: 'Internal server error', code: 'INTERNAL_SERVER_ERROR' }] },
    ],
    ['a body that is not JSON', post('{"query": '), { status: 400 }],
    [
      'a body over the limit',
      post({ query: '{ organisations { totalCount } }', variables: { x: 'x'.repeat(200_000) } }),
      { status: 413 },
    ],
    [
      'a chunked body over the limit',
      chunked(JSON.stringify({ query: '{ practices { totalCount } }', variables: { x: 'x'.repeat(200_000) } })),
      { status: 413 },
    ],
    [
      'a chunked body within the limit',
      chunked(JSON.stringify({ query: '{ practices { totalCount } }', variables: { x: 'x'.repeat(50_000) } })),
      { status: 200, data: { practices: { totalCount: 8 } } },
    ],
    ['a batch', post([{ query: '{ organisations { totalCount } }' }]), { status: 400 }],
    ['no document', post({ variables: {} }), { status: 400 }],
    [
      'several operations and no name',
      post({ query: 'query A { organisations { totalCount } } query B { practices { totalCount } }' }),
      { status: 400 },
    ],
    [
      'an operation name the document lacks',
      post({ query: 'query A { organisations { totalCount } }', operationName: 'B' }),
      { status: 400 },
    ],
    [
      'a form post a browser could forge',
      post({ query: '{ organisations { totalCount } }' }, { 'content-type': 'text/plain' }),
      { status: 400 },
    ],
    [
      'a GET a browser could forge',
      { method: 'GET' },
      { status: 400 },
      '?query=%7B%20practices%20%7B%20totalCount%20%7D%20%7D',
    ],
    [
      'a browser opening the endpoint, with no page to show',
      { method: 'GET', headers: { accept: 'text/html' } },
      { status: 400 },
    ],
    [
      'a GET with the preflight header',
      { method: 'GET', headers: { 'apollo-require-preflight': 'true' } },
      { status: 200, data: { practices: { totalCount: 8 } } },
      '?query=%7B%20practices%20%7B%20totalCount%20%7D%20%7D',
    ],
  ];
  it.each(cases)('%s: the same answer from both', async (_label, init, expected, query = '') => {
    const request = () => (typeof init === 'function' ? init() : init);
    const fromRadar = await answerOf(`${radar.server.url}/graphql${query}`, request());
    expect(await answerOf(`${production.url}/graphql${query}`, request())).toEqual(fromRadar);
    expect(fromRadar).toMatchObject(expected);
    for (const error of fromRadar.errors as { message: string; code: string }[]) {
      expect(error.message).not.toMatch(/Did you mean|graphq|ECONN|127\.0\.0\.1/);
    }
  });
});

describe('the shipped configuration file, run by the hive-gateway command', () => {
  it('serves the table’s reads as RADAR’s gateway does, authenticates from the key store, refuses a bad key', async () => {
    const cli = await startHiveGatewayCli(stack.environment, stack.keys.curator);
    try {
      for (const operation of reads.filter((read) => ['practices-with-facets', 'too-deep'].includes(read.name))) {
        const expected = operation.expected.anonymous;
        const response = await fetch(cli.url, {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify({ query: operation.document, variables: operation.variables }),
        });
        expect(normaliseAnswer(response.status, (await response.json()) as Record<string, any>)).toEqual(expected);
      }
      const registration = writes.find((write) => write.name === 'register-practice') as Operation;
      const registered = await fetch(cli.url, {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${cli.curator}` },
        body: JSON.stringify({ query: registration.document, variables: registration.variables }),
      });
      expect(normaliseAnswer(registered.status, (await registered.json()) as Record<string, any>)).toEqual(
        registration.expected.curator,
      );
      const refused = await fetch(cli.url, {
        method: 'POST',
        headers: {
          'content-type': 'application/json',
          authorization: `Bearer radar_0123456789abcdef_${'x'.repeat(43)}`,
        },
        body: JSON.stringify({ query: '{ organisations(first: 1) { totalCount } }' }),
      });
      expect(refused.status).toBe(401);
      expect(await refused.json()).toMatchObject({
        errors: [{ message: 'Unknown API key.', extensions: { code: 'UNAUTHENTICATED' } }],
      });
    } finally {
      await cli.stop();
    }
    // A process of its own: it loads the supergraph and asks the identity subgraph who each key is.
  }, 120_000);
});
