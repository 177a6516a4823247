// Memberships of networks link two organisations, so they need the right on both: a curator links at once; a member's
// editor proposes, and the network's editor accepts or declines. Either side may end a membership at any time. Every
// start and end moves both organisations' versions, so both show in the change feed, and is in both histories.
import {
  actingOrganisation,
  badUserInput,
  type Caller,
  checkVersion,
  type EntityManager,
  forbiddenOn,
  loadForWrite,
  mapWriteErrors,
  mayActFor,
  notFound,
  requireActingFor,
  requireSignedIn,
  type SignedInCaller,
  type WriteErrors,
} from '@radar/common';
import { recordOrganisationEvent } from '../organisation/organisation.audit.js';
import { Membership, MembershipProposal, Organisation } from '../organisation/organisation.entity.js';

const membershipWrites: WriteErrors = {
  what: 'organisation',
  onUnique: () => badUserInput('networkId', 'this membership is already proposed'),
};

/**
 * The history entries of a membership starting or ending: JOINED_NETWORK / LEFT_NETWORK on the member,
 * MEMBER_JOINED / MEMBER_LEFT on the network.
 */
function recordMembership(
  tx: EntityManager,
  actor: SignedInCaller,
  change: 'JOINED' | 'LEFT',
  { member, network }: { member: string; network: string },
  note: string | null = null,
) {
  const joined = change === 'JOINED';
  const moved = (id: string) => (joined ? { from: null, to: id } : { from: id, to: null });
  recordOrganisationEvent(tx, member, actor, `${change}_NETWORK`, { network: moved(network) }, note);
  recordOrganisationEvent(tx, network, actor, `MEMBER_${change}`, { member: moved(member) }, note);
}

/** Marks organisations as changed: each gets a new version and shows in the change feed. */
function touch(...organisations: Organisation[]) {
  const now = new Date();
  for (const organisation of organisations) organisation.updatedAt = now;
}

async function liveOrganisation(tx: EntityManager, field: string, id: string) {
  const organisation = await tx.findOne(Organisation, { id, deletedAt: null });
  if (!organisation) throw badUserInput(field, `organisation ${id} does not exist`);
  return organisation;
}

/**
 * Replaces the networks `member` belongs to (createOrganisation and updateOrganisation, after their input checks):
 * leaving is always allowed, joining needs the right on the network, so an editor is refused with FORBIDDEN on the
 * field and pointed at proposeMembership. Every network joined or left moves with the member, unless `touch` is false
 * (an import carrying each record's own times), and records it in its history with `note`; the member's own entry
 * is its write's.
 */
export async function replaceMemberships(
  tx: EntityManager,
  caller: Caller,
  member: string,
  networkIds: string[],
  { touch: moves = true, note = null }: { touch?: boolean; note?: string | null } = {},
) {
  const actor = requireSignedIn(caller);
  const current = new Set((await tx.find(Membership, { member })).map((row) => row.network));
  const joined = networkIds.filter((id) => !current.has(id));
  const left = [...current].filter((id) => !networkIds.includes(id));
  for (const [index, id] of networkIds.entries()) {
    if (joined.includes(id) && !mayActFor(caller, id)) {
      throw forbiddenOn(
        `memberships[${index}]`,
        `Organisation ${id} is a network with its own editors: propose the membership with proposeMembership, and it starts when that network accepts it.`,
      );
    }
  }
  if (left.length > 0) await tx.nativeDelete(Membership, { member, network: { $in: left } });
  if (joined.length > 0) await tx.nativeDelete(MembershipProposal, { member, network: { $in: joined } });
  for (const network of joined) tx.create(Membership, { member, network });
  const changed = [...joined, ...left];
  const networks = changed.length > 0 ? await tx.find(Organisation, { id: { $in: changed }, deletedAt: null }) : [];
  for (const { id } of networks) {
    const joining = joined.includes(id);
    const change = joining ? { from: null, to: member } : { from: member, to: null };
    recordOrganisationEvent(tx, id, actor, joining ? 'MEMBER_JOINED' : 'MEMBER_LEFT', { member: change }, note);
  }
  if (moves) touch(...networks);
}

/**
 * A deleted organisation drops out of its networks' `members` and its members' `memberships`, so each of those
 * moves too; what was proposed by or to it can no longer be accepted and goes.
 */
export async function leaveAllOnDeletion(tx: EntityManager, actor: SignedInCaller, id: string) {
  const links = await tx.find(Membership, { $or: [{ member: id }, { network: id }] });
  const others = links.map((link) => (link.member === id ? link.network : link.member));
  const live = others.length > 0 ? await tx.find(Organisation, { id: { $in: others }, deletedAt: null }) : [];
  touch(...live);
  for (const other of live) {
    const asMember = links.some((link) => link.member === other.id && link.network === id);
    const gone = { from: id, to: null };
    recordOrganisationEvent(tx, other.id, actor, asMember ? 'LEFT_NETWORK' : 'MEMBER_LEFT', {
      [asMember ? 'network' : 'member']: gone,
    });
  }
  await tx.nativeDelete(MembershipProposal, { $or: [{ member: id }, { network: id }] });
}

