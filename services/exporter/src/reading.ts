// Reads records back from RADAR's linked data, the inverse of mapping.ts: a graph in, records out in the shape of
// the GraphQL selections the mappings export. It reads by meaning (predicate and class IRIs), so any JSON-LD that
// gives the same triples reads the same, whatever its keys, nesting or context.
import type n3 from 'n3';
import { identifierSchemesRdf } from './alignments.js';
import { type CodeListName, codeOfConcept } from './codelists.js';
import { dumpOrder } from './dump.js';
import { countryOfIri, evidenceOfIri, languageOfIri, licenceOfIri, nutsOfIri } from './links.js';
import { type Json, practiceTypeClass, type TypeMapping } from './mapping.js';
import {
  activityStreams,
  adms,
  dcat,
  dct,
  dqv,
  foaf,
  frapo,
  hydra,
  org,
  prov,
  radar,
  rdf,
  rdfs,
  schema,
  skos,
  vcard,
} from './vocabulary.js';

type RecordPath = TypeMapping['path'];

/** A record read from the graph: its IRI, its RADAR id when the IRI is one of a RADAR deployment's, its fields. */
export interface ReadRecord {
  kind: 'record';
  path: RecordPath;
  iri: string;
  id: string | null;
  record: Json;
}

/** A node that could not be read as a record, with the field it failed on and why. */
export interface ReadRejection {
  kind: 'rejected';
  path: RecordPath | null;
  iri: string | null;
  field: string;
  reason: string;
}

export type ReadResult = ReadRecord | ReadRejection;

/** A reference to another record: its id when its IRI is a RADAR IRI, and the IRI itself. */
export interface Reference {
  id: string | null;
  iri: string;
}

class Unreadable extends Error {
  constructor(
    readonly field: string,
    message: string,
  ) {
    super(message);
  }
}

const UUID = '[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}';
const recordIriPattern = new RegExp(`/(practices|organisations|projects|needs)/(${UUID})$`, 'i');
const adoptionIriPattern = new RegExp(`/practices/${UUID}#adoption-(${UUID})$`, 'i');

/** The RADAR id in a record IRI of `path` (at any deployment's base), or null. */
export function idOfIri(iri: string, path: RecordPath): string | null {
  const match = recordIriPattern.exec(iri);
  return match && match[1] === path ? (match[2] as string).toLowerCase() : null;
}

const practiceClasses = new Map(Object.entries(practiceTypeClass).map(([code, name]) => [radar[name as 'App'], code]));
const recordClasses = new Map<string, RecordPath>([
  [radar.Practice, 'practices'],
  ...[...practiceClasses.keys()].map((iri): [string, RecordPath] => [iri, 'practices']),
  [org.Organization, 'organisations'],
  [foaf.Organization, 'organisations'],
  [schema.Project, 'projects'],
  [foaf.Project, 'projects'],
  [radar.Twinning, 'projects'],
  [radar.Need, 'needs'],
]);
/**
 * What a dump or a harvest page holds beside records: code lists (the assessment criteria are DQV dimensions and
 * metrics too) and paging, read past without a word.
 */
const surroundingClasses = new Set<string>([
  skos.Concept,
  skos.ConceptScheme,
  dqv.Dimension,
  dqv.Metric,
  hydra.Collection,
  hydra.PartialCollectionView,
]);

type Subject = n3.Quad['subject'];
type Term = n3.Quad['object'];
const keyOf = (term: Term | Subject) => (term.termType === 'BlankNode' ? `_:${term.value}` : term.value);

/** Triples indexed by subject and predicate, objects in the order the document gave them. */
class Graph {
  readonly subjects = new Map<string, { term: Subject; properties: Map<string, Term[]> }>();
  /** Adoption nodes by the practice they name as adopted, for adoptions given beside their practice. */
  readonly adoptionsOf = new Map<string, string[]>();

  constructor(quads: Iterable<n3.Quad>) {
    for (const quad of quads) {
      const key = keyOf(quad.subject);
      let entry = this.subjects.get(key);
      if (!entry) {
        entry = { term: quad.subject, properties: new Map() };
        this.subjects.set(key, entry);
      }
      const objects = entry.properties.get(quad.predicate.value);
      if (objects) objects.push(quad.object);
      else entry.properties.set(quad.predicate.value, [quad.object]);
      if (quad.predicate.value === radar.adoptedPractice && quad.object.termType === 'NamedNode') {
        this.adoptionsOf.set(quad.object.value, [...(this.adoptionsOf.get(quad.object.value) ?? []), key]);
      }
    }
  }

