// Curators resolving likely duplicates: a pair marked "not a duplicate" is no longer listed by possibleDuplicates
// either way, while similar still ranks it.
import { badUserInput, mapWriteErrors, requireCurator } from '@radar/common';
import { NotDuplicate, Practice } from './practice.entity.js';
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
