// Contributors link a practice to another organisation, so naming one needs that organisation's consent: the owner's
// editors propose, the organisation's editors accept or decline, and only accepted contributors count anywhere (the
// API, the linked-data export, twinning originators, project links). Curators add at once; an organisation may
// always withdraw itself. Starting or ending a contribution gives the practice a new version.
import {
  actingOrganisation,
  badUserInput,
  type Caller,
  checkOrganisations,
  diff,
  type EntityManager,
  forbiddenOn,
  loadForWrite,
  mapWriteErrors,
  mayActFor,
  notFound,
  requireActingFor,
  requireSignedIn,
  type SignedInCaller,
} from '@radar/common';
import { record } from './practice.audit.js';
import type { ContributorRole } from './practice.codes.js';
import { ContributionProposal, Contributor, Practice, PracticeRevision } from './practice.entity.js';
import type { ContributorValue, PracticeValues } from './practice.fields.js';
import { isPending, lockForWrite, proposedValues, rebasePendingRevision } from './practice.revision.js';
import type { WriteContext } from './practice.service.js';

const contributionWrites = {
  what: 'practice',
  onUnique: () => badUserInput('organisationId', 'this contribution is already proposed'),
};

/**
 * A contributors list from a registration or an update may keep (or re-role) accepted contributors and drop any,
 * but an editor may not name a new organisation: FORBIDDEN on its field, pointing at proposeContribution.
 * Curators, and an editor naming its own organisation, add at once.
 */
export function checkContributorConsent(
  caller: Caller,
  accepted: ReadonlySet<string>,
  contributors: readonly { organisationId: string }[] | undefined,
) {
  for (const [index, { organisationId }] of (contributors ?? []).entries()) {
    if (accepted.has(organisationId) || mayActFor(caller, organisationId)) continue;
    throw forbiddenOn(
      `contributors[${index}].organisationId`,
      `Organisation ${organisationId} is not a contributor of this practice yet: propose it with proposeContribution, and it counts once that organisation accepts.`,
    );
  }
}

/** The organisations that already contribute to a practice (none for a new one). */
export async function acceptedContributors(em: EntityManager, practiceId: string | null) {
  if (!practiceId) return new Set<string>();
  const rows = await em.find(Contributor, { practice: practiceId }, { fields: ['organisationId'] });
  return new Set(rows.map((row) => row.organisationId));
}

/** A curator's list adds its new contributors at once, so what was proposed to them is settled. */
export async function settleProposals(
  tx: EntityManager,
  practiceId: string,
  contributors: readonly ContributorValue[],
) {
  if (contributors.length === 0) return;
  await tx.nativeDelete(ContributionProposal, {
    practice: practiceId,
    organisationId: { $in: contributors.map((row) => row.organisationId) },
  });
}

/**
 * A pending revision's contributors list was written by an editor, so on acceptance it keeps only organisations that
 * contribute at that moment: one that withdrew since is not brought back without its consent.
 */
export async function consentedRevision(tx: EntityManager, practiceId: string, proposed: PracticeValues) {
  if (!proposed.contributors) return proposed;
  const accepted = await acceptedContributors(tx, practiceId);
  return { ...proposed, contributors: proposed.contributors.filter((row) => accepted.has(row.organisationId)) };
}

/** Keeps a pending revision's contributors list in step with a contribution that starts or ends meanwhile. */
async function followInRevision(
  tx: EntityManager,
  practice: Practice,
  change: (list: ContributorValue[]) => ContributorValue[],
) {
  const revision = await tx.findOne(PracticeRevision, { practice: practice.id }, { refresh: true });
  if (!isPending(revision)) return;
  const proposed = proposedValues(revision);
  if (proposed.contributors) revision.proposed = { ...proposed, contributors: change(proposed.contributors) };
}

async function contributorsOf(tx: EntityManager, practiceId: string) {
  const rows = await tx.find(Contributor, { practice: practiceId }, { orderBy: { organisationId: 'asc' } });
  return rows.map(({ organisationId, role }) => ({ organisationId, role }));
}

/** The owner's editors (or a curator) ask an organisation to be named as a contributor, with a role. */
export async function proposeContribution(
  context: WriteContext,
  practiceId: string,
  organisationId: string,
  role: ContributorRole,
) {
  requireSignedIn(context.caller);
  return mapWriteErrors(contributionWrites, async () => {
    const practice = await loadForWrite(context.em.fork(), Practice, practiceId);
    const actor = requireActingFor(context.caller, practice.ownerId);
    if (organisationId === practice.ownerId) {
      throw badUserInput('organisationId', 'is the owner of this practice, not a contributor');
    }
    await checkOrganisations(context, [{ field: 'organisationId', id: organisationId }]);
    return context.em.transactional(async (tx) => {
      await lockForWrite(tx, practiceId);
      if (await tx.findOne(Contributor, { practice: practiceId, organisationId })) {
        throw badUserInput('organisationId', `organisation ${organisationId} already contributes to this practice`);
      }
      if (await tx.findOne(ContributionProposal, { practice: practiceId, organisationId })) {
        throw badUserInput('organisationId', 'this contribution is already proposed');
      }
      const proposal = tx.create(ContributionProposal, {
        practice: practiceId,
        organisationId,
        role,
        proposedBy: actingOrganisation(actor, practice.ownerId),
        proposedAt: new Date(),
      });
      await tx.flush();
      return proposal;
    });
  });
}

