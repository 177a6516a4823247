// Role grants: who is curator and who edits for which organisation, read fresh for every request.
import { randomUUID } from 'node:crypto';
import {
  badUserInput,
  type Caller,
  checkOrganisations,
  type EntityManager,
  type OrganisationLookup,
  Role,
  type SignedInCaller,
} from '@radar/common';
import { Account } from '../account/account.entity.js';
import { AuditAction } from '../audit/audit.entity.js';
import { audit } from '../audit/audit.js';
import { ApiKey } from '../key/api-key.entity.js';
import { type HolderKind, RoleGrant } from './grant.entity.js';

export interface RoleChange {
  holderId: string;
  role: Role;
  organisationId?: string | null | undefined;
}

/** What a holder may do, from its grants. */
export async function callerOf(
  em: EntityManager,
  kind: HolderKind,
  id: string,
  label: string,
): Promise<Extract<Caller, { kind: 'key' | 'person' }>> {
  const grants = await em.find(RoleGrant, { holderId: id }, { orderBy: { organisationId: 'asc' } });
  return {
    kind,
    id,
    label,
    curator: grants.some((grant) => grant.role === Role.Curator),
    organisations: grants.flatMap((grant) =>
      grant.role === Role.Editor && grant.organisationId ? [grant.organisationId] : [],
    ),
  };
}

export function grantsOf(em: EntityManager, holderIds: string[]) {
  return em.find(RoleGrant, { holderId: { $in: holderIds } }, { orderBy: { grantedAt: 'asc', id: 'asc' } });
}

/** Whose grant this is: an account or an API key, which must exist. */
async function holderKindOf(tx: EntityManager, holderId: string): Promise<HolderKind> {
  if (/^[0-9a-f]{16}$/.test(holderId) && (await tx.findOne(ApiKey, { id: holderId }))) return 'key';
  if (/^[0-9a-f-]{36}$/i.test(holderId) && (await tx.findOne(Account, { id: holderId.toLowerCase() }))) return 'person';
  throw badUserInput('holderId', `no account or API key has id ${holderId}`);
}

function checkRoleChange(change: RoleChange) {
  if (change.role === Role.Editor && !change.organisationId) {
    throw badUserInput('organisationId', 'an editor edits for one organisation: give its id');
  }
  if (change.role === Role.Curator && change.organisationId) {
    throw badUserInput('organisationId', 'a curator acts for every organisation: give no organisation');
  }
  return { role: change.role, organisationId: change.organisationId ?? null };
}

/** Gives a holder a role (in the caller's transaction); an existing identical grant is refused. */
export async function addGrant(
  tx: EntityManager,
  actor: SignedInCaller,
  context: { organisations: OrganisationLookup; requestId: string },
  change: RoleChange,
  kind?: HolderKind,
) {
  const { role, organisationId } = checkRoleChange(change);
  const holderKind = kind ?? (await holderKindOf(tx, change.holderId));
  if (organisationId) await checkOrganisations(context, [{ field: 'organisationId', id: organisationId }]);
  if (await tx.findOne(RoleGrant, { holderId: change.holderId, role, organisationId })) {
    throw badUserInput('role', `${change.holderId} already holds this role`);
  }
  const grant = tx.create(RoleGrant, {
    id: randomUUID(),
    holderKind,
    holderId: change.holderId,
    role,
    organisationId,
    grantedAt: new Date(),
    grantedBy: actor.label,
  });
  audit(tx, actor, AuditAction.RoleGranted, change.holderId, { role, organisationId });
  return grant;
}

/** Takes a role back; it stops working on the holder's next request. */
export async function removeGrant(tx: EntityManager, actor: SignedInCaller, change: RoleChange) {
  const { role, organisationId } = checkRoleChange(change);
  const grant = await tx.findOne(RoleGrant, { holderId: change.holderId, role, organisationId });
  if (!grant) throw badUserInput('holderId', `${change.holderId} does not hold this role`);
  tx.remove(grant);
  audit(tx, actor, AuditAction.RoleWithdrawn, change.holderId, { role, organisationId });
}