  node(key: string) {
    return new GraphNode(this, key);
  }
}

class GraphNode {
  constructor(
    readonly graph: Graph,
    readonly key: string,
  ) {}

  get iri(): string | null {
    return this.key.startsWith('_:') ? null : this.key;
  }

  objects(predicate: string): Term[] {
    return this.graph.subjects.get(this.key)?.properties.get(predicate) ?? [];
  }

  types(): string[] {
    return this.objects(rdf.type).map((term) => term.value);
  }

  /** The IRIs a predicate points to, each once. */
  iris(predicate: string, field: string): string[] {
    const values = this.objects(predicate).map((term) => {
      if (term.termType !== 'NamedNode') throw new Unreadable(field, `<${predicate}> must point to an IRI`);
      return term.value;
    });
    return [...new Set(values)];
  }

  iri1(predicate: string, field: string): string | null {
    const values = this.iris(predicate, field);
    if (values.length > 1) throw new Unreadable(field, `<${predicate}> has more than one value`);
    return values[0] ?? null;
  }

  literals(predicate: string, field: string): n3.Literal[] {
    return this.objects(predicate).map((term) => {
      if (term.termType !== 'Literal') throw new Unreadable(field, `<${predicate}> must be a literal`);
      return term as n3.Literal;
    });
  }

  text(predicate: string, field: string): string | null {
    const values = [...new Set(this.literals(predicate, field).map((literal) => literal.value))];
    if (values.length > 1) throw new Unreadable(field, `<${predicate}> has more than one value`);
    return values[0] ?? null;
  }

  nodes(predicate: string, field: string): GraphNode[] {
    return this.objects(predicate).map((term) => {
      if (term.termType === 'Literal') throw new Unreadable(field, `<${predicate}> must point to a node`);
      return this.graph.node(keyOf(term));
    });
  }

  node1(predicate: string, field: string): GraphNode | null {
    const nodes = this.nodes(predicate, field);
    if (nodes.length > 1) throw new Unreadable(field, `<${predicate}> has more than one value`);
    return nodes[0] ?? null;
  }
}

const required = <T>(value: T | null | undefined, field: string, predicate: string, what: string): T => {
  if (value === null || value === undefined || (Array.isArray(value) && value.length === 0)) {
    throw new Unreadable(field, `${what} is missing (<${predicate}>)`);
  }
  return value;
};

function code(node: GraphNode, predicate: string, list: CodeListName, field: string): string | null {
  const iri = node.iri1(predicate, field);
  if (iri === null) return null;
  const value = codeOfConcept(list, iri);
  if (value === null) throw new Unreadable(field, `<${iri}> is not a concept of RADAR's ${list} list`);
  return value;
}

function codes(node: GraphNode, predicate: string, list: CodeListName, field: string): string[] {
  return node.iris(predicate, field).map((iri) => {
    const value = codeOfConcept(list, iri);
    if (value === null) throw new Unreadable(field, `<${iri}> is not a concept of RADAR's ${list} list`);
    return value;
  });
}

function reference(iri: string, path: RecordPath): Reference {
  return { id: idOfIri(iri, path), iri };
}

const references = (node: GraphNode, predicate: string, path: RecordPath, field: string) =>
  node.iris(predicate, field).map((iri) => reference(iri, path));

function reference1(node: GraphNode, predicate: string, path: RecordPath, field: string): Reference | null {
  const iri = node.iri1(predicate, field);
  return iri === null ? null : reference(iri, path);
}

/** Countries and NUTS regions from dct:spatial; anything else there is refused, not dropped. */
function places(node: GraphNode, field: string) {
  const countries: string[] = [];
  const nuts: string[] = [];
  for (const iri of node.iris(dct.spatial, field)) {
    const country = countryOfIri(iri);
    const region = country ? null : nutsOfIri(iri);
    if (country) countries.push(country);
    else if (region) nuts.push(region);
    else throw new Unreadable(field, `<${iri}> is neither an EU authority country nor a NUTS region`);
  }
  return { countries, nuts };
}

function period(node: GraphNode, field: string) {
  const time = node.node1(dct.temporal, field);
  return {
    startDate: time?.text(dcat.startDate, field) ?? null,
    endDate: time?.text(dcat.endDate, field) ?? null,
  };
}

