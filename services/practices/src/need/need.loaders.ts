// Per-request batch loaders of needs and of the matches between needs and practices.
import { type Caller, type EntityManager, groupBy } from '@radar/common';
import DataLoader from 'dataloader';
import type { Practice } from '../practice/practice.entity.js';
import { Need, NeedEvent } from './need.entity.js';
import { type PairRow, rankCandidates, rankMatchingNeeds, reasonsFor } from './need.match.js';
import type { NeedCandidate, NeedMatch } from './need.types.js';
import { canSeeNeed } from './need.visibility.js';

type PracticeLoader = DataLoader<string, Practice | null>;

/** Loads the needs and practices of scored pairs and words their reasons: two batched loads for any number. */
export async function describePairs(
  rows: PairRow[],
  needById: DataLoader<string, Need | null>,
  practiceById: PracticeLoader,
) {
  const [needs, practices] = await Promise.all([
    needById.loadMany([...new Set(rows.map((row) => row.need_id))]),
    practiceById.loadMany([...new Set(rows.map((row) => row.practice_id))]),
  ]);
  const needMap = new Map(needs.flatMap((need) => (need instanceof Need ? [[need.id, need] as const] : [])));
  const practiceMap = new Map(
    practices.flatMap((practice) =>
      practice && !(practice instanceof Error) ? [[practice.id, practice] as const] : [],
    ),
  );
  return rows.flatMap((row) => {
    const need = needMap.get(row.need_id);
    const practice = practiceMap.get(row.practice_id);
    if (!need || !practice) return [];
    return [{ row, need, practice, score: row.score, reasons: reasonsFor(need, practice, row) }];
  });
}

export function createNeedLoaders(em: EntityManager, caller: Caller, practiceById: PracticeLoader) {
  const needById = new DataLoader<string, Need | null>(async (ids) => {
    const found = new Map((await em.find(Need, { id: { $in: [...ids] } })).map((row) => [row.id, row]));
    return ids.map((id) => found.get(id) ?? null);
  });

  const needHistory = new DataLoader<string, NeedEvent[]>(async (ids) =>
    groupBy(
      ids,
      await em.find(NeedEvent, { need: { $in: [...ids] } }, { orderBy: { at: 'asc', id: 'asc' } }),
      (row) => row.need,
    ),
  );

  /** The needs each organisation stated that the caller may see, by title. */
  const needsOfOwner = new DataLoader<string, Need[]>(async (ids) =>
    groupBy(
      ids,
      (
        await em.find(Need, { ownerId: { $in: [...ids] }, deletedAt: null }, { orderBy: { title: 'asc', id: 'asc' } })
      ).filter((need) => canSeeNeed(caller, need)),
      (row) => row.ownerId,
    ),
  );

  /** One statement per distinct `first`, whatever the number of needs asked about; keyed by the needs, as loaded. */
  const candidatesBy = new Map<number, DataLoader<Need, NeedCandidate[], string>>();
  const candidates = (first: number) => {
    let loader = candidatesBy.get(first);
    if (!loader) {
      loader = new DataLoader(
        async (needs) => {
          for (const need of needs) needById.prime(need.id, need);
          const pairs = await describePairs(await rankCandidates(em, needs, first), needById, practiceById);
          return needs.map((need) =>
            pairs
              .filter((pair) => pair.need.id === need.id)
              .map(({ practice, score, reasons }) => ({ practice, score, reasons })),
          );
        },
        { cacheKeyFn: (need) => need.id },
      );
      candidatesBy.set(first, loader);
    }
    return loader;
  };

  const matchingBy = new Map<number, DataLoader<string, NeedMatch[]>>();
  const matchingNeeds = (first: number) => {
    let loader = matchingBy.get(first);
    if (!loader) {
      loader = new DataLoader(async (practiceIds) => {
        const pairs = await describePairs(await rankMatchingNeeds(em, practiceIds, first), needById, practiceById);
        return practiceIds.map((id) =>
          pairs.filter((pair) => pair.practice.id === id).map(({ need, score, reasons }) => ({ need, score, reasons })),
        );
      });
      matchingBy.set(first, loader);
    }
    return loader;
  };

  return { needById, needHistory, needsOfOwner, candidates, matchingNeeds };
}
