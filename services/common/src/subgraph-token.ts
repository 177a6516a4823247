// Subgraph tokens: the short-lived JWT in which RADAR tells a subgraph who the caller is, bound to one request
// (its id and a hash of its body) and usable once; signed with RADAR's keys, checked against the keys it publishes.
import { createHash, createPrivateKey, type KeyObject, randomUUID, sign } from 'node:crypto';
import {
  createLocalJWKSet,
  createRemoteJWKSet,
  errors,
  type JSONWebKeySet,
  type JWTVerifyGetKey,
  jwtVerify,
} from 'jose';
import { z } from 'zod';
import { type CommonConfig, env } from './config.js';
import { type Caller, callerSchema, REQUEST_ID_HEADER } from './identity.js';
import { type JwkSet, jwkSetText, parseJwkSet, publicKeySet, type SigningJwk } from './signing-keys.js';

/** How long a token the gateway signs is valid: long enough for one subgraph call, short enough to be worthless. */
export const TOKEN_LIFETIME_SECONDS = 60;
/** How far a subgraph's clock may be from the signer's. */
export const TOKEN_CLOCK_TOLERANCE_SECONDS = 5;
/** The oldest token a subgraph accepts from any signer; it remembers each token id at most this long. */
export const MAX_TOKEN_AGE_SECONDS = 120;
export const DEFAULT_TOKEN_ISSUER = 'radar';
export const DEFAULT_TOKEN_AUDIENCE = 'radar-subgraphs';
export const AUTHORIZATION_HEADER = 'authorization';
/** Where the gateway publishes its public keys. */
export const JWKS_PATH = '/.well-known/jwks.json';

/**
 * What a token is bound to: the exact body of a POST, or the method and target (path and query) of a request
 * without one (GET /export/{type}).
 */
export type BoundRequest = { body: string | Uint8Array } | { method: string; url: string };

/** The `request_hash` claim: base64url SHA-256 of the body, or of "METHOD /path?query". */
export function requestHash(request: BoundRequest): string {
  const hash = createHash('sha256');
  if ('body' in request) {
    hash.update(request.body);
  } else {
    const url = new URL(request.url, 'http://subgraph');
    hash.update(`${request.method.toUpperCase()} ${url.pathname}${url.search}`);
  }
  return hash.digest('base64url');
}

/** The claims of a subgraph token beyond the registered ones (iss, aud, iat, exp, jti). */
export interface SubgraphTokenClaims {
  request_id: string;
  request_hash: string;
  caller: Caller;
}

export interface TokenOptions {
  issuer?: string | undefined;
  audience?: string | undefined;
  lifetimeSeconds?: number | undefined;
  /** The signer's clock, in milliseconds. */
  now?: (() => number) | undefined;
}

export type SignInput = { caller: Caller; requestId: string } & BoundRequest;

export interface TokenSigner {
  /** The id of the key that signs. */
  readonly kid: string;
  /** The headers that carry a caller to a subgraph for one request: the bearer token and the request id. */
  headersFor(input: SignInput): Record<string, string>;
  /** Every key's public half, as published at /.well-known/jwks.json. */
  jwks(): JwkSet;
}

const encode = (value: unknown) => Buffer.from(JSON.stringify(value), 'utf8').toString('base64url');

/**
 * Signs subgraph tokens with the first key of a private JWK set (the others are published too, so a key being
 * introduced or retired stays trusted). Synchronous, so a data source can sign as it sends.
 */
export function createTokenSigner(keys: JwkSet | string, options: TokenOptions = {}): TokenSigner {
  const set = typeof keys === 'string' ? parseJwkSet(keys, 'private') : keys;
  const [first] = set.keys;
  if (!first?.d) throw new Error('a signing key set needs a private key first');
  const signingKey: SigningJwk = first;
  const key: KeyObject = createPrivateKey({ key: { ...signingKey }, format: 'jwk' });
  const header = encode({ alg: signingKey.alg, kid: signingKey.kid, typ: 'JWT' });
  const issuer = options.issuer ?? DEFAULT_TOKEN_ISSUER;
  const audience = options.audience ?? DEFAULT_TOKEN_AUDIENCE;
  const lifetime = options.lifetimeSeconds ?? TOKEN_LIFETIME_SECONDS;
  const now = options.now ?? Date.now;
  const published = publicKeySet(set);
  const signature = (input: string) =>
    signingKey.alg === 'EdDSA'
      ? sign(null, Buffer.from(input), key)
      : sign('sha256', Buffer.from(input), { key, dsaEncoding: 'ieee-p1363' });
  return {
    kid: signingKey.kid,
    headersFor(input) {
      const iat = Math.floor(now() / 1000);
      const claims: SubgraphTokenClaims & Record<string, unknown> = {
        iss: issuer,
        aud: audience,
        iat,
        exp: iat + lifetime,
        jti: randomUUID(),
        request_id: input.requestId,
        request_hash: requestHash(input),
        caller: input.caller,
      };
      const unsigned = `${header}.${encode(claims)}`;
      return {
        [AUTHORIZATION_HEADER]: `Bearer ${unsigned}.${signature(unsigned).toString('base64url')}`,
        [REQUEST_ID_HEADER]: input.requestId,
      };
    },
    jwks: () => published,
  };
}

