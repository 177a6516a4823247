// An organisation as a registry entry: what it is and where, the practices it owns or contributes to, the practices
// it has adopted, its projects with its role in each, and its networks.
import type { Json } from '../mapping.js';
import { europeMap } from './europe-map.js';
import { html, type SafeHtml } from './html.js';
import { countryName, dateText, labelOf, periodText, plural } from './labels.js';
import { renderMarkdown } from './markdown.js';
import type { OrganisationExtras } from './page-data.js';
import {
  adoptionsByCountry,
  adoptionTable,
  facts,
  organisationLink,
  outsideLink,
  practiceLink,
  projectLink,
  regionText,
  section,
} from './parts.js';

interface OrganisationRecord {
  id: string;
  name: string;
  acronym: string | null;
  kind: string;
  country: string | null;
  nuts: string | null;
  city: string | null;
  website: string | null;
  description: string | null;
  identifiers: { scheme: string; value: string; iri: string | null }[];
  updatedAt: string;
}

export function organisationMain(record: OrganisationRecord, extras: OrganisationExtras | null): SafeHtml {
  const practices = extras?.practices.nodes ?? [];
  const owned = practices.filter((practice) => practice.owner.id === record.id);
  const contributed = practices.filter((practice) => practice.owner.id !== record.id);
  const adoptions = extras?.adoptions ?? [];
  const projects = extras?.projectRoles ?? [];
  const kind = labelOf('organisationKinds', record.kind);
  const where = [
    record.city,
    record.nuts ? `region ${regionText(record.nuts, extras?.region?.name)}` : null,
    record.country ? countryName(record.country) : null,
  ]
    .filter(Boolean)
    .join(', ');
  const practiceList = (list: typeof practices) =>
    html`<ul class="cards">${list.map(
      (practice) =>
        html`<li><h3>${practiceLink(practice)}</h3><p class="muted">${labelOf('practiceTypes', practice.type)} · ${labelOf('maturityStages', practice.maturity)}</p><p>${practice.summary}</p></li>`,
    )}</ul>`;
  return html`<article itemscope itemtype="https://schema.org/Organization">
<meta itemprop="name" content="${record.name}">
<p class="kicker">Organisation · ${kind}</p>
<h1>${record.name}</h1>
${record.acronym ? html`<p class="lead"><span itemprop="alternateName">${record.acronym}</span></p>` : ''}
<div class="grid">
<section aria-labelledby="facts"><h2 id="facts">Facts</h2>
${facts([
  ['Kind', kind],
  ['Where', where ? html`<span itemprop="address">${where}</span>` : null],
  ['Website', record.website ? outsideLink(record.website, record.website, 'url') : null],
  [
    'Identifiers',
    record.identifiers.length
      ? html`${record.identifiers.map(
          (identifier, index) =>
            html`${index ? ', ' : ''}${identifier.scheme} ${
              identifier.iri ? outsideLink(identifier.iri, identifier.value, 'sameAs') : identifier.value
            }`,
        )}`
      : null,
  ],
  [
    'Member of',
    extras?.memberships.length
      ? html`${extras.memberships.map((network, index) => html`${index ? ', ' : ''}${organisationLink(network)}`)}`
      : null,
  ],
  [
    'Members',
    extras?.members.length
      ? html`${extras.members.map((member, index) => html`${index ? ', ' : ''}${organisationLink(member)}`)}`
      : null,
  ],
  ['Practices', `${owned.length} owned, ${contributed.length} contributed to`],
  ['Adoptions', plural(adoptions.length, 'adoption')],
  ['Last changed', dateText(record.updatedAt)],
])}
</section>
<section aria-labelledby="where"><h2 id="where">Where it has adopted practices</h2>
${europeMap({
  title: `Adoptions by ${record.name} by country`,
  values: adoptionsByCountry(adoptions),
  describe: (count) => plural(count, 'adoption'),
  focus: record.country ?? undefined,
  small: true,
})}
</section>
</div>
${record.description ? section('description', 'About', html`<div class="description" itemprop="description">${renderMarkdown(record.description)}</div>`) : ''}
${section(
  'owned',
  'Practices it owns',
  html`${owned.length ? practiceList(owned) : html`<p class="muted">None published.</p>`}${
    (extras?.practices.totalCount ?? 0) > practices.length
      ? html`<p><a href="/browse?owner=${record.id}">Every practice it owns</a></p>`
      : ''
  }`,
)}
${section('contributed', 'Practices it contributes to', contributed.length ? practiceList(contributed) : html`<p class="muted">None published.</p>`)}
${section(
  'adoptions',
  'Practices it has adopted',
  adoptions.length
    ? adoptionTable(`Practices ${record.name} has adopted`, adoptions, {
        heading: 'Practice',
        cell: (adoption) => practiceLink(adoption.practice),
      })
    : html`<p class="muted">No adoption is recorded.</p>`,
)}
${section(
  'projects',
  'Projects',
  projects.length
    ? html`<ul>${projects.map(
        ({ project, roles }) =>
          html`<li>${projectLink(project)} — <span class="role">${roles
            .map((role) => labelOf('projectRoles', role).toLowerCase())
            .join(', ')}</span> in a ${labelOf('projectKinds', project.kind ?? '').toLowerCase()} project${
            project.startDate || project.endDate ? html`, ${periodText(project.startDate, project.endDate)}` : ''
          }</li>`,
      )}</ul>`
    : html`<p class="muted">No project is recorded.</p>`,
)}
</article>`;
}

export const organisationRecord = (record: Json) => record as unknown as OrganisationRecord;