/** RADAR writes texts in a record's own language and in its translations' as language-tagged literals. */
type TextField = 'title' | 'summary' | 'description';
function translatedTexts(node: GraphNode, predicates: Partial<Record<TextField, string>>, needed: TextField[]) {
  const byLanguage = new Map<string, Partial<Record<TextField, string>>>();
  for (const [field, predicate] of Object.entries(predicates) as [TextField, string][]) {
    for (const literal of node.literals(predicate, field)) {
      // A text without a language tag is taken to be in English, the API's default language.
      const language = literal.language ? literal.language.toLowerCase() : 'en';
      const texts = byLanguage.get(language) ?? {};
      if (texts[field] !== undefined && texts[field] !== literal.value) {
        throw new Unreadable(field, `<${predicate}> has more than one value in language "${language}"`);
      }
      texts[field] = literal.value;
      byLanguage.set(language, texts);
    }
  }
  for (const field of needed) {
    if (![...byLanguage.values()].some((texts) => texts[field] !== undefined)) {
      throw new Unreadable(field, `the ${field} is missing (<${predicates[field]}>)`);
    }
  }
  // RDF does not say which language is the record's own: it is one with every required text, the one with the most
  // texts, English on a tie, else the first in alphabetical order, so the same graph always reads the same.
  const candidates = [...byLanguage.entries()]
    .filter(([, texts]) => needed.every((field) => texts[field] !== undefined))
    .sort(
      ([a, x], [b, y]) =>
        Object.keys(y).length - Object.keys(x).length || Number(b === 'en') - Number(a === 'en') || a.localeCompare(b),
    );
  const primary = candidates[0];
  if (!primary) {
    throw new Unreadable(needed[0] ?? 'title', `no language has all of ${needed.join(' and ')}`);
  }
  const [language, texts] = primary;
  const fields = Object.keys(predicates) as TextField[];
  const nullable = (texts_: Partial<Record<TextField, string>>) =>
    Object.fromEntries(fields.map((field) => [field, texts_[field] ?? null]));
  return {
    language,
    ...nullable(texts),
    translations: [...byLanguage.entries()]
      .filter(([other]) => other !== language)
      .sort(([a], [b]) => a.localeCompare(b))
      .map(([other, otherTexts]) => ({ language: other, ...nullable(otherTexts) })),
  };
}

function practiceType(node: GraphNode): string {
  const fromKind = code(node, dct.type, 'practiceTypes', 'type');
  if (fromKind) return fromKind;
  const fromClass = node.types().flatMap((iri) => practiceClasses.get(iri) ?? []);
  return required(fromClass[0], 'type', dct.type, 'the practice type');
}

function adoptionNodes(node: GraphNode) {
  const linked = node.nodes(radar.adoption, 'adoptions');
  const beside = node.iri ? (node.graph.adoptionsOf.get(node.iri) ?? []).map((key) => node.graph.node(key)) : [];
  const seen = new Set<string>();
  return [...linked, ...beside].filter((item) => !seen.has(item.key) && seen.add(item.key));
}

function adoption(node: GraphNode) {
  const field = 'adoptions';
  const { countries, nuts } = places(node, field);
  if (countries.length !== 1) throw new Unreadable(field, 'an adoption needs exactly one country (<dct:spatial>)');
  if (nuts.length > 1) throw new Unreadable(field, 'an adoption is in at most one NUTS region (<dct:spatial>)');
  const adopter = required(
    reference1(node, radar.adopter, 'organisations', field),
    field,
    radar.adopter,
    'the adopter',
  );
  const project = reference1(node, radar.viaProject, 'projects', field);
  const match = node.iri ? adoptionIriPattern.exec(node.iri) : null;
  return {
    id: match ? (match[1] as string).toLowerCase() : null,
    ...(node.iri ? { iri: node.iri } : {}),
    country: countries[0],
    nuts: nuts[0] ?? null,
    scale: required(code(node, radar.adoptionScale, 'adoptionScales', field), field, radar.adoptionScale, 'the scale'),
    status: required(
      code(node, radar.adoptionStatus, 'adoptionStatuses', field),
      field,
      radar.adoptionStatus,
      'the status',
    ),
    ...period(node, field),
    note: node.text(dct.description, field),
    createdAt: node.text(dct.created, field),
    updatedAt: node.text(dct.modified, field),
    adopter,
    project,
  };
}

