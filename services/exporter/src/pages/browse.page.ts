// The browse page: published practices found by words and narrowed by the facets the search offers (type, maturity,
// WHO intervention, topic, target group, country, assessment label), a page at a time, as a plain GET form that needs no script.
import { z } from 'zod';
import type { CodeListName } from '../codelists.js';
import { codeLists } from '../codelists.js';
import { html, type SafeHtml } from './html.js';
import { countryName, labelOf, optionsOf, plural } from './labels.js';
import type { FacetCount, SearchFilter, SearchResult } from './page-data.js';
import { organisationLink, practiceLink } from './parts.js';

export const BROWSE_PAGE_SIZE = 20;

const codesOf = (list: CodeListName) => codeLists[list].map((entry) => entry.code) as [string, ...string[]];
/** A parameter that may be given once or repeated (one checkbox or several), as a list. */
const many = (values: [string, ...string[]], message: string) =>
  z
    .union([z.string(), z.array(z.string())])
    .transform((value) => (Array.isArray(value) ? value : [value]))
    .pipe(z.array(z.enum(values, { error: message })).max(50))
    .optional();
const once = z.string({ error: 'give it once' });
/** A select left at "any" sends an empty value, which means no filter. */
const chosen = (values: [string, ...string[]], message: string) =>
  z.preprocess((value) => (value === '' ? undefined : value), once.pipe(z.enum(values, { error: message })).optional());

export const browseQuery = z.object({
  q: once.max(200, 'q must be at most 200 characters').optional(),
  type: many(codesOf('practiceTypes'), 'type must be a practice type'),
  maturity: chosen(codesOf('maturityStages'), 'maturity must be a maturity stage'),
  cdhi: chosen(codesOf('cdhiCodes'), 'cdhi must be a WHO CDHI code'),
  topic: many(codesOf('topics'), 'topic must be a topic'),
  target: many(codesOf('targetGroups'), 'target must be a target group'),
  assessment: many(codesOf('assessmentLabels'), 'assessment must be an assessment label'),
  country: z
    .union([z.string(), z.array(z.string())])
    .transform((value) => (Array.isArray(value) ? value : [value]))
    .pipe(z.array(z.string().regex(/^[A-Z]{2}$/, 'country must be an ISO 3166-1 alpha-2 code, e.g. RO')).max(50))
    .optional(),
  owner: once
    .regex(/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i, 'owner must be an organisation id')
    .optional(),
  after: once.min(1).max(500).optional(),
});
export type BrowseQuery = z.infer<typeof browseQuery>;

export function searchFilter(query: BrowseQuery): SearchFilter {
  const filter: SearchFilter = {};
  if (query.q?.trim()) filter.text = query.q.trim();
  if (query.type?.length) filter.types = query.type;
  if (query.maturity) filter.minMaturity = query.maturity;
  if (query.cdhi) filter.cdhiCodes = [query.cdhi];
  if (query.topic?.length) filter.topics = query.topic;
  if (query.target?.length) filter.targetGroups = query.target;
  if (query.country?.length) filter.countries = query.country;
  if (query.assessment?.length) filter.assessment = query.assessment;
  if (query.owner) filter.ownerId = query.owner.toLowerCase();
  return filter;
}

/** The query string of this search without its cursor, for the pager's links. */
function searchString(query: BrowseQuery, cursor?: string) {
  const search = new URLSearchParams();
  if (query.q) search.set('q', query.q);
  for (const [name, values] of [
    ['type', query.type],
    ['topic', query.topic],
    ['target', query.target],
    ['country', query.country],
    ['assessment', query.assessment],
  ] as const)
    for (const value of values ?? []) search.append(name, value);
  if (query.maturity) search.set('maturity', query.maturity);
  if (query.cdhi) search.set('cdhi', query.cdhi);
  if (query.owner) search.set('owner', query.owner);
  if (cursor) search.set('after', cursor);
  const text = search.toString();
  return text ? `?${text}` : '';
}

/** One facet as checkboxes: every value with matches, and every value chosen, with its count. */
function checkboxes(
  name: string,
  legend: string,
  counts: readonly FacetCount[],
  chosen: readonly string[] | undefined,
  label: (value: string) => string,
): SafeHtml {
  const count = new Map(counts.map((entry) => [entry.value, entry.count]));
  const values = [
    ...new Set([...counts.filter((entry) => entry.count > 0).map((entry) => entry.value), ...(chosen ?? [])]),
  ];
  if (!values.length) return html``;
  return html`<fieldset><legend>${legend}</legend>${values.map((value) => {
    const id = `${name}-${value}`;
    return html`<label for="${id}"><input type="checkbox" id="${id}" name="${name}" value="${value}"${
      chosen?.includes(value) ? html` checked` : ''
    }> ${label(value)} <span class="muted">(${count.get(value) ?? 0})</span></label>`;
  })}</fieldset>`;
}