async function proposalFor(tx: EntityManager, practiceId: string, organisationId: string) {
  const proposal = await tx.findOne(ContributionProposal, { practice: practiceId, organisationId });
  if (!proposal) {
    throw badUserInput(
      'organisationId',
      `no contribution of organisation ${organisationId} to this practice is proposed`,
    );
  }
  return proposal;
}

/** Runs a change of a practice's contributors under its row lock, with a new version and an audit entry. */
function changeContributors(
  context: WriteContext,
  practiceId: string,
  action: string,
  change: (tx: EntityManager, practice: Practice, actor: SignedInCaller) => Promise<void>,
  authorise: (caller: Caller) => SignedInCaller,
) {
  requireSignedIn(context.caller);
  return mapWriteErrors(contributionWrites, () =>
    context.em.transactional(async (tx) => {
      const practice = await lockForWrite(tx, practiceId);
      const actor = authorise(context.caller);
      const before = await contributorsOf(tx, practiceId);
      await change(tx, practice, actor);
      await tx.flush();
      const after = await contributorsOf(tx, practiceId);
      practice.updatedAt = new Date();
      if (practice.status === 'PUBLISHED') await rebasePendingRevision(tx, practice);
      record(tx, practiceId, actor, action, diff({ contributors: before }, { contributors: after }));
      await tx.flush();
      return practice;
    }),
  );
}

/** The named organisation's editors (or a curator) accept: it becomes a contributor and the practice moves. */
export function acceptContribution(context: WriteContext, practiceId: string, organisationId: string) {
  return changeContributors(
    context,
    practiceId,
    'CONTRIBUTOR_ACCEPTED',
    async (tx, practice) => {
      const proposal = await proposalFor(tx, practiceId, organisationId);
      const added = { organisationId, role: proposal.role };
      tx.remove(proposal);
      tx.create(Contributor, { practice: practiceId, ...added });
      await followInRevision(tx, practice, (list) => [
        ...list.filter((row) => row.organisationId !== organisationId),
        added,
      ]);
    },
    (caller) => requireActingFor(caller, organisationId),
  );
}

/** The named organisation declines a proposal, or the owner's editors withdraw it; the practice does not change. */
export async function declineContribution(context: WriteContext, practiceId: string, organisationId: string) {
  requireSignedIn(context.caller);
  return mapWriteErrors(contributionWrites, () =>
    context.em.transactional(async (tx) => {
      const practice = await loadForWrite(tx, Practice, practiceId);
      const proposal = await proposalFor(tx, practiceId, organisationId);
      if (!mayActFor(context.caller, organisationId) && !mayActFor(context.caller, practice.ownerId)) {
        throw forbiddenOn(
          'organisationId',
          'Only curators and editors of the owner or of the named organisation may end this proposal.',
        );
      }
      tx.remove(proposal);
      await tx.flush();
      return true;
    }),
  );
}

/** An organisation takes itself off a practice's contributors, whenever it wants; the practice moves. */
export function withdrawContribution(context: WriteContext, practiceId: string, organisationId: string) {
  return changeContributors(
    context,
    practiceId,
    'CONTRIBUTOR_WITHDRAWN',
    async (tx, practice) => {
      const row = await tx.findOne(Contributor, { practice: practiceId, organisationId });
      if (!row)
        throw badUserInput('organisationId', `organisation ${organisationId} does not contribute to this practice`);
      tx.remove(row);
      await followInRevision(tx, practice, (list) => list.filter((item) => item.organisationId !== organisationId));
    },
    (caller) => requireActingFor(caller, organisationId),
  );
}

/**
 * Proposals waiting on a practice (for curators and its owner's editors) or on an organisation (for curators and that
 * organisation's editors), newest first.
 */
export async function contributionProposalsOf(
  context: WriteContext,
  filter: { practiceId?: string | null; organisationId?: string | null },
) {
  requireSignedIn(context.caller);
  const { practiceId, organisationId } = filter;
  if (!practiceId && !organisationId) throw badUserInput('practiceId', 'name a practice or an organisation');
  if (organisationId && !mayActFor(context.caller, organisationId)) {
    throw forbiddenOn('organisationId', 'Only curators and editors of the organisation see what is proposed to it.');
  }
  if (practiceId && !organisationId) {
    const practice = await context.em.findOne(Practice, { id: practiceId, deletedAt: null });
    if (!practice) throw notFound('Practice', practiceId, 'practiceId');
    if (!mayActFor(context.caller, practice.ownerId)) {
      throw forbiddenOn(
        'practiceId',
        'Only curators and the owner\u2019s editors see the contributions proposed for it.',
      );
    }
  }
  return context.em.find(
    ContributionProposal,
    { ...(practiceId ? { practice: practiceId } : {}), ...(organisationId ? { organisationId } : {}) },
    { orderBy: { proposedAt: 'desc', organisationId: 'asc' } },
  );
}
