// The caller's identity as the gateway forwards it to subgraphs: a JSON claim signed with a shared HMAC secret.
import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { z } from 'zod';

export const Role = { Editor: 'editor', Curator: 'curator' } as const;
export type Role = (typeof Role)[keyof typeof Role];

/**
 * Who is calling: nobody, a machine client with an API key, or a person signed in with OpenID Connect. `id` is the
 * key's or the account's id; `curator` and `organisations` (those the caller edits for) are read fresh per request.
 */
export type Caller =
  | { kind: 'anonymous' }
  | { kind: 'key' | 'person'; id: string; label: string; curator: boolean; organisations: string[] };

export const callerSchema: z.ZodType<Caller> = z.union([
  z.object({ kind: z.literal('anonymous') }).strict(),
  z
    .object({
      kind: z.enum(['key', 'person']),
      id: z.string().min(1),
      label: z.string(),
      curator: z.boolean(),
      organisations: z.array(z.string()),
    })
    .strict(),
]);

export const anonymous: Caller = { kind: 'anonymous' };

export const CALLER_HEADER = 'x-radar-caller';
export const SIGNATURE_HEADER = 'x-radar-signature';
export const REQUEST_ID_HEADER = 'x-request-id';

/** How far a signed claim's timestamp may drift from the subgraph's clock. */
const MAX_CLOCK_SKEW_SECONDS = 300;

const claimSchema = z.object({
  caller: callerSchema,
  requestId: z.string(),
  issuedAt: z.number().int(),
});

function sign(secret: string, payload: string): string {
  return createHmac('sha256', secret).update(payload).digest('base64url');
}

export function signCaller(secret: string, caller: Caller, requestId: string, now = Date.now()) {
  const payload = Buffer.from(JSON.stringify({ caller, requestId, issuedAt: Math.floor(now / 1000) }), 'utf8').toString(
    'base64url',
  );
  return { [CALLER_HEADER]: payload, [SIGNATURE_HEADER]: sign(secret, payload) };
}

export type VerifyResult = { ok: true; caller: Caller } | { ok: false; reason: string };

/** Checks a forwarded identity: signature, freshness and that it was issued for this very request. */
export function verifyCaller(
  secret: string,
  headers: { caller?: string | undefined; signature?: string | undefined; requestId?: string | undefined },
  now = Date.now(),
): VerifyResult {
  if (!headers.caller || !headers.signature) return { ok: false, reason: 'missing gateway signature' };
  const expected = Buffer.from(sign(secret, headers.caller));
  const given = Buffer.from(headers.signature);
  if (expected.length !== given.length || !timingSafeEqual(expected, given)) {
    return { ok: false, reason: 'bad gateway signature' };
  }
  let claim: z.infer<typeof claimSchema>;
  try {
    claim = claimSchema.parse(JSON.parse(Buffer.from(headers.caller, 'base64url').toString('utf8')));
  } catch {
    return { ok: false, reason: 'malformed caller claim' };
  }
  if (Math.abs(Math.floor(now / 1000) - claim.issuedAt) > MAX_CLOCK_SKEW_SECONDS) {
    return { ok: false, reason: 'expired caller claim' };
  }
  if (claim.requestId !== headers.requestId) return { ok: false, reason: 'caller claim issued for another request' };
  return { ok: true, caller: claim.caller };
}

/** Where `pnpm start` keeps the signing secret it made, when none was given, so local tools can sign as it does. */
export const localSecretFile = (dataDir: string) => join(dataDir, 'gateway-secret');

/** The secret `pnpm start` made for a data folder, if it made one. */
export function readLocalSecret(dataDir: string): string | undefined {
  try {
    const secret = readFileSync(localSecretFile(dataDir), 'utf8').trim();
    return secret.length >= 32 ? secret : undefined;
  } catch {
    return undefined;
  }
}

/** The data folder's signing secret, made (readable by its owner only) on first use. */
export function localSecret(dataDir: string): string {
  const existing = readLocalSecret(dataDir);
  if (existing) return existing;
  const secret = randomBytes(32).toString('base64url');
  mkdirSync(dataDir, { recursive: true });
  writeFileSync(localSecretFile(dataDir), `${secret}\n`, { mode: 0o600 });
  return secret;
}
