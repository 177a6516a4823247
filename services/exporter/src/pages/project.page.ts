// A project as a registry entry: its funding and period, its participants, the practices it produced, used or
// transferred, linked projects, and for a twinning who transferred what to whom, stage by stage on a timeline.
import type { Json } from '../mapping.js';
import { html, langOf, type SafeHtml } from './html.js';
import { countryName, dateText, labelOf, periodText } from './labels.js';
import type { ProjectExtras } from './page-data.js';
import { facts, organisationLink, outsideLink, placeOf, practiceLink, projectLink, section } from './parts.js';

interface ProjectRecord {
  id: string;
  acronym: string;
  title: string;
  summary: string | null;
  kind: string;
  programme: string;
  grantNumber: string | null;
  cordisId: string | null;
  startDate: string | null;
  endDate: string | null;
  totalBudget: string | null;
  euContribution: string | null;
  website: string | null;
  updatedAt: string;
  /** The language its title and summary are written in, where the registry records it. */
  language?: string;
}

const euros = new Intl.NumberFormat('en-GB', { style: 'currency', currency: 'EUR', maximumFractionDigits: 2 });
const amount = (value: string | null) => (value ? euros.format(Number(value)) : null);

function twinningSection(twinning: NonNullable<ProjectExtras['twinning']>): SafeHtml {
  return section(
    'twinning',
    'Twinning',
    html`${facts([
      ['Type', labelOf('twinningTypes', twinning.type)],
      [
        'Practice transferred',
        twinning.practice ? practiceLink(twinning.practice) : html`<span class="muted">no longer public</span>`,
      ],
      ['Originator', organisationLink(twinning.originator)],
      [
        'Adopters',
        html`${twinning.adopters.map((adopter, index) => html`${index ? ', ' : ''}${organisationLink(adopter.organisation)}`)}`,
      ],
      ['Completed', twinning.completedAt ? dateText(twinning.completedAt) : 'not yet'],
      ['Outcome', twinning.outcome],
    ])}
<h3>Stages</h3>
<ol class="timeline" aria-label="Stages of the twinning">
${twinning.stages.map(
  (stage) =>
    html`<li><span class="when"><time datetime="${stage.startDate}">${dateText(stage.startDate)}</time> – <time datetime="${stage.endDate}">${dateText(stage.endDate)}</time></span><strong>${stage.name}</strong>${
      stage.description ? html`<p>${stage.description}</p>` : ''
    }</li>\n`,
)}
${twinning.completedAt ? html`<li><span class="when"><time datetime="${twinning.completedAt}">${dateText(twinning.completedAt)}</time></span><strong>Completed</strong></li>` : ''}
</ol>
${
  twinning.adopters.some((adopter) => adopter.adoption)
    ? html`<h3>Adoptions it recorded</h3><ul>${twinning.adopters.flatMap((adopter) =>
        adopter.adoption
          ? [
              html`<li>${organisationLink(adopter.organisation)} in ${placeOf(adopter.adoption)} — ${labelOf('adoptionScales', adopter.adoption.scale).toLowerCase()}, ${labelOf('adoptionStatuses', adopter.adoption.status).toLowerCase()}</li>`,
            ]
          : [],
      )}</ul>`
    : ''
}`,
  );
}

export function projectMain(record: ProjectRecord, extras: ProjectExtras | null): SafeHtml {
  const kind = labelOf('projectKinds', record.kind);
  const participants = extras?.participants ?? [];
  const practices = extras?.practices ?? [];
  const synergies = extras?.synergies ?? [];
  return html`<article itemscope itemtype="https://schema.org/Project">
<meta itemprop="name" content="${record.acronym}">
<p class="kicker">Project · ${kind}</p>
<h1>${record.acronym}</h1>
<p class="lead"><span itemprop="alternateName"${langOf(record.language)}>${record.title}</span></p>
${record.summary ? html`<p itemprop="description"${langOf(record.language)}>${record.summary}</p>` : ''}
${section(
  'facts',
  'Facts',
  facts([
    ['Kind', kind],
    ['Programme', labelOf('programmes', record.programme)],
    ['Funder', extras?.funder ? html`<span itemprop="funder">${organisationLink(extras.funder)}</span>` : null],
    ['Period', periodText(record.startDate, record.endDate) || null],
    ['Status', extras?.status ? labelOf('projectStatuses', extras.status) : null],
    ['Grant number', record.grantNumber],
    [
      'CORDIS',
      record.cordisId
        ? html`<a href="https://cordis.europa.eu/project/id/${record.cordisId}" rel="nofollow">${record.cordisId}</a>`
        : null,
    ],
    ['Total budget', amount(record.totalBudget)],
    ['EU contribution', amount(record.euContribution)],
    ['Website', record.website ? outsideLink(record.website, record.website, 'url') : null],
    ['Last changed', dateText(record.updatedAt)],
  ]),
)}
${extras?.twinning ? twinningSection(extras.twinning) : ''}
${section(
  'participants',
  'Participants',
  participants.length
    ? html`<table><caption>Organisations taking part in ${record.acronym}</caption>
<thead><tr><th scope="col">Organisation</th><th scope="col">Role</th><th scope="col">Country</th></tr></thead>
<tbody>${participants.map(
        (participant) =>
          html`<tr><td><span itemprop="member">${organisationLink(participant.organisation)}</span></td><td>${labelOf('participantRoles', participant.role)}</td><td>${
            participant.organisation.country ? countryName(participant.organisation.country) : ''
          }</td></tr>`,
      )}</tbody></table>`
    : html`<p class="muted">No participant is recorded.</p>`,
)}
${section(
  'practices',
  'Practices',
  practices.length
    ? html`<ul>${practices.map(
        (link) =>
          html`<li>${link.practice ? practiceLink(link.practice) : html`<span class="muted">a practice that is not public</span>`} — ${labelOf('practiceLinkRoles', link.role).toLowerCase()}</li>`,
      )}</ul>`
    : html`<p class="muted">No practice is linked.</p>`,
)}
${
  synergies.length
    ? section(
        'synergies',
        'Linked projects',
        html`<ul>${synergies.map((synergy) => html`<li>${projectLink(synergy.project)} — ${labelOf('synergyKinds', synergy.kind).toLowerCase()}</li>`)}</ul>`,
      )
    : ''
}
</article>`;
}

export const projectRecord = (record: Json) => record as unknown as ProjectRecord;
