import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { anonymous, type Caller } from './identity.js';
import { generateSigningKey, type JwkSet, publicKeySet } from './signing-keys.js';
import { createTokenSigner, createTokenVerifier, requestHash } from './subgraph-token.js';

const curator: Caller = { kind: 'key', id: 'k1', label: 'curator', curator: true, organisations: [] };
const body = JSON.stringify({ query: '{ organisations { totalCount } }' });

function requestOf(headers: Record<string, string>, sent: string = body) {
  return { authorization: headers.authorization, requestId: headers['x-request-id'], body: Buffer.from(sent) };
}

/** Splits a bearer header into its three base64url parts, decoded where JSON. */
function parts(headers: Record<string, string>) {
  const [header, payload, signature] = (headers.authorization as string).slice('Bearer '.length).split('.');
  const decode = (part: string | undefined) => JSON.parse(Buffer.from(part as string, 'base64url').toString('utf8'));
  return { header: decode(header), payload: decode(payload), signature: signature as string };
}
const encode = (value: unknown) => Buffer.from(JSON.stringify(value)).toString('base64url');

describe('subgraph tokens', () => {
  const keys: JwkSet = { keys: [generateSigningKey()] };
  const signer = createTokenSigner(keys);
  const verifier = () => createTokenVerifier({ keys: publicKeySet(keys) });

  it('carry the caller, with the claims a verifier needs, for the request they were made for, once', async () => {
    const headers = signer.headersFor({ caller: curator, requestId: 'r1', body });
    expect(headers['x-request-id']).toBe('r1');
    const { header, payload } = parts(headers);
    expect(header).toEqual({ alg: 'EdDSA', kid: signer.kid, typ: 'JWT' });
    expect(payload).toMatchObject({ iss: 'radar', aud: 'radar-subgraphs', request_id: 'r1', caller: curator });
    expect(payload.exp - payload.iat).toBe(60);
    expect(payload.request_hash).toBe(requestHash({ body }));
    const check = verifier();
    expect(await check.verify(requestOf(headers))).toEqual({ ok: true, caller: curator });
    expect(await check.verify(requestOf(headers))).toEqual({ ok: false, reason: 'token already used' });
  });

  it('are bound to the body, or to the method and target of a request without one', async () => {
    const check = verifier();
    const headers = signer.headersFor({ caller: anonymous, requestId: 'r2', body });
    expect(await check.verify(requestOf(headers, `${body} `))).toEqual({
      ok: false,
      reason: 'token issued for another request body',
    });
    const url = 'http://127.0.0.1:4001/export/practices?x=1';
    const get = signer.headersFor({ caller: anonymous, requestId: 'r3', method: 'GET', url });
    const target = { authorization: get.authorization, requestId: 'r3', method: 'GET' };
    expect(await check.verify({ ...target, url: '/export/organisations?x=1' })).toMatchObject({ ok: false });
    expect(await check.verify({ ...target, url: '/export/practices?x=1' })).toEqual({ ok: true, caller: anonymous });
    expect(await check.verify({ ...requestOf(headers), requestId: 'r4' })).toEqual({
      ok: false,
      reason: 'token issued for another request',
    });
  });

  it('are refused when expired, from another issuer or audience, unsigned, tampered or by an unknown key', async () => {
    const check = verifier();
    const signed = (options: Parameters<typeof createTokenSigner>[1], set: JwkSet = keys) =>
      createTokenSigner(set, options).headersFor({ caller: curator, requestId: 'r5', body });
    const refused = async (headers: Record<string, string>) => check.verify(requestOf(headers));
    expect(await refused(signed({ now: () => Date.now() - 70_000 }))).toEqual({ ok: false, reason: 'expired token' });
    expect(await refused(signed({ issuer: 'someone-else' }))).toEqual({
      ok: false,
      reason: 'token from another issuer',
    });
    expect(await refused(signed({ audience: 'another-service' }))).toEqual({
      ok: false,
      reason: 'token for another audience',
    });
    expect(await refused(signed({ lifetimeSeconds: 3_600, now: () => Date.now() - 600_000 }))).toEqual({
      ok: false,
      reason: 'token issued too long ago',
    });
    expect(await refused(signed({ now: () => Date.now() + 60_000 }))).toEqual({
      ok: false,
      reason: 'token issued in the future',
    });
    expect(await refused(signed({}, { keys: [generateSigningKey()] }))).toEqual({
      ok: false,
      reason: 'token signed by an unknown key',
    });
    const genuine = signed({});
    const { header, payload, signature } = parts(genuine);
    const tampered = `${encode(header)}.${encode({ ...payload, caller: { ...curator, label: 'forged' } })}.${signature}`;
    expect(await refused({ ...genuine, authorization: `Bearer ${tampered}` })).toEqual({
      ok: false,
      reason: 'bad token signature',
    });
    const none = `${encode({ alg: 'none', typ: 'JWT' })}.${encode(payload)}.`;
    expect(await refused({ ...genuine, authorization: `Bearer ${none}` })).toEqual({
      ok: false,
      reason: 'token algorithm not allowed',
    });
    expect(await refused({ 'x-request-id': 'r5' })).toEqual({ ok: false, reason: 'missing token' });
    expect(await refused({ ...genuine, authorization: 'Bearer not-a-token' })).toEqual({
      ok: false,
      reason: 'malformed token',
    });
  });

  it('are refused past the number of token ids a verifier remembers, until some expire', async () => {
    const check = createTokenVerifier({ keys: publicKeySet(keys), maxRemembered: 2 });
    const fresh = (id: string) => requestOf(signer.headersFor({ caller: anonymous, requestId: id, body }));
    expect((await check.verify(fresh('a'))).ok).toBe(true);
    expect((await check.verify(fresh('b'))).ok).toBe(true);
    expect(await check.verify(fresh('c'))).toEqual({ ok: false, reason: 'too many tokens in flight' });
  });

  it('may be signed with ES256 too', async () => {
    const ec = { keys: [generateSigningKey('ES256')] };
    const headers = createTokenSigner(ec).headersFor({ caller: curator, requestId: 'r6', body });
    expect(parts(headers).header.alg).toBe('ES256');
    expect(await createTokenVerifier({ keys: publicKeySet(ec) }).verify(requestOf(headers))).toEqual({
      ok: true,
      caller: curator,
    });
  });
});

