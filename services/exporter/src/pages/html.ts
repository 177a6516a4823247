// HTML written by template: every interpolated value is escaped unless it is already markup (SafeHtml), so owner-written
// text can never become markup by accident.

/** Markup that is already safe to insert as it is. */
export class SafeHtml {
  constructor(readonly value: string) {}
  toString() {
    return this.value;
  }
}

const entities: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

export const escapeHtml = (text: string) => text.replace(/[&<>"']/g, (char) => entities[char] ?? char);

/** Markup the caller vouches for (made by this code, or sanitised). */
export const trusted = (markup: string) => new SafeHtml(markup);

function part(value: unknown): string {
  if (value === null || value === undefined || value === false) return '';
  if (value instanceof SafeHtml) return value.value;
  if (Array.isArray(value)) return value.map(part).join('');
  return escapeHtml(String(value));
}

/** A template whose values are escaped; arrays are joined, null, undefined and false leave nothing. */
export function html(strings: TemplateStringsArray, ...values: unknown[]): SafeHtml {
  let out = strings[0] ?? '';
  values.forEach((value, index) => {
    out += part(value) + (strings[index + 1] ?? '');
  });
  return new SafeHtml(out);
}

/** A JSON document inside a <script> element: `<` is written as \u003c so the text cannot close the element. */
export const scriptJson = (document: unknown) => trusted(JSON.stringify(document).replace(/</g, '\\u003c'));

/** The language of the pages' own words; owner-written text in another language is marked with its own. */
export const PAGE_LANGUAGE = 'en';

/** ` lang="…"` for text written in another language than the page's, nothing for the page's own or an unknown one. */
export const langOf = (language: string | null | undefined) =>
  language && language !== PAGE_LANGUAGE ? html` lang="${language}"` : html``;
