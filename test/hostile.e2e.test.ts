// Every request a client gets wrong is answered 4xx with a code, as the GraphQL-over-HTTP specification asks:
// bad JSON, wrong media types, parse and validation errors, operation limits, unresolvable operations, batches.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Stack, signedFor, startStack } from './support/stack.js';

const LIMITS = { MAX_DEPTH: '6', MAX_ALIASES: '3', MAX_TOKENS: '5000', MAX_COST: '100000' };
const NORMAL = '{ organisations { totalCount } }';

interface Hostile {
  name: string;
  method?: 'GET' | 'POST' | 'PUT';
  /** A JSON body, or a raw string sent as is. */
  body?: unknown;
  query?: Record<string, string>;
  headers?: Record<string, string>;
  status: number;
  code: string;
  /** For operation limits: which limit refused the operation. */
  limit?: string;
  message?: RegExp;
}

const json = { 'content-type': 'application/json' };

/** The hostile requests; `introspection` differs between the two modes and is listed apart. */
const hostile: Hostile[] = [
  {
    name: 'a syntax error',
    body: { query: '{ organisations { totalCount }' },
    status: 400,
    code: 'GRAPHQL_PARSE_FAILED',
  },
  {
    name: 'an unknown field',
    body: { query: '{ organisations { nope } }' },
    status: 400,
    code: 'GRAPHQL_VALIDATION_FAILED',
  },
  {
    name: 'an operation deeper than the limit',
    body: {
      query:
        '{ organisations { nodes { memberships { members { memberships { members { memberships { name } } } } } } } }',
    },
    status: 400,
    code: 'OPERATION_LIMIT_EXCEEDED',
    limit: 'depth',
    message: /depth limit of 6/,
  },
  {
    name: 'more aliases than the limit',
    body: { query: `{ ${['a', 'b', 'c', 'd'].map((alias) => `${alias}: organisations { totalCount }`).join(' ')} }` },
    status: 400,
    code: 'OPERATION_LIMIT_EXCEEDED',
    limit: 'aliases',
    message: /Aliases limit of 3/,
  },
  {
    name: 'an operation over the cost limit',
    body: { query: '{ organisations(first: 100) { nodes { practices(first: 100) { nodes { title } } } } }' },
    status: 400,
    code: 'OPERATION_LIMIT_EXCEEDED',
    limit: 'cost',
    message: /Cost limit of 100000/,
  },
  {
    name: 'an alias bomb over the token limit',
    body: { query: `{ ${Array.from({ length: 3000 }, (_, i) => `a${i}: __typename`).join(' ')} }` },
    status: 400,
    code: 'OPERATION_LIMIT_EXCEEDED',
    limit: 'tokens',
    message: /Token limit of 5000 exceeded/,
  },
  {
    name: 'a document over the token limit sent with GET',
    method: 'GET',
    // One-letter tokens, so the URL stays within what Node's HTTP server reads.
    query: { query: `{ ${'a '.repeat(5001)}}` },
    headers: { 'apollo-require-preflight': 'true' },
    status: 400,
    code: 'OPERATION_LIMIT_EXCEEDED',
    limit: 'tokens',
  },
  {
    name: 'more directives than the limit',
    body: { query: `{ ${'__typename @include(if: true) '.repeat(21)}}` },
    status: 400,
    code: 'OPERATION_LIMIT_EXCEEDED',
    limit: 'directives',
    message: /Directives limit of 20/,
  },
  {
    name: 'fragments that spread each other',
    body: {
      query:
        '{ organisations { ...A } } fragment A on OrganisationConnection { ...B } fragment B on OrganisationConnection { ...A }',
    },
    status: 400,
    code: 'GRAPHQL_VALIDATION_FAILED',
    message: /Cannot spread fragment/,
  },
  {
    name: 'a value nested two thousand lists deep',
    body: { query: `{ organisations(after: ${'['.repeat(2000)}${']'.repeat(2000)}) { totalCount } }` },
    status: 400,
    code: 'OPERATION_LIMIT_EXCEEDED',
    limit: 'nesting',
    message: /Nesting limit of 100 exceeded/,
  },
  {
    name: 'selections nested a thousand deep',
    body: { query: `{ ${'organisations { nodes { '.repeat(500)}name${' } }'.repeat(500)} }` },
    status: 400,
    code: 'OPERATION_LIMIT_EXCEEDED',
    limit: 'nesting',
  },
  {
    name: 'a subscription, which RADAR does not offer',
    body: { query: 'subscription { organisations { totalCount } }' },
    status: 400,
    code: 'GRAPHQL_VALIDATION_FAILED',
    message: /subscription operation is not supported/,
  },
  {
    name: 'a body over the size limit',
    body: { query: `${NORMAL} # ${'x'.repeat(200_000)}` },
    status: 413,
    code: 'BAD_REQUEST',
    message: /larger than 100kb/,
  },
  { name: 'a body that is not JSON', body: '{"query": "{ organisations', status: 400, code: 'BAD_REQUEST' },
  {
    name: 'a JSON body sent as text/plain',
    headers: { 'content-type': 'text/plain' },
    body: JSON.stringify({ query: NORMAL }),
    status: 400,
    code: 'BAD_REQUEST',
  },
  {
    name: 'a body of another media type',
    headers: { 'content-type': 'application/xml' },
    body: '<query>{ organisations { totalCount } }</query>',
    status: 400,
    code: 'BAD_REQUEST',
  },
  {
    name: 'an answer in a media type GraphQL does not offer',
    headers: { accept: 'application/xml' },
    body: { query: NORMAL },
    status: 406,
    code: 'BAD_REQUEST',
  },
  {
    name: 'a batch while batching is off',
    body: [{ query: NORMAL }, { query: NORMAL }],
    status: 400,
    code: 'BAD_REQUEST',
    message: /batching/,
  },
  { name: 'an empty query', body: { query: '' }, status: 400, code: 'BAD_REQUEST' },
  { name: 'no query at all', body: { variables: {} }, status: 400, code: 'BAD_REQUEST' },
  { name: 'a query that is not a string', body: { query: 5 }, status: 400, code: 'BAD_REQUEST' },
  {
    name: 'variables that are not an object',
    body: { query: NORMAL, variables: 'x' },
    status: 400,
    code: 'BAD_REQUEST',
  },
  {
    name: 'extensions that are not an object',
    body: { query: NORMAL, extensions: 'x' },
    status: 400,
    code: 'BAD_REQUEST',
  },
  {
    name: 'an API key that does not exist',
    headers: { authorization: 'Bearer radar_not-a-key' },
    body: { query: NORMAL },
    status: 401,
    code: 'UNAUTHENTICATED',
  },
  {
    name: 'a variable of the wrong type',
    body: {
      query: 'query Page($first: Int) { organisations(first: $first) { totalCount } }',
      variables: { first: 'many' },
    },
    status: 400,
    code: 'BAD_USER_INPUT',
  },
  {
    name: 'a required variable left out',
    body: { query: 'query One($id: UUID!) { organisation(id: $id) { name } }', variables: {} },
    status: 400,
    code: 'BAD_USER_INPUT',
  },
  {
    name: 'a malformed id written in the query',
    body: { query: '{ organisation(id: "nope") { name } }' },
    status: 400,
    code: 'GRAPHQL_VALIDATION_FAILED',
    message: /not a valid UUID/,
  },
  {
    name: 'a malformed id as a variable',
    body: { query: 'query One($id: UUID!) { organisation(id: $id) { name } }', variables: { id: 'nope' } },
    status: 400,
    code: 'BAD_USER_INPUT',
    message: /not a valid UUID/,
  },
  {
    name: 'a malformed date-time as a variable',
    body: {
      query: 'query Feed($since: DateTimeISO) { organisationChanges(input: { since: $since }) { totalCount } }',
      variables: { since: 'yesterday' },
    },
    status: 400,
    code: 'BAD_USER_INPUT',
  },
  {
    name: 'an unknown operationName',
    body: { query: `query Count ${NORMAL}`, operationName: 'Other' },
    status: 400,
    code: 'OPERATION_RESOLUTION_FAILURE',
    message: /Unknown operation named "Other"/,
  },
  {
    name: 'two operations without an operationName',
    body: { query: `query A ${NORMAL} query B ${NORMAL}` },
    status: 400,
    code: 'OPERATION_RESOLUTION_FAILURE',
    message: /Must provide operation name/,
  },
  {
    name: 'an operationName that is not a string',
    body: { query: `query A ${NORMAL}`, operationName: 5 },
    status: 400,
    code: 'BAD_REQUEST',
  },
  {
    name: 'a mutation sent with GET',
    method: 'GET',
    query: { query: 'mutation { deleteOrganisation(id: "00000000-0000-4000-8000-000000000000", version: 1) { id } }' },
    headers: { 'apollo-require-preflight': 'true' },
    status: 405,
    code: 'BAD_REQUEST',
  },
  {
    name: 'a GET a browser could send cross-site (CSRF)',
    method: 'GET',
    query: { query: NORMAL },
    status: 400,
    code: 'BAD_REQUEST',
    message: /CSRF/,
  },
  {
    name: 'a GET without a query',
    method: 'GET',
    headers: { 'apollo-require-preflight': 'true' },
    status: 400,
    code: 'BAD_REQUEST',
  },
  { name: 'a method GraphQL does not serve', method: 'PUT', body: { query: NORMAL }, status: 405, code: 'BAD_REQUEST' },
];

