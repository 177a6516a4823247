// How RADAR's identifiers and code lists line up with the registries and vocabularies outside it: the datatype and
// issuing agency of each identifier scheme, and the SKOS mappings of codes to their counterparts elsewhere.
import type { CodeListName } from './codelists.js';
import { radar } from './vocabulary.js';

export interface IdentifierSchemeRdf {
  /** The datatype of the scheme's notations, declared in the ontology. */
  datatype: string;
  /** The context term that writes a notation of the scheme: `skos:notation` typed with `datatype`. */
  notationTerm: string;
  /** The agency that issues the scheme's identifiers, as an IRI. */
  agency: string;
  agencyName: string;
  /** The fragment of the identified record's IRI the identifier node takes. */
  fragment: string;
}

/** Organisation identifier schemes (and CORDIS, which identifies projects), by scheme code. */
export const identifierSchemesRdf: Record<'ROR' | 'WIKIDATA' | 'PIC' | 'VAT' | 'CORDIS', IdentifierSchemeRdf> = {
  ROR: {
    datatype: radar.RorId,
    notationTerm: 'rorNotation',
    agency: 'https://ror.org/',
    agencyName: 'Research Organization Registry',
    fragment: 'identifier-ror',
  },
  WIKIDATA: {
    datatype: radar.WikidataId,
    notationTerm: 'wikidataNotation',
    agency: 'http://www.wikidata.org/entity/Q2013',
    agencyName: 'Wikidata',
    fragment: 'identifier-wikidata',
  },
  PIC: {
    datatype: radar.ParticipantIdentificationCode,
    notationTerm: 'picNotation',
    agency: 'https://ec.europa.eu/info/funding-tenders/opportunities/portal/',
    agencyName: 'EU Funding & Tenders portal (Participant Register)',
    fragment: 'identifier-pic',
  },
  VAT: {
    datatype: radar.VatNumber,
    notationTerm: 'vatNotation',
    agency: 'https://ec.europa.eu/taxation_customs/vies/',
    agencyName: 'VAT Information Exchange System (VIES)',
    fragment: 'identifier-vat',
  },
  CORDIS: {
    datatype: radar.CordisId,
    notationTerm: 'cordisNotation',
    agency: 'https://cordis.europa.eu/',
    agencyName: 'CORDIS',
    fragment: 'identifier-cordis',
  },
};

/** WHO's Classification of Digital Health Interventions v2, as the FHIR CodeSystem WHO publishes it. */
export const WHO_CDHI_SYSTEM = 'http://smart.who.int/base/CodeSystem/CDHIv2';
/** WHO publishes no IRI per concept; RADAR names each as the CodeSystem's canonical URL with the code as fragment. */
export const whoCdhiConcept = (code: string) => `${WHO_CDHI_SYSTEM}#${code}`;

/**
 * Each CDHI code RADAR uses has the same code in CDHI v2. `exact` where the v2 label says the same thing; `close`
 * where RADAR's label is worded differently or v2 narrowed or widened the intervention (e.g. 1.5 "Citizen-based
 * reporting" against v2's "Person based reporting").
 */
const cdhiMatches: Record<string, 'exact' | 'close'> = {
  '1': 'exact',
  '1.1': 'exact',
  '1.1.1': 'exact',
  '1.1.3': 'exact',
  '1.2': 'exact',
  '1.3': 'exact',
  '1.4': 'exact',
  '1.4.1': 'close',
  '1.4.2': 'close',
  '1.5': 'close',
  '1.6': 'close',
  '2': 'exact',
  '2.1': 'exact',
  '2.2': 'close',
  '2.2.1': 'close',
  '2.2.2': 'close',
  '2.3': 'exact',
  '2.4': 'exact',
  '2.4.1': 'exact',
  '2.4.2': 'close',
  '2.4.4': 'exact',
  '2.5': 'exact',
  '2.6': 'exact',
  '2.8': 'exact',
  '2.9': 'exact',
  '2.10': 'exact',
  '3': 'exact',
  '3.1': 'exact',
  '3.2': 'exact',
  '3.3': 'exact',
  '3.5': 'close',
  '3.7': 'exact',
  '4': 'exact',
  '4.1': 'close',
  '4.2': 'exact',
  '4.3': 'close',
  '4.4': 'exact',
};

export interface ConceptMatch {
  kind: 'exact' | 'close';
  target: string;
}

/** The Publications Office's authority table of EU programmes. */
export const EU_PROGRAMME_TABLE = 'http://publications.europa.eu/resource/authority/eu-programme/';

/**
 * Programmes with a counterpart in the EU programme table. Horizon Europe is the table's HORIZONEU. Interreg is
 * European territorial cooperation, which the table names TERRCOOP as a budget heading of one financial framework,
 * while RADAR's code covers Interreg in every period, hence `close`. Digital Europe and EU4Health are left out until
 * their codes are read from the table itself; national, regional, industry and other funding have no counterpart.
 */
const programmeMatches: Record<string, ConceptMatch> = {
  HORIZON_EUROPE: { kind: 'exact', target: `${EU_PROGRAMME_TABLE}HORIZONEU` },
  INTERREG: { kind: 'close', target: `${EU_PROGRAMME_TABLE}TERRCOOP` },
};

/** The concepts outside RADAR a code corresponds to; none where no counterpart is known for certain. */
export function matchesOf(list: CodeListName, code: string): ConceptMatch[] {
  if (list === 'cdhiCodes' && cdhiMatches[code]) return [{ kind: cdhiMatches[code], target: whoCdhiConcept(code) }];
  const programme = list === 'programmes' ? programmeMatches[code] : undefined;
  return programme ? [programme] : [];
}
