// Uptake figures a policy analyst charts: practices available and adopted per country or region, and
// registrations over time. Each is one SQL statement over the same filter as the search.
import { badUserInput, type Caller, type EntityManager, nutsCountrySql, rows } from '@radar/common';
import type { PracticeFilter } from '../practice/practice.inputs.js';
import { filterCondition } from '../practice/practice.search.js';
import type { FacetCount, RegistrationCount, UptakeRow } from '../practice/practice.types.js';

export async function uptake(em: EntityManager, caller: Caller, filter: PracticeFilter | undefined, byRegion: boolean) {
  const condition = filterCondition(caller, filter);
  const sql = `with visible as (select p.id, p.maturity, p.countries, p.nuts from practice p where ${condition.sql}),
    available as (
      select c.code as country, null::text as region, v.id, v.maturity from visible v, unnest(v.countries) as c(code)
      ${byRegion ? `union all select ${nutsCountrySql('n.code')}, n.code, v.id, v.maturity from visible v, unnest(v.nuts) as n(code)` : ''}
    ),
    adopted as (
      select a.country, a.nuts as region, a.practice_id as id, v.maturity, a.scale
      from adoption a join visible v on v.id = a.practice_id
      where a.deleted_at is null and a.status in ('ONGOING', 'ENDED')
    ),
    adopted_levels as (
      select country, null::text as region, id, maturity, scale from adopted
      ${byRegion ? 'union all select country, region, id, maturity, scale from adopted where region is not null' : ''}
    )
    select 'available' as metric, country, region, null as value, count(distinct id)::int as count from available group by country, region
    union all select 'adopted', country, region, null, count(distinct id)::int from adopted_levels group by country, region
    union all select 'adoptions', country, region, null, count(*)::int from adopted_levels group by country, region
    union all select 'scale', country, region, scale, count(*)::int from adopted_levels group by country, region, scale
    union all select 'maturity', country, region, maturity, count(distinct id)::int from (
      select country, region, id, maturity from available union select country, region, id, maturity from adopted_levels
    ) involved group by country, region, maturity`;
  const table = new Map<string, UptakeRow>();
  for (const row of await rows<{
    metric: string;
    country: string;
    region: string | null;
    value: string | null;
    count: number;
  }>(em, sql, condition.params)) {
    const key = `${row.country}/${row.region ?? ''}`;
    let entry = table.get(key);
    if (!entry) {
      entry = {
        country: row.country,
        nuts: row.region,
        practicesAvailable: 0,
        practicesAdopted: 0,
        adoptions: 0,
        byMaturity: [],
        byScale: [],
      };
      table.set(key, entry);
    }
    if (row.metric === 'available') entry.practicesAvailable = row.count;
    else if (row.metric === 'adopted') entry.practicesAdopted = row.count;
    else if (row.metric === 'adoptions') entry.adoptions = row.count;
    else
      (row.metric === 'scale' ? entry.byScale : entry.byMaturity).push({
        value: row.value ?? '',
        count: row.count,
      } satisfies FacetCount);
  }
  return [...table.values()].sort(
    (a, b) => a.country.localeCompare(b.country) || (a.nuts ?? '').localeCompare(b.nuts ?? ''),
  );
}

export const intervals = {
  MONTH: { unit: 'month', format: 'YYYY-MM' },
  QUARTER: { unit: 'quarter', format: 'YYYY-"Q"Q' },
  YEAR: { unit: 'year', format: 'YYYY' },
} as const;
export type Interval = keyof typeof intervals;

export async function registrations(
  em: EntityManager,
  caller: Caller,
  interval: Interval,
  filter: PracticeFilter | undefined,
): Promise<RegistrationCount[]> {
  const settings = intervals[interval];
  if (!settings) throw badUserInput('interval', 'must be MONTH, QUARTER or YEAR');
  const condition = filterCondition(caller, filter);
  const bucket = (column: string) => `date_trunc('${settings.unit}', ${column} at time zone 'UTC')`;
  const sql = `with visible as (select p.created_at, p.published_at from practice p where ${condition.sql}),
    events as (
      select ${bucket('created_at')} as start, 1 as registered, 0 as published from visible
      union all select ${bucket('published_at')}, 0, 1 from visible where published_at is not null
    )
    select to_char(start, '${settings.format}') as period, start at time zone 'UTC' as start,
      sum(registered)::int as registered, sum(published)::int as published
    from events group by start order by start`;
  return (
    await rows<{ period: string; start: Date | string; registered: number; published: number }>(
      em,
      sql,
      condition.params,
    )
  ).map((row) => ({ ...row, start: new Date(row.start) }));
}
