// Practice search: one SQL condition for every filter, used by the search page, its facets and uptake figures.
import {
  badUserInput,
  type Caller,
  type ConnectionShape,
  decodeCursor,
  type EntityManager,
  forbidden,
  pageSize,
  rows,
  textArray,
  toConnection,
} from '@radar/common';
import { currentLabelSql } from '../assessment/assessment.loaders.js';
import { maturityStages } from './practice.codes.js';
import { Practice } from './practice.entity.js';
import { type PracticeFilter, PracticeOrder } from './practice.inputs.js';
import type { FacetCount, PracticeFacets } from './practice.types.js';
import { type Condition, visibleCondition } from './practice.visibility.js';
import { withChildren } from './who-codes.inputs.js';

/** Words of a free-text query as a prefix tsquery (`smart:* & hospit:*`); null when nothing searchable is left. */
export function prefixQuery(text: string): string | null {
  const words = text.match(/[\p{L}\p{N}]+/gu) ?? [];
  return words.length > 0 ? words.map((word) => `${word}:*`).join(' & ') : null;
}

const TSQUERY_SQL = "to_tsquery('simple'::regconfig, radar_fold(?))";

export function filterCondition(caller: Caller, filter: PracticeFilter = {}): Condition & { tsquery: string | null } {
  const parts: string[] = [];
  const params: unknown[] = [];
  const add = (sql: string, ...values: unknown[]) => {
    parts.push(sql);
    params.push(...values);
  };
  const visible = visibleCondition(caller);
  add(visible.sql, ...visible.params);

  const statuses = filter.statuses?.length ? filter.statuses : ['PUBLISHED'];
  if (caller.kind !== 'key' && statuses.some((status) => status !== 'PUBLISHED')) {
    throw forbidden('Only published practices are public; send an API key to see other statuses.');
  }
  add('p.status = any(?::text[])', textArray(statuses));

  const tsquery = filter.text ? prefixQuery(filter.text) : null;
  if (filter.text && !tsquery) throw badUserInput('filter.text', 'has no letters or digits to search for');
  if (tsquery) add(`p.search_vector @@ ${TSQUERY_SQL}`, tsquery);
  if (filter.types?.length) add('p.type = any(?::text[])', textArray(filter.types));
  if (filter.minMaturity) {
    const from = maturityStages.findIndex((stage) => stage.code === filter.minMaturity);
    add('p.maturity = any(?::text[])', textArray(maturityStages.slice(from).map((stage) => stage.code)));
  }
  if (filter.cdhiCodes?.length) add('p.cdhi_codes_expanded && ?::text[]', textArray(filter.cdhiCodes));
  if (filter.healthSystemChallenges?.length) {
    add(
      'p.health_system_challenges && ?::text[]',
      textArray(withChildren('healthSystemChallenges', filter.healthSystemChallenges)),
    );
  }
  if (filter.serviceTypes?.length) {
    add('p.service_types && ?::text[]', textArray(withChildren('serviceTypes', filter.serviceTypes)));
  }
  if (filter.topics?.length) add('p.topics && ?::text[]', textArray(filter.topics));
  if (filter.targetGroups?.length) add('p.target_groups && ?::text[]', textArray(filter.targetGroups));
  if (filter.careSettings?.length) add('p.care_settings && ?::text[]', textArray(filter.careSettings));
  if (filter.countries?.length) add('p.countries && ?::text[]', textArray(filter.countries));
  if (filter.languages?.length) add('p.languages && ?::text[]', textArray(filter.languages));
  if (filter.nuts?.length) {
    add(
      'exists (select 1 from unnest(p.nuts) as n(code) where n.code like any(?::text[]))',
      textArray(filter.nuts.map((code) => `${code}%`)),
    );
  }
  if (filter.ownerId) add('p.owner_id = ?', filter.ownerId);
  if (filter.assessment?.length) add(`${currentLabelSql('p')} = any(?::text[])`, textArray(filter.assessment));
  return { sql: parts.map((part) => `(${part})`).join(' and '), params, tsquery };
}

/** Loads practices by id in the order given, in one statement. */
export async function practicesInOrder(em: EntityManager, ids: string[]): Promise<Practice[]> {
  if (ids.length === 0) return [];
  const found = new Map((await em.find(Practice, { id: { $in: ids } })).map((practice) => [practice.id, practice]));
  return ids.flatMap((id) => found.get(id) ?? []);
}

function facetQuery(em: EntityManager, condition: Condition): () => Promise<PracticeFacets> {
  return async () => {
    const sql = `with matching as (select ${currentLabelSql('p')} as assessment, p.type, p.maturity, p.countries, p.topics, p.target_groups, p.language, p.translations from practice p where ${condition.sql})
      select 'types' as facet, type as value, count(*)::int as count from matching group by type
      union all select 'maturity', maturity, count(*)::int from matching group by maturity
      union all select 'countries', c, count(*)::int from matching, unnest(countries) as c group by c
      union all select 'topics', t, count(*)::int from matching, unnest(topics) as t group by t
      union all select 'targetGroups', g, count(*)::int from matching, unnest(target_groups) as g group by g
      union all select 'assessment', assessment, count(*)::int from matching group by assessment
      union all select 'textLanguages', l, count(*)::int from matching,
        lateral (select language union select t ->> 'language' from jsonb_array_elements(translations) as t) as l(l) group by l`;
    const facets: PracticeFacets = {
      types: [],
      maturity: [],
      countries: [],
      topics: [],
      targetGroups: [],
      textLanguages: [],
      assessment: [],
    };
    for (const row of await rows<{ facet: keyof PracticeFacets; value: string; count: number }>(
      em,
      sql,
      condition.params,
    )) {
      facets[row.facet].push({ value: row.value, count: row.count });
    }
    return sortedFacets(facets);
  };
}