export type TokenCheck = { ok: true; caller: Caller } | { ok: false; reason: string };

export interface TokenVerifierConfig {
  /** Public keys trusted as they are. */
  keys?: JwkSet | undefined;
  /** A JWKS to fetch trusted keys from (the gateway's /.well-known/jwks.json); fetched again for an unknown key id. */
  jwksUrl?: string | undefined;
  jwksCacheSeconds?: number | undefined;
  jwksCooldownSeconds?: number | undefined;
  issuer?: string | undefined;
  audience?: string | undefined;
  /** Most token ids remembered at once; past it, tokens are refused until some expire. */
  maxRemembered?: number | undefined;
}

export interface TokenVerifier {
  /** Checks the bearer token of a request made with this id, to this body (or method and target). */
  verify(
    request: { authorization: string | undefined; requestId: string | undefined } & BoundRequest,
  ): Promise<TokenCheck>;
}

/** Token ids seen, each until its token expires, in arrival order (so expired ones leave from the front). */
class SeenTokenIds {
  private readonly until = new Map<string, number>();

  constructor(private readonly max: number) {}

  remember(jti: string, expiresAt: number, now: number): 'new' | 'seen' | 'full' {
    for (const [id, expiry] of this.until) {
      if (expiry > now) break;
      this.until.delete(id);
    }
    if (this.until.has(jti)) return 'seen';
    if (this.until.size >= this.max) return 'full';
    this.until.set(jti, expiresAt);
    return 'new';
  }
}

/** A reason a subgraph can log and answer with, for whatever jose refused. */
function refusal(error: unknown): string {
  if (error instanceof errors.JWTExpired) return error.claim === 'iat' ? 'token issued too long ago' : 'expired token';
  if (error instanceof errors.JWTClaimValidationFailed) {
    if (error.claim === 'iss') return 'token from another issuer';
    if (error.claim === 'aud') return 'token for another audience';
    if (error.claim === 'iat') return 'token issued in the future';
    return `token without a valid "${error.claim}" claim`;
  }
  if (error instanceof errors.JWKSNoMatchingKey) return 'token signed by an unknown key';
  if (error instanceof errors.JWKSMultipleMatchingKeys) return 'token names a key id that several trusted keys share';
  if (error instanceof errors.JOSEAlgNotAllowed || error instanceof errors.JOSENotSupported) {
    return 'token algorithm not allowed';
  }
  if (error instanceof errors.JWSSignatureVerificationFailed) return 'bad token signature';
  if (error instanceof errors.JWSInvalid || error instanceof errors.JWTInvalid) return 'malformed token';
  // What is left: the JWKS did not answer in time, or not with a key set.
  return 'trusted keys could not be read';
}

