// Recording where a practice is adopted: add, change and remove adoptions, each one audited on its practice.
import { randomUUID } from 'node:crypto';
import { LockMode } from '@mikro-orm/core';
import {
  badUserInput,
  type Caller,
  type CarriedTimes,
  carriedTimes,
  checkExist,
  checkOrganisations,
  checkVersion,
  diff,
  type EntityManager,
  forbidden,
  InputProblems,
  importNote,
  keepCarriedTimes,
  keepSourceKey,
  loadForWrite,
  mapWriteErrors,
  mayActFor,
  newRecordId,
  nutsCountryProblem,
  type RecordStateInput,
  requireSignedIn,
  type SignedInCaller,
  type SourceKeyInput,
} from '@radar/common';
import { record } from '../practice/practice.audit.js';
import { Practice } from '../practice/practice.entity.js';
import type { AddAdoptionInput, UpdateAdoptionInput } from '../practice/practice.inputs.js';
import type { WriteContext } from '../practice/practice.service.js';
import { canSee } from '../practice/practice.visibility.js';
import { AdoptionSource } from '../source/adoption.source.entity.js';
import { ADOPTION_OVERLAP_CONSTRAINT, Adoption } from './adoption.entity.js';

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

async function practiceForWrite(em: EntityManager, caller: Caller, id: string, field: string) {
  const practice = await em.findOne(Practice, { id, deletedAt: null });
  if (!practice || !canSee(caller, practice)) throw badUserInput(field, `practice ${id} does not exist`);
  return practice;
}

/**
 * An adoption is recorded and kept up to date by either side: curators, editors of the practice's owner, and editors
 * of the adopting organisation (who report their own uptake of others' practices).
 */
function requireAdoptionParty(caller: Caller, ownerId: string, adopterId: string): SignedInCaller {
  const key = requireSignedIn(caller);
  if (mayActFor(caller, ownerId) || mayActFor(caller, adopterId)) return key;
  const organisations = key.organisations.join(', ');
  throw forbidden(
    organisations
      ? `You may only record adoptions of practices of, or by, the organisations you edit for (${organisations}).`
      : 'You edit for no organisation, so you may not record adoptions.',
  );
}

type Period = Pick<Adoption, 'practice' | 'adopterId' | 'country' | 'nuts' | 'startDate' | 'endDate'>;

/**
 * One adoption per practice, adopter, place and period: an adoption that overlaps a live one (open-ended dates
 * overlap everything after or before them) is the same uptake recorded twice. Called under the practice's lock, so
 * two requests cannot both pass; the exclusion constraint adoption_no_overlap backs it in the database.
 */
async function checkNoOverlap(tx: EntityManager, candidate: Period, exceptId: string | null) {
  const { startDate, endDate } = candidate;
  const existing = await tx.findOne(Adoption, {
    practice: candidate.practice,
    adopterId: candidate.adopterId,
    country: candidate.country,
    nuts: candidate.nuts ?? null,
    deletedAt: null,
    ...(exceptId ? { id: { $ne: exceptId } } : {}),
    $and: [
      endDate ? { $or: [{ startDate: null }, { startDate: { $lte: endDate } }] } : {},
      startDate ? { $or: [{ endDate: null }, { endDate: { $gte: startDate } }] } : {},
    ],
  });
  if (existing) throw overlapError(existing);
}

function overlapError(existing?: Pick<Adoption, 'id' | 'startDate' | 'endDate'>) {
  const period = existing
    ? ` (${existing.startDate ?? 'open start'} to ${existing.endDate ?? 'open end'}); change adoption ${existing.id} instead`
    : '';
  return badUserInput(
    'startDate',
    `this organisation's adoption of the practice in this place is already recorded for an overlapping period${period}`,
  );
}

/** The exclusion constraint refusing a write the service's own check did not see coming, as the same clear error. */
async function refuseOverlaps<T>(work: () => Promise<T>): Promise<T> {
  try {
    return await work();
  } catch (error) {
    const { code, message } = error as { code?: string; message?: string };
    if (code === '23P01' || message?.includes(ADOPTION_OVERLAP_CONSTRAINT)) throw overlapError();
    throw error;
  }
}

const today = () => new Date().toISOString().slice(0, 10);

/**
 * Moving an adoption on dates it when the caller does not: into use (piloting or ongoing) from planned starts it
 * today, and ending it ends it today, so the uptake series shows when it happened.
 */
