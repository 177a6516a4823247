// A readable page of one record for people, with its links and its JSON-LD embedded for machines.
import type { Json } from './mapping.js';

const escapeHtml = (text: string) =>
  text.replace(
    /[&<>"']/g,
    (char) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[char] ?? char,
  );

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
  return /^(https?|mailto):/.test(text) ? `<a href="${escapeHtml(text)}">${escapeHtml(text)}</a>` : escapeHtml(text);
}

/** The same resource in the other formats, as `?format=` links: the formats' names and labels. */
export type Alternates = readonly { name: string; label: string }[];

export function recordPage(document: Json, heading: string, alternates: Alternates = []): string {
  const json = JSON.stringify(document).replace(/</g, '\\u003c');
  const rows = Object.entries(document)
    .filter(([key]) => key !== '@context')
    .map(([key, entry]) => `<tr><th scope="row">${escapeHtml(key)}</th><td>${value(entry)}</td></tr>`)
    .join('\n');
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escapeHtml(heading)} — RADAR</title>
<script type="application/ld+json">${json}</script>
<style>body{font-family:system-ui,sans-serif;max-width:60rem;margin:2rem auto;padding:0 1rem;line-height:1.5}th{text-align:left;vertical-align:top;padding-right:1rem}table{border-collapse:collapse}td,th{border-top:1px solid #ddd;padding:.25rem .5rem}ul{margin:0;padding-left:1.2rem}</style>
</head>
<body>
<h1>${escapeHtml(heading)}</h1>
<p>This page of RADAR, the registry of digital health practices, is also available as
${alternates.map(({ name, label }) => `<a href="?format=${escapeHtml(name)}">${escapeHtml(label)}</a>`).join(', ')}.</p>
<table>
${rows}
</table>
</body>
</html>
`;
}
