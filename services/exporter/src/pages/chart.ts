// Uptake over time as an SVG chart drawn on the server: adoptions active in each period as bars, those started and
// ended as lines, with the same figures in a table beside it for anyone who does not see the chart.
import { html, type SafeHtml } from './html.js';

export interface SeriesPoint {
  /** e.g. 2024, 2024-Q1 or 2024-03. */
  period: string;
  started: number;
  active: number;
  ended: number;
}

const WIDTH = 640;
const HEIGHT = 260;
const LEFT = 40;
const RIGHT = 12;
const TOP = 12;
const BOTTOM = 40;

/** Round steps for the vertical axis: 1, 2, 5, 10, 20, … */
function step(max: number) {
  const rough = Math.max(1, max / 4);
  const power = 10 ** Math.floor(Math.log10(rough));
  return [1, 2, 5, 10].map((factor) => factor * power).find((candidate) => candidate >= rough) ?? rough;
}

export function seriesChart(title: string, points: readonly SeriesPoint[]): SafeHtml {
  const max = Math.max(1, ...points.flatMap((point) => [point.active, point.started, point.ended]));
  const tick = step(max);
  const top = Math.ceil(max / tick) * tick;
  const plotWidth = WIDTH - LEFT - RIGHT;
  const plotHeight = HEIGHT - TOP - BOTTOM;
  const slot = plotWidth / Math.max(1, points.length);
  const x = (index: number) => LEFT + slot * index + slot / 2;
  const y = (value: number) => TOP + plotHeight - (value / top) * plotHeight;
  const ticks = Array.from({ length: top / tick + 1 }, (_, index) => index * tick);
  const labelEvery = Math.max(1, Math.ceil(points.length / 8));
  const line = (key: 'started' | 'ended') =>
    points.map((point, index) => `${index ? 'L' : 'M'}${x(index).toFixed(1)} ${y(point[key]).toFixed(1)}`).join(' ');
  const id = `chart-${title.replace(/[^A-Za-z0-9]+/g, '-').toLowerCase()}`;
  const last = points.at(-1);
  const description = last
    ? `${points.length} periods from ${points[0]?.period} to ${last.period}; ${last.active} active in ${last.period}.`
    : 'No adoptions with dates yet.';
  return html`<svg class="chart" viewBox="0 0 ${WIDTH} ${HEIGHT}" role="img" aria-labelledby="${id}-title ${id}-desc" xmlns="http://www.w3.org/2000/svg">
<title id="${id}-title">${title}</title>
<desc id="${id}-desc">${description}</desc>
${ticks.map(
  (value) =>
    html`<line class="grid" x1="${LEFT}" x2="${WIDTH - RIGHT}" y1="${y(value).toFixed(1)}" y2="${y(value).toFixed(1)}"/><text x="${LEFT - 6}" y="${(y(value) + 4).toFixed(1)}" text-anchor="end">${value}</text>`,
)}
${points.map(
  (point, index) =>
    html`<rect class="active" x="${(x(index) - slot * 0.35).toFixed(1)}" width="${(slot * 0.7).toFixed(1)}" y="${y(point.active).toFixed(1)}" height="${(y(0) - y(point.active)).toFixed(1)}"><title>${point.period}: ${point.active} active, ${point.started} started, ${point.ended} ended</title></rect>${
      index % labelEvery === 0
        ? html`<text x="${x(index).toFixed(1)}" y="${HEIGHT - BOTTOM + 16}" text-anchor="middle">${point.period}</text>`
        : ''
    }`,
)}
${points.length > 1 ? html`<path class="started" d="${line('started')}"/><path class="ended" d="${line('ended')}"/>` : ''}
<line class="axis" x1="${LEFT}" x2="${WIDTH - RIGHT}" y1="${y(0)}" y2="${y(0)}"/>
</svg>
<ul class="legend" aria-label="Chart key">
<li><span class="active"></span>active in the period</li>
<li><span class="started"></span>started</li>
<li><span class="ended"></span>ended</li>
</ul>`;
}
