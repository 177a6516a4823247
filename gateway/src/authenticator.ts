// Who a request comes from: an API key (`Bearer radar_<id>_<secret>`) or an OpenID Connect access token (a JWT
// verified with jose against the configured issuers), looked up in the identity subgraph's store on every request.
import { randomUUID } from 'node:crypto';
import {
  anonymous,
  type Caller,
  type CommonConfig,
  callerSchema,
  REQUEST_ID_HEADER,
  serviceUnavailable,
  type TokenSigner,
  tokenSignerFrom,
  unauthenticated,
} from '@radar/common';
import type { Credential } from '@radar/identity';
import {
  createRemoteJWKSet,
  customFetch,
  decodeJwt,
  decodeProtectedHeader,
  errors,
  type JWTPayload,
  jwtVerify,
} from 'jose';
import { z } from 'zod';

/** Access tokens are signed with one of these; `none` and the shared-secret HMAC algorithms never are. */
export const ACCEPTED_ALGORITHMS = ['RS256', 'ES256'];

/** How far a token's times may be off the gateway's clock. */
const CLOCK_TOLERANCE_SECONDS = 30;

export const oidcIssuerSchema = z
  .object({
    /** The issuer identifier, exactly as the tokens' `iss` says it. */
    issuer: z.url(),
    /** What the tokens' `aud` must contain: RADAR's resource identifier at that provider. */
    audience: z.string().min(1),
    /** The provider's keys; read from its discovery document when omitted. */
    jwksUri: z.url().optional(),
  })
  .strict();
export type OidcIssuer = z.infer<typeof oidcIssuerSchema>;

export interface AuthenticatorConfig
  extends Pick<CommonConfig, 'RADAR_SIGNING_KEYS' | 'RADAR_TOKEN_ISSUER' | 'RADAR_TOKEN_AUDIENCE'> {
  /** The identity subgraph's GraphQL URL; its caller lookup is at /internal/caller beside it. */
  IDENTITY_URL: string;
  oidcIssuers: OidcIssuer[];
}

export interface Authenticator {
  /** The caller an `Authorization` header stands for; a bad credential is UNAUTHENTICATED, none is anonymous. */
  authenticate(authorization: string | undefined): Promise<Caller>;
  close(): Promise<void>;
}

/**
 * The headers that let the identity subgraph trust a lookup as coming from the gateway: a subgraph token for this
 * request id, bound to `body`, the exact text sent.
 */
function trustedHeaders(signer: TokenSigner | undefined, requestId: string, body: string): Record<string, string> {
  return signer ? signer.headersFor({ caller: anonymous, requestId, body }) : { [REQUEST_ID_HEADER]: requestId };
}

type KeySet = ReturnType<typeof createRemoteJWKSet>;

async function discoverJwksUri(issuer: string): Promise<URL> {
  const url = `${issuer.replace(/\/$/, '')}/.well-known/openid-configuration`;
  let metadata: { issuer?: unknown; jwks_uri?: unknown };
  try {
    const response = await fetch(url, { headers: { accept: 'application/json' } });
    if (!response.ok) throw new Error(`${url} answered ${response.status}`);
    metadata = (await response.json()) as typeof metadata;
  } catch (error) {
    throw serviceUnavailable(`The OpenID provider ${issuer} could not be reached to read its keys.`, error);
  }
  if (metadata.issuer !== issuer || typeof metadata.jwks_uri !== 'string') {
    throw serviceUnavailable(`The discovery document of ${issuer} names another issuer or no jwks_uri.`);
  }
  return new URL(metadata.jwks_uri);
}

function describe(error: unknown): string {
  if (error instanceof errors.JWTExpired) return 'The access token has expired.';
  if (error instanceof errors.JWTClaimValidationFailed) {
    if (error.claim === 'aud') return 'The access token was not issued for RADAR (wrong audience).';
    if (error.claim === 'iss') return 'The access token names another issuer.';
    return `The access token's "${error.claim}" claim is not acceptable.`;
  }
  if (error instanceof errors.JOSEAlgNotAllowed) {
    return `The access token is signed with an algorithm RADAR does not accept (only ${ACCEPTED_ALGORITHMS.join(', ')}).`;
  }
  if (error instanceof errors.JWKSNoMatchingKey)
    return 'The access token is signed with a key its issuer does not publish.';
  if (error instanceof errors.JWSSignatureVerificationFailed) return 'The access token signature does not verify.';
  return 'The access token is not valid.';
}

