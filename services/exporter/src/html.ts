// A readable page of any resource that has no page of its own (the catalogue, collections, the ontology, code lists):
// its JSON-LD as a table, code list concepts by their labels, in the frame every page shares, with the JSON-LD
// embedded for machines.
import type { Json } from './mapping.js';
import { escapeHtml, html, trusted } from './pages/html.js';
import { conceptLabelOf } from './pages/labels.js';
import { layout } from './pages/layout.js';

function value(item: unknown): string {
  if (item === null || item === undefined) return '';
  if (Array.isArray(item)) return `<ul>${item.map((entry) => `<li>${value(entry)}</li>`).join('')}</ul>`;
  if (typeof item === 'object' && '@language' in item) {
    const { '@value': text, '@language': language } = item as { '@value': unknown; '@language': string };
    return `<span lang="${escapeHtml(language)}">${value(text)}</span> <small>(${escapeHtml(language)})</small>`;
  }
  if (typeof item === 'object') {
    const rows = Object.entries(item as Json)
      .filter(([key]) => key !== '@context')
      .map(([key, entry]) => `<tr><th>${escapeHtml(key)}</th><td>${value(entry)}</td></tr>`)
      .join('');
    return `<table>${rows}</table>`;
  }
  const text = String(item);
  const label = conceptLabelOf(text);
  if (label) return `<a href="${escapeHtml(text)}">${escapeHtml(label)}</a>`;
  return /^(https?|mailto):/.test(text) ? `<a href="${escapeHtml(text)}">${escapeHtml(text)}</a>` : escapeHtml(text);
}

/** The same resource in the other formats, as `?format=` links: the formats' names and labels. */
export type Alternates = readonly { name: string; label: string }[];

export function recordPage(document: Json, heading: string, alternates: Alternates = [], notice?: string): string {
  const rows = Object.entries(document)
    .filter(([key]) => key !== '@context')
    .map(([key, entry]) => `<tr><th scope="row">${escapeHtml(key)}</th><td>${value(entry)}</td></tr>`)
    .join('\n');
  return layout({
    title: heading,
    jsonLd: document,
    alternates,
    main: html`<h1>${heading}</h1>
${notice ? html`<p class="attribution">${notice}</p>` : ''}
<table>
${trusted(rows)}
</table>`,
  });
}
