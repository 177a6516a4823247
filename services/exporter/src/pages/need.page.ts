// A need as a registry entry: the challenge an organisation wants solved, where and for whom, the maturity it asks
// for, and the published practices that may meet it, each with the reasons.
import type { Json } from '../mapping.js';
import { html, langOf, type SafeHtml } from './html.js';
import { countryName, dateText, labelOf, languageName, periodText } from './labels.js';
import { renderMarkdown } from './markdown.js';
import type { NeedExtras } from './page-data.js';
import { badges, facts, organisationLink, practiceLink, section } from './parts.js';

interface NeedRecord {
  id: string;
  title: string;
  description: string;
  language: string;
  cdhiCodes: string[];
  healthSystemChallenges: string[];
  serviceTypes: string[];
  targetGroups: string[];
  careSettings: string[];
  languages: string[];
  country: string;
  nuts: string | null;
  minMaturity: string | null;
  startDate: string | null;
  endDate: string | null;
  state: string;
  publishedAt: string | null;
  updatedAt: string;
}

/** Codes with their labels, as a list: WHO's codes read as "3.5 Insufficient continuity of care". */
function codeList(list: 'cdhiCodes' | 'healthSystemChallenges' | 'serviceTypes', codes: readonly string[]): SafeHtml {
  if (!codes.length) return html`<p class="muted">none given</p>`;
  return html`<ul>${codes.map((code) => html`<li><strong>${code}</strong> ${labelOf(list, code)}</li>`)}</ul>`;
}

export function needMain(record: NeedRecord, extras: NeedExtras | null): SafeHtml {
  const owner = extras?.owner;
  const candidates = extras?.candidates ?? [];
  const place = html`${countryName(record.country)}${record.nuts ? html`, region ${record.nuts}` : ''}`;
  return html`<article>
<p class="kicker">Need · ${labelOf('needStates', record.state)}</p>
<h1${langOf(record.language)}>${record.title}</h1>
<ul class="badges" aria-label="At a glance">
<li class="badge">${labelOf('needStates', record.state)}</li>
${record.minMaturity ? html`<li class="badge">At least: ${labelOf('maturityStages', record.minMaturity)}</li>` : ''}
<li class="badge">${countryName(record.country)}</li>
</ul>
<section aria-labelledby="facts"><h2 id="facts">Facts</h2>
${facts([
  ['Stated by', owner ? organisationLink(owner) : null],
  ['Where', place],
  ['Maturity needed', record.minMaturity ? `${labelOf('maturityStages', record.minMaturity)} or later` : 'any'],
  ['When', periodText(record.startDate, record.endDate) || null],
  ['Languages', record.languages.length ? record.languages.map((code) => languageName(code)).join(', ') : null],
  ['State', labelOf('needStates', record.state)],
  ['Met by', extras?.matchedPractice ? practiceLink(extras.matchedPractice) : null],
  [
    'Published',
    record.publishedAt ? html`<time datetime="${record.publishedAt}">${dateText(record.publishedAt)}</time>` : null,
  ],
  ['Last changed', html`<time datetime="${record.updatedAt}">${dateText(record.updatedAt)}</time>`],
])}
</section>
${section(
  'description',
  'The challenge',
  html`<div class="description"${langOf(record.language)}>${renderMarkdown(record.description)}</div>`,
)}
${section(
  'classification',
  'What is sought',
  html`<h3>WHO health system challenges</h3>${codeList('healthSystemChallenges', record.healthSystemChallenges)}
<h3>WHO digital health interventions</h3>${codeList('cdhiCodes', record.cdhiCodes)}
<h3>WHO service and application types</h3>${codeList('serviceTypes', record.serviceTypes)}
<h3>For</h3>${badges('targetGroups', record.targetGroups)}
<h3>Care settings</h3>${badges('careSettings', record.careSettings)}`,
)}
${section(
  'candidates',
  'Practices that may meet it',
  candidates.length
    ? html`<ol>${candidates.map(
        (candidate) =>
          html`<li>${practiceLink(candidate.practice)} <span class="muted">— score ${candidate.score.toFixed(2)}</span><ul>${candidate.reasons.map(
            (reason) => html`<li>${reason}</li>`,
          )}</ul></li>\n`,
      )}</ol>`
    : html`<p class="muted">No published practice meets it yet.</p>`,
)}
</article>`;
}

export const needRecord = (record: Json) => record as unknown as NeedRecord;
