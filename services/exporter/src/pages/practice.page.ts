// A practice as a registry entry: what it is, how mature, who owns and built it, where it is used (with a map), the
// projects and twinnings it went through and the evidence about it.
import { evidenceIri } from '../links.js';
import type { Json } from '../mapping.js';
import { type AssessmentView, assessmentBadge, assessmentSection } from './assessment.part.js';
import { europeMap } from './europe-map.js';
import { html, langOf, type SafeHtml } from './html.js';
import {
  countryName,
  dateText,
  definitionOf,
  labelOf,
  languageName,
  optionsOf,
  parentOf,
  periodText,
  plural,
} from './labels.js';
import { renderMarkdown } from './markdown.js';
import type { PracticeExtras } from './page-data.js';
import {
  adoptionsByCountry,
  adoptionTable,
  badges,
  browseLink,
  facts,
  organisationLink,
  outsideLink,
  placeOf,
  projectLink,
  recordPath,
  regionText,
  section,
} from './parts.js';

interface PracticeRecord {
  id: string;
  title: string;
  summary: string;
  description: string | null;
  type: string;
  maturity: string;
  trl: number | null;
  cdhiCodes: string[];
  topics: string[];
  targetGroups: string[];
  careSettings: string[];
  languages: string[];
  countries: string[];
  nuts: string[];
  landingPage: string | null;
  licence: string | null;
  standards: string[];
  certification: string | null;
  evidence: { kind: string; url: string; title: string | null }[];
  publishedAt: string | null;
  updatedAt: string;
  /** The language its texts are written in, and their translations, where the registry records them. */
  language?: string;
  translations?: { language: string; title: string | null; summary: string | null; description: string | null }[];
  /** Newest first: the current assessment, then those it superseded. */
  assessments?: AssessmentView[];
}

/** The maturity stages in order, the practice's one marked, so "how far along" reads at a glance. */
function maturityScale(stage: string): SafeHtml {
  const stages = optionsOf('maturityStages');
  const reached = stages.findIndex((entry) => entry.code === stage);
  return html`<ol class="maturity" aria-label="Maturity stages">${stages.map(
    (entry, index) =>
      html`<li class="${index <= reached ? 'reached' : ''}"${index === reached ? html` aria-current="step"` : ''}>${entry.label}</li>`,
  )}</ol>`;
}

/** A CDHI code with its label, under its parent's. */
function cdhiItem(code: string): SafeHtml {
  const parent = parentOf('cdhiCodes', code);
  return html`<li>${browseLink('cdhiCodes', code, html`<strong>${code}</strong> ${labelOf('cdhiCodes', code)}`)}${
    parent ? html` <span class="muted">— under ${parent} ${labelOf('cdhiCodes', parent)}</span>` : ''
  }</li>`;
}

