// Per-request batch loaders of the practices subgraph: the statements a request makes do not grow with its items.
import {
  badUserInput,
  type Caller,
  type ConnectionShape,
  decodeCursor,
  type EntityManager,
  groupBy,
  pageSize,
  rows,
  textArray,
  toConnection,
} from '@radar/common';
import DataLoader from 'dataloader';
import { Adoption } from './adoption/adoption.entity.js';
import { createAssessmentLoaders } from './assessment/assessment.loaders.js';
import { createNeedLoaders } from './need/need.loaders.js';
import { Contributor, Evidence, Practice, PracticeEvent, PracticeRevision } from './practice/practice.entity.js';
import { similarTo } from './practice/practice.neighbours.js';
import { filterCondition, practicesInOrder } from './practice/practice.search.js';
import { MAX_DUPLICATES, probeOf, rankSimilar, type SimilarMatch } from './practice/practice.similar.js';
import { canSee } from './practice/practice.visibility.js';
import { nutsRegion, regionNames } from './region/region.service.js';
import type { NutsRegion } from './region/region.types.js';

export type OrganisationRole = 'OWNER' | 'CONTRIBUTOR';

export interface OrganisationPracticesArgs {
  role: OrganisationRole | null;
  first: number | null;
  after: string | null;
}

export function createLoaders(em: EntityManager, caller: Caller) {
  const practiceById = new DataLoader<string, Practice | null>(async (ids) => {
    const found = new Map((await em.find(Practice, { id: { $in: [...ids] } })).map((row) => [row.id, row]));
    return ids.map((id) => found.get(id) ?? null);
  });

  const contributors = new DataLoader<string, Contributor[]>(async (ids) =>
    groupBy(
      ids,
      await em.find(Contributor, { practice: { $in: [...ids] } }, { orderBy: { role: 'asc', organisationId: 'asc' } }),
      (row) => row.practice,
    ),
  );

  const evidence = new DataLoader<string, Evidence[]>(async (ids) =>
    groupBy(
      ids,
      await em.find(Evidence, { practice: { $in: [...ids] } }, { orderBy: { position: 'asc' } }),
      (row) => row.practice,
    ),
  );

  const history = new DataLoader<string, PracticeEvent[]>(async (ids) =>
    groupBy(
      ids,
      await em.find(PracticeEvent, { practice: { $in: [...ids] } }, { orderBy: { at: 'asc', id: 'asc' } }),
      (row) => row.practice,
    ),
  );

  const revisions = new DataLoader<string, PracticeRevision | null>(async (ids) => {
    const found = new Map(
      (await em.find(PracticeRevision, { practice: { $in: [...ids] } })).map((row) => [row.practice, row]),
    );
    return ids.map((id) => found.get(id) ?? null);
  });

  const adoptionsOfPractice = new DataLoader<string, Adoption[]>(async (ids) =>
    groupBy(
      ids,
      await em.find(
        Adoption,
        { practice: { $in: [...ids] }, deletedAt: null },
        { orderBy: { country: 'asc', createdAt: 'asc' } },
      ),
      (row) => row.practice,
    ),
  );

  /** Adoptions by an organisation, of practices the caller may see. */
  const adoptionsOfAdopter = new DataLoader<string, Adoption[]>(async (ids) => {
    const rows = await em.find(
      Adoption,
      { adopterId: { $in: [...ids] }, deletedAt: null },
      { orderBy: { createdAt: 'asc' } },
    );
    const practices = await practiceById.loadMany([...new Set(rows.map((row) => row.practice))]);
    const visible = new Set(
      practices
        .filter((practice): practice is Practice => practice instanceof Practice && canSee(caller, practice))
        .map((p) => p.id),
    );
    return groupBy(
      ids,
      rows.filter((row) => visible.has(row.practice)),
      (row) => row.adopterId,
    );
  });

  const adoptionById = new DataLoader<string, Adoption | null>(async (ids) => {
    const found = new Map((await em.find(Adoption, { id: { $in: [...ids] } })).map((row) => [row.id, row]));
    return ids.map((id) => found.get(id) ?? null);
  });

  /** One loader per distinct argument set: all organisations asked with the same arguments share one batch. */
  const practicesOfOrganisation = new Map<string, DataLoader<string, ConnectionShape<Practice>>>();
  const organisationPractices = (args: OrganisationPracticesArgs) => {
    const key = JSON.stringify(args);
    let loader = practicesOfOrganisation.get(key);
    if (!loader) {
      loader = new DataLoader((organisationIds) => loadOrganisationPractices(em, caller, organisationIds, args));
      practicesOfOrganisation.set(key, loader);
    }
    return loader;
  };

  /** Practices like each asked one, one statement per distinct `first` (or for duplicates) whatever their number. */
  const similarBy = new Map<string, DataLoader<Practice, SimilarMatch[], string>>();
  const similar = (first: number | 'duplicates') => {
    const key = String(first);
    let loader = similarBy.get(key);
    if (!loader) {
      loader = new DataLoader(
        (practices) =>
          first === 'duplicates'
            ? rankSimilar(em, caller, practices.map(probeOf), MAX_DUPLICATES, true)
            : similarTo(em, caller, practices, first),
        { cacheKeyFn: (practice) => practice.id },
      );
      similarBy.set(key, loader);
    }
    return loader;
  };

  /** A NUTS region with its name, for every region a request shows. */
  const region = new DataLoader<string, NutsRegion>(async (codes) => {
    const names = await regionNames(em, codes);
    return codes.map((code) => nutsRegion(code, names));
  });

  return {
    practiceById,
    similar,
    contributors,
    evidence,
    history,
    revisions,
    adoptionsOfPractice,
    adoptionsOfAdopter,
    adoptionById,
    organisationPractices,
    ...createAssessmentLoaders(em),
    region,
    ...createNeedLoaders(em, caller, practiceById),
  };
}

