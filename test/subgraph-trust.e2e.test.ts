// Subgraphs trust only a subgraph token: a short-lived JWT signed with RADAR's keys and bound to the one request it
// was made for. A call without one, a token captured on its way to a subgraph and sent again (with another body or
// the same), and every forged or stale token are refused, and nothing is written; keys rotate without downtime.
import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import {
  type Caller,
  createTokenSigner,
  generateSigningKey,
  type JwkSet,
  publicKeySet,
  Role,
  type SigningJwk,
} from '@radar/common';
import { type GatewayService, loadGatewayConfig, startGateway } from '@radar/gateway';
import {
  loadConfig as loadOrganisationsConfig,
  type OrganisationsService,
  seedIds,
  startOrganisations,
} from '@radar/organisations';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Stack, startStack } from './support/stack.js';

interface Seen {
  headers: Record<string, string>;
  body: string;
}

/** Forwards the gateway's calls to the organisations subgraph unchanged, and keeps a copy of each. */
class WatchingProxy {
  target = '';
  url = '';
  readonly seen: Seen[] = [];
  private readonly server: Server = createServer((request, response) => {
    void this.forward(request).then(
      (answer) => {
        response.writeHead(answer.status, { 'content-type': 'application/json' });
        response.end(answer.body);
      },
      () => request.socket.destroy(),
    );
  });

  async start() {
    await new Promise<void>((resolve) => this.server.listen(0, '127.0.0.1', resolve));
    this.url = `http://127.0.0.1:${(this.server.address() as AddressInfo).port}/graphql`;
  }

  private async forward(request: IncomingMessage) {
    const chunks: Buffer[] = [];
    for await (const chunk of request) chunks.push(chunk as Buffer);
    const body = Buffer.concat(chunks).toString('utf8');
    const headers = Object.fromEntries(
      Object.entries(request.headers).filter(
        (entry): entry is [string, string] =>
          typeof entry[1] === 'string' && !['host', 'content-length', 'connection'].includes(entry[0]),
      ),
    );
    this.seen.push({ headers, body });
    const answer = await fetch(this.target, { method: 'POST', headers, body });
    return { status: answer.status, body: await answer.text() };
  }

  stop() {
    this.server.closeAllConnections();
    return new Promise<void>((resolve) => this.server.close(() => resolve()));
  }
}

const keyA = generateSigningKey();
const keyB = generateSigningKey();
const set = (...keys: SigningJwk[]): string => JSON.stringify({ keys });
const proxy = new WatchingProxy();
let stack: Stack;

beforeAll(async () => {
  await proxy.start();
  // Every service signs with A and trusts A and B: the middle of a rotation from A to B.
  stack = await startStack({
    env: { RADAR_SIGNING_KEYS: set(keyA, keyB) },
    gatewayAddressFor: (name, url) => {
      if (name !== 'organisations') return url;
      proxy.target = url;
      return proxy.url;
    },
  });
});
afterAll(async () => {
  await stack?.stop();
  await proxy.stop();
});

const READ = `{ organisation(id: "${seedIds.digitalEurope}") { city version } }`;
const UPDATE = `mutation { updateOrganisation(id: "${seedIds.digitalEurope}", version: 1, input: { city: "Forged" }) { city } }`;
const updateBody = JSON.stringify({ query: UPDATE });
const curator: Caller = { kind: 'key', id: 'forged', label: 'forged', curator: true, organisations: [] };

/** Posts `body` straight to a subgraph with these headers. */
async function direct(headers: Record<string, string>, body = updateBody, url = stack.organisationsUrl) {
  const response = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    body,
  });
  const answer = (await response.json()) as {
    data?: any;
    errors?: { message: string; extensions?: { code?: string } }[];
  };
  return { status: response.status, ...answer };
}