function select(name: string, label: string, options: readonly { code: string; label: string }[], chosen?: string) {
  return html`<p class="field"><label for="${name}">${label}</label>
<select id="${name}" name="${name}"><option value="">any</option>${options.map(
    (option) =>
      html`<option value="${option.code}"${option.code === chosen ? html` selected` : ''}>${option.label}</option>`,
  )}</select></p>`;
}

export function browseMain(query: BrowseQuery, result: SearchResult): SafeHtml {
  const maturityCounts = new Map(result.facets.maturity.map((entry) => [entry.value, entry.count]));
  const cdhiOptions = optionsOf('cdhiCodes').map((option) => ({
    code: option.code,
    label: `${option.code} ${option.label}`,
  }));
  const maturityOptions = optionsOf('maturityStages').map((option) => ({
    code: option.code,
    label: `${option.label} or later`,
  }));
  const filtered = Object.keys(searchFilter(query)).length > 0;
  return html`<h1>Browse practices</h1>
<p class="lead">Digital health practices published in RADAR: apps, platforms, policies, strategies, frameworks and models, with where they are in use.</p>
<form method="get" action="/browse" role="search" aria-label="Practices">
<div class="search">
<label for="q" class="muted">Words</label>
<input type="search" id="q" name="q" value="${query.q ?? ''}" placeholder="e.g. interoperability, telemonitoring">
<button type="submit">Search</button>
</div>
${
  query.owner
    ? html`<p><input type="hidden" name="owner" value="${query.owner}">Only practices owned by ${
        result.nodes[0] ? organisationLink(result.nodes[0].owner) : 'this organisation'
      } (<a href="/browse">all owners</a>).</p>`
    : ''
}
<div class="browse">
<div>
<h2 id="filters">Filters</h2>
${checkboxes('type', 'Type', result.facets.types, query.type, (value) => labelOf('practiceTypes', value))}
${select('maturity', 'Maturity at least', maturityOptions, query.maturity)}
${select('cdhi', 'WHO digital health intervention', cdhiOptions, query.cdhi)}
${checkboxes('topic', 'Topic', result.facets.topics, query.topic, (value) => labelOf('topics', value))}
${checkboxes('target', 'For', result.facets.targetGroups, query.target, (value) => labelOf('targetGroups', value))}
${checkboxes('country', 'Available in', result.facets.countries, query.country, countryName)}
${checkboxes('assessment', 'Assessment', result.facets.assessment, query.assessment, (value) => labelOf('assessmentLabels', value))}
<button type="submit">Apply filters</button>
${filtered ? html` <a href="/browse">Clear all</a>` : ''}
</div>
<section aria-labelledby="results">
<h2 id="results">${plural(result.totalCount, 'practice')} ${filtered ? 'match' : 'published'}</h2>
${
  result.facets.maturity.length
    ? html`<p class="muted">By maturity: ${result.facets.maturity.map(
        (entry, index) =>
          html`${index ? ', ' : ''}${labelOf('maturityStages', entry.value)} ${maturityCounts.get(entry.value) ?? 0}`,
      )}</p>`
    : ''
}
${
  result.nodes.length
    ? html`<ul class="cards">${result.nodes.map(
        (practice) => html`<li><h3>${practiceLink(practice)}</h3>
<p class="muted">${labelOf('practiceTypes', practice.type)} · ${labelOf('maturityStages', practice.maturity)} · by ${organisationLink(practice.owner)}${
          practice.countries.length ? html` · ${practice.countries.map(countryName).join(', ')}` : ''
        }</p>
<p>${practice.summary}</p></li>`,
      )}</ul>`
    : html`<p>No practice matches. Try fewer words or filters.</p>`
}
<nav class="pager" aria-label="Pages of results">
${query.after ? html`<a href="/browse${searchString(query)}">First page</a>` : ''}
${
  result.pageInfo.hasNextPage && result.pageInfo.endCursor
    ? html`<a href="/browse${searchString(query, result.pageInfo.endCursor)}" rel="next">Next page</a>`
    : ''
}
</nav>
</section>
</div>
</form>`;
}
