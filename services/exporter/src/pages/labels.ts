// The words a person reads for RADAR's codes: code-list labels (a CDHI code with its parent), country names, dates.
import countries from 'i18n-iso-countries';
import { type CodeListName, codeLists, schemeSlugs } from '../codelists.js';
import { CODE_LISTS_IRI } from '../vocabulary.js';

const byCode = new Map<CodeListName, Map<string, { label: string; definition?: string; parent?: string }>>();

function entryOf(list: CodeListName, code: string) {
  let entries = byCode.get(list);
  if (!entries) {
    entries = new Map(codeLists[list].map((entry) => [entry.code, entry]));
    byCode.set(list, entries);
  }
  return entries.get(code);
}

/** The label of a code, or the code itself when the list does not have it. */
export const labelOf = (list: CodeListName, code: string) => entryOf(list, code)?.label ?? code;

export const definitionOf = (list: CodeListName, code: string) => entryOf(list, code)?.definition;

/** The code above this one in a hierarchical list (CDHI 2.4.1 → 2.4), if any. */
export const parentOf = (list: CodeListName, code: string) => entryOf(list, code)?.parent;

/** The codes of a list with their labels, in the list's order. */
export const optionsOf = (list: CodeListName) =>
  codeLists[list].map((entry) => ({ code: entry.code, label: entry.label }));

/** The English name of an ISO 3166-1 alpha-2 country, or the code when it is not one. */
export const countryName = (code: string) => countries.getName(code, 'en', { select: 'official' }) ?? code;

/** The ISO 3166-1 alpha-2 code of an ISO 3166-1 numeric one, as Natural Earth's shapes are keyed. */
export const alpha2OfNumeric = (numeric: string) => countries.numericToAlpha2(numeric);

/** A NUTS region as a person reads it: its code, with its country. */
export const regionName = (nuts: string, country: string) => `${nuts} (${countryName(country)})`;

const dateFormat = new Intl.DateTimeFormat('en-GB', {
  day: 'numeric',
  month: 'long',
  year: 'numeric',
  timeZone: 'UTC',
});

/** 2024-02-12 or an ISO date-time → "12 February 2024". */
export function dateText(value: string | null | undefined) {
  if (!value) return '';
  const time = Date.parse(value.length === 10 ? `${value}T00:00:00Z` : value);
  return Number.isNaN(time) ? value : dateFormat.format(new Date(time));
}

/** A period from two optional dates, e.g. "12 February 2024 – 9 August 2024" or "since 12 February 2024". */
export function periodText(start: string | null | undefined, end: string | null | undefined) {
  if (start && end) return `${dateText(start)} – ${dateText(end)}`;
  if (start) return `since ${dateText(start)}`;
  if (end) return `until ${dateText(end)}`;
  return '';
}

export const plural = (count: number, one: string, many = `${one}s`) => `${count} ${count === 1 ? one : many}`;

const schemeOfSlug = new Map<string, CodeListName>(
  Object.entries(schemeSlugs).map(([name, slug]) => [slug, name as CodeListName]),
);

/** The label of a code list concept's IRI (…/code/maturity-stage/IMPLEMENTED → "Implemented (routine use)"), if it is one. */
export function conceptLabelOf(iri: string): string | undefined {
  if (!iri.startsWith(CODE_LISTS_IRI)) return undefined;
  const [slug, code] = iri.slice(CODE_LISTS_IRI.length).split('/');
  const list = slug ? schemeOfSlug.get(slug) : undefined;
  return list && code ? entryOf(list, code)?.label : undefined;
}

const languageNames = new Intl.DisplayNames(['en'], { type: 'language' });

/** The English name of an ISO 639-1 language. */
export const languageName = (code: string) => {
  try {
    return languageNames.of(code) ?? code;
  } catch {
    return code;
  }
};
