// Adoptions over time on the uptake pages: the practices subgraph's uptakeSeries through the gateway, the very query a
// policy analyst sends, at the level of the page's place and summed over the places in it, with the periods in which
// nothing was counted filled in as zeros so the chart's time axis has no holes.
import type { GatewayRecords } from '../records.js';
import type { SeriesPoint } from './chart.js';

export type SeriesInterval = 'year' | 'quarter' | 'month';

const MONTHS: Record<SeriesInterval, number> = { year: 12, quarter: 3, month: 1 };
const INTERVAL: Record<SeriesInterval, string> = { year: 'YEAR', quarter: 'QUARTER', month: 'MONTH' };

/** What an uptake page is about: Europe, a country (ISO alpha-2) or a NUTS region. */
export type UptakePlace =
  | { kind: 'europe' }
  | { kind: 'country'; country: string }
  | { kind: 'region'; country: string; nuts: string };

/** Whether a figure or an adoption lies in the place: a region includes the regions below it. */
export const inPlace = (place: UptakePlace) => (item: { country: string; nuts: string | null }) =>
  place.kind === 'europe' ||
  (place.kind === 'country' && item.country === place.country) ||
  (place.kind === 'region' && item.nuts !== null && item.nuts.startsWith(place.nuts));

/** The uptakeSeries level a place's chart reads: countries for Europe and a country, the region's own NUTS level. */
export const seriesLevel = (place: UptakePlace) =>
  place.kind === 'region' ? `NUTS${place.nuts.length - 2}` : 'COUNTRY';

/** One row of uptakeSeries, as the page asks for it. */
export interface SeriesRow {
  period: string;
  start: string;
  country: string;
  nuts: string | null;
  started: number;
  active: number;
  ended: number;
}

export const UPTAKE_SERIES_QUERY = `query UptakePageSeries($interval: RegistrationInterval!, $level: UptakeLevel!) {
  uptakeSeries(interval: $interval, level: $level) { period start country nuts started active ended } }`;

function periodName(year: number, month: number, interval: SeriesInterval) {
  if (interval === 'year') return String(year);
  if (interval === 'quarter') return `${year}-Q${Math.floor(month / 3) + 1}`;
  return `${year}-${String(month + 1).padStart(2, '0')}`;
}

/**
 * The points of a place's chart from the rows of uptakeSeries at its level: the rows of the place (every country's
 * for Europe) summed per period, from the first period with an adoption in use to the last, a period without rows
 * counting zero.
 */
export function seriesPoints(rows: readonly SeriesRow[], place: UptakePlace, interval: SeriesInterval): SeriesPoint[] {
  const mine = rows.filter((row) =>
    place.kind === 'europe' ? true : place.kind === 'country' ? row.country === place.country : row.nuts === place.nuts,
  );
  const byStart = new Map<string, SeriesPoint>();
  for (const row of mine) {
    const point = byStart.get(row.start) ?? { period: row.period, started: 0, active: 0, ended: 0 };
    point.started += row.started;
    point.active += row.active;
    point.ended += row.ended;
    byStart.set(row.start, point);
  }
  // The chart starts with the first adoption; the series itself may start earlier, with the first publication.
  const starts = [...byStart.keys()]
    .filter((start) => {
      const point = byStart.get(start);
      return point && (point.started > 0 || point.active > 0 || point.ended > 0);
    })
    .sort();
  const first = starts[0];
  // ...and runs to the series' last period (today's, once anything is published there).
  const last = [...byStart.keys()].sort().at(-1);
  if (!first || !last) return [];
  const points: SeriesPoint[] = [];
  let [year, month] = first.split('-').map(Number) as [number, number];
  month -= 1;
  for (;;) {
    const start = `${year}-${String(month + 1).padStart(2, '0')}-01`;
    if (start > last) break;
    points.push(byStart.get(start) ?? { period: periodName(year, month, interval), started: 0, active: 0, ended: 0 });
    month += MONTHS[interval];
    if (month >= 12) {
      year += Math.floor(month / 12);
      month %= 12;
    }
  }
  return points;
}

/** A place's uptake series: one uptakeSeries request through the gateway, at the place's level. */
export async function uptakeSeries(
  records: GatewayRecords,
  place: UptakePlace,
  interval: SeriesInterval,
  requestId?: string,
): Promise<SeriesPoint[]> {
  const { uptakeSeries: rows } = await records.query<{ uptakeSeries: SeriesRow[] }>(
    UPTAKE_SERIES_QUERY,
    { interval: INTERVAL[interval], level: seriesLevel(place) },
    requestId,
  );
  return seriesPoints(rows, place, interval);
}
