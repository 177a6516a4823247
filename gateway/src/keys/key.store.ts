// Minting, revoking, listing and checking API keys. A key reads `radar_<id>_<secret>`.
import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';
import type { EntityManager } from '@radar/common/database';
import { unauthenticated } from '@radar/common/errors';
import type { Caller } from '@radar/common/identity';
import { ApiKey } from './key.entity.js';
import { checkMintRequest, KeyRequestError, type MintRequest } from './key.request.js';

const KEY_PATTERN = /^radar_([a-f0-9]{16})_([A-Za-z0-9_-]{43})$/;

function hashSecret(secret: string) {
  return createHash('sha256').update(secret).digest('hex');
}

export async function mintKey(em: EntityManager, request: MintRequest) {
  const { role, label, organisationId } = checkMintRequest(request);
  const id = randomBytes(8).toString('hex');
  const secret = randomBytes(32).toString('base64url');
  const key = em.create(ApiKey, {
    id,
    label,
    role,
    organisationId,
    secretHash: hashSecret(secret),
    createdAt: new Date(),
    revokedAt: null,
  });
  await em.flush();
  return { key, token: `radar_${id}_${secret}` };
}

export async function revokeKey(em: EntityManager, id: string) {
  const key = await em.findOne(ApiKey, { id });
  if (!key) throw new KeyRequestError(`no key has id ${id}`);
  if (!key.revokedAt) {
    key.revokedAt = new Date();
    await em.flush();
  }
  return key;
}

export function listKeys(em: EntityManager) {
  return em.find(ApiKey, {}, { orderBy: { createdAt: 'asc' } });
}

/** The caller an `Authorization` header stands for; a malformed, unknown or revoked key is UNAUTHENTICATED. */
export async function authenticate(em: EntityManager, authorization: string | undefined): Promise<Caller> {
  if (!authorization) return { kind: 'anonymous' };
  const [scheme, token, ...rest] = authorization.trim().split(/\s+/);
  if (scheme?.toLowerCase() !== 'bearer' || !token || rest.length > 0) {
    throw unauthenticated('The Authorization header must read "Bearer <key>".');
  }
  const match = KEY_PATTERN.exec(token);
  if (!match) throw unauthenticated('This is not a RADAR API key.');
  const [, id, secret] = match as unknown as [string, string, string];
  const key = await em.findOne(ApiKey, { id });
  const expected = Buffer.from(key?.secretHash ?? '0'.repeat(64), 'hex');
  const given = Buffer.from(hashSecret(secret), 'hex');
  if (!key || !timingSafeEqual(expected, given)) throw unauthenticated('Unknown API key.');
  if (key.revokedAt) throw unauthenticated('This API key has been revoked.');
  return { kind: 'key', keyId: key.id, role: key.role, organisationId: key.organisationId ?? null, label: key.label };
}
