// Minting, revoking, listing and checking API keys. A key reads `radar_<id>_<secret>`.
import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';
import { type Caller, type EntityManager, Role, unauthenticated } from '@radar/common';
import { ApiKey } from './key.entity.js';

const KEY_PATTERN = /^radar_([a-f0-9]{16})_([A-Za-z0-9_-]{43})$/;
const UUID_PATTERN = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

function hashSecret(secret: string) {
  return createHash('sha256').update(secret).digest('hex');
}

export interface MintRequest {
  role: Role;
  label: string;
  organisationId?: string | null;
}

export class KeyRequestError extends Error {
  override name = 'KeyRequestError';
}

export async function mintKey(em: EntityManager, request: MintRequest) {
  if (request.role !== Role.Editor && request.role !== Role.Curator) {
    throw new KeyRequestError(`role must be "${Role.Editor}" or "${Role.Curator}"`);
  }
  const label = request.label.trim();
  if (label.length < 1 || label.length > 200) throw new KeyRequestError('label must be 1 to 200 characters');
  const organisationId = request.organisationId ?? null;
  if (request.role === Role.Editor && !organisationId) {
    throw new KeyRequestError('an editor key belongs to one organisation: give its id');
  }
  if (organisationId && !UUID_PATTERN.test(organisationId)) {
    throw new KeyRequestError(`organisation must be an organisation id (a UUID), not "${organisationId}"`);
  }
  const id = randomBytes(8).toString('hex');
  const secret = randomBytes(32).toString('base64url');
  const key = em.create(ApiKey, {
    id,
    label,
    role: request.role,
    organisationId: organisationId?.toLowerCase() ?? null,
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