/**
 * The classification practices and needs share: WHO CDHI interventions, health system challenges, service types,
 * target groups and care settings, each a code list read by its concepts.
 */
function classificationOf(node: GraphNode): Json {
  return {
    cdhiCodes: codes(node, radar.cdhiIntervention, 'cdhiCodes', 'cdhiCodes'),
    healthSystemChallenges: codes(
      node,
      radar.healthSystemChallenge,
      'healthSystemChallenges',
      'healthSystemChallenges',
    ),
    serviceTypes: codes(node, radar.serviceType, 'serviceTypes', 'serviceTypes'),
    targetGroups: codes(node, radar.targetGroup, 'targetGroups', 'targetGroups'),
    careSettings: codes(node, radar.careSetting, 'careSettings', 'careSettings'),
  };
}

/** The languages a practice or need is offered in (dct:language), as RADAR's language codes. */
function languagesOf(node: GraphNode): string[] {
  return node.iris(dct.language, 'languages').map((iri) => {
    const language = languageOfIri(iri);
    if (!language) throw new Unreadable('languages', `<${iri}> is not a language RADAR knows`);
    return language;
  });
}

function readPractice(node: GraphNode): Json {
  const { countries, nuts } = places(node, 'countries');
  const trl = node.text(radar.technologyReadinessLevel, 'trl');
  const licence = node.iri1(dct.license, 'licence');
  return {
    ...translatedTexts(node, { title: dct.title, summary: dct.abstract, description: dct.description }, [
      'title',
      'summary',
    ]),
    type: practiceType(node),
    maturity: required(
      code(node, radar.maturityStage, 'maturityStages', 'maturity'),
      'maturity',
      radar.maturityStage,
      'the maturity stage',
    ),
    trl: trl === null ? null : Number(trl),
    ...classificationOf(node),
    topics: codes(node, radar.topic, 'topics', 'topics'),
    languages: languagesOf(node),
    countries,
    nuts,
    landingPage: node.iri1(dcat.landingPage, 'landingPage'),
    licence: licence === null ? null : (licenceOfIri(licence) ?? licence),
    standards: codes(node, radar.interoperabilityStandard, 'interoperabilityStandards', 'standards'),
    certification: node.text(radar.certification, 'certification'),
    evidence: node.nodes(radar.evidence, 'evidence').map((item) => {
      const url = required(item.iri1(schema.url, 'evidence'), 'evidence', schema.url, 'the evidence link');
      return {
        kind: required(
          code(item, radar.evidenceKind, 'evidenceKinds', 'evidence'),
          'evidence',
          radar.evidenceKind,
          'the evidence kind',
        ),
        url: evidenceOfIri(url),
        title: item.text(dct.title, 'evidence'),
      };
    }),
    owner: required(
      reference1(node, dct.rightsHolder, 'organisations', 'owner'),
      'owner',
      dct.rightsHolder,
      'the owner',
    ),
    contributors: node.nodes(prov.qualifiedAttribution, 'contributors').map((item) => ({
      role: required(
        code(item, dcat.hadRole, 'contributorRoles', 'contributors'),
        'contributors',
        dcat.hadRole,
        "a contributor's role",
      ),
      organisation: required(
        reference1(item, prov.agent, 'organisations', 'contributors'),
        'contributors',
        prov.agent,
        'a contributing organisation',
      ),
    })),
    adoptions: adoptionNodes(node).map(adoption),
    status: code(node, adms.status, 'practiceStatuses', 'status'),
    createdAt: node.text(dct.created, 'createdAt'),
    updatedAt: node.text(dct.modified, 'updatedAt'),
    publishedAt: node.text(dct.issued, 'publishedAt'),
  };
}

const schemeByDatatype = new Map(
  Object.entries(identifierSchemesRdf).map(([scheme, rdfScheme]) => [rdfScheme.datatype, scheme]),
);
const schemeByAgency = new Map(
  Object.entries(identifierSchemesRdf).map(([scheme, rdfScheme]) => [rdfScheme.agency, scheme]),
);

function identifiers(node: GraphNode, field: string) {
  return node.nodes(adms.identifier, field).map((item) => {
    const notations = item.literals(skos.notation, field);
    const notation = required(notations[0], field, skos.notation, 'the notation of an identifier');
    if (notations.length > 1) throw new Unreadable(field, `<${skos.notation}> has more than one value`);
    const agency = item.iri1(dct.creator, field);
    const scheme =
      schemeByDatatype.get(notation.datatype.value) ?? (agency ? schemeByAgency.get(agency) : undefined) ?? null;
    if (!scheme) {
      throw new Unreadable(field, `identifier "${notation.value}" has no scheme RADAR knows (datatype or dct:creator)`);
    }
    return { scheme, value: notation.value };
  });
}

