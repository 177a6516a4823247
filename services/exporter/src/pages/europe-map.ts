// A map of Europe drawn on the server as SVG from Natural Earth's country shapes (world-atlas, 1:50m), each country
// shaded by a figure and named in its <title>, so a person sees where something is used without any script. Shapes
// are drawn to whole pixels of the map's frame, which keeps a page small.
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { geoAzimuthalEqualArea, geoPath } from 'd3-geo';
import type { FeatureCollection, Geometry } from 'geojson';
import { feature } from 'topojson-client';
import type { GeometryCollection, Topology } from 'topojson-specification';
import { html, type SafeHtml } from './html.js';
import { alpha2OfNumeric, countryName } from './labels.js';

const WIDTH = 600;
const HEIGHT = 520;

interface CountryShape {
  /** ISO 3166-1 alpha-2, or null for shapes without one (e.g. northern Cyprus). */
  code: string | null;
  name: string;
  d: string;
}

let shapes: CountryShape[] | null = null;

/** A path drawn to whole pixels, without the points that fall on the pixel before them. */
function pixelPath(d: string) {
  let previous = '';
  return d.replace(/([MLZ])([^MLZ]*)/g, (command, letter: string, point: string) => {
    if (letter === 'L' && point === previous) return '';
    previous = letter === 'Z' ? '' : point;
    return command;
  });
}

/** Europe's countries projected once (Lambert azimuthal equal-area centred on Europe, as EPSG:3035), clipped to the frame. */
function europeShapes(): CountryShape[] {
  if (shapes) return shapes;
  const file = createRequire(import.meta.url).resolve('world-atlas/countries-50m.json');
  const topology = JSON.parse(readFileSync(file, 'utf8')) as Topology<{
    countries: GeometryCollection<{ name: string }>;
  }>;
  const countries = feature(topology, topology.objects.countries) as FeatureCollection<Geometry, { name: string }>;
  const projection = geoAzimuthalEqualArea()
    .rotate([-10, -52])
    .fitExtent(
      [
        [0, 0],
        [WIDTH, HEIGHT],
      ],
      {
        type: 'MultiPoint',
        coordinates: [
          [-24, 36],
          [-10, 35],
          [10, 34],
          [34, 34],
          [36, 33],
          [40, 45],
          [32, 70],
          [25, 71],
          [-24, 66],
        ],
      },
    )
    .clipExtent([
      [0, 0],
      [WIDTH, HEIGHT],
    ]);
  const path = geoPath(projection).digits(0);
  shapes = countries.features.flatMap((country) => {
    const drawn = path(country);
    if (!drawn) return [];
    const d = pixelPath(drawn);
    const code = country.id === undefined ? null : (alpha2OfNumeric(String(country.id)) ?? null);
    return [{ code, name: code ? countryName(code) : country.properties.name, d }];
  });
  return shapes;
}

export interface MapOptions {
  /** What the map shows, for its accessible name, e.g. "Adoptions by country". */
  title: string;
  /** The figure per ISO alpha-2 country; countries left out are drawn without data. */
  values: ReadonlyMap<string, number>;
  /** How the figure is said in a country's title, e.g. (3) → "3 adoptions". */
  describe: (value: number) => string;
  /** A country drawn with an outline, as the one a page is about. */
  focus?: string;
  small?: boolean;
}

/** The shading class of a figure: four steps up to the largest figure shown. */
function level(value: number, max: number) {
  if (value <= 0) return 'none';
  return `l${Math.min(4, Math.max(1, Math.ceil((value / max) * 4)))}`;
}

export function europeMap(options: MapOptions): SafeHtml {
  const max = Math.max(0, ...options.values.values());
  const id = `map-${options.small ? 's' : 'l'}-${options.title.replace(/[^A-Za-z0-9]+/g, '-').toLowerCase()}`;
  const shown = [...options.values.entries()].filter(([, value]) => value > 0);
  const description = shown.length
    ? shown.map(([code, value]) => `${countryName(code)}: ${options.describe(value)}`).join('; ')
    : 'No country has any yet.';
  const paths = europeShapes().map((shape) => {
    const value = shape.code ? options.values.get(shape.code) : undefined;
    const shade = level(value ?? 0, max);
    const focus = shape.code && shape.code === options.focus ? ' focus' : '';
    const label = value === undefined ? shape.name : `${shape.name}: ${options.describe(value)}`;
    return html`<path class="${shade}${focus}" d="${shape.d}"${shape.code ? html` data-country="${shape.code}"` : ''}><title>${label}</title></path>`;
  });
  return html`<svg class="map${options.small ? ' small' : ''}" viewBox="0 0 ${WIDTH} ${HEIGHT}" role="img" aria-labelledby="${id}-title ${id}-desc" xmlns="http://www.w3.org/2000/svg">
<title id="${id}-title">${options.title}</title>
<desc id="${id}-desc">${description}</desc>
${paths}
</svg>
<ul class="legend" aria-label="Map key">
<li><span class="none"></span>none</li>
${[1, 2, 3, 4].map((step) => {
  const from = Math.floor(((step - 1) * max) / 4) + 1;
  const to = Math.floor((step * max) / 4);
  return max > 0 && to >= from
    ? html`<li><span class="l${step}"></span>${from === to ? String(from) : `${from}–${to}`}</li>`
    : '';
})}
</ul>`;
}