function datesOfMove(
  before: Pick<Adoption, 'status' | 'startDate' | 'endDate'>,
  input: UpdateAdoptionInput,
): Partial<Pick<Adoption, 'startDate' | 'endDate'>> {
  if (!input.status || input.status === before.status) return {};
  if (input.status === 'ENDED' && input.endDate === undefined && !before.endDate) return { endDate: today() };
  if (
    (input.status === 'PILOTING' || input.status === 'ONGOING') &&
    before.status === 'PLANNED' &&
    input.startDate === undefined &&
    !before.startDate
  ) {
    return { startDate: today() };
  }
  return {};
}

/**
 * A practice's record shows its adoptions, so each change to one is a new version of the practice for harvesters.
 * An adoption whose times a curator carries (RADAR's own linked data imported) leaves its practice's times alone:
 * they are carried with the practice.
 */
async function touchPractice(tx: EntityManager, id: string, times: CarriedTimes = {}) {
  // Locked, so adoptions recorded at once for one practice wait for each other instead of conflicting.
  const practice = await tx.findOneOrFail(Practice, { id }, { lockMode: LockMode.PESSIMISTIC_WRITE, refresh: true });
  if (!times.updatedAt) practice.updatedAt = new Date();
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

export async function addAdoption(
  context: WriteContext,
  input: AddAdoptionInput,
  source?: SourceKeyInput,
  state?: RecordStateInput,
) {
  requireSignedIn(context.caller);
  const times = carriedTimes(context.caller, state);
  const problems = new InputProblems();
  const practice = await problems.collect(() =>
    practiceForWrite(context.em, context.caller, input.practiceId, 'practiceId'),
  );
  const actor = practice && requireAdoptionParty(context.caller, practice.ownerId, input.adopterId);
  await problems.collect(() => checkOrganisations(context, [{ field: 'adopterId', id: input.adopterId }]));
  await problems.collect(() => checkProject(context, input.projectId));
  problems.throwIfAny();
  if (!actor) throw new Error('a practice without problems has an actor');
  return mapWriteErrors('practice', () =>
    refuseOverlaps(() =>
      context.em.transactional(async (tx) => {
        await touchPractice(tx, input.practiceId, times);
        await checkNoOverlap(
          tx,
          {
            practice: input.practiceId,
            adopterId: input.adopterId,
            country: input.country,
            nuts: input.nuts ?? null,
            startDate: input.startDate ?? null,
            endDate: input.endDate ?? null,
          },
          null,
        );
        const id = await newRecordId(tx, Adoption, input.id, 'adoption');
        const now = new Date();
        const adoption = createAdoption(tx, input, {
          id,
          createdAt: times.createdAt ?? times.updatedAt ?? now,
          updatedAt: times.updatedAt ?? now,
        });
        record(
          tx,
          input.practiceId,
          actor,
          'ADOPTION_ADDED',
          { [`adoption ${adoption.id}`]: { from: null, to: snapshot(adoption) } },
          source ? importNote(source) : null,
        );
        await keepSourceKey(tx, AdoptionSource, 'adoption', adoption.id, source);
        await tx.flush();
        return adoption;
      }),
    ),
  );
}

async function adoptionForWrite(context: WriteContext, em: EntityManager, id: string, version: number) {
  requireSignedIn(context.caller);
  const adoption = await loadForWrite(em, Adoption, id);
  const practice = await em.findOneOrFail(Practice, { id: adoption.practice });
  const actor = requireAdoptionParty(context.caller, practice.ownerId, adoption.adopterId);
  checkVersion('adoption', adoption, version);
  return { adoption, actor };
}

export async function updateAdoption(
  context: WriteContext,
  id: string,
  version: number,
  input: UpdateAdoptionInput,
  source?: SourceKeyInput,
  state?: RecordStateInput,
) {
  requireSignedIn(context.caller);
  await checkProject(context, input.projectId);
  return mapWriteErrors('adoption', () =>
    refuseOverlaps(() =>
      context.em.transactional(async (tx) => {
        const { adoption, actor } = await adoptionForWrite(context, tx, id, version);
        const times = carriedTimes(context.caller, state, adoption.createdAt);
        const merged: Record<string, unknown> = {
          ...snapshot(adoption),
          ...datesOfMove(adoption, input),
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
        await touchPractice(tx, adoption.practice, times);
        await checkNoOverlap(tx, { ...(merged as unknown as Period), practice: adoption.practice }, adoption.id);
        const before = snapshot(adoption);
        tx.assign(adoption, merged as never);
        adoption.updatedAt = new Date();
        record(
          tx,
          adoption.practice,
          actor,
          'ADOPTION_UPDATED',
          diff(before, snapshot(adoption)),
          source ? importNote(source) : null,
        );
        await keepSourceKey(tx, AdoptionSource, 'adoption', adoption.id, source);
        await tx.flush();
        await keepCarriedTimes(tx, adoption, times);
        return adoption;
      }),
    ),
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
