// The frame every page of RADAR shares: language, landmarks (header, nav, main, footer), a skip link, the style sheet
// the exporter serves, the record's JSON-LD for machines and links to the same page in the machine formats.
import { html, PAGE_LANGUAGE, type SafeHtml, scriptJson } from './html.js';
import { STYLE_PATH } from './style.js';

export interface PageFrame {
  /** The document title, before " — RADAR". */
  title: string;
  /** One sentence for search engines' snippets. */
  summary?: string;
  main: SafeHtml;
  /** Embedded as application/ld+json. */
  jsonLd?: unknown;
  /** The same resource in the machine formats, as `?format=` links. */
  alternates?: readonly { name: string; label: string }[];
}

export function layout(frame: PageFrame): string {
  const alternates = frame.alternates ?? [];
  return html`<!doctype html>
<html lang="${PAGE_LANGUAGE}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${frame.title} — RADAR</title>
${frame.summary ? html`<meta name="description" content="${frame.summary.slice(0, 300)}">` : ''}
<link rel="stylesheet" href="${STYLE_PATH}">
${alternates.map(({ name, label }) => html`<link rel="alternate" href="?format=${name}" title="${label}">\n`)}
${frame.jsonLd ? html`<script type="application/ld+json">${scriptJson(frame.jsonLd)}</script>` : ''}
</head>
<body>
<a class="skip" href="#content">Skip to the content</a>
<header class="site">
<div class="bar">
<a class="brand" href="/browse">RADAR</a>
<nav aria-label="Site">
<ul>
<li><a href="/browse">Browse practices</a></li>
<li><a href="/uptake">Uptake in Europe</a></li>
<li><a href="/catalog">Catalogue</a></li>
</ul>
</nav>
</div>
</header>
<main id="content">
${frame.main}
</main>
<footer class="site">
<div class="bar">
<p>RADAR, the open registry of digital health practices in Europe.
${
  alternates.length
    ? html`<span class="formats">This page as data: ${alternates.map(
        ({ name, label }, index) => html`${index ? ', ' : ''}<a href="?format=${name}">${label}</a>`,
      )}.</span>`
    : ''
}</p>
</div>
</footer>
</body>
</html>
`.value;
}