export type Loaders = ReturnType<typeof createLoaders>;

async function loadOrganisationPractices(
  em: EntityManager,
  caller: Caller,
  organisationIds: readonly string[],
  args: OrganisationPracticesArgs,
): Promise<ConnectionShape<Practice>[]> {
  const size = pageSize(args.first);
  const visible = filterCondition(caller, {});
  const owner = 'p.owner_id = x.org';
  const contributor =
    'exists (select 1 from practice_contributor c where c.practice_id = p.id and c.organisation_id = x.org)';
  const role =
    args.role === 'OWNER' ? owner : args.role === 'CONTRIBUTOR' ? contributor : `(${owner} or ${contributor})`;
  const ids = textArray([...organisationIds]);
  let cursorSql = '';
  const cursorParams: unknown[] = [];
  if (args.after) {
    const [title, id] = decodeCursor(args.after, 2);
    if (typeof title !== 'string' || typeof id !== 'string')
      throw badUserInput('after', 'is not a cursor returned by this API');
    cursorSql = 'and (p.title, p.id) > (?, ?::uuid)';
    cursorParams.push(title, id);
  }
  const [counts, page] = await Promise.all([
    rows<{ org: string; count: number }>(
      em,
      `select x.org::text as org, count(p.id)::int as count from unnest(?::uuid[]) as x(org)
       left join practice p on ${visible.sql} and ${role} group by x.org`,
      [ids, ...visible.params],
    ),
    rows<{ org: string; id: string }>(
      em,
      `select x.org::text as org, q.id from unnest(?::uuid[]) as x(org) cross join lateral (
         select p.id, p.title from practice p where ${visible.sql} and ${role} ${cursorSql}
         order by p.title, p.id limit ${size + 1}) as q order by x.org, q.title, q.id`,
      [ids, ...visible.params, ...cursorParams],
    ),
  ]);
  const practices = new Map(
    (await practicesInOrder(em, [...new Set(page.map((row) => row.id))])).map((p) => [p.id, p]),
  );
  const totals = new Map(counts.map((row) => [row.org, row.count]));
  return organisationIds.map((org) => {
    const own = page.filter((row) => row.org === org).flatMap((row) => practices.get(row.id) ?? []);
    return toConnection(
      own,
      size,
      totals.get(org) ?? 0,
      (practice) => [practice.title, practice.id],
      Boolean(args.after),
    );
  });
}