/** The member's editor (or a curator) asks to join a network; nothing shows on either until the network accepts. */
export function proposeMembership(em: EntityManager, caller: Caller, memberId: string, networkId: string) {
  requireSignedIn(caller);
  return mapWriteErrors(membershipWrites, () =>
    em.transactional(async (tx) => {
      await loadForWrite(tx, Organisation, memberId);
      const actor = requireActingFor(caller, memberId);
      if (memberId === networkId) throw badUserInput('networkId', 'an organisation cannot be a member of itself');
      await liveOrganisation(tx, 'networkId', networkId);
      if (await tx.findOne(Membership, { member: memberId, network: networkId })) {
        throw badUserInput('networkId', `organisation ${memberId} is already a member of this network`);
      }
      if (await tx.findOne(MembershipProposal, { member: memberId, network: networkId })) {
        throw badUserInput('networkId', 'this membership is already proposed');
      }
      const proposal = tx.create(MembershipProposal, {
        member: memberId,
        network: networkId,
        proposedBy: actingOrganisation(actor, memberId),
        proposedAt: new Date(),
      });
      await tx.flush();
      return proposal;
    }),
  );
}

/** The network's editor (or a curator) accepts a proposed member: the membership starts and both organisations move. */
export function acceptMembership(
  em: EntityManager,
  caller: Caller,
  networkId: string,
  version: number,
  memberId: string,
) {
  requireSignedIn(caller);
  return mapWriteErrors(membershipWrites, () =>
    em.transactional(async (tx) => {
      const network = await loadForWrite(tx, Organisation, networkId);
      const actor = requireActingFor(caller, networkId);
      checkVersion('organisation', network, version);
      const proposal = await tx.findOne(MembershipProposal, { member: memberId, network: networkId });
      if (!proposal) throw badUserInput('memberId', `organisation ${memberId} has not proposed to join this network`);
      const member = await liveOrganisation(tx, 'memberId', memberId);
      tx.remove(proposal);
      tx.create(Membership, { member: memberId, network: networkId });
      touch(member, network);
      recordMembership(tx, actor, 'JOINED', { member: memberId, network: networkId });
      await tx.flush();
      return network;
    }),
  );
}

/** The network declines a proposed membership, or the member withdraws it; neither organisation changes. */
export function declineMembership(em: EntityManager, caller: Caller, networkId: string, memberId: string) {
  requireSignedIn(caller);
  return mapWriteErrors(membershipWrites, () =>
    em.transactional(async (tx) => {
      const proposal = await tx.findOne(MembershipProposal, { member: memberId, network: networkId });
      if (!proposal)
        throw badUserInput('memberId', `no membership of organisation ${memberId} in this network is proposed`);
      if (!mayActFor(caller, networkId) && !mayActFor(caller, memberId)) {
        throw forbiddenOn('networkId', 'Only curators and editors of the member or the network may end this proposal.');
      }
      tx.remove(proposal);
      await tx.flush();
      return true;
    }),
  );
}

/**
 * Ends a membership from one side (`id`, at `version`, which the caller acts for); `side` says which: the member
 * leaving the network, or the network removing the member. Both organisations move.
 */
export function endMembership(
  em: EntityManager,
  caller: Caller,
  side: 'member' | 'network',
  id: string,
  version: number,
  otherId: string,
) {
  requireSignedIn(caller);
  return mapWriteErrors(membershipWrites, () =>
    em.transactional(async (tx) => {
      const organisation = await loadForWrite(tx, Organisation, id);
      const actor = requireActingFor(caller, id);
      checkVersion('organisation', organisation, version);
      const link = side === 'member' ? { member: id, network: otherId } : { member: otherId, network: id };
      const field = side === 'member' ? 'networkId' : 'memberId';
      const membership = await tx.findOne(Membership, link);
      if (!membership) {
        throw badUserInput(field, `organisation ${link.member} is not a member of organisation ${link.network}`);
      }
      tx.remove(membership);
      const other = await tx.findOne(Organisation, { id: otherId, deletedAt: null });
      touch(organisation, ...(other ? [other] : []));
      if (other) recordMembership(tx, actor, 'LEFT', link);
      else
        recordOrganisationEvent(tx, id, actor, side === 'member' ? 'LEFT_NETWORK' : 'MEMBER_LEFT', {
          [side === 'member' ? 'network' : 'member']: { from: otherId, to: null },
        });
      await tx.flush();
      return organisation;
    }),
  );
}

/** Proposals made by or to an organisation, newest first: for curators and that organisation's editors. */
export async function membershipProposalsOf(em: EntityManager, caller: Caller, organisationId: string) {
  requireSignedIn(caller);
  if (!mayActFor(caller, organisationId)) {
    throw forbiddenOn(
      'organisationId',
      'Only curators and editors of the organisation see the memberships proposed by or to it.',
    );
  }
  if (!(await em.findOne(Organisation, { id: organisationId, deletedAt: null }))) {
    throw notFound('Organisation', organisationId, 'organisationId');
  }
  return em.find(
    MembershipProposal,
    { $or: [{ member: organisationId }, { network: organisationId }] },
    { orderBy: { proposedAt: 'desc', member: 'asc' } },
  );
}
