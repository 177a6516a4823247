// Pieces the record pages share: links to records by name, code lists as labelled badges, adoption tables.
import type { CodeListName } from '../codelists.js';
import { html, type SafeHtml } from './html.js';
import { countryName, labelOf, periodText } from './labels.js';
import type { AdoptionView, Named, PracticeRef, ProjectRef } from './page-data.js';

/** Pages link to records on the host that serves them; the JSON-LD keeps the deployment's IRIs. */
export const recordPath = (path: 'practices' | 'organisations' | 'projects' | 'needs', id: string) => `/${path}/${id}`;

export const organisationLink = (organisation: Named) =>
  html`<a href="${recordPath('organisations', organisation.id)}">${organisation.name}</a>`;

export const practiceLink = (practice: PracticeRef) =>
  html`<a href="${recordPath('practices', practice.id)}">${practice.title}</a>`;

export const projectLink = (project: Pick<ProjectRef, 'id' | 'acronym' | 'title'>) =>
  html`<a href="${recordPath('projects', project.id)}">${project.acronym}</a> <span class="muted">${project.title}</span>`;

/**
 * A link to an address someone wrote (a website, a landing page, evidence), only when it is a web address: the
 * services check them, and the page does not rely on it.
 */
export function outsideLink(url: string, text: string, itemprop?: string): SafeHtml {
  if (!/^https?:\/\//i.test(url)) return html`${text}`;
  return html`<a${itemprop ? html` itemprop="${itemprop}"` : ''} href="${url}" rel="nofollow">${text}</a>`;
}

/** The browse page's parameter for the code lists it filters by. */
const browseParameter: Partial<Record<CodeListName, string>> = {
  practiceTypes: 'type',
  maturityStages: 'maturity',
  cdhiCodes: 'cdhi',
  topics: 'topic',
  targetGroups: 'target',
};

/** The browse page narrowed to one code, when the browse page filters by its list. */
export function browseLink(list: CodeListName, code: string, text: string | SafeHtml): SafeHtml {
  const parameter = browseParameter[list];
  return parameter ? html`<a href="/browse?${parameter}=${encodeURIComponent(code)}">${text}</a>` : html`${text}`;
}

/** Codes as badges with their labels, each leading to the practices that share it where the browse page can say. */
export function badges(list: CodeListName, codes: readonly string[]): SafeHtml {
  if (!codes.length) return html`<span class="muted">none given</span>`;
  return html`<ul class="badges">${codes.map(
    (code) => html`<li class="badge">${browseLink(list, code, labelOf(list, code))}</li>`,
  )}</ul>`;
}

export function section(id: string, heading: string, body: SafeHtml | string): SafeHtml {
  return html`<section aria-labelledby="${id}"><h2 id="${id}">${heading}</h2>${body}</section>`;
}

/** A place of an adoption: the country by name, the NUTS region by code. */
export const placeOf = (adoption: Pick<AdoptionView, 'country' | 'nuts'>) =>
  html`<a href="/uptake/${adoption.country}">${countryName(adoption.country)}</a>${
    adoption.nuts ? html`, region <a href="/uptake/${adoption.nuts}">${adoption.nuts}</a>` : ''
  }`;

/** Adoptions as a table; `who` names the column that differs by page (the adopter, or the practice adopted). */
export function adoptionTable<T extends AdoptionView>(
  caption: string,
  adoptions: readonly T[],
  who: { heading: string; cell: (adoption: T) => SafeHtml },
  extra?: { heading: string; cell: (adoption: T) => SafeHtml | string },
): SafeHtml {
  return html`<table>
<caption>${caption}</caption>
<thead><tr><th scope="col">${who.heading}</th><th scope="col">Where</th><th scope="col">Scale</th><th scope="col">Status</th><th scope="col">When</th>${
    extra ? html`<th scope="col">${extra.heading}</th>` : ''
  }</tr></thead>
<tbody>
${adoptions.map(
  (adoption) =>
    html`<tr><td>${who.cell(adoption)}</td><td>${placeOf(adoption)}</td><td>${labelOf('adoptionScales', adoption.scale)}</td><td>${labelOf('adoptionStatuses', adoption.status)}</td><td>${periodText(adoption.startDate, adoption.endDate) || html`<span class="muted">not given</span>`}</td>${
      extra ? html`<td>${extra.cell(adoption)}</td>` : ''
    }</tr>\n`,
)}
</tbody>
</table>`;
}

/** Adoptions per country, for a map. */
export function adoptionsByCountry(adoptions: readonly Pick<AdoptionView, 'country'>[]) {
  const counts = new Map<string, number>();
  for (const adoption of adoptions) counts.set(adoption.country, (counts.get(adoption.country) ?? 0) + 1);
  return counts;
}

/** A list of facts as a description list, leaving out the ones without a value. */
export function facts(rows: readonly [string, SafeHtml | string | null | undefined | false][]): SafeHtml {
  const shown = rows.filter(([, value]) => value !== null && value !== undefined && value !== false && value !== '');
  return html`<dl class="facts">${shown.map(([term, value]) => html`<dt>${term}</dt><dd>${value}</dd>`)}</dl>`;
}
