// Turns RADAR's codes and identifiers into the IRIs other registries use: EU authority tables, NUTS, SPDX.
import { textLanguages } from '@radar/common';
import countries from 'i18n-iso-countries';
import { authority } from './vocabulary.js';

/** SPDX ids to the EU licence authority table, where it has them. */
const euLicences: Record<string, string> = {
  'CC-BY-4.0': 'CC_BY_4_0',
  'CC-BY-SA-4.0': 'CC_BYSA_4_0',
  'CC-BY-NC-4.0': 'CC_BYNC_4_0',
  'CC-BY-ND-4.0': 'CC_BYND_4_0',
  'CC0-1.0': 'CC0',
  'EUPL-1.2': 'EUPL_1_2',
  'EUPL-1.1': 'EUPL_1_1',
  MIT: 'MIT',
  'Apache-2.0': 'APACHE_2_0',
  'GPL-3.0-only': 'GPL_3_0',
  'GPL-3.0-or-later': 'GPL_3_0',
  'AGPL-3.0-only': 'AGPL_3_0',
  'LGPL-3.0-only': 'LGPL_3_0',
  'MPL-2.0': 'MPL_2_0',
  'BSD-3-Clause': 'BSD_3_CLAUSE',
  'BSD-2-Clause': 'BSD_2_CLAUSE',
  'ODbL-1.0': 'ODBL_1_0',
};

export function countryIri(alpha2: string): string | null {
  const alpha3 = countries.alpha2ToAlpha3(alpha2);
  return alpha3 ? authority.country(alpha3) : null;
}

export function languageIri(iso6391: string): string {
  const code = (textLanguages as Record<string, string>)[iso6391];
  return code ? authority.language(code) : `http://id.loc.gov/vocabulary/iso639-1/${iso6391}`;
}

/** Null for PROPRIETARY: there is no open licence to point to. */
export function licenceIri(licence: string): string | null {
  if (licence === 'PROPRIETARY') return null;
  const code = euLicences[licence];
  return code ? authority.licence(code) : authority.spdx(licence);
}

export function nutsIri(code: string) {
  return authority.nuts(code);
}

/** A DOI or a URL as an IRI a harvester can follow. */
export function evidenceIri(link: string) {
  return /^10\.\d{4,9}\//.test(link) ? `https://doi.org/${link}` : link;
}

// The way back, for reading RADAR's linked data: each returns null for an IRI the function above does not make.

const iriTail = (iri: string, base: string) =>
  iri.startsWith(base) && iri.length > base.length ? iri.slice(base.length) : null;

export function countryOfIri(iri: string): string | null {
  const alpha3 = iriTail(iri, authority.country(''));
  return (alpha3 && countries.alpha3ToAlpha2(alpha3 as never)) || null;
}

const languagesByTable = new Map<string, string>(
  Object.entries(textLanguages).map(([iso6391, code]) => [code, iso6391]),
);

export function languageOfIri(iri: string): string | null {
  const code = iriTail(iri, authority.language(''));
  if (code) return languagesByTable.get(code) ?? null;
  return iriTail(iri, 'http://id.loc.gov/vocabulary/iso639-1/');
}

const spdxByEuLicence = new Map<string, string>();
for (const [spdx, code] of Object.entries(euLicences)) if (!spdxByEuLicence.has(code)) spdxByEuLicence.set(code, spdx);

export function licenceOfIri(iri: string): string | null {
  const code = iriTail(iri, authority.licence(''));
  if (code) return spdxByEuLicence.get(code) ?? null;
  return iriTail(iri, authority.spdx(''));
}

export function nutsOfIri(iri: string): string | null {
  return iriTail(iri, authority.nuts(''));
}

/** A DOI's resolver IRI back to the DOI; any other link stays as it is. */
export function evidenceOfIri(iri: string): string {
  const doi = iriTail(iri, 'https://doi.org/');
  return doi && /^10\.\d{4,9}\//.test(doi) ? doi : iri;
}
