// What a person sees when a page cannot be shown: the status in words, what went wrong, and where to go instead; and
// the page of a record that left the registry, saying when and why, as its tombstone does.
import type { Json } from '../mapping.js';
import { html } from './html.js';
import { dateText, definitionOf, labelOf } from './labels.js';
import { layout, type PageFrame } from './layout.js';

const headings: Record<number, string> = {
  400: 'This address is not quite right',
  404: 'Nothing here',
  406: 'Not available in the format asked for',
  410: 'No longer in the registry',
  500: 'Something went wrong',
  503: 'The registry is not available right now',
};

export function errorPage(status: number, message: string, extra: Json = {}): string {
  const heading = headings[status] ?? `Error ${status}`;
  const offered = Array.isArray(extra.offered) ? (extra.offered as string[]) : [];
  return layout({
    title: `${heading} (${status})`,
    main: html`<p class="kicker">Error ${status}</p>
<h1>${heading}</h1>
<p class="notice">${message}</p>
${offered.length ? html`<p>This page is offered as ${offered.join(', ')}.</p>` : ''}
<p>Find practices on the <a href="/browse">browse page</a>, or see <a href="/uptake">uptake across Europe</a>.</p>`,
  });
}

const kinds: Record<string, string> = { Practice: 'practice', Organisation: 'organisation', Project: 'project' };

/** A record's tombstone as a page: which kind of record it was, why it left and when. */
export function tombstonePage(
  type: string,
  reason: string,
  deletedAt: string,
  document: Json,
  alternates: PageFrame['alternates'] = [],
): string {
  const kind = kinds[type] ?? 'record';
  const label = labelOf('tombstoneReasons', reason);
  return layout({
    title: `A ${kind} no longer in the registry`,
    jsonLd: document,
    alternates,
    main: html`<p class="kicker">Gone (410)</p>
<h1>This ${kind} is no longer in the registry</h1>
<p class="notice"><strong>${label}</strong> on <time datetime="${deletedAt}">${dateText(deletedAt)}</time>: ${
      definitionOf('tombstoneReasons', reason) ?? ''
    }</p>
${
  typeof document.isReplacedBy === 'string'
    ? html`<p>It is replaced by <a href="${document.isReplacedBy}">${document.isReplacedBy}</a>.</p>`
    : ''
}
<p>Its address stays so that links and harvesters learn what happened to it. Find others on the
<a href="/browse">browse page</a>.</p>`,
  });
}