/** What a refused call answers: 401 UNAUTHENTICATED with the reason. */
function expectRefused(answer: Awaited<ReturnType<typeof direct>>, reason: string) {
  expect(answer.status).toBe(401);
  expect(answer.errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
  expect(answer.errors?.[0]?.message).toBe(`This service only answers the RADAR gateway (${reason}).`);
}

const encode = (value: unknown) => Buffer.from(JSON.stringify(value)).toString('base64url');
const decode = (part: string) => JSON.parse(Buffer.from(part, 'base64url').toString('utf8'));

/** A token the gateway sent to the organisations subgraph for an operation a curator ran, and what it sent it with. */
async function captured(): Promise<Seen & { token: string }> {
  const before = proxy.seen.length;
  const answer = await stack.gql(READ, {}, { key: stack.keys.curator });
  expect(answer.data?.organisation).toEqual({ city: 'Brussels', version: 1 });
  const seen = proxy.seen[before] as Seen;
  expect(seen.headers.authorization).toMatch(/^Bearer [\w-]+\.[\w-]+\.[\w-]+$/);
  return { ...seen, token: (seen.headers.authorization as string).slice('Bearer '.length) };
}

describe('a subgraph called directly', () => {
  it('refuses a request without a token', async () => {
    expectRefused(await direct({}, JSON.stringify({ query: READ })), 'missing token');
  });

  it('answers a request with a token made for it', async () => {
    const answer = await stack.gql(READ, {}, { url: stack.organisationsUrl, signAs: curator });
    expect(answer.status).toBe(200);
    expect(answer.data?.organisation).toEqual({ city: 'Brussels', version: 1 });
  });
});

describe('a token the gateway sent', () => {
  it('names the curator, the request id and the hash of the body it was sent with', async () => {
    const { headers, token, body } = await captured();
    const [header, payload] = token.split('.') as [string, string];
    expect(decode(header)).toEqual({ alg: 'EdDSA', kid: keyA.kid, typ: 'JWT' });
    const claims = decode(payload);
    expect(claims).toMatchObject({ iss: 'radar', aud: 'radar-subgraphs', request_id: headers['x-request-id'] });
    // The token is all the subgraph gets of the caller: nothing else about it travels in a header.
    expect(Object.keys(headers).filter((name) => name.startsWith('x-radar'))).toEqual([]);
    expect(claims.caller).toMatchObject({ kind: 'key', curator: true });
    expect(claims.exp - claims.iat).toBe(60);
    expect(claims.jti).toMatch(/^[0-9a-f-]{36}$/);
    expect(claims.request_hash).toBe(
      (await import('node:crypto')).createHash('sha256').update(body).digest('base64url'),
    );
  });

  it('carries a caller whose label is not Latin-1', async () => {
    const key = await stack.keys.mint({ role: Role.Curator, label: 'Curatoare, Iași – 東京' });
    const before = proxy.seen.length;
    const answer = await stack.gql(READ, {}, { key: key.token });
    expect(answer.data?.organisation).toEqual({ city: 'Brussels', version: 1 });
    const token = ((proxy.seen[before] as Seen).headers.authorization as string).slice('Bearer '.length);
    expect(decode(token.split('.')[1] as string).caller.label).toBe('Curatoare, Iași – 東京');
  });

  it('is refused when sent again with another body: an updateOrganisation', async () => {
    const { headers } = await captured();
    expectRefused(await direct(headers), 'token issued for another request body');
  });

  it('is refused when sent again with the same body, and with another request id', async () => {
    const { headers, body } = await captured();
    expectRefused(await direct(headers, body), 'token already used');
    expectRefused(
      await direct({ ...headers, 'x-request-id': 'another-request' }, body),
      'token issued for another request',
    );
  });

  it('is refused when its claims are altered, or when it claims no signature is needed', async () => {
    const { headers, token } = await captured();
    const [header, payload, signature] = token.split('.') as [string, string, string];
    const claims = { ...decode(payload), caller: curator, request_hash: '' };
    const tampered = `${header}.${encode(claims)}.${signature}`;
    expectRefused(await direct({ ...headers, authorization: `Bearer ${tampered}` }), 'bad token signature');
    const unsigned = `${encode({ alg: 'none', typ: 'JWT' })}.${encode(claims)}.`;
    expectRefused(await direct({ ...headers, authorization: `Bearer ${unsigned}` }), 'token algorithm not allowed');
  });
});

describe('a token made outside the gateway', () => {
  const forged = (keys: JwkSet, options: Parameters<typeof createTokenSigner>[1] = {}) =>
    createTokenSigner(keys, options).headersFor({ caller: curator, requestId: 'forged', body: updateBody });

  it.each([
    {
      name: 'an expired one',
      keys: { keys: [keyA] },
      options: { now: () => Date.now() - 61_000 - 5_000 },
      reason: 'expired token',
    },
    {
      name: 'one from another issuer',
      keys: { keys: [keyA] },
      options: { issuer: 'mallory' },
      reason: 'token from another issuer',
    },
    {
      name: 'one for another audience',
      keys: { keys: [keyA] },
      options: { audience: 'another-registry' },
      reason: 'token for another audience',
    },
    {
      name: 'one by an unknown key',
      keys: { keys: [generateSigningKey()] },
      options: {},
      reason: 'token signed by an unknown key',
    },
  ])('is refused: $name', async ({ keys, options, reason }) => {
    expectRefused(await direct(forged(keys, options)), reason);
  });

  it('left nothing written', async () => {
    const answer = await stack.gql(READ);
    expect(answer.data?.organisation).toEqual({ city: 'Brussels', version: 1 });
  });
});

describe('the gateway', () => {
  it('publishes the public halves of all its keys at /.well-known/jwks.json', async () => {
    const response = await fetch(new URL('/.well-known/jwks.json', stack.gatewayUrl));
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toMatch(/^application\/jwk-set\+json/);
    expect(await response.json()).toEqual(publicKeySet({ keys: [keyA, keyB] }));
  });

  it('refuses to start in production without signing keys, and so does a subgraph without trusted keys', async () => {
    const production: NodeJS.ProcessEnv = { ...stack.environment, NODE_ENV: 'production', RADAR_SIGNING_KEYS: '' };
    await expect(startGateway(loadGatewayConfig(production))).rejects.toThrow(
      'RADAR_SIGNING_KEYS must be set in production',
    );
    const { DATABASE_URL: _server, ...embedded } = production;
    await expect(
      startOrganisations(loadOrganisationsConfig(embedded), { seed: false, embeddedDataDir: 'memory://' }),
    ).rejects.toThrow('RADAR_SIGNING_KEYS, RADAR_TRUSTED_KEYS or RADAR_JWKS_URL must be set in production');
  });
});

/** A free loopback port, so a gateway can be started again at the same address. */
async function freePort() {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  await new Promise((resolve) => server.close(resolve));
  return port;
}

const COUNT = '{ organisations { totalCount } practices { totalCount } projects { totalCount } }';

describe('key rotation', () => {
  const embedded = () => (stack.environment.DATABASE_URL ? {} : { embeddedDataDir: 'memory://' });
  const gatewayWith = (keys: string, env: Record<string, string> = {}) =>
    startGateway(loadGatewayConfig({ ...stack.environment, RADAR_SIGNING_KEYS: keys, ...env }));
  const counts = async (gateway: GatewayService) => {
    const answer = await stack.gql(COUNT, {}, { url: `${gateway.server.url}/graphql` });
    expect(answer.errors).toBeUndefined();
    return answer.data;
  };

  it('goes on while one gateway signs with A and another with B, both trusted', async () => {
    const switched = await gatewayWith(set(keyB, keyA), { ORGANISATIONS_URL: proxy.url });
    const signedBy = () => {
      const bearer = (proxy.seen.at(-1) as Seen).headers.authorization as string;
      return decode(bearer.slice('Bearer '.length).split('.')[0] as string).kid;
    };
    try {
      const throughA = await stack.gql(COUNT);
      expect(throughA.errors).toBeUndefined();
      expect(signedBy()).toBe(keyA.kid);
      expect(await counts(switched)).toEqual(throughA.data);
      expect(signedBy()).toBe(keyB.kid);
    } finally {
      await switched.stop();
    }
  });

  it('refuses A once a subgraph trusts only B', async () => {
    const organisations = await startOrganisations(
      loadOrganisationsConfig({
        ...stack.environment,
        ORGANISATIONS_PORT: '0',
        RADAR_SIGNING_KEYS: '',
        RADAR_TRUSTED_KEYS: JSON.stringify(publicKeySet({ keys: [keyB] })),
      }),
      { seed: false, ...embedded() },
    );
    const url = `${organisations.server.url}/graphql`;
    const body = JSON.stringify({ query: '{ organisations { totalCount } }' });
    try {
      const byA = createTokenSigner(set(keyA)).headersFor({ caller: curator, requestId: 'a', body });
      expectRefused(await direct(byA, body, url), 'token signed by an unknown key');
      const byB = createTokenSigner(set(keyB)).headersFor({ caller: curator, requestId: 'b', body });
      expect((await direct(byB, body, url)).status).toBe(200);
    } finally {
      await organisations.stop();
    }
  });

  // Three gateway starts in turn: on the embedded database each opens and migrates a database of its own.
  it("with a JWKS URL, takes the gateway's new key without a restart, and drops a retired one", async () => {
    const port = String(await freePort());
    const jwksUrl = `http://127.0.0.1:${port}/.well-known/jwks.json`;
    let organisations: OrganisationsService | undefined;
    let gateway: GatewayService | undefined;
    try {
      organisations = await startOrganisations(
        loadOrganisationsConfig({
          ...stack.environment,
          ORGANISATIONS_PORT: '0',
          RADAR_SIGNING_KEYS: '',
          RADAR_JWKS_URL: jwksUrl,
          RADAR_JWKS_CACHE_SECONDS: '1',
          RADAR_JWKS_COOLDOWN_SECONDS: '0',
        }),
        { seed: false, ...embedded() },
      );
      const env = { GATEWAY_PORT: port, ORGANISATIONS_URL: `${organisations.server.url}/graphql` };
      // The gateway signs with A, then (restarted) with B while still publishing A, then drops A.
      gateway = await gatewayWith(set(keyA), env);
      const before = await counts(gateway);
      await gateway.stop();
      gateway = await gatewayWith(set(keyB, keyA), env);
      expect(await counts(gateway)).toEqual(before);
      await gateway.stop();
      gateway = await gatewayWith(set(keyB), env);
      await new Promise((resolve) => setTimeout(resolve, 1_100));
      const body = JSON.stringify({ query: '{ organisations { totalCount } }' });
      const byA = createTokenSigner(set(keyA)).headersFor({ caller: curator, requestId: 'a', body });
      expectRefused(await direct(byA, body, `${organisations.server.url}/graphql`), 'token signed by an unknown key');
      expect(await counts(gateway)).toEqual(before);
    } finally {
      await gateway?.stop();
      await organisations?.stop();
    }
  }, 120_000);
});