export function createAuthenticator(config: AuthenticatorConfig): Authenticator {
  const callerUrl = new URL('/internal/caller', config.IDENTITY_URL);
  const signer = tokenSignerFrom(config);
  const issuers = new Map(config.oidcIssuers.map((entry) => [entry.issuer, entry]));
  const keySets = new Map<string, Promise<KeySet>>();

  function keySetOf(issuer: OidcIssuer): Promise<KeySet> {
    let keySet = keySets.get(issuer.issuer);
    if (!keySet) {
      keySet = (issuer.jwksUri ? Promise.resolve(new URL(issuer.jwksUri)) : discoverJwksUri(issuer.issuer)).then(
        (url) => createRemoteJWKSet(url, { [customFetch]: fetch }),
      );
      // A provider that could not be reached is asked again on the next token.
      keySet.catch(() => keySets.delete(issuer.issuer));
      keySets.set(issuer.issuer, keySet);
    }
    return keySet;
  }

  async function lookUp(credential: Credential): Promise<Caller> {
    const body = JSON.stringify(credential);
    let response: Response;
    try {
      response = await fetch(callerUrl, {
        method: 'POST',
        headers: {
          'content-type': 'application/json',
          ...trustedHeaders(signer, randomUUID(), body),
        },
        body,
      });
    } catch (error) {
      throw serviceUnavailable('The identity service could not be reached; retry shortly.', error);
    }
    const answer = (await response.json().catch(() => ({}))) as { caller?: unknown; message?: unknown };
    if (response.status === 401 && typeof answer.message === 'string') throw unauthenticated(answer.message);
    const caller = callerSchema.safeParse(answer.caller);
    if (response.status !== 200 || !caller.success) {
      throw serviceUnavailable(`The identity service answered ${response.status}; retry shortly.`);
    }
    return caller.data;
  }

  async function verifyAccessToken(token: string): Promise<JWTPayload & { iss: string; sub: string }> {
    let header: ReturnType<typeof decodeProtectedHeader>;
    let claims: JWTPayload;
    try {
      header = decodeProtectedHeader(token);
      claims = decodeJwt(token);
    } catch {
      throw unauthenticated('This is neither a RADAR API key nor an OpenID Connect access token (JWT).');
    }
    if (!header.alg || !ACCEPTED_ALGORITHMS.includes(header.alg)) {
      throw unauthenticated(describe(new errors.JOSEAlgNotAllowed('')));
    }
    const issuer = typeof claims.iss === 'string' ? issuers.get(claims.iss) : undefined;
    if (!issuer) throw unauthenticated('The access token is not from an OpenID provider RADAR trusts.');
    const keySet = await keySetOf(issuer);
    try {
      const { payload } = await jwtVerify(token, keySet, {
        issuer: issuer.issuer,
        audience: issuer.audience,
        algorithms: ACCEPTED_ALGORITHMS,
        clockTolerance: CLOCK_TOLERANCE_SECONDS,
        requiredClaims: ['sub', 'exp'],
      });
      return payload as JWTPayload & { iss: string; sub: string };
    } catch (error) {
      if (error instanceof errors.JWKSTimeout || (error instanceof TypeError && /fetch/i.test(error.message))) {
        throw serviceUnavailable(`The OpenID provider ${issuer.issuer} could not be reached to read its keys.`, error);
      }
      throw unauthenticated(describe(error));
    }
  }

  return {
    async authenticate(authorization) {
      if (!authorization) return anonymous;
      const [scheme, token, ...rest] = authorization.trim().split(/\s+/);
      if (scheme?.toLowerCase() !== 'bearer' || !token || rest.length > 0) {
        throw unauthenticated('The Authorization header must read "Bearer <API key or access token>".');
      }
      if (token.startsWith('radar_')) return lookUp({ apiKey: token });
      const claims = await verifyAccessToken(token);
      const text = (value: unknown) => (typeof value === 'string' && value.length > 0 ? value : null);
      return lookUp({
        person: {
          issuer: claims.iss,
          subject: claims.sub,
          name: text(claims.name) ?? text(claims.preferred_username),
          email: text(claims.email),
        },
      });
    },
    async close() {
      keySets.clear();
    },
  };
}