async function send(url: string, request: Omit<Hostile, 'name' | 'status' | 'code'>) {
  const method = request.method ?? 'POST';
  const target = request.query ? `${url}?${new URLSearchParams(request.query)}` : url;
  const body =
    request.body === undefined
      ? undefined
      : typeof request.body === 'string'
        ? request.body
        : JSON.stringify(request.body);
  const headers = { ...(body === undefined ? {} : json), ...request.headers };
  const response = await fetch(target, { method, headers, body });
  const text = await response.text();
  return { status: response.status, text, body: JSON.parse(text) as { data?: unknown; errors?: Error[] } };
}

interface Error {
  message: string;
  extensions?: { code?: string; limit?: string; maximum?: number; stacktrace?: unknown };
}

describe.each([
  { mode: 'production', NODE_ENV: 'production' },
  { mode: 'development', NODE_ENV: 'development' },
])('the gateway in $mode', ({ mode, NODE_ENV }) => {
  let stack: Stack;
  beforeAll(async () => {
    stack = await startStack({ seed: false, env: { NODE_ENV, ...LIMITS } });
  });
  afterAll(async () => {
    await stack?.stop();
  });

  it.each(hostile)('answers $name with $status and $code', async (request) => {
    const { status, body, text } = await send(stack.gatewayUrl, request);
    expect({ status, code: body.errors?.[0]?.extensions?.code }).toEqual({
      status: request.status,
      code: request.code,
    });
    expect(body.data ?? null).toBeNull();
    for (const error of body.errors ?? []) expect(error.extensions?.code).toBeTypeOf('string');
    if (request.message) expect(body.errors?.[0]?.message).toMatch(request.message);
    if (request.limit) {
      expect(body.errors).toHaveLength(1);
      expect(body.errors?.[0]?.extensions).toMatchObject({ limit: request.limit });
      expect(body.errors?.[0]?.message).not.toMatch(/Syntax Error/);
    }
    if (mode === 'production') expect(text).not.toMatch(/stacktrace|node_modules|\.ts:\d/);
  });

  it('answers introspection as the mode allows', async () => {
    const { status, body } = await send(stack.gatewayUrl, { body: { query: '{ __schema { queryType { name } } }' } });
    if (mode === 'production') {
      expect(status).toBe(400);
      expect(body.errors?.[0]?.extensions?.code).toBe('GRAPHQL_VALIDATION_FAILED');
      expect(body.errors?.[0]?.message).toMatch(/introspection/i);
    } else {
      expect(status).toBe(200);
      expect(body.data).toEqual({ __schema: { queryType: { name: 'Query' } } });
    }
  });

  it('still answers a normal query, and a named one of several, with 200', async () => {
    const plain = await send(stack.gatewayUrl, { body: { query: NORMAL } });
    expect(plain.status).toBe(200);
    expect(plain.body).toEqual({ data: { organisations: { totalCount: 0 } } });
    const named = await send(stack.gatewayUrl, {
      body: { query: `query A ${NORMAL} query B { __typename }`, operationName: 'B' },
    });
    expect(named.status).toBe(200);
    expect(named.body).toEqual({ data: { __typename: 'Query' } });
    const atTheLimits = await send(stack.gatewayUrl, {
      body: { query: `{ ${['a', 'b', 'c'].map((alias) => `${alias}: organisations { totalCount }`).join(' ')} }` },
    });
    expect(atTheLimits.status).toBe(200);
  });

  it('counts nesting as the limit says: 100 brackets open at once pass, 101 are refused', async () => {
    // "{" and "(" open two levels, the lists the rest; the value is not a String, so what passes is a validation error.
    const nested = (lists: number) =>
      `{ organisations(after: ${'['.repeat(lists)}${']'.repeat(lists)}) { totalCount } }`;
    const atTheLimit = await send(stack.gatewayUrl, { body: { query: nested(98) } });
    expect(atTheLimit.status).toBe(400);
    expect(atTheLimit.body.errors?.[0]?.extensions?.code).toBe('GRAPHQL_VALIDATION_FAILED');
    const over = await send(stack.gatewayUrl, { body: { query: nested(99) } });
    expect(over.status).toBe(400);
    expect(over.body.errors?.[0]?.extensions).toMatchObject({ code: 'OPERATION_LIMIT_EXCEEDED', limit: 'nesting' });
  });

  it('counts tokens as the limit says: 5000 pass, 5001 are refused', async () => {
    // "{", "}" and three tokens per alias; aliases of __typename do not count against the alias limit.
    const aliases = (count: number) => Array.from({ length: count }, (_, i) => `a${i}: __typename`).join(' ');
    const atTheLimit = await send(stack.gatewayUrl, { body: { query: `{ ${aliases(1666)} }` } });
    expect(atTheLimit.status).toBe(200);
    const over = await send(stack.gatewayUrl, { body: { query: `{ ${aliases(1666)} __typename }` } });
    expect(over.status).toBe(400);
    expect(over.body.errors?.[0]?.extensions).toMatchObject({ code: 'OPERATION_LIMIT_EXCEEDED', limit: 'tokens' });
  });
});

