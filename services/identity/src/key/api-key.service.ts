// Minting, revoking, listing and checking API keys. A key reads `radar_<id>_<secret>`; only the secret's hash is kept.
import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';
import {
  badUserInput,
  type Caller,
  type EntityManager,
  type OrganisationLookup,
  type SignedInCaller,
  unauthenticated,
} from '@radar/common';
import { AuditAction } from '../audit/audit.entity.js';
import { audit } from '../audit/audit.js';
import { HolderKind } from '../grant/grant.entity.js';
import { addGrant, callerOf } from '../grant/grant.service.js';
import { ApiKey } from './api-key.entity.js';
import { checkMintRequest, KeyRequestError, type MintRequest } from './key.request.js';

export const KEY_PATTERN = /^radar_([a-f0-9]{16})_([A-Za-z0-9_-]{43})$/;

function hashSecret(secret: string) {
  return createHash('sha256').update(secret).digest('hex');
}

/** A mint request as stored, or BAD_USER_INPUT on the field it is wrong about. */
function checked(request: MintRequest) {
  try {
    return checkMintRequest(request);
  } catch (error) {
    if (error instanceof KeyRequestError) throw badUserInput(error.field ?? 'input', error.message);
    throw error;
  }
}

/** Mints a key with its role; an editor key's organisation must exist. The key is returned once, here. */
export async function mintKey(
  em: EntityManager,
  actor: SignedInCaller,
  context: { organisations: OrganisationLookup; requestId: string },
  request: MintRequest,
) {
  const { role, label, organisationId, expiresAt } = checked(request);
  const id = randomBytes(8).toString('hex');
  const secret = randomBytes(32).toString('base64url');
  const key = await em.transactional(async (tx) => {
    const key = tx.create(ApiKey, {
      id,
      label,
      secretHash: hashSecret(secret),
      createdAt: new Date(),
      createdBy: actor.label,
      expiresAt,
      revokedAt: null,
    });
    audit(tx, actor, AuditAction.KeyMinted, id, {
      role,
      organisationId,
      detail: expiresAt ? `expires ${expiresAt.toISOString()}` : null,
    });
    await addGrant(tx, actor, context, { holderId: id, role, organisationId }, HolderKind.Key);
    return key;
  });
  return { key, token: `radar_${id}_${secret}` };
}

export async function revokeKey(em: EntityManager, actor: SignedInCaller, id: string) {
  return em.transactional(async (tx) => {
    const key = await tx.findOne(ApiKey, { id });
    if (!key) throw badUserInput('id', `no key has id ${id}`);
    if (!key.revokedAt) {
      key.revokedAt = new Date();
      audit(tx, actor, AuditAction.KeyRevoked, id);
    }
    return key;
  });
}

export function listKeys(em: EntityManager) {
  return em.find(ApiKey, {}, { orderBy: { createdAt: 'asc', id: 'asc' } });
}

/** The caller a key stands for; a malformed, unknown, revoked or expired key is UNAUTHENTICATED. */
export async function authenticateKey(em: EntityManager, token: string, now = new Date()): Promise<Caller> {
  const match = KEY_PATTERN.exec(token);
  if (!match) throw unauthenticated('This is not a RADAR API key.');
  const [, id, secret] = match as unknown as [string, string, string];
  const key = await em.findOne(ApiKey, { id });
  const expected = Buffer.from(key?.secretHash ?? '0'.repeat(64), 'hex');
  const given = Buffer.from(hashSecret(secret), 'hex');
  if (!key || !timingSafeEqual(expected, given)) throw unauthenticated('Unknown API key.');
  if (key.revokedAt) throw unauthenticated('This API key has been revoked.');
  if (key.expiresAt && key.expiresAt <= now) {
    throw unauthenticated(`This API key expired at ${key.expiresAt.toISOString()}.`);
  }
  return callerOf(em, HolderKind.Key, key.id, key.label);
}
