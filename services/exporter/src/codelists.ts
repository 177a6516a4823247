// SKOS concept schemes generated from the code lists the services use: one source, so the ontology cannot drift.
import type { CodeListEntry } from '@radar/common';
import { tombstoneReasons } from '@radar/common/export';
import { organisationCodeLists } from '@radar/organisations/codes';
import { codeListRights, MAX_SCORE, MIN_SCORE, practiceCodeLists } from '@radar/practices/codes';
import { projectCodeLists } from '@radar/projects/codes';
import n3 from 'n3';
import { matchesOf } from './alignments.js';
import { CODE_LISTS_IRI, dct, dqv, ONTOLOGY_IRI, prefixes, rdf, rdfs, skos, xsd } from './vocabulary.js';

const { DataFactory, Writer } = n3;
const { namedNode, literal, quad } = DataFactory;

/** The scheme each code list is published as, by the name the services give it. */
export const schemeSlugs = {
  practiceTypes: 'practice-type',
  maturityStages: 'maturity-stage',
  cdhiCodes: 'cdhi',
  healthSystemChallenges: 'health-system-challenge',
  serviceTypes: 'service-type',
  topics: 'topic',
  targetGroups: 'target-group',
  careSettings: 'care-setting',
  interoperabilityStandards: 'interoperability-standard',
  evidenceKinds: 'evidence-kind',
  contributorRoles: 'contributor-role',
  practiceStatuses: 'practice-status',
  adoptionScales: 'adoption-scale',
  adoptionStatuses: 'adoption-status',
  assessmentCriteria: 'assessment-criterion',
  assessmentLabels: 'assessment-label',
  needStates: 'need-state',
  organisationKinds: 'organisation-kind',
  identifierSchemes: 'identifier-scheme',
  projectKinds: 'project-kind',
  programmes: 'programme',
  participantRoles: 'participant-role',
  projectRoles: 'project-role',
  practiceLinkRoles: 'practice-link-role',
  synergyKinds: 'synergy-kind',
  twinningTypes: 'twinning-type',
  projectStatuses: 'project-status',
  tombstoneReasons: 'tombstone-reason',
} as const;

export type CodeListName = keyof typeof schemeSlugs;

export const codeLists: Record<CodeListName, readonly CodeListEntry[]> = {
  ...practiceCodeLists,
  ...organisationCodeLists,
  ...projectCodeLists,
  tombstoneReasons,
};

export function schemeIri(name: CodeListName) {
  return `${CODE_LISTS_IRI}${schemeSlugs[name]}`;
}

const conceptIris = new Map<CodeListName, Map<string, string>>();

/** The IRI of a code's concept; the same string each time, since every record names a few of them. */
export function conceptIri(name: CodeListName, code: string) {
  let list = conceptIris.get(name);
  if (!list) {
    list = new Map();
    conceptIris.set(name, list);
  }
  let iri = list.get(code);
  if (iri === undefined) {
    iri = `${schemeIri(name)}/${code}`;
    if (list.size < 1_000) list.set(code, iri);
  }
  return iri;
}

/** The DQV metric an assessment measures a criterion by: its score, on the criterion's own page. */
export const metricIri = (criterion: string) => `${conceptIri('assessmentCriteria', criterion)}#score`;

/** Each assessment criterion is a DQV quality dimension, measured by one metric: its score. */
function criterionQuads(add: (s: string, p: string, o: n3.Quad['object']) => void) {
  for (const entry of codeLists.assessmentCriteria) {
    const dimension = conceptIri('assessmentCriteria', entry.code);
    const metric = metricIri(entry.code);
    add(dimension, rdf.type, namedNode(dqv.Dimension));
    add(metric, rdf.type, namedNode(dqv.Metric));
    add(metric, skos.prefLabel, literal(`${entry.label} score`, 'en'));
    add(
      metric,
      skos.definition,
      literal(`${entry.label}, scored from ${MIN_SCORE} (not met) to ${MAX_SCORE} (fully met).`, 'en'),
    );
    add(metric, dqv.expectedDataType, namedNode(xsd.integer));
    add(metric, dqv.inDimension, namedNode(dimension));
    add(metric, rdfs.isDefinedBy, namedNode(ONTOLOGY_IRI));
  }
}

/** The code a concept IRI names in `name`'s list, or null when it is not one of the list's concepts. */
export function codeOfConcept(name: CodeListName, iri: string): string | null {
  const prefix = `${schemeIri(name)}/`;
  if (!iri.startsWith(prefix)) return null;
  const code = iri.slice(prefix.length);
  return codeLists[name].some((entry) => entry.code === code) ? code : null;
}

/**
 * A scheme's licence and attribution line, and for a list taken from a publication, its source and rights holder.
 * They are only named, not described: the dumps carry the code lists, and a reader of a dump takes a described
 * organisation for a record.
 */
function rightsQuads(
  add: (s: string, p: string, o: n3.Quad['object']) => void,
  scheme: string,
  rights: ReturnType<typeof codeListRights>,
) {
  add(scheme, dct.license, namedNode(rights.license));
  add(scheme, dct.rights, literal(rights.attribution, 'en'));
  if (rights.source) add(scheme, dct.source, namedNode(rights.source));
  if (rights.rightsHolder) add(scheme, dct.rightsHolder, namedNode(rights.rightsHolder));
}

export function codeListQuads() {
  const quads: n3.Quad[] = [];
  const add = (s: string, p: string, o: n3.Quad['object']) => quads.push(quad(namedNode(s), namedNode(p), o));
  for (const name of Object.keys(schemeSlugs) as CodeListName[]) {
    const scheme = schemeIri(name);
    const entries = codeLists[name];
    add(scheme, rdf.type, namedNode(skos.ConceptScheme));
    add(scheme, skos.prefLabel, literal(name.replace(/([A-Z])/g, ' $1').toLowerCase(), 'en'));
    add(scheme, rdfs.isDefinedBy, namedNode(ONTOLOGY_IRI));
    rightsQuads(add, scheme, codeListRights(name));
    for (const entry of entries) {
      const concept = conceptIri(name, entry.code);
      add(concept, rdf.type, namedNode(skos.Concept));
      add(concept, skos.inScheme, namedNode(scheme));
      add(concept, skos.notation, literal(entry.code));
      add(concept, skos.prefLabel, literal(entry.label, 'en'));
      if (entry.definition) add(concept, skos.definition, literal(entry.definition, 'en'));
      for (const match of matchesOf(name, entry.code))
        add(concept, match.kind === 'exact' ? skos.exactMatch : skos.closeMatch, namedNode(match.target));
      if (entry.parent) add(concept, skos.broader, namedNode(conceptIri(name, entry.parent)));
      else {
        add(concept, skos.topConceptOf, namedNode(scheme));
        add(scheme, skos.hasTopConcept, namedNode(concept));
      }
    }
  }
  criterionQuads(add);
  return quads;
}

/** The code lists as Turtle, in a stable order so the committed file can be compared byte for byte. */
export function codeListTurtle(): Promise<string> {
  const writer = new Writer({ prefixes: { ...prefixes, code: CODE_LISTS_IRI } });
  const sorted = codeListQuads().sort((a, b) =>
    `${a.subject.value} ${a.predicate.value} ${a.object.value}`.localeCompare(
      `${b.subject.value} ${b.predicate.value} ${b.object.value}`,
    ),
  );
  writer.addQuads(sorted);
  return new Promise((resolve, reject) => writer.end((error, result) => (error ? reject(error) : resolve(result))));
}
