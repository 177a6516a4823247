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

/** WHO's services and applications axis, as the CodeSystem WHO publishes it. */
export const WHO_SERVICE_TYPE_SYSTEM = 'http://smart.who.int/base/CodeSystem/CDSCv2';

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
  // RADAR's CDHI and service type lists are WHO's own codes and labels, read from WHO's CodeSystems.
  if (list === 'cdhiCodes') return [{ kind: 'exact', target: whoCdhiConcept(code) }];
  if (list === 'serviceTypes') return [{ kind: 'exact', target: `${WHO_SERVICE_TYPE_SYSTEM}#${code}` }];
  const programme = list === 'programmes' ? programmeMatches[code] : undefined;
  return programme ? [programme] : [];
}