describe('a verifier with a JWKS URL', () => {
  let server: Server | undefined;
  afterEach(async () => {
    if (server) await new Promise((resolve) => server?.close(resolve));
  });

  it('fetches the keys again for an unknown key id, and forgets a dropped key once its cache is stale', async () => {
    const a = generateSigningKey();
    const b = generateSigningKey();
    let published: JwkSet = publicKeySet({ keys: [a] });
    let fetched = 0;
    server = createServer((_req, res) => {
      fetched += 1;
      res.setHeader('content-type', 'application/json');
      res.end(JSON.stringify(published));
    });
    await new Promise<void>((resolve) => server?.listen(0, '127.0.0.1', resolve));
    const jwksUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}/.well-known/jwks.json`;
    const check = createTokenVerifier({ jwksUrl, jwksCacheSeconds: 1, jwksCooldownSeconds: 0 });
    const by = (key: typeof a, id: string) =>
      requestOf(createTokenSigner({ keys: [key] }).headersFor({ caller: anonymous, requestId: id, body }));
    expect((await check.verify(by(a, 'j1'))).ok).toBe(true);
    published = publicKeySet({ keys: [b, a] });
    expect((await check.verify(by(b, 'j2'))).ok).toBe(true);
    expect(fetched).toBe(2);
    published = publicKeySet({ keys: [b] });
    await new Promise((resolve) => setTimeout(resolve, 1_100));
    expect(await check.verify(by(a, 'j3'))).toEqual({ ok: false, reason: 'token signed by an unknown key' });
    expect((await check.verify(by(b, 'j4'))).ok).toBe(true);
  });

  it('refuses every token while the JWKS cannot be fetched', async () => {
    server = createServer();
    await new Promise<void>((resolve) => server?.listen(0, '127.0.0.1', resolve));
    const { port } = server.address() as AddressInfo;
    await new Promise((resolve) => server?.close(resolve));
    server = undefined;
    const check = createTokenVerifier({ jwksUrl: `http://127.0.0.1:${port}/.well-known/jwks.json` });
    const headers = createTokenSigner({ keys: [generateSigningKey()] }).headersFor({
      caller: anonymous,
      requestId: 'j5',
      body,
    });
    expect(await check.verify(requestOf(headers))).toEqual({ ok: false, reason: 'trusted keys could not be read' });
  });
});
