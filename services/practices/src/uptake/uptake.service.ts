// Uptake figures a policy analyst charts: practices available and adopted per country or region, as of a date or
// over time, and registrations over time. Each is one SQL statement over the same filter as the search, and one more
// for the names of the regions it counts in.
import {
  badUserInput,
  type Caller,
  countryName,
  type EntityManager,
  nutsCountry,
  nutsCountrySql,
  nutsLevel,
  rows,
} from '@radar/common';
import type { PracticeFilter } from '../practice/practice.inputs.js';
import { filterCondition } from '../practice/practice.search.js';
import type { FacetCount, RegistrationCount } from '../practice/practice.types.js';
import { regionNames } from '../region/region.service.js';
import { nutsLength, UptakeLevel, type UptakePeriod, type UptakeRow } from './uptake.types.js';

/** Statuses of an adoption in use; a PLANNED one is not (yet). */
const IN_USE = "('PILOTING', 'ONGOING', 'ENDED')";

/**
 * SQL for when an adoption (alias `a`) is in use: from its start date, or the day it was recorded; to its end date,
 * or for an ENDED one without an end date the day it was last changed; open (null) while it goes on.
 */
const USE_END_SQL =
  "coalesce(a.end_date, case when a.status = 'ENDED' then (a.updated_at at time zone 'UTC')::date end)";
const USE_START_SQL = `least(coalesce(a.start_date, (a.created_at at time zone 'UTC')::date), ${USE_END_SQL})`;

/** The level of a place: a country when there is no NUTS code, else the code's NUTS level. */
export const levelOf = (code: string | null) =>
  code
    ? ([UptakeLevel.NUTS1, UptakeLevel.NUTS2, UptakeLevel.NUTS3][nutsLevel(code) - 1] ?? UptakeLevel.NUTS3)
    : UptakeLevel.COUNTRY;

/** The name of a place: the country's on country rows, the region's (from `names`, null when it has none) on region rows. */
function place(country: string, nuts: string | null, names: ReadonlyMap<string, string>) {
  return {
    country,
    countryName: countryName(country),
    nuts,
    level: levelOf(nuts),
    name: nuts ? (names.get(nuts) ?? null) : countryName(country),
  };
}

const noNames: ReadonlyMap<string, string> = new Map();

/** Every NUTS region a code lies in, itself included, as rows (region): RO213 gives RO2, RO21 and RO213. */
const regionsOf = (column: string) =>
  `(select left(${column}, l) as region from generate_series(3, least(length(${column}), 5)) as l)`;