describe('a subgraph called directly with a genuine subgraph token', () => {
  let stack: Stack;
  beforeAll(async () => {
    stack = await startStack({ seed: false, env: { NODE_ENV: 'production' } });
  });
  afterAll(async () => {
    await stack?.stop();
  });

  it.each([
    { name: 'a syntax error', body: { query: '{ organisations {' }, code: 'GRAPHQL_PARSE_FAILED' },
    { name: 'an unknown field', body: { query: '{ organisations { nope } }' }, code: 'GRAPHQL_VALIDATION_FAILED' },
    {
      name: 'an unknown operationName',
      body: { query: `query A ${NORMAL}`, operationName: 'B' },
      code: 'OPERATION_RESOLUTION_FAILURE',
    },
    {
      name: 'two operations without an operationName',
      body: { query: `query A ${NORMAL} query B ${NORMAL}` },
      code: 'OPERATION_RESOLUTION_FAILURE',
    },
    {
      name: 'a malformed id',
      body: { query: '{ organisation(id: "nope") { name } }' },
      code: 'GRAPHQL_VALIDATION_FAILED',
    },
    {
      name: 'a malformed id as a variable',
      body: { query: 'query One($id: UUID!) { organisation(id: $id) { name } }', variables: { id: 'nope' } },
      code: 'BAD_USER_INPUT',
    },
    {
      name: 'a subscription',
      body: { query: 'subscription { __typename }' },
      code: 'GRAPHQL_VALIDATION_FAILED',
    },
    { name: 'a body that is not JSON', body: '{"query": "{', code: 'BAD_REQUEST' },
  ])('answers $name with 400 and $code', async ({ body, code }) => {
    const headers = signedFor(stack, typeof body === 'string' ? body : JSON.stringify(body));
    const response = await send(stack.organisationsUrl, { body, headers });
    expect({ status: response.status, code: response.body.errors?.[0]?.extensions?.code }).toEqual({
      status: 400,
      code,
    });
  });
});