function readOrganisation(node: GraphNode): Json {
  const { countries, nuts } = places(node, 'country');
  if (countries.length > 1) throw new Unreadable('country', 'an organisation is in at most one country');
  if (nuts.length > 1) throw new Unreadable('nuts', 'an organisation is in at most one NUTS region');
  const email = node.iri1(vcard.hasEmail, 'email');
  const address = node.node1(vcard.hasAddress, 'city');
  return {
    name: required(node.text(foaf.name, 'name'), 'name', foaf.name, 'the name'),
    acronym: node.text(skos.altLabel, 'acronym'),
    kind: required(code(node, dct.type, 'organisationKinds', 'kind'), 'kind', dct.type, 'the kind'),
    country: countries[0] ?? null,
    nuts: nuts[0] ?? null,
    city: address?.text(vcard.locality, 'city') ?? null,
    website: node.iri1(foaf.homepage, 'website'),
    email: email === null ? null : email.replace(/^mailto:/i, ''),
    description: node.text(dct.description, 'description'),
    memberships: references(node, org.memberOf, 'organisations', 'memberships'),
    identifiers: identifiers(node, 'identifiers'),
    createdAt: node.text(dct.created, 'createdAt'),
    updatedAt: node.text(dct.modified, 'updatedAt'),
  };
}

const amount = (node: GraphNode, predicate: string, field: string) =>
  node.node1(predicate, field)?.text(schema.value, field) ?? null;