export async function uptake(
  em: EntityManager,
  caller: Caller,
  filter: PracticeFilter | undefined,
  byRegion: boolean,
  asOf: string | undefined,
) {
  const condition = filterCondition(caller, filter);
  const params = [...condition.params];
  // An adoption counts from when it was in use, whenever its practice was registered; availability from publication.
  let publishedBy = '';
  let inUseOn = '';
  if (asOf) {
    publishedBy = "where (v.published_at at time zone 'UTC')::date <= ?::date";
    inUseOn = `and ${USE_START_SQL} <= ?::date and (${USE_END_SQL} is null or ${USE_END_SQL} >= ?::date)`;
    params.push(asOf, ...(byRegion ? [asOf] : []), asOf, asOf);
  }
  const sql = `with visible as (select p.id, p.maturity, p.countries, p.nuts, p.published_at from practice p where ${condition.sql}),
    available as (
      select c.code as country, null::text as region, v.id, v.maturity from visible v, unnest(v.countries) as c(code) ${publishedBy}
      ${byRegion ? `union all select distinct ${nutsCountrySql('n.code')}, r.region, v.id, v.maturity from visible v, unnest(v.nuts) as n(code), lateral ${regionsOf('n.code')} r ${publishedBy}` : ''}
    ),
    adopted as (
      select a.id as adoption, a.country, a.nuts, a.practice_id as id, v.maturity, a.scale
      from adoption a join visible v on v.id = a.practice_id
      where a.deleted_at is null and a.status in ${IN_USE} ${inUseOn}
    ),
    adopted_levels as (
      select country, null::text as region, id, maturity, scale from adopted
      ${byRegion ? `union all select country, r.region, id, maturity, scale from adopted, lateral ${regionsOf('nuts')} r where nuts is not null` : ''}
    )
    select 'available' as metric, country, region, null as value, count(distinct id)::int as count from available group by country, region
    union all select 'adopted', country, region, null, count(distinct id)::int from adopted_levels group by country, region
    union all select 'adoptions', country, region, null, count(*)::int from adopted_levels group by country, region
    union all select 'scale', country, region, scale, count(*)::int from adopted_levels group by country, region, scale
    union all select 'maturity', country, region, maturity, count(distinct id)::int from (
      select country, region, id, maturity from available union select country, region, id, maturity from adopted_levels
    ) involved group by country, region, maturity`;
  const table = new Map<string, UptakeRow>();
  const figures = await rows<{
    metric: string;
    country: string;
    region: string | null;
    value: string | null;
    count: number;
  }>(em, sql, params);
  const names = byRegion
    ? await regionNames(
        em,
        figures.flatMap((row) => row.region ?? []),
      )
    : noNames;
  for (const row of figures) {
    const key = `${row.country}/${row.region ?? ''}`;
    let entry = table.get(key);
    if (!entry) {
      entry = {
        ...place(row.country, row.region, names),
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
  MONTH: { unit: 'month', format: 'YYYY-MM', months: 1 },
  QUARTER: { unit: 'quarter', format: 'YYYY-"Q"Q', months: 3 },
  YEAR: { unit: 'year', format: 'YYYY', months: 12 },
} as const;
export type Interval = keyof typeof intervals;

/** More periods than this in one series is a mistake in the range, not a chart. */
export const MAX_PERIODS = 1200;

function settingsOf(interval: Interval) {
  const settings = intervals[interval];
  if (!settings) throw badUserInput('interval', 'must be MONTH, QUARTER or YEAR');
  return settings;
}

export async function registrations(
  em: EntityManager,
  caller: Caller,
  interval: Interval,
  filter: PracticeFilter | undefined,
): Promise<RegistrationCount[]> {
  const settings = settingsOf(interval);
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

export interface SeriesRange {
  interval: Interval;
  /** First day to cover (YYYY-MM-DD); the first adoption or publication when omitted. */
  from?: string | undefined;
  /** Last day to cover (YYYY-MM-DD); today when omitted. */
  to?: string | undefined;
  level: UptakeLevel;
}

function checkRange(range: SeriesRange) {
  const settings = settingsOf(range.interval);
  if (range.from && range.to) {
    if (range.to < range.from) throw badUserInput('to', 'must not be before from');
    const [fromYear, fromMonth] = range.from.split('-').map(Number) as [number, number];
    const [toYear, toMonth] = range.to.split('-').map(Number) as [number, number];
    const periods = ((toYear - fromYear) * 12 + (toMonth - fromMonth)) / settings.months;
    if (periods > MAX_PERIODS) {
      throw badUserInput(
        'from',
        `covers more than ${MAX_PERIODS} periods; choose a longer interval or a shorter range`,
      );
    }
  }
  return settings;
}

/**
 * The SQL of the uptake series: one statement. Each adoption in use gives a start and (when it ended) an end event,
 * each practice's adoptions in a place are merged into spells of periods (the periods it was in use there, so a
 * practice counts once per period however many adopters use it), and each publication gives an availability event; per place the events are summed per
 * period and accumulated, so an adoption that started before the range still counts as active in it.
 */
export function uptakeSeriesSql(condition: { sql: string; params: unknown[] }, range: SeriesRange) {
  const settings = checkRange(range);
  const unit = settings.unit;
  const step = `interval '${settings.months} months'`;
  const length = range.level === UptakeLevel.COUNTRY ? null : nutsLength[range.level];
  const adoptionPlace = length ? `left(a.nuts, ${length})` : 'a.country';
  const adoptionHasPlace = length ? `and length(a.nuts) >= ${length}` : '';
  const practicePlaces = length
    ? `(select distinct left(n, ${length}) as place from unnest(v.nuts) as n where length(n) >= ${length})`
    : '(select distinct c as place from unnest(v.countries) as c)';
  const period = (column: string) => `date_trunc('${unit}', ${column})::date`;
  const sql = `with visible as (select p.id, p.countries, p.nuts, p.published_at from practice p where ${condition.sql}),
    uses as (
      select practice_id, place, ${period('use_start')} as from_period, ${period('use_end')} as to_period
      from (select a.practice_id, ${adoptionPlace} as place, ${USE_START_SQL} as use_start, ${USE_END_SQL} as use_end
        from adoption a join visible v on v.id = a.practice_id
        where a.deleted_at is null and a.status in ${IN_USE} ${adoptionHasPlace}) in_use
    ),
    ordered as (
      select practice_id, place, from_period, to_period,
        max(coalesce(to_period, 'infinity'::date)) over (partition by practice_id, place order by from_period, to_period
          rows between unbounded preceding and 1 preceding) as reached
      from uses
    ),
    spells as (
      select practice_id, place, min(from_period) as from_period,
        case when bool_or(to_period is null) then null else max(to_period) end as to_period
      from (select *, count(*) filter (where reached is null or from_period > reached)
        over (partition by practice_id, place order by from_period, to_period) as spell from ordered) numbered
      group by practice_id, place, spell
    ),
    available as (
      select r.place, ${period("v.published_at at time zone 'UTC'")} as from_period
      from visible v, lateral ${practicePlaces} r where v.published_at is not null
    ),
    events as (
      select place, from_period as period, count(*) as started, 0 as ended, 0 as spell_started, 0 as spell_ended,
        0 as published from uses group by 1, 2
      union all select place, to_period, 0, count(*), 0, 0, 0 from uses where to_period is not null group by 1, 2
      union all select place, from_period, 0, 0, count(*), 0, 0 from spells group by 1, 2
      union all select place, to_period, 0, 0, 0, count(*), 0 from spells where to_period is not null group by 1, 2
      union all select place, from_period, 0, 0, 0, 0, count(*) from available group by 1, 2
    ),
    bounds as (
      select ${period(`coalesce(?::date, least((select min(from_period) from uses), (select min(from_period) from available)), current_date)`)} as first,
        ${period('coalesce(?::date, current_date)')} as last
    ),
    periods as (
      select s::date as start, (s + ${step} - interval '1 day')::date as "end"
      from bounds, generate_series(bounds.first, bounds.last, ${step}) as s
      union all select first - 1, first - 1 from bounds
    ),
    sums as (
      select e.place, greatest(e.period, b.first - 1) as start, sum(started) as started, sum(ended) as ended,
        sum(spell_started) as spell_started, sum(spell_ended) as spell_ended, sum(published) as published
      from events e, bounds b where e.period <= b.last group by 1, 2
    ),
    grid as (
      select places.place, periods.start, periods."end", coalesce(s.started, 0) as started, coalesce(s.ended, 0) as ended,
        coalesce(s.spell_started, 0) as spell_started, coalesce(s.spell_ended, 0) as spell_ended,
        coalesce(s.published, 0) as published
      from (select distinct place from sums) places cross join periods
      left join sums s on s.place = places.place and s.start = periods.start
    ),
    running as (
      select *, sum(started) over w as started_by, sum(ended) over w as ended_by,
        sum(spell_started) over w as spells_by, sum(spell_ended) over w as spells_ended_by,
        sum(published) over w as published_by
      from grid window w as (partition by place order by start)
    )
    select to_char(r.start, '${settings.format}') as period, to_char(r.start, 'YYYY-MM-DD') as start,
      to_char(r."end", 'YYYY-MM-DD') as "end", r.place, r.started::int as started, r.ended::int as ended,
      (r.started_by - r.ended_by + r.ended)::int as active,
      (r.spells_by - r.spells_ended_by + r.spell_ended)::int as adopted, r.published_by::int as available
    from running r, bounds b
    where r.start >= b.first and (r.started > 0 or r.ended > 0 or r.published_by > 0 or r.started_by - r.ended_by + r.ended > 0)
    order by r.start, r.place`;
  return { sql, params: [...condition.params, range.from ?? null, range.to ?? null] };
}

export interface SeriesRow {
  period: string;
  start: string;
  end: string;
  place: string;
  started: number;
  ended: number;
  active: number;
  adopted: number;
  available: number;
}

/** The one statement uptakeSeries runs for a caller and filter, with its parameters. */
export function uptakeSeriesStatement(caller: Caller, range: SeriesRange, filter?: PracticeFilter) {
  return uptakeSeriesSql(filterCondition(caller, filter), range);
}

export async function uptakeSeries(
  em: EntityManager,
  caller: Caller,
  range: SeriesRange,
  filter: PracticeFilter | undefined,
): Promise<UptakePeriod[]> {
  const { sql, params } = uptakeSeriesStatement(caller, range, filter);
  const series = await rows<SeriesRow>(em, sql, params);
  const byRegion = range.level !== UptakeLevel.COUNTRY;
  const names = byRegion ? await regionNames(em, new Set(series.map((row) => row.place))) : noNames;
  return series.map((row) => {
    const nuts = byRegion ? row.place : null;
    return {
      period: row.period,
      start: row.start,
      end: row.end,
      ...place(nuts ? nutsCountry(nuts) : row.place, nuts, names),
      level: range.level,
      started: row.started,
      active: row.active,
      ended: row.ended,
      practicesAvailable: row.available,
      practicesAdopted: row.adopted,
    };
  });
}