export function createTokenVerifier(config: TokenVerifierConfig): TokenVerifier {
  const local = config.keys ? createLocalJWKSet(config.keys as unknown as JSONWebKeySet) : undefined;
  const remote = config.jwksUrl
    ? createRemoteJWKSet(new URL(config.jwksUrl), {
        cacheMaxAge: (config.jwksCacheSeconds ?? 300) * 1000,
        cooldownDuration: (config.jwksCooldownSeconds ?? 30) * 1000,
      })
    : undefined;
  if (!local && !remote) throw new Error('a token verifier needs trusted keys or a JWKS URL');
  const getKey: JWTVerifyGetKey = async (header, token) => {
    if (local) {
      try {
        return await local(header, token);
      } catch (error) {
        if (!remote || !(error instanceof errors.JWKSNoMatchingKey)) throw error;
      }
    }
    return (remote as NonNullable<typeof remote>)(header, token);
  };
  const options = {
    issuer: config.issuer ?? DEFAULT_TOKEN_ISSUER,
    audience: config.audience ?? DEFAULT_TOKEN_AUDIENCE,
    algorithms: ['EdDSA', 'ES256'],
    clockTolerance: TOKEN_CLOCK_TOLERANCE_SECONDS,
    maxTokenAge: MAX_TOKEN_AGE_SECONDS,
    requiredClaims: ['exp', 'jti'],
  };
  const seen = new SeenTokenIds(config.maxRemembered ?? 100_000);
  return {
    async verify(request) {
      const token = /^Bearer ([A-Za-z0-9_.-]+)$/i.exec(request.authorization ?? '')?.[1];
      if (!token) return { ok: false, reason: 'missing token' };
      let payload: Record<string, unknown>;
      try {
        payload = (await jwtVerify(token, getKey, options)).payload;
      } catch (error) {
        return { ok: false, reason: refusal(error) };
      }
      const caller = callerSchema.safeParse(payload.caller);
      if (!caller.success || typeof payload.jti !== 'string') return { ok: false, reason: 'malformed token claims' };
      if (payload.request_id !== request.requestId) return { ok: false, reason: 'token issued for another request' };
      if (payload.request_hash !== requestHash(request)) {
        return { ok: false, reason: 'token issued for another request body' };
      }
      const now = Math.floor(Date.now() / 1000);
      const expiresAt =
        Math.min(payload.exp as number, (payload.iat as number) + MAX_TOKEN_AGE_SECONDS) +
        TOKEN_CLOCK_TOLERANCE_SECONDS;
      const remembered = seen.remember(payload.jti, expiresAt, now);
      if (remembered === 'seen') return { ok: false, reason: 'token already used' };
      if (remembered === 'full') return { ok: false, reason: 'too many tokens in flight' };
      return { ok: true, caller: caller.data };
    },
  };
}

/** Settings of a service that checks subgraph tokens (every subgraph). */
export const tokenVerifierEnvSchema = z.object({
  RADAR_TRUSTED_KEYS: jwkSetText('public').optional(),
  RADAR_JWKS_URL: env.url.optional(),
  RADAR_JWKS_CACHE_SECONDS: z.coerce.number().int().min(0).max(86_400).default(300),
  RADAR_JWKS_COOLDOWN_SECONDS: z.coerce.number().int().min(0).max(3_600).default(30),
});

export type TokenVerifierEnv = z.infer<typeof tokenVerifierEnvSchema>;

/** The signer a service's configuration gives it (RADAR_SIGNING_KEYS), if any. */
export function tokenSignerFrom(
  config: Pick<CommonConfig, 'RADAR_SIGNING_KEYS' | 'RADAR_TOKEN_ISSUER' | 'RADAR_TOKEN_AUDIENCE'>,
) {
  return config.RADAR_SIGNING_KEYS
    ? createTokenSigner(config.RADAR_SIGNING_KEYS, {
        issuer: config.RADAR_TOKEN_ISSUER,
        audience: config.RADAR_TOKEN_AUDIENCE,
      })
    : undefined;
}

/**
 * The verifier a subgraph's configuration gives it: RADAR_TRUSTED_KEYS, the public halves of RADAR_SIGNING_KEYS and
 * RADAR_JWKS_URL, whichever are set; undefined when none is.
 */
export function tokenVerifierFrom(config: CommonConfig & TokenVerifierEnv): TokenVerifier | undefined {
  const keys = [
    ...(config.RADAR_TRUSTED_KEYS?.keys ?? []),
    ...publicKeySet(config.RADAR_SIGNING_KEYS ?? { keys: [] }).keys,
  ];
  const unique = keys.filter((key, index) => keys.findIndex((other) => other.kid === key.kid) === index);
  if (unique.length === 0 && !config.RADAR_JWKS_URL) return undefined;
  return createTokenVerifier({
    keys: unique.length > 0 ? { keys: unique } : undefined,
    jwksUrl: config.RADAR_JWKS_URL,
    jwksCacheSeconds: config.RADAR_JWKS_CACHE_SECONDS,
    jwksCooldownSeconds: config.RADAR_JWKS_COOLDOWN_SECONDS,
    issuer: config.RADAR_TOKEN_ISSUER,
    audience: config.RADAR_TOKEN_AUDIENCE,
  });
}
