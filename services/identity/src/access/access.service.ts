// Access requests: a signed-in person asks to edit for an organisation (or proposes a new one with its first
// practice); a curator approves, which grants the editor role, or refuses with a reason. Every decision is audited.
import { randomUUID } from 'node:crypto';
import {
  badUserInput,
  type Caller,
  checkOrganisations,
  type EntityManager,
  forbidden,
  notFound,
  type OrganisationLookup,
  Role,
  requireSignedIn,
  type SignedInCaller,
  unauthenticated,
} from '@radar/common';
import { AuditAction } from '../audit/audit.entity.js';
import { audit } from '../audit/audit.js';
import { HolderKind } from '../grant/grant.entity.js';
import { addGrant } from '../grant/grant.service.js';
import { AccessRequest, AccessRequestStatus, type ProposedOrganisation } from './access-request.entity.js';

interface Lookup {
  organisations: OrganisationLookup;
  requestId: string;
}

export interface AccessWish {
  organisationId?: string | null | undefined;
  proposedOrganisation?:
    | (Omit<ProposedOrganisation, 'website'> & { website?: string | null | undefined })
    | null
    | undefined;
  message: string;
}

/** Only people ask for access: a key's rights are set when it is minted. */
function requirePerson(caller: Caller) {
  const actor = requireSignedIn(caller);
  if (actor.kind !== 'person') {
    throw forbidden(
      'Only a person signed in with OpenID Connect asks for access; an API key has the roles it was minted with.',
    );
  }
  return actor;
}

export async function requestAccess(em: EntityManager, caller: Caller, lookup: Lookup, wish: AccessWish) {
  if (caller.kind === 'anonymous') throw unauthenticated('Sign in with OpenID Connect to ask for access.');
  const person = requirePerson(caller);
  const organisationId = wish.organisationId ?? null;
  const proposed = wish.proposedOrganisation ?? null;
  if (!organisationId === !proposed) {
    throw badUserInput('organisationId', 'name an existing organisation or propose a new one, not both or neither');
  }
  if (organisationId) {
    if (person.organisations.includes(organisationId)) {
      throw badUserInput('organisationId', `you already edit for organisation ${organisationId}`);
    }
    await checkOrganisations(lookup, [{ field: 'organisationId', id: organisationId }]);
  }
  return em.transactional(async (tx) => {
    const waiting = await tx.findOne(AccessRequest, {
      accountId: person.id,
      status: AccessRequestStatus.Pending,
      ...(organisationId ? { organisationId } : { organisationId: null }),
    });
    if (waiting && organisationId) {
      throw badUserInput('organisationId', `your request ${waiting.id} for this organisation is still waiting`);
    }
    return tx.create(AccessRequest, {
      id: randomUUID(),
      accountId: person.id,
      organisationId,
      proposedOrganisation: proposed
        ? {
            name: proposed.name,
            country: proposed.country,
            website: proposed.website ?? null,
            practiceTitle: proposed.practiceTitle,
          }
        : null,
      message: wish.message,
      status: AccessRequestStatus.Pending,
      createdAt: new Date(),
      decidedAt: null,
      decidedBy: null,
      reason: null,
    });
  });
}

export function myAccessRequests(em: EntityManager, caller: Caller) {
  const person = requirePerson(caller);
  return em.find(AccessRequest, { accountId: person.id }, { orderBy: { createdAt: 'desc', id: 'desc' } });
}

export function accessRequests(em: EntityManager, status: AccessRequestStatus | null) {
  return em.find(AccessRequest, status ? { status } : {}, { orderBy: { createdAt: 'asc', id: 'asc' } });
}

async function pendingRequest(tx: EntityManager, id: string) {
  const request = await tx.findOne(AccessRequest, { id });
  if (!request) throw notFound('AccessRequest', id);
  if (request.status !== AccessRequestStatus.Pending) {
    throw badUserInput('id', `access request ${id} was already ${request.status.toLowerCase()}`);
  }
  return request;
}

/**
 * Approves a request: the person becomes an editor of the organisation asked for, or, for a proposal, of the one the
 * curator registered for it (`organisationId`, which must exist).
 */
export function approveAccessRequest(
  em: EntityManager,
  actor: SignedInCaller,
  lookup: Lookup,
  id: string,
  organisationId: string | null,
) {
  return em.transactional(async (tx) => {
    const request = await pendingRequest(tx, id);
    if (request.organisationId && organisationId && organisationId !== request.organisationId) {
      throw badUserInput('organisationId', `the request is for organisation ${request.organisationId}`);
    }
    const granted = request.organisationId ?? organisationId;
    if (!granted) {
      throw badUserInput('organisationId', 'this request proposes a new organisation: register it, then give its id');
    }
    await addGrant(
      tx,
      actor,
      lookup,
      { holderId: request.accountId, role: Role.Editor, organisationId: granted },
      HolderKind.Person,
    );
    request.organisationId = granted;
    request.status = AccessRequestStatus.Approved;
    request.decidedAt = new Date();
    request.decidedBy = actor.label;
    audit(tx, actor, AuditAction.AccessApproved, request.id, { role: Role.Editor, organisationId: granted });
    return request;
  });
}

export function refuseAccessRequest(em: EntityManager, actor: SignedInCaller, id: string, given: string) {
  const reason = given.trim();
  if (reason.length < 1 || reason.length > 2000) throw badUserInput('reason', 'say why, in 1 to 2000 characters');
  return em.transactional(async (tx) => {
    const request = await pendingRequest(tx, id);
    request.status = AccessRequestStatus.Refused;
    request.decidedAt = new Date();
    request.decidedBy = actor.label;
    request.reason = reason;
    audit(tx, actor, AuditAction.AccessRefused, request.id, { organisationId: request.organisationId, detail: reason });
    return request;
  });
}
