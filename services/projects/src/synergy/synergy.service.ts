// Synergies between projects of different coordinators: one side proposes, the other accepts or declines, and
// only an accepted link shows on both projects (moving both versions and change feeds).
import {
  actingOrganisation,
  badUserInput,
  type EntityManager,
  forbiddenOn,
  mapWriteErrors,
  mayActFor,
  notFound,
  requireSignedIn,
} from '@radar/common';
import { reverseSynergy, type SynergyKind } from '../project/project.codes.js';
import { Project } from '../project/project.entity.js';
import {
  changeProject,
  coordinatorOf,
  linkSynergy,
  projectWrites,
  requireCoordinating,
  synergyPartner,
  type WriteContext,
} from '../project/project.service.js';
import { SynergyProposal } from './synergy.entity.js';

/**
 * Proposes a link from project `id` (which the caller coordinates) to `otherId`. Nothing shows on either project
 * until the other coordinator accepts; a proposal already waiting the other way with the same meaning is accepted.
 */
export function proposeSynergy(context: WriteContext, id: string, otherId: string, kind: SynergyKind) {
  return mapWriteErrors(projectWrites, () =>
    context.em.transactional(async (tx) => {
      requireSignedIn(context.caller);
      const project = await tx.findOne(Project, { id, deletedAt: null });
      if (!project) throw notFound('Project', id);
      const coordinator = await coordinatorOf(tx, id);
      const actor = requireCoordinating(context.caller, coordinator);
      await synergyPartner(tx, id, otherId);
      if (await tx.findOne(SynergyProposal, { project: id, other: otherId }))
        throw badUserInput('otherProjectId', 'a link to this project is already proposed');
      const waiting = await tx.findOne(SynergyProposal, { project: otherId, other: id });
      if (waiting) {
        throw badUserInput(
          'otherProjectId',
          `project ${otherId} already proposed a link to this one: accept it with acceptSynergy`,
        );
      }
      const proposal = tx.create(SynergyProposal, {
        project: id,
        other: otherId,
        kind,
        proposedBy: coordinator ? actingOrganisation(actor, coordinator) : null,
        proposedAt: new Date(),
      });
      await tx.flush();
      return proposal;
    }),
  );
}

async function proposalBetween(tx: EntityManager, proposingId: string, otherId: string) {
  const proposal = await tx.findOne(SynergyProposal, { project: proposingId, other: otherId });
  if (!proposal) throw badUserInput('proposingProjectId', `project ${proposingId} has not proposed a link to this one`);
  return proposal;
}

/** The coordinator of `id` accepts the link `proposingId` offered: it shows on both, and both move. */
export function acceptSynergy(context: WriteContext, id: string, version: number, proposingId: string) {
  return changeProject(context, id, version, 'SYNERGY_ADDED', async (tx) => {
    const proposal = await proposalBetween(tx, proposingId, id);
    const proposing = await synergyPartner(tx, id, proposingId);
    linkSynergy(tx, id, proposing, reverseSynergy[proposal.kind]);
    tx.remove(proposal);
  });
}

/** Either coordinator ends a proposal between two projects: the asked side declines it, the proposer withdraws it. */
export function declineSynergy(context: WriteContext, id: string, otherId: string) {
  return mapWriteErrors(projectWrites, () =>
    context.em.transactional(async (tx) => {
      requireSignedIn(context.caller);
      const proposal = await tx.findOne(SynergyProposal, {
        $or: [
          { project: id, other: otherId },
          { project: otherId, other: id },
        ],
      });
      if (!proposal) throw badUserInput('otherProjectId', 'no link is proposed between these projects');
      requireCoordinating(context.caller, await coordinatorOf(tx, id));
      tx.remove(proposal);
      await tx.flush();
      return true;
    }),
  );
}

/** Proposals made by or to a project, newest first: for its coordinator and curators. */
export async function proposalsOf(context: WriteContext, id: string) {
  requireSignedIn(context.caller);
  const coordinator = await coordinatorOf(context.em, id);
  if (!mayActFor(context.caller, coordinator)) {
    throw forbiddenOn(
      'synergyProposals',
      'Only curators and editors of the coordinating organisation see its proposals.',
    );
  }
  return context.em.find(
    SynergyProposal,
    { $or: [{ project: id }, { other: id }] },
    { orderBy: { proposedAt: 'desc' } },
  );
}
