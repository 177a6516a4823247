// Curators resolving likely duplicates: a pair marked "not a duplicate" is no longer listed by possibleDuplicates
// either way, while similar still ranks it; a duplicate merged into the original becomes a tombstone pointing to it.
import { LockMode } from '@mikro-orm/core';
import { badUserInput, checkVersion, mapWriteErrors, requireCurator } from '@radar/common';
import { record } from './practice.audit.js';
import { NotDuplicate, Practice } from './practice.entity.js';
import { discardPendingRevision, lockForWrite } from './practice.revision.js';
import type { WriteContext } from './practice.service.js';

/** SQL true when stored practices `a` and `b` (uuid expressions) were marked as not duplicates of each other. */
export const markedNotDuplicateSql = (a: string, b: string) =>
  `exists (select 1 from practice_not_duplicate n where n.practice_a_id = least(${a}, ${b}) and n.practice_b_id = greatest(${a}, ${b}))`;

/** Marks a pair as not duplicates (curators); marking it again replaces the reason. Answers the first practice. */
export async function markNotDuplicate(
  context: WriteContext,
  practiceId: string,
  otherId: string,
  reason?: string | null,
) {
  const actor = requireCurator(context.caller);
  if (practiceId === otherId) throw badUserInput('otherId', 'is the same practice as practiceId');
  return mapWriteErrors('practice', () =>
    context.em.transactional(async (tx) => {
      const found = await tx.find(Practice, { id: { $in: [practiceId, otherId] }, deletedAt: null });
      for (const [field, id] of [
        ['practiceId', practiceId],
        ['otherId', otherId],
      ] as const) {
        if (!found.some((practice) => practice.id === id)) throw badUserInput(field, `no practice has id ${id}`);
      }
      const [practiceA, practiceB] = [practiceId, otherId].sort();
      const values = {
        reason: reason?.trim() || null,
        markedAt: new Date(),
        markedByKeyId: actor.id,
        markedByLabel: actor.label,
      };
      const existing = await tx.findOne(NotDuplicate, { practiceA, practiceB });
      if (existing) tx.assign(existing, values);
      else tx.create(NotDuplicate, { practiceA, practiceB, ...values });
      await tx.flush();
      return found.find((practice) => practice.id === practiceId) as Practice;
    }),
  );
}

/**
 * Merges a duplicate into the practice that survives it (curators): the duplicate is deleted with `replacedBy` set,
 * so its tombstone points to the survivor. Its live adoptions move to the survivor, except one that overlaps an
 * adoption the survivor already has (same adopter, place and an overlapping period), which stays with the tombstone.
 * Its contributions stay with the tombstone: each organisation consented to that record, and the survivor's owner
 * proposes them again if they apply. Answers the survivor.
 */
export async function mergePractice(
  context: WriteContext,
  id: string,
  version: number,
  survivorId: string,
  comment?: string | null,
) {
  const actor = requireCurator(context.caller);
  if (id === survivorId) throw badUserInput('survivorId', 'is the practice being merged');
  return mapWriteErrors('practice', () =>
    context.em.transactional(async (tx) => {
      const duplicate = await lockForWrite(tx, id);
      checkVersion('practice', duplicate, version);
      const survivor = await tx.findOne(
        Practice,
        { id: survivorId, deletedAt: null },
        { lockMode: LockMode.PESSIMISTIC_WRITE, refresh: true },
      );
      if (!survivor) throw badUserInput('survivorId', `no practice has id ${survivorId}`);
      const moved = (await tx.getConnection().execute(
        `update adoption a set practice_id = ?, updated_at = now(), version = a.version + 1
          where a.practice_id = ? and a.deleted_at is null and not exists (
            select 1 from adoption b where b.practice_id = ? and b.deleted_at is null and b.adopter_id = a.adopter_id
              and b.country = a.country and coalesce(b.nuts, '') = coalesce(a.nuts, '')
              and daterange(b.start_date, b.end_date, '[]') && daterange(a.start_date, a.end_date, '[]'))
          returning a.id`,
        [survivorId, id, survivorId],
        'all',
        tx.getTransactionContext(),
      )) as { id: string }[];
      const now = new Date();
      duplicate.replacedBy = survivorId;
      duplicate.deletedAt = now;
      duplicate.updatedAt = now;
      survivor.updatedAt = now;
      const note = comment?.trim() || null;
      // As on deletion, a change its editors proposed is dropped with it.
      const discarded = await discardPendingRevision(tx, duplicate);
      record(tx, id, actor, 'MERGED', { replacedBy: { from: null, to: survivorId }, ...discarded }, note);
      record(
        tx,
        survivorId,
        actor,
        'MERGED_IN',
        {
          merged: { from: null, to: id },
          ...(moved.length > 0 ? { adoptions: { from: null, to: moved.map((row) => row.id).sort() } } : {}),
        },
        note,
      );
      await tx.flush();
      return survivor;
    }),
  );
}