const practiceLinkRoles: [string, string][] = [
  [radar.produced, 'PRODUCED'],
  [radar.used, 'USED'],
  [radar.transferred, 'TRANSFERRED'],
];
const synergyKinds: [string, string][] = [
  [radar.synergyWith, 'SYNERGY'],
  [radar.clusteredWith, 'CLUSTER'],
  [radar.followedBy, 'FOLLOW_UP'],
  [radar.follows, 'PREDECESSOR'],
];
const stagePosition = (node: GraphNode) => Number(/#stage-(\d+)$/.exec(node.iri ?? '')?.[1] ?? Number.NaN);

function twinning(node: GraphNode, kind: string) {
  const field = 'twinning';
  const originator = reference1(node, radar.originator, 'organisations', field);
  const practice = reference1(node, radar.transferredPractice, 'practices', field);
  const type = code(node, radar.twinningType, 'twinningTypes', field);
  if (kind !== 'TWINNING') {
    if (originator || practice || type) throw new Unreadable(field, 'only a project of kind TWINNING has a twinning');
    return null;
  }
  const adopters = required(
    references(node, radar.twinningAdopter, 'organisations', field),
    field,
    radar.twinningAdopter,
    'the adopters',
  );
  const recorded = node.iris(radar.recordedAdoption, field).map((iri) => {
    const match = adoptionIriPattern.exec(iri);
    const practiceId = idOfIri(iri.replace(/#.*$/, ''), 'practices');
    return { id: match ? (match[1] as string).toLowerCase() : null, iri, practice: { id: practiceId } };
  });
  const stages = node.nodes(radar.stage, field).map((item) => ({
    position: stagePosition(item),
    name: required(item.text(dct.title, field), field, dct.title, "a stage's name"),
    ...period(item, field),
    description: item.text(dct.description, field),
  }));
  // In RADAR's order (the number in each stage's IRI) where the IRIs give it, else by date.
  stages.sort(
    (a, b) =>
      (Number.isNaN(a.position - b.position) ? 0 : a.position - b.position) ||
      (a.startDate ?? '').localeCompare(b.startDate ?? ''),
  );
  return {
    type: required(type, field, radar.twinningType, 'the twinning type'),
    outcome: node.text(radar.outcome, field),
    completedAt: node.text(radar.completed, field),
    originator: required(originator, field, radar.originator, 'the originator'),
    practice: required(practice, field, radar.transferredPractice, 'the practice transferred'),
    adopters: adopters.map((organisation) => ({
      organisation,
      // Which adopter a recorded adoption is of is said by the adoption (on its practice); with one adopter, it is its.
      adoption: adopters.length === 1 ? (recorded[0] ?? null) : null,
    })),
    recordedAdoptions: recorded,
    stages: stages.map(({ position: _position, ...stage }) => stage),
  };
}

function readProject(node: GraphNode): Json {
  const kind = required(code(node, dct.type, 'projectKinds', 'kind'), 'kind', dct.type, 'the kind');
  const cordis = identifiers(node, 'cordisId').filter((item) => item.scheme === 'CORDIS');
  const fromSeeAlso = node
    .iris(rdfs.seeAlso, 'cordisId')
    .flatMap((iri) => /^https:\/\/cordis\.europa\.eu\/project\/id\/(\d+)$/.exec(iri)?.[1] ?? []);
  const time = period(node, 'startDate');
  return {
    acronym: required(node.text(dct.alternative, 'acronym'), 'acronym', dct.alternative, 'the acronym'),
    ...translatedTexts(node, { title: dct.title, summary: dct.abstract }, ['title']),
    kind,
    programme: required(
      code(node, radar.programme, 'programmes', 'programme'),
      'programme',
      radar.programme,
      'the programme',
    ),
    funder: reference1(node, schema.funder, 'organisations', 'funder'),
    grantNumber: node.text(frapo.hasGrantNumber, 'grantNumber'),
    cordisId: cordis[0]?.value ?? fromSeeAlso[0] ?? null,
    startDate: time.startDate,
    endDate: time.endDate,
    totalBudget: amount(node, radar.totalBudget, 'totalBudget'),
    euContribution: amount(node, radar.euContribution, 'euContribution'),
    website: node.iri1(foaf.homepage, 'website'),
    participants: node.nodes(prov.qualifiedAttribution, 'participants').map((item) => ({
      role: required(
        code(item, dcat.hadRole, 'participantRoles', 'participants'),
        'participants',
        dcat.hadRole,
        "a participant's role",
      ),
      organisation: required(
        reference1(item, prov.agent, 'organisations', 'participants'),
        'participants',
        prov.agent,
        'a participating organisation',
      ),
    })),
    practices: practiceLinkRoles.flatMap(([predicate, role]) =>
      references(node, predicate, 'practices', 'practices').map((practice) => ({ role, practice })),
    ),
    synergies: synergyKinds.flatMap(([predicate, synergy]) =>
      references(node, predicate, 'projects', 'synergies').map((project) => ({ kind: synergy, project })),
    ),
    twinning: twinning(node, kind),
    createdAt: node.text(dct.created, 'createdAt'),
    updatedAt: node.text(dct.modified, 'updatedAt'),
  };
}

function readNeed(node: GraphNode): Json {
  const { countries, nuts } = places(node, 'country');
  if (countries.length !== 1) throw new Unreadable('country', 'a need is in exactly one country (<dct:spatial>)');
  if (nuts.length > 1) throw new Unreadable('nuts', 'a need is in at most one NUTS region (<dct:spatial>)');
  return {
    ...translatedTexts(node, { title: dct.title, description: dct.description }, ['title', 'description']),
    country: countries[0],
    nuts: nuts[0] ?? null,
    ...classificationOf(node),
    languages: languagesOf(node),
    minMaturity: code(node, radar.requiredMaturity, 'maturityStages', 'minMaturity'),
    ...period(node, 'startDate'),
    owner: required(reference1(node, dct.creator, 'organisations', 'owner'), 'owner', dct.creator, 'the owner'),
    matchedPractice: reference1(node, radar.matchedPractice, 'practices', 'matchedPractice'),
    status: code(node, adms.status, 'practiceStatuses', 'status'),
    state: code(node, radar.needState, 'needStates', 'needState'),
    createdAt: node.text(dct.created, 'createdAt'),
    updatedAt: node.text(dct.modified, 'updatedAt'),
    publishedAt: node.text(dct.issued, 'publishedAt'),
  };
}

/** How each kind of record is read. */
const readers: Record<RecordPath, (node: GraphNode) => Json> = {
  practices: readPractice,
  organisations: readOrganisation,
  projects: readProject,
  needs: readNeed,
};

function pathOf(types: string[]): RecordPath | 'several' | null {
  const paths = new Set(types.flatMap((type) => recordClasses.get(type) ?? []));
  if (paths.size > 1) return 'several';
  return paths.values().next().value ?? null;
}

/** The nodes a record's fields are read from: its own, and those reached from it (blank nodes, its fragments). */
function reachable(graph: Graph, start: string, records: Set<string>, into: Set<string>) {
  const stack = [start];
  while (stack.length) {
    const key = stack.pop() as string;
    if (into.has(key)) continue;
    into.add(key);
    const properties = graph.subjects.get(key)?.properties;
    if (!properties) continue;
    for (const objects of properties.values()) {
      for (const object of objects) {
        const next = keyOf(object);
        if (object.termType !== 'Literal' && !records.has(next) && graph.subjects.has(next)) stack.push(next);
      }
    }
  }
}

/**
 * Every record in a graph, organisations, then practices, then projects, and a rejection for each node that is neither a
 * record, nor part of one, nor what surrounds records in a dump (code lists, paging).
 */
export function readRecords(quads: Iterable<n3.Quad>): ReadResult[] {
  const graph = new Graph(quads);
  const results: ReadResult[] = [];
  const records = new Set<string>();
  const recordPaths = new Map<string, RecordPath>();
  for (const [key] of graph.subjects) {
    const node = graph.node(key);
    const types = node.types();
    const path = pathOf(types);
    if (path === 'several') {
      results.push({
        kind: 'rejected',
        path: null,
        iri: node.iri,
        field: 'type',
        reason: `the node is typed as more than one kind of record: ${types.map((type) => `<${type}>`).join(', ')}`,
      });
      records.add(key);
    } else if (path) {
      records.add(key);
      recordPaths.set(key, path);
    }
  }
  const claimed = new Set<string>();
  for (const key of records) {
    const path = recordPaths.get(key);
    if (!path) continue;
    const node = graph.node(key);
    reachable(graph, key, records, claimed);
    if (path === 'practices') for (const item of adoptionNodes(node)) reachable(graph, item.key, records, claimed);
    if (!node.iri) {
      results.push({
        kind: 'rejected',
        path,
        iri: null,
        field: 'id',
        reason: 'a record needs an IRI, not a blank node',
      });
      continue;
    }
    try {
      results.push({ kind: 'record', path, iri: node.iri, id: idOfIri(node.iri, path), record: readers[path](node) });
    } catch (error) {
      if (!(error instanceof Unreadable)) throw error;
      results.push({ kind: 'rejected', path, iri: node.iri, field: error.field, reason: error.message });
    }
  }
  // What no record claims is refused once, at its top: a node no other unclaimed node points to.
  const unclaimed = [...graph.subjects.keys()].filter((key) => !records.has(key) && !claimed.has(key));
  const pointedTo = new Set(
    unclaimed.flatMap((key) =>
      [...(graph.subjects.get(key)?.properties.values() ?? [])].flat().map((object) => keyOf(object)),
    ),
  );
  const tops = unclaimed.filter((key) => !pointedTo.has(key));
  for (const key of tops.length || !unclaimed.length ? tops : unclaimed.slice(0, 1)) {
    const node = graph.node(key);
    const types = node.types();
    if (types.length && types.every((type) => surroundingClasses.has(type))) continue;
    // A record's type node names another record it points to without describing it: nothing to read.
    if (types.includes(activityStreams.Tombstone)) {
      results.push({
        kind: 'rejected',
        path: null,
        iri: node.iri,
        field: 'type',
        reason: 'a tombstone: the record has left the registry, there is nothing to import',
      });
      continue;
    }
    // Nodes that only say what surrounds records (a dump's or a page's own properties) have no type of a record.
    if (types.length === 0 && isSurrounding(node)) continue;
    results.push({
      kind: 'rejected',
      path: null,
      iri: node.iri,
      field: 'type',
      reason: types.length
        ? `unknown type ${types.map((type) => `<${type}>`).join(', ')}: RADAR imports organisations (<${org.Organization}>), practices (<${radar.Practice}>), projects (<${schema.Project}>) and needs (<${radar.Need}>)`
        : 'a node without a type: RADAR imports organisations, practices, projects and needs',
    });
  }
  // In the order records may refer to each other, as a dump has them: organisations, practices, projects.
  const rank = (result: ReadResult) => (result.path ? dumpOrder.indexOf(result.path) : -1);
  return results.sort((a, b) => rank(a) - rank(b));
}

/** A paging node or a collection's member list: all of its properties are Hydra's. */
function isSurrounding(node: GraphNode) {
  const properties = node.graph.subjects.get(node.key)?.properties;
  return !!properties && [...properties.keys()].every((predicate) => predicate.startsWith(hydra.$));
}