export function practiceMain(record: PracticeRecord, extras: PracticeExtras | null): SafeHtml {
  const adoptions = extras?.adoptions ?? [];
  const projects = extras?.projects ?? [];
  const twinnings = projects.filter((project) => project.twinning);
  const others = projects.filter((project) => !project.twinning);
  const typeLabel = labelOf('practiceTypes', record.type);
  const maturity = labelOf('maturityStages', record.maturity);
  const regionNames = new Map((extras?.regions ?? []).map((region) => [region.code, region.name]));
  const places = [
    ...record.countries.map(countryName),
    ...record.nuts.map((code) => `region ${regionText(code, regionNames.get(code))}`),
  ].join(', ');
  const inUse = [
    ...new Map(adoptions.map((adoption) => [`${adoption.country}/${adoption.nuts ?? ''}`, adoption])).values(),
  ];
  const owner = extras?.owner;
  return html`<article itemscope itemtype="https://schema.org/CreativeWork">
<meta itemprop="name" content="${record.title}">
<meta itemprop="genre" content="${typeLabel}">
<p class="kicker">Practice · ${typeLabel}</p>
<h1${langOf(record.language)}>${record.title}</h1>
<p class="lead" itemprop="abstract"${langOf(record.language)}>${record.summary}</p>
<ul class="badges" aria-label="At a glance">
<li class="badge">${typeLabel}</li>
<li class="badge">Maturity: ${maturity}</li>
${record.trl ? html`<li class="badge">TRL ${record.trl}</li>` : ''}
<li class="badge">${plural(adoptions.length, 'adoption')}</li>
${assessmentBadge(record.assessments)}
</ul>
<div class="grid">
<section aria-labelledby="facts"><h2 id="facts">Facts</h2>
${facts([
  [
    'Owner',
    owner
      ? html`<span itemprop="creator" itemscope itemtype="https://schema.org/Organization"><a itemprop="url" href="${recordPath('organisations', owner.id)}"><span itemprop="name">${owner.name}</span></a></span>`
      : null,
  ],
  ['Type', html`${typeLabel} <span class="muted">— ${definitionOf('practiceTypes', record.type) ?? ''}</span>`],
  ['Maturity', html`${maturity}${maturityScale(record.maturity)}`],
  ['Technology readiness', record.trl ? `level ${record.trl} of 9` : null],
  ['Available in', places || null],
  [
    'Languages',
    record.languages.length
      ? html`<span itemprop="inLanguage">${record.languages.map((code) => languageName(code)).join(', ')}</span>`
      : null,
  ],
  [
    'Licence',
    record.licence
      ? html`<span itemprop="license">${record.licence === 'PROPRIETARY' ? 'Proprietary' : record.licence}</span>`
      : null,
  ],
  ['Certification', record.certification],
  ['Website', record.landingPage ? outsideLink(record.landingPage, record.landingPage, 'url') : null],
  [
    'Published',
    record.publishedAt
      ? html`<time itemprop="datePublished" datetime="${record.publishedAt}">${dateText(record.publishedAt)}</time>`
      : null,
  ],
  [
    'Last changed',
    html`<time itemprop="dateModified" datetime="${record.updatedAt}">${dateText(record.updatedAt)}</time>`,
  ],
])}
</section>
<section aria-labelledby="where"><h2 id="where">Where it is in use</h2>
${europeMap({
  title: `Adoptions of ${record.title} by country`,
  values: adoptionsByCountry(adoptions),
  describe: (count) => plural(count, 'adoption'),
  small: true,
})}
${
  adoptions.length
    ? html`<p>In use in ${inUse.map((adoption, index) => html`${index ? '; ' : ''}${placeOf(adoption)}`)}.</p>`
    : html`<p class="muted">No adoption is recorded yet.</p>`
}
</section>
</div>
${
  record.description
    ? section(
        'description',
        'Description',
        html`<div class="description" itemprop="description"${langOf(record.language)}>${renderMarkdown(record.description)}</div>`,
      )
    : ''
}
${
  record.translations?.length
    ? section(
        'translations',
        'In other languages',
        html`${record.translations.map(
          (translation) =>
            html`<h3>${languageName(translation.language)}</h3><div lang="${translation.language}">${
              translation.title ? html`<p><strong>${translation.title}</strong></p>` : ''
            }${translation.summary ? html`<p>${translation.summary}</p>` : ''}${
              translation.description
                ? html`<div class="description">${renderMarkdown(translation.description)}</div>`
                : ''
            }</div>`,
        )}`,
      )
    : ''
}
${section(
  'classification',
  'Classification',
  html`<h3>WHO digital health interventions</h3>${
    record.cdhiCodes.length ? html`<ul>${record.cdhiCodes.map(cdhiItem)}</ul>` : html`<p class="muted">none given</p>`
  }
<h3>Topics</h3><div itemprop="keywords">${badges('topics', record.topics)}</div>
<h3>For</h3>${badges('targetGroups', record.targetGroups)}
<h3>Care settings</h3>${badges('careSettings', record.careSettings)}
<h3>Interoperability standards</h3>${badges('interoperabilityStandards', record.standards)}`,
)}
${section(
  'who',
  'Who is behind it',
  html`<ul>
${owner ? html`<li>${organisationLink(owner)} — owner</li>` : ''}
${(extras?.contributors ?? []).map(
  (contribution) =>
    html`<li><span itemprop="contributor">${organisationLink(contribution.organisation)}</span> — ${labelOf('contributorRoles', contribution.role).toLowerCase()}</li>`,
)}
</ul>`,
)}
${section(
  'adoptions',
  'Adoptions',
  adoptions.length
    ? adoptionTable(
        `Where ${record.title} is adopted, and by whom`,
        adoptions,
        { heading: 'Adopter', cell: (adoption) => organisationLink(adoption.adopter) },
        { heading: 'Through', cell: (adoption) => (adoption.project ? projectLink(adoption.project) : '') },
      )
    : html`<p class="muted">No adoption is recorded yet.</p>`,
)}
${section(
  'projects',
  'Projects and twinnings',
  projects.length
    ? html`${twinnings.length ? html`<h3>Twinnings</h3><ul>${twinnings.map((project) => html`<li>${projectLink(project)} — ${labelOf('twinningTypes', project.twinning?.type ?? '').toLowerCase()}${project.startDate || project.endDate ? html`, ${periodText(project.startDate, project.endDate)}` : ''}${project.twinning?.completedAt ? html`, completed ${dateText(project.twinning.completedAt)}` : ''}</li>`)}</ul>` : ''}
${others.length ? html`<h3>Projects</h3><ul>${others.map((project) => html`<li>${projectLink(project)} — ${labelOf('projectKinds', project.kind ?? '').toLowerCase()}${project.startDate || project.endDate ? html`, ${periodText(project.startDate, project.endDate)}` : ''}</li>`)}</ul>` : ''}`
    : html`<p class="muted">No project is linked to it.</p>`,
)}
${section(
  'evidence',
  'Evidence',
  record.evidence.length
    ? html`<ul>${record.evidence.map(
        (item) =>
          html`<li>${outsideLink(evidenceIri(item.url), item.title ?? item.url)} <span class="muted">— ${labelOf('evidenceKinds', item.kind).toLowerCase()}</span></li>`,
      )}</ul>`
    : html`<p class="muted">No evidence is linked yet.</p>`,
)}
${assessmentSection(record.assessments)}
</article>`;
}

export const practiceRecord = (record: Json) => record as unknown as PracticeRecord;
