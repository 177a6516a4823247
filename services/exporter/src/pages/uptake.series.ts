// Adoptions over time from their dates: per month, quarter or year, how many started, were active and ended. An
// adoption is in use from its start date (the day it was recorded when none is given) to its end date (an ended one
// without an end date: the day it was last changed); planned ones are not in use.
import type { GatewayRecords } from '../records.js';
import type { SeriesPoint } from './chart.js';
import { type DatedAdoption, datedAdoptions } from './page-data.js';

export type SeriesInterval = 'year' | 'quarter' | 'month';

const MONTHS: Record<SeriesInterval, number> = { year: 12, quarter: 3, month: 1 };

function periodName(year: number, month: number, interval: SeriesInterval) {
  if (interval === 'year') return String(year);
  if (interval === 'quarter') return `${year}-Q${Math.floor(month / 3) + 1}`;
  return `${year}-${String(month + 1).padStart(2, '0')}`;
}

const day = (value: string) => Date.parse(value.length === 10 ? `${value}T00:00:00Z` : value);

export function adoptionSeries(
  adoptions: readonly DatedAdoption[],
  interval: SeriesInterval,
  today: Date = new Date(),
): SeriesPoint[] {
  const dated = adoptions
    .filter((adoption) => adoption.status !== 'PLANNED')
    .map((adoption) => ({
      start: day(adoption.startDate ?? adoption.createdAt),
      end: adoption.endDate
        ? day(adoption.endDate)
        : adoption.status === 'ENDED'
          ? day(adoption.updatedAt.slice(0, 10))
          : null,
    }))
    .filter((adoption) => !Number.isNaN(adoption.start));
  if (!dated.length) return [];
  const step = MONTHS[interval];
  const first = new Date(Math.min(...dated.map((adoption) => adoption.start)));
  let year = first.getUTCFullYear();
  let month = Math.floor(first.getUTCMonth() / step) * step;
  const points: SeriesPoint[] = [];
  const until = today.getTime();
  for (;;) {
    const from = Date.UTC(year, month, 1);
    if (from > until) break;
    const to = Date.UTC(year, month + step, 1);
    let started = 0;
    let active = 0;
    let ended = 0;
    for (const adoption of dated) {
      if (adoption.start >= from && adoption.start < to) started += 1;
      if (adoption.end !== null && adoption.end >= from && adoption.end < to) ended += 1;
      if (adoption.start < to && (adoption.end === null || adoption.end >= from)) active += 1;
    }
    points.push({ period: periodName(year, month, interval), started, active, ended });
    month += step;
    if (month >= 12) {
      year += 1;
      month -= 12;
    }
  }
  return points;
}

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

/**
 * The uptake series of a place, drawn from the adoptions' own dates. This is the one function that says where the
 * series comes from; `complete` is false when it covers only the first SERIES_PRACTICES practices.
 */
export async function uptakeSeries(
  records: GatewayRecords,
  place: UptakePlace,
  interval: SeriesInterval,
  requestId?: string,
): Promise<{ points: SeriesPoint[]; complete: boolean }> {
  const { adoptions, complete } = await datedAdoptions(records, requestId);
  return { points: adoptionSeries(adoptions.filter(inPlace(place)), interval), complete };
}
