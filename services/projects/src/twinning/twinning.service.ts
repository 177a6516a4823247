// Twinning stages and completion: completing a twinning records an adoption of its practice by each adopter
// through the practices subgraph's API, linked back to the twinning, under a claim that concurrent completions respect.
import { randomUUID } from 'node:crypto';
import { LockMode } from '@mikro-orm/core';
import { badUserInput, conflict, diff, type EntityManager, mapWriteErrors, requireSignedIn } from '@radar/common';
import type { AdoptionRequest } from '../directories.js';
import { recordProjectEvent } from '../project/project.audit.js';
import { Project } from '../project/project.entity.js';
import type { StageInput } from '../project/project.inputs.js';
import {
  changeProject,
  checkStages,
  projectForWrite,
  projectWrites,
  type WriteContext,
} from '../project/project.service.js';
import { Stage, Twinning, TwinningAdopter } from './twinning.entity.js';

async function twinningOf(tx: EntityManager, projectId: string) {
  const twinning = await tx.findOne(Twinning, { project: projectId });
  if (!twinning) throw badUserInput('id', 'this project is not a twinning');
  return twinning;
}

export function addStage(context: WriteContext, id: string, version: number, input: StageInput) {
  return changeProject(context, id, version, 'STAGE_ADDED', async (tx, project) => {
    await twinningOf(tx, id);
    const stages = await tx.find(Stage, { twinning: id }, { orderBy: { position: 'asc' } });
    checkStages([...stages, input], project, 'stages');
    tx.create(Stage, {
      twinning: id,
      position: (stages.at(-1)?.position ?? -1) + 1,
      name: input.name,
      startDate: input.startDate,
      endDate: input.endDate,
      description: input.description ?? null,
    });
  });
}

export function removeStage(context: WriteContext, id: string, version: number, name: string) {
  return changeProject(context, id, version, 'STAGE_REMOVED', async (tx) => {
    await twinningOf(tx, id);
    const stage = await tx.findOne(Stage, { twinning: id, name });
    if (!stage) throw badUserInput('name', `the twinning has no stage named "${name}"`);
    tx.remove(stage);
  });
}

export interface CompletionInput {
  outcome: string;
  scale: AdoptionRequest['scale'];
}

/**
 * Completes a twinning. The request first claims it (under a lock on the project row, so of concurrent completions
 * exactly one claims and the others are refused before anything is written anywhere), then records the adoptions
 * through the practices API, then marks the twinning completed and lets the claim go. Only a failure after the claim
 * (the practices subgraph refusing or failing) takes recorded adoptions back, and the twinning is completable again.
 */
export async function completeTwinning(context: WriteContext, id: string, version: number, input: CompletionInput) {
  // Its claim and the adoptions it records are written outside this request's transaction, which a dry run rolls back.
  if (context.dryRun) throw badUserInput('id', 'completing a twinning cannot be a dry run: it writes to the practices');
  const claim = randomUUID();
  const { project, twinning, adopters } = await mapWriteErrors(projectWrites, () =>
    context.em.fork().transactional(async (tx) => {
      const project = await projectForWrite(tx, context.caller, id, version, { lock: true });
      const twinning = await twinningOf(tx, id);
      if (twinning.completedAt) throw badUserInput('id', 'this twinning is already completed');
      twinning.completionClaim = claim;
      twinning.completionClaimedAt = new Date();
      await tx.flush();
      return { project, twinning, adopters: await tx.find(TwinningAdopter, { twinning: id }) };
    }),
  );
  let adoptionIds: string[] = [];
  try {
    const requests = await adoptionRequests(context, project, twinning, adopters, input);
    adoptionIds = await context.directories.recordAdoptions(requests, context.caller, context.requestId);
    return await mapWriteErrors(projectWrites, () =>
      context.em.transactional(async (tx) => {
        const current = await tx.findOneOrFail(
          Project,
          { id },
          { lockMode: LockMode.PESSIMISTIC_WRITE, refresh: true },
        );
        const stored = await tx.findOneOrFail(Twinning, { project: id }, { refresh: true });
        if (stored.completionClaim !== claim || current.deletedAt) {
          throw conflict(`Twinning ${id} changed while it was being completed; read it again and retry.`, 'id');
        }
        recordProjectEvent(tx, id, requireSignedIn(context.caller), 'TWINNING_COMPLETED', {
          ...diff({ outcome: stored.outcome ?? null }, { outcome: input.outcome }),
          adoptionIds: { from: null, to: adoptionIds },
        });
        stored.completedAt = new Date();
        stored.outcome = input.outcome;
        stored.completionClaim = null;
        stored.completionClaimedAt = null;
        for (const [index, adopter] of adopters.entries()) {
          const row = await tx.findOneOrFail(TwinningAdopter, { twinning: id, organisationId: adopter.organisationId });
          row.adoptionId = adoptionIds[index] ?? null;
        }
        current.updatedAt = new Date();
        await tx.flush();
        return current;
      }),
    );
  } catch (error) {
    // Nothing may stay half done: take back what was recorded and let the claim go, so the twinning can be completed.
    if (adoptionIds.length > 0) {
      await context.directories.removeAdoptions(adoptionIds, context.caller, context.requestId);
    }
    await context.em
      .fork()
      .nativeUpdate(
        Twinning,
        { project: id, completionClaim: claim },
        { completionClaim: null, completionClaimedAt: null },
      );
    throw error;
  }
}

/**
 * What a completed twinning says about the adopter's use of the practice: a knowledge exchange leaves it planned (or
 * piloting, when the completion reports a pilot), an adaptation or a partial or full adoption puts it in use.
 */
export function adoptionStatusAfter(
  type: Twinning['type'],
  scale: AdoptionRequest['scale'],
): AdoptionRequest['status'] {
  if (type === 'KNOWLEDGE_EXCHANGE') return scale === 'PILOT' ? 'PILOTING' : 'PLANNED';
  return 'ONGOING';
}

async function adoptionRequests(
  context: WriteContext,
  project: Project,
  twinning: Twinning,
  adopters: TwinningAdopter[],
  input: CompletionInput,
): Promise<AdoptionRequest[]> {
  const locations = await context.directories.locations(
    adopters.map((adopter) => adopter.organisationId),
    context.requestId,
  );
  const status = adoptionStatusAfter(twinning.type, input.scale);
  return adopters.map((adopter) => {
    const location = locations.get(adopter.organisationId);
    if (!location?.country) {
      throw badUserInput(
        'adopters',
        `adopter ${adopter.organisationId} has no country; record it on the organisation first`,
      );
    }
    return {
      practiceId: twinning.practiceId,
      adopterId: adopter.organisationId,
      country: location.country,
      nuts: location.nuts,
      scale: input.scale,
      status,
      // The adoption starts with the twinning and goes on after it: the twinning's end is not the end of its use.
      startDate: project.startDate ?? null,
      endDate: null,
      projectId: project.id,
      note: `Recorded by the completion of twinning ${project.acronym}.`,
    };
  });
}
