// Uptake for people: a map of Europe shaded by adoptions per country, adoptions over time as a chart, and the same
// figures as tables; for Europe as a whole, one country (its regions) or one NUTS region (the regions below it).
import { NUTS_PATTERN, nutsCountry } from '@radar/common';
import { z } from 'zod';
import { type SeriesPoint, seriesChart } from './chart.js';
import { europeMap } from './europe-map.js';
import { html, type SafeHtml } from './html.js';
import { countryName, plural } from './labels.js';
import type { RegionView, UptakeRow } from './page-data.js';
import { regionText, section } from './parts.js';
import { inPlace, type SeriesInterval, type UptakePlace } from './uptake.series.js';

export const uptakeQuery = z.object({
  interval: z
    .string({ error: 'give it once' })
    .pipe(z.enum(['year', 'quarter', 'month'], { error: 'interval must be year, quarter or month' }))
    .optional(),
});

/** The place an uptake page's address names; null for none RADAR knows. */
export function uptakePlace(place: string | undefined): UptakePlace | null {
  if (place === undefined) return { kind: 'europe' };
  if (/^[A-Z]{2}$/.test(place)) return countryName(place) === place ? null : { kind: 'country', country: place };
  if (NUTS_PATTERN.test(place)) {
    const country = nutsCountry(place);
    return countryName(country) === country ? null : { kind: 'region', country, nuts: place };
  }
  return null;
}

/** The place as a page names it; a region by its name when RADAR has one, else by its code. */
export function placeTitle(place: UptakePlace, region: RegionView | null = null) {
  if (place.kind === 'europe') return 'Europe';
  if (place.kind === 'country') return countryName(place.country);
  return `${region?.name ? regionText(place.nuts, region.name) : `region ${place.nuts}`}, ${countryName(place.country)}`;
}

function figuresTable(
  caption: string,
  heading: string,
  rows: readonly UptakeRow[],
  name: (row: UptakeRow) => SafeHtml,
) {
  return html`<table><caption>${caption}</caption>
<thead><tr><th scope="col">${heading}</th><th scope="col" class="number">Practices available</th><th scope="col" class="number">Practices adopted</th><th scope="col" class="number">Adoptions</th></tr></thead>
<tbody>${rows.map(
    (row) =>
      html`<tr><th scope="row">${name(row)}</th><td class="number">${row.practicesAvailable}</td><td class="number">${row.practicesAdopted}</td><td class="number">${row.adoptions}</td></tr>`,
  )}</tbody></table>`;
}

function seriesTable(caption: string, points: readonly SeriesPoint[]) {
  return html`<table><caption>${caption}</caption>
<thead><tr><th scope="col">Period</th><th scope="col" class="number">Started</th><th scope="col" class="number">Active</th><th scope="col" class="number">Ended</th></tr></thead>
<tbody>${points.map(
    (point) =>
      html`<tr><th scope="row">${point.period}</th><td class="number">${point.started}</td><td class="number">${point.active}</td><td class="number">${point.ended}</td></tr>`,
  )}</tbody></table>`;
}

export function uptakeMain(
  place: UptakePlace,
  interval: SeriesInterval,
  data: { rows: readonly UptakeRow[]; region: RegionView | null },
  points: readonly SeriesPoint[],
): SafeHtml {
  const { rows } = data;
  const countryRows = rows.filter((row) => row.nuts === null);
  const regionRows = rows.filter((row) => row.nuts !== null && inPlace(place)(row));
  const here =
    place.kind === 'europe'
      ? countryRows
      : rows.filter(
          (row) => inPlace(place)(row) && (place.kind === 'country' ? row.nuts === null : row.nuts === place.nuts),
        );
  const total = here.reduce((sum, row) => sum + row.adoptions, 0);
  const adopted = here.reduce((max, row) => Math.max(max, row.practicesAdopted), 0);
  const where = placeTitle(place, data.region);
  const values = new Map(countryRows.map((row) => [row.country, row.adoptions]));
  const intervalChoice = html`<form method="get" class="search" aria-label="Interval of the chart">
<label for="interval">Per</label>
<select id="interval" name="interval">${(['year', 'quarter', 'month'] as const).map(
    (option) => html`<option value="${option}"${option === interval ? html` selected` : ''}>${option}</option>`,
  )}</select>
<button type="submit">Show</button>
</form>`;
  return html`<p class="kicker">Uptake${place.kind === 'europe' ? '' : html` · <a href="/uptake">Europe</a>`}${
    place.kind === 'region' ? html` · <a href="/uptake/${place.country}">${countryName(place.country)}</a>` : ''
  }</p>
<h1>Uptake in ${where}</h1>
<p class="lead">${plural(total, 'adoption')} of published practices${
    place.kind === 'europe'
      ? html` in ${plural(countryRows.filter((row) => row.adoptions > 0).length, 'country', 'countries')}`
      : ''
  }${place.kind !== 'europe' ? html`; ${plural(adopted, 'practice')} adopted here` : ''}.</p>
<div class="grid">
${section(
  'map',
  'Adoptions by country',
  html`<figure>${europeMap({
    title: 'Adoptions of published practices by country',
    values,
    describe: (count) => plural(count, 'adoption'),
    focus: place.kind === 'europe' ? undefined : place.country,
  })}<figcaption>Shaded by the number of adoptions recorded in each country. Country shapes: Natural Earth.</figcaption></figure>`,
)}
${
  place.kind === 'europe'
    ? section(
        'countries',
        'By country',
        countryRows.length
          ? figuresTable(
              'Uptake per country',
              'Country',
              countryRows,
              (row) => html`<a href="/uptake/${row.country}">${countryName(row.country)}</a>`,
            )
          : html`<p class="muted">No practice is available or adopted anywhere yet.</p>`,
      )
    : section(
        'regions',
        place.kind === 'country' ? 'By region' : 'This region and the regions in it',
        regionRows.length
          ? figuresTable(
              `Uptake per NUTS region in ${where}`,
              'Region',
              regionRows,
              (row) => html`<a href="/uptake/${row.nuts}">${regionText(row.nuts ?? '', row.name)}</a>`,
            )
          : html`<p class="muted">No region has figures of its own.</p>`,
      )
}
</div>
${section(
  'series',
  'Adoptions over time',
  html`${intervalChoice}<figure>${seriesChart(`Adoptions in ${where} per ${interval}`, points)}<figcaption>Active: in use at some time in the period, from its start date to its end date.</figcaption></figure>`,
)}
${section('over-time', 'Over time', points.length ? seriesTable(`Adoptions in ${where} per ${interval}`, points) : html`<p class="muted">No adoption has dates yet.</p>`)}`;
}
