// Recording where a practice is adopted: add, change and remove adoptions, each one audited on its practice.
import { randomUUID } from 'node:crypto';
import { LockMode } from '@mikro-orm/core';
import {
  badUserInput,
  checkExist,
  checkOrganisations,
  checkVersion,
  type EntityManager,
  InputProblems,
  loadForWrite,
  mapWriteErrors,
  nutsCountryProblem,
  requireActingFor,
  requireSignedIn,
} from '@radar/common';
import { diff, record } from '../practice/practice.audit.js';
import { Practice } from '../practice/practice.entity.js';
import type { AddAdoptionInput, UpdateAdoptionInput } from '../practice/practice.inputs.js';
import type { WriteContext } from '../practice/practice.service.js';
import { Adoption } from './adoption.entity.js';

const adoptionFields = [
  'adopterId',
  'country',
  'nuts',
  'scale',
  'status',
  'startDate',
  'endDate',
  'projectId',
  'note',
] as const;

function snapshot(adoption: Adoption) {
  return Object.fromEntries(adoptionFields.map((field) => [field, adoption[field]]));
}

/** An adoption through a project must name a live project, so its RDF never links to one that is not there. */
function checkProject(context: WriteContext, projectId: string | null | undefined) {
  return checkExist('project', projectId ? [{ field: 'projectId', id: projectId }] : [], (ids) =>
    context.projects.missing(ids, context.requestId),
  );
}

async function practiceForWrite(em: EntityManager, id: string, field: string) {
  const practice = await em.findOne(Practice, { id, deletedAt: null });
  if (!practice) throw badUserInput(field, `practice ${id} does not exist`);
  return practice;
}

/** A practice's record shows its adoptions, so each change to one is a new version of the practice for harvesters. */
async function touchPractice(tx: EntityManager, id: string) {
  // Locked, so adoptions recorded at once for one practice wait for each other instead of conflicting.
  const practice = await tx.findOneOrFail(Practice, { id }, { lockMode: LockMode.PESSIMISTIC_WRITE, refresh: true });
  practice.updatedAt = new Date();
}

/** Creates an adoption from its input (also used by the seed). */
export function createAdoption(
  em: EntityManager,
  input: AddAdoptionInput,
  state: { id: string; createdAt: Date; updatedAt: Date },
) {
  return em.create(Adoption, {
    ...state,
    practice: input.practiceId,
    adopterId: input.adopterId,
    country: input.country,
    nuts: input.nuts ?? null,
    scale: input.scale,
    status: input.status,
    startDate: input.startDate ?? null,
    endDate: input.endDate ?? null,
    projectId: input.projectId ?? null,
    note: input.note ?? null,
    deletedAt: null,
  });
}

export async function addAdoption(context: WriteContext, input: AddAdoptionInput) {
  requireSignedIn(context.caller);
  const problems = new InputProblems();
  const practice = await problems.collect(() => practiceForWrite(context.em, input.practiceId, 'practiceId'));
  const actor = practice && requireActingFor(context.caller, practice.ownerId);
  await problems.collect(() => checkOrganisations(context, [{ field: 'adopterId', id: input.adopterId }]));
  await problems.collect(() => checkProject(context, input.projectId));
  problems.throwIfAny();
  if (!actor) throw new Error('a practice without problems has an actor');
  return mapWriteErrors('practice', () =>
    context.em.transactional(async (tx) => {
      const now = new Date();
      const adoption = createAdoption(tx, input, { id: randomUUID(), createdAt: now, updatedAt: now });
      await touchPractice(tx, input.practiceId);
      record(tx, input.practiceId, actor, 'ADOPTION_ADDED', {
        [`adoption ${adoption.id}`]: { from: null, to: snapshot(adoption) },
      });
      await tx.flush();
      return adoption;
    }),
  );
}

async function adoptionForWrite(context: WriteContext, em: EntityManager, id: string, version: number) {
  requireSignedIn(context.caller);
  const adoption = await loadForWrite(em, Adoption, id);
  const practice = await em.findOneOrFail(Practice, { id: adoption.practice });
  const actor = requireActingFor(context.caller, practice.ownerId);
  checkVersion('adoption', adoption, version);
  return { adoption, actor };
}

export async function updateAdoption(context: WriteContext, id: string, version: number, input: UpdateAdoptionInput) {
  await checkProject(context, input.projectId);
  return mapWriteErrors('adoption', () =>
    context.em.transactional(async (tx) => {
      const { adoption, actor } = await adoptionForWrite(context, tx, id, version);
      const merged = {
        ...snapshot(adoption),
        ...Object.fromEntries(Object.entries(input).filter(([, value]) => value !== undefined)),
      };
      // The input class checks fields sent together; these check them against what is stored.
      const problems = new InputProblems();
      problems.add(
        input.nuts === undefined ? 'country' : 'nuts',
        nutsCountryProblem(merged.country as string, merged.nuts as string | null),
      );
      if (merged.startDate && merged.endDate && (merged.endDate as string) < (merged.startDate as string)) {
        problems.add(input.endDate === undefined ? 'startDate' : 'endDate', 'endDate must not be before startDate');
      }
      problems.throwIfAny();
      const before = snapshot(adoption);
      tx.assign(adoption, merged as never);
      adoption.updatedAt = new Date();
      await touchPractice(tx, adoption.practice);
      record(tx, adoption.practice, actor, 'ADOPTION_UPDATED', diff(before, snapshot(adoption)));
      await tx.flush();
      return adoption;
    }),
  );
}

export async function removeAdoption(context: WriteContext, id: string, version: number) {
  return mapWriteErrors('adoption', () =>
    context.em.transactional(async (tx) => {
      const { adoption, actor } = await adoptionForWrite(context, tx, id, version);
      adoption.deletedAt = new Date();
      adoption.updatedAt = adoption.deletedAt;
      await touchPractice(tx, adoption.practice);
      record(tx, adoption.practice, actor, 'ADOPTION_REMOVED', {
        [`adoption ${adoption.id}`]: { from: snapshot(adoption), to: null },
      });
      await tx.flush();
      return adoption;
    }),
  );
}
