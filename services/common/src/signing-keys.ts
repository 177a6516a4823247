// RADAR's keys for subgraph tokens: JWK sets read from configuration, made for a data folder, published as a JWKS.
import { createHash, generateKeyPairSync } from 'node:crypto';
import { chmodSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { z } from 'zod';

export type SigningAlgorithm = 'EdDSA' | 'ES256';

/** The curve each signing algorithm uses, and the key type that holds it. */
const curves = {
  EdDSA: { kty: 'OKP', crv: 'Ed25519' },
  ES256: { kty: 'EC', crv: 'P-256' },
} as const satisfies Record<SigningAlgorithm, { kty: string; crv: string }>;

export interface SigningJwk {
  kty: 'OKP' | 'EC';
  crv: 'Ed25519' | 'P-256';
  kid: string;
  alg: SigningAlgorithm;
  use: 'sig';
  x: string;
  y?: string;
  /** Present in a private key only. */
  d?: string;
}

export interface JwkSet {
  keys: SigningJwk[];
}

const base64url = z.string().regex(/^[A-Za-z0-9_-]+$/, 'base64url');

const jwkSchema = z
  .object({
    kty: z.enum(['OKP', 'EC']),
    crv: z.enum(['Ed25519', 'P-256']),
    kid: z.string().min(1).max(200),
    alg: z.enum(['EdDSA', 'ES256']).optional(),
    use: z.literal('sig').optional(),
    x: base64url,
    y: base64url.optional(),
    d: base64url.optional(),
  })
  .transform((jwk, context): SigningJwk => {
    const alg = jwk.alg ?? (jwk.kty === 'OKP' ? 'EdDSA' : 'ES256');
    const expected = curves[alg];
    if (jwk.kty !== expected.kty || jwk.crv !== expected.crv || (jwk.kty === 'EC') !== (jwk.y !== undefined)) {
      context.addIssue({
        code: 'custom',
        message: `key ${jwk.kid}: ${alg} needs a ${expected.kty} ${expected.crv} key`,
      });
      return z.NEVER;
    }
    return { ...jwk, alg, use: 'sig' };
  });

/**
 * A JWK set given as JSON text: `private` keys (each with `d`, as the signer needs) or `public` ones (none with `d`,
 * as a subgraph that only verifies should hold). Key ids are unique.
 */
export function jwkSetText(kind: 'private' | 'public') {
  return z
    .string()
    .transform((text, context) => {
      try {
        return JSON.parse(text) as unknown;
      } catch {
        context.addIssue({ code: 'custom', message: 'must be a JSON Web Key Set ({"keys": [...]})' });
        return z.NEVER;
      }
    })
    .pipe(z.object({ keys: z.array(jwkSchema).min(1, 'must hold at least one key') }))
    .superRefine((set, context) => {
      const kids = set.keys.map((key) => key.kid);
      const repeated = kids.find((kid, index) => kids.indexOf(kid) !== index);
      if (repeated) context.addIssue({ code: 'custom', message: `key id ${repeated} appears twice` });
      const wrong = set.keys.find((key) => (kind === 'private') !== (key.d !== undefined));
      if (wrong) {
        context.addIssue({
          code: 'custom',
          message:
            kind === 'private'
              ? `key ${wrong.kid} has no private part ("d")`
              : `key ${wrong.kid} is a private key: give only public keys here`,
        });
      }
    });
}

/** Parses a JWK set of `kind`, throwing one readable error. */
export function parseJwkSet(text: string, kind: 'private' | 'public'): JwkSet {
  const parsed = jwkSetText(kind).safeParse(text);
  if (!parsed.success) throw new Error(`Invalid JWK set: ${parsed.error.issues.map((i) => i.message).join('; ')}`);
  return parsed.data;
}

/** The public half of a key: what the gateway publishes and subgraphs trust. */
export function publicJwk({ d: _private, ...key }: SigningJwk): SigningJwk {
  return key;
}

export function publicKeySet(set: JwkSet): JwkSet {
  return { keys: set.keys.map(publicJwk) };
}

/** RFC 7638 thumbprint: a key id derived from the public key itself. */
export function jwkThumbprint(key: Pick<SigningJwk, 'kty' | 'crv' | 'x' | 'y'>): string {
  const members =
    key.kty === 'EC' ? { crv: key.crv, kty: key.kty, x: key.x, y: key.y } : { crv: key.crv, kty: key.kty, x: key.x };
  return createHash('sha256').update(JSON.stringify(members)).digest('base64url');
}

/** A fresh private signing key, its id its thumbprint. */
export function generateSigningKey(alg: SigningAlgorithm = 'EdDSA'): SigningJwk {
  const pair =
    alg === 'EdDSA' ? generateKeyPairSync('ed25519') : generateKeyPairSync('ec', { namedCurve: curves.ES256.crv });
  const exported = pair.privateKey.export({ format: 'jwk' }) as {
    kty: 'OKP' | 'EC';
    crv: 'Ed25519' | 'P-256';
    x: string;
    y?: string;
    d: string;
  };
  return {
    kty: exported.kty,
    crv: exported.crv,
    kid: jwkThumbprint(exported),
    alg,
    use: 'sig',
    x: exported.x,
    ...(exported.y ? { y: exported.y } : {}),
    d: exported.d,
  };
}

/** Where `pnpm start` keeps the signing keys it made, when none were given, so local tools can sign as it does. */
export const localSigningKeysFile = (dataDir: string) => join(dataDir, 'signing-keys.json');

/** The signing keys `pnpm start` made for a data folder, as JSON text, if it made them. */
export function readLocalSigningKeys(dataDir: string): string | undefined {
  let text: string;
  try {
    text = readFileSync(localSigningKeysFile(dataDir), 'utf8').trim();
  } catch {
    return undefined;
  }
  return jwkSetText('private').safeParse(text).success ? text : undefined;
}

/** The data folder's signing keys (JSON text), made (readable by their owner only) on first use. */
export function localSigningKeys(dataDir: string): string {
  const existing = readLocalSigningKeys(dataDir);
  if (existing) return existing;
  const text = JSON.stringify({ keys: [generateSigningKey()] });
  mkdirSync(dataDir, { recursive: true });
  writeFileSync(localSigningKeysFile(dataDir), `${text}\n`, { mode: 0o600 });
  chmodSync(localSigningKeysFile(dataDir), 0o600);
  return text;
}

/**
 * The steps of a rotation without downtime, each a new set to configure: `add` a key (published and trusted, not yet
 * signing), `use` it (it signs; the old one stays trusted for tokens still in flight), then `drop` the old one.
 */
export const rotation = {
  add: (set: JwkSet, alg: SigningAlgorithm = 'EdDSA'): JwkSet => ({ keys: [...set.keys, generateSigningKey(alg)] }),
  use(set: JwkSet, kid: string): JwkSet {
    const key = set.keys.find((candidate) => candidate.kid === kid);
    if (!key) throw new Error(`no key ${kid} in the set; there are: ${set.keys.map((k) => k.kid).join(', ')}`);
    return { keys: [key, ...set.keys.filter((other) => other !== key)] };
  },
  drop(set: JwkSet, kid: string): JwkSet {
    if (!set.keys.some((key) => key.kid === kid)) throw new Error(`no key ${kid} in the set`);
    if (set.keys[0]?.kid === kid) throw new Error(`key ${kid} signs: use another key first, then drop this one`);
    return { keys: set.keys.filter((key) => key.kid !== kid) };
  },
};
