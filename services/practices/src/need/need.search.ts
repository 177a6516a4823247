// Listing needs: one SQL condition for every filter, a page by title, the total, and facet counts when asked for.
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
import { sortedFacets, withLazyFacets } from '../practice/practice.search.js';
import type { Condition } from '../practice/practice.visibility.js';
import { withChildren } from '../practice/who-codes.inputs.js';
import { Need } from './need.entity.js';
import type { NeedFilter } from './need.inputs.js';
import type { NeedFacets } from './need.types.js';
import { visibleNeedCondition } from './need.visibility.js';

export function needCondition(caller: Caller, filter: NeedFilter = {}): Condition {
  const parts: string[] = [];
  const params: unknown[] = [];
  const add = (sql: string, ...values: unknown[]) => {
    parts.push(sql);
    params.push(...values);
  };
  const visible = visibleNeedCondition(caller);
  add(visible.sql, ...visible.params);
  const statuses = filter.statuses?.length ? filter.statuses : ['PUBLISHED'];
  if (caller.kind === 'anonymous' && statuses.some((status) => status !== 'PUBLISHED')) {
    throw forbidden('Only published needs are public; sign in to see other statuses.');
  }
  add('n.status = any(?::text[])', textArray(statuses));
  if (filter.states?.length) add('n.state = any(?::text[])', textArray(filter.states));
  if (filter.countries?.length) add('n.country = any(?::text[])', textArray(filter.countries));
  if (filter.cdhiCodes?.length) add('n.cdhi_codes_expanded && ?::text[]', textArray(filter.cdhiCodes));
  if (filter.healthSystemChallenges?.length) {
    add(
      'n.health_system_challenges && ?::text[]',
      textArray(withChildren('healthSystemChallenges', filter.healthSystemChallenges)),
    );
  }
  if (filter.ownerId) add('n.owner_id = ?::uuid', filter.ownerId);
  return { sql: parts.map((part) => `(${part})`).join(' and '), params };
}

export async function searchNeeds(
  em: EntityManager,
  caller: Caller,
  filter: NeedFilter | undefined,
  first: number | undefined,
  after: string | undefined,
): Promise<ConnectionShape<Need> & { readonly facets: Promise<NeedFacets> }> {
  const size = pageSize(first);
  const condition = needCondition(caller, filter);
  let where = condition.sql;
  const params = [...condition.params];
  if (after) {
    const [title, id] = decodeCursor(after, 2);
    if (typeof title !== 'string' || typeof id !== 'string' || !/^[0-9a-f-]{36}$/.test(id)) {
      throw badUserInput('after', 'is not a cursor returned by this API');
    }
    where += ' and (n.title, n.id) > (?, ?::uuid)';
    params.push(title, id);
  }
  const [counted] = await rows<{ count: number }>(
    em,
    `select count(*)::int as count from need n where ${condition.sql}`,
    condition.params,
  );
  const page = await rows<{ id: string }>(
    em,
    `select n.id from need n where ${where} order by n.title, n.id limit ${size + 1}`,
    params,
  );
  const found = new Map(
    (await em.find(Need, { id: { $in: page.map((row) => row.id) } })).map((need) => [need.id, need]),
  );
  const needs = page.flatMap((row) => found.get(row.id) ?? []);
  const connection = toConnection(needs, size, counted?.count ?? 0, (need) => [need.title, need.id], Boolean(after));
  return withLazyFacets(connection, () => needFacets(em, condition));
}

/** Counts per value over every need the condition selects; a need that asks for no maturity counts as ANY. */
async function needFacets(em: EntityManager, condition: Condition): Promise<NeedFacets> {
  const sql = `with matching as (select n.state, n.country, n.cdhi_codes, n.health_system_challenges, n.service_types,
        n.target_groups, n.care_settings, coalesce(n.min_maturity, 'ANY') as min_maturity from need n where ${condition.sql})
    select 'states' as facet, state as value, count(*)::int as count from matching group by state
    union all select 'countries', country, count(*)::int from matching group by country
    union all select 'cdhiGroups', g, count(*)::int from matching,
      lateral (select distinct split_part(c, '.', 1) from unnest(cdhi_codes) as c) as g(g) group by g
    union all select 'healthSystemChallenges', c, count(*)::int from matching, unnest(health_system_challenges) as c group by c
    union all select 'serviceTypes', t, count(*)::int from matching, unnest(service_types) as t group by t
    union all select 'targetGroups', g, count(*)::int from matching, unnest(target_groups) as g group by g
    union all select 'careSettings', s, count(*)::int from matching, unnest(care_settings) as s group by s
    union all select 'minMaturity', min_maturity, count(*)::int from matching group by min_maturity`;
  const facets: NeedFacets = {
    states: [],
    countries: [],
    cdhiGroups: [],
    healthSystemChallenges: [],
    serviceTypes: [],
    targetGroups: [],
    careSettings: [],
    minMaturity: [],
  };
  for (const row of await rows<{ facet: keyof NeedFacets; value: string; count: number }>(em, sql, condition.params)) {
    facets[row.facet].push({ value: row.value, count: row.count });
  }
  return sortedFacets(facets);
}
