// Twinning stages and completion: completing a twinning records an adoption of its practice by each adopter
// through the practices subgraph's API, linked back to the twinning.
import { badUserInput, type EntityManager, mapWriteErrors } from '@radar/common';
import type { AdoptionRequest } from '../directories.js';
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
  return changeProject(context, id, version, async (tx, project) => {
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
  return changeProject(context, id, version, async (tx) => {
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

export async function completeTwinning(context: WriteContext, id: string, version: number, input: CompletionInput) {
  // Read and check everything before anything is written in another service.
  const { project, twinning, adopters } = await context.em.fork().transactional(async (tx) => {
    const project = await projectForWrite(tx, context.caller, id, version);
    const twinning = await twinningOf(tx, id);
    if (twinning.completedAt) throw badUserInput('id', 'this twinning is already completed');
    return { project, twinning, adopters: await tx.find(TwinningAdopter, { twinning: id }) };
  });
  const locations = await context.directories.locations(
    adopters.map((adopter) => adopter.organisationId),
    context.requestId,
  );
  const today = new Date().toISOString().slice(0, 10);
  const requests: AdoptionRequest[] = adopters.map((adopter) => {
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
      status: project.endDate && project.endDate < today ? 'ENDED' : 'ONGOING',
      startDate: project.startDate ?? null,
      endDate: project.endDate ?? null,
      projectId: id,
      note: `Recorded by the completion of twinning ${project.acronym}.`,
    };
  });
  const adoptionIds = await context.directories.recordAdoptions(requests, context.caller, context.requestId);
  try {
    return await mapWriteErrors(projectWrites, () =>
      context.em.transactional(async (tx) => {
        const current = await projectForWrite(tx, context.caller, id, version);
        const stored = await twinningOf(tx, id);
        stored.completedAt = new Date();
        stored.outcome = input.outcome;
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
    // The project changed meanwhile: take the adoptions back so nothing is left half done.
    await context.directories.removeAdoptions(adoptionIds, context.caller, context.requestId);
    throw error;
  }
}