/** Facet lists as the API gives them: the most frequent value first, then by value. */
export function sortedFacets<T extends { [K in keyof T]: FacetCount[] }>(facets: T): T {
  for (const list of Object.values(facets) as FacetCount[][]) {
    list.sort((a, b) => b.count - a.count || a.value.localeCompare(b.value));
  }
  return facets;
}

/** A connection whose `facets` are computed, in one more statement, only when the query selects them. */
export function withLazyFacets<C extends object, F>(
  connection: C,
  facets: () => Promise<F>,
): C & { facets: Promise<F> } {
  let computed: Promise<F> | undefined;
  return Object.defineProperty(connection, 'facets', {
    get: () => {
      computed ??= facets();
      return computed;
    },
    enumerable: true,
  }) as C & { facets: Promise<F> };
}

type SearchResult = ConnectionShape<Practice> & { readonly facets: Promise<PracticeFacets> };

export async function searchPractices(
  em: EntityManager,
  caller: Caller,
  filter: PracticeFilter | undefined,
  orderBy: PracticeOrder | undefined,
  first: number | undefined,
  after: string | undefined,
): Promise<SearchResult> {
  const size = pageSize(first);
  const condition = filterCondition(caller, filter);
  const order = orderBy ?? (condition.tsquery ? PracticeOrder.RELEVANCE : PracticeOrder.TITLE);
  if (order === PracticeOrder.RELEVANCE && !condition.tsquery) {
    throw badUserInput('orderBy', 'RELEVANCE needs filter.text');
  }

  let select: string;
  let where = condition.sql;
  const params = [...condition.params];
  let orderSql: string;
  let cursorOf: (row: { id: string; title: string; updated_at: Date; rank: number }, index: number) => unknown[];
  let offset = 0;
  switch (order) {
    case PracticeOrder.RELEVANCE: {
      // Ranks are floats, so relevance pages by position rather than by key.
      select = `p.id, ts_rank(p.search_vector, ${TSQUERY_SQL}) as rank`;
      params.unshift(condition.tsquery);
      if (after) {
        const [kind, position] = decodeCursor(after, 2);
        if (kind !== 'o' || !Number.isInteger(position) || (position as number) < 0) {
          throw badUserInput('after', 'is not a cursor returned by this API for this order');
        }
        offset = position as number;
      }
      orderSql = 'rank desc, p.id asc';
      cursorOf = (_row, index) => ['o', offset + index + 1];
      break;
    }
    case PracticeOrder.UPDATED: {
      select = 'p.id, p.updated_at';
      if (after) {
        const [updatedAt, id] = decodeCursor(after, 2);
        if (typeof updatedAt !== 'string' || Number.isNaN(Date.parse(updatedAt)) || typeof id !== 'string') {
          throw badUserInput('after', 'is not a cursor returned by this API for this order');
        }
        where += ' and (p.updated_at, p.id) < (?::timestamptz, ?::uuid)';
        params.push(updatedAt, id);
      }
      orderSql = 'p.updated_at desc, p.id desc';
      cursorOf = (row) => [new Date(row.updated_at).toISOString(), row.id];
      break;
    }
    default: {
      select = 'p.id, p.title';
      if (after) {
        const [title, id] = decodeCursor(after, 2);
        if (typeof title !== 'string' || typeof id !== 'string') {
          throw badUserInput('after', 'is not a cursor returned by this API for this order');
        }
        where += ' and (p.title, p.id) > (?, ?::uuid)';
        params.push(title, id);
      }
      orderSql = 'p.title asc, p.id asc';
      cursorOf = (row) => [row.title, row.id];
    }
  }

  const [counted] = await rows<{ count: number }>(
    em,
    `select count(*)::int as count from practice p where ${condition.sql}`,
    condition.params,
  );
  const page = await rows<{ id: string; title: string; updated_at: Date; rank: number }>(
    em,
    `select ${select} from practice p where ${where} order by ${orderSql} limit ${size + 1} offset ${offset}`,
    params,
  );
  const practices = await practicesInOrder(
    em,
    page.map((row) => row.id),
  );
  const cursors = new Map(page.map((row, index) => [row.id, cursorOf(row, index)]));
  const connection = toConnection(
    practices,
    size,
    counted?.count ?? 0,
    (practice) => cursors.get(practice.id) ?? [],
    Boolean(after),
  );
  return withLazyFacets(connection, facetQuery(em, condition)) as SearchResult;
}
