// The vocabularies RADAR's linked data uses, as typed namespace constants: code reads terms from here, never
// from string literals scattered through it.
export const ONTOLOGY_IRI = 'https://w3id.org/radar/ontology';
export const CODE_LISTS_IRI = 'https://w3id.org/radar/code/';

function namespace<const T extends readonly string[]>(
  base: string,
  terms: T,
): { readonly $: string } & { readonly [K in T[number]]: string } {
  return Object.freeze(Object.fromEntries([['$', base], ...terms.map((term) => [term, `${base}${term}`])])) as never;
}

export const radar = namespace(`${ONTOLOGY_IRI}#`, [
  'Practice',
  'App',
  'DigitalService',
  'ComplexSolution',
  'Policy',
  'Strategy',
  'AssessmentFramework',
  'Model',
  'MethodOrTool',
  'GuidelineOrStandard',
  'Training',
  'Adoption',
  'Twinning',
  'Stage',
  'EvidenceLink',
  'Need',
  'maturityStage',
  'technologyReadinessLevel',
  'cdhiIntervention',
  'healthSystemChallenge',
  'serviceType',
  'requiredMaturity',
  'needState',
  'matchedPractice',
  'topic',
  'targetGroup',
  'careSetting',
  'interoperabilityStandard',
  'certification',
  'evidence',
  'evidenceKind',
  'adoption',
  'adoptedPractice',
  'adopter',
  'adoptionScale',
  'adoptionStatus',
  'viaProject',
  'programme',
  'totalBudget',
  'euContribution',
  'produced',
  'used',
  'transferred',
  'synergyWith',
  'clusteredWith',
  'followedBy',
  'follows',
  'originator',
  'twinningAdopter',
  'transferredPractice',
  'twinningType',
  'stage',
  'outcome',
  'recordedAdoption',
  'completed',
  'tombstoneReason',
  'adoptionsStarted',
  'adoptionsActive',
  'adoptionsEnded',
  'practicesAvailable',
  'practicesAdopted',
  'RorId',
  'WikidataId',
  'ParticipantIdentificationCode',
  'VatNumber',
  'CordisId',
] as const);

/** The W3C RDF Data Cube vocabulary and the SDMX dimensions it is used with. */
export const qb = namespace('http://purl.org/linked-data/cube#', [
  'DataSet',
  'DataStructureDefinition',
  'ComponentSpecification',
  'DimensionProperty',
  'MeasureProperty',
  'Observation',
  'dataSet',
  'structure',
  'component',
  'dimension',
  'measure',
  'order',
] as const);
export const sdmxDimension = namespace('http://purl.org/linked-data/sdmx/2009/dimension#', [
  'refArea',
  'refPeriod',
] as const);
/** Periods as IRIs (year, quarter, month), the ones Data Cube publications use for refPeriod. */
export const periodIri = {
  YEAR: (period: string) => `http://reference.data.gov.uk/id/year/${period}`,
  QUARTER: (period: string) => `http://reference.data.gov.uk/id/quarter/${period}`,
  MONTH: (period: string) => `http://reference.data.gov.uk/id/month/${period}`,
} as const;

export const rdf = namespace('http://www.w3.org/1999/02/22-rdf-syntax-ns#', ['type'] as const);
export const rdfs = namespace('http://www.w3.org/2000/01/rdf-schema#', [
  'label',
  'comment',
  'range',
  'subClassOf',
  'subPropertyOf',
  'seeAlso',
  'isDefinedBy',
] as const);
export const owl = namespace('http://www.w3.org/2002/07/owl#', [
  'Ontology',
  'Class',
  'ObjectProperty',
  'DatatypeProperty',
  'SymmetricProperty',
  'inverseOf',
  'sameAs',
  'equivalentClass',
  'versionInfo',
] as const);
export const xsd = namespace('http://www.w3.org/2001/XMLSchema#', [
  'string',
  'integer',
  'decimal',
  'date',
  'dateTime',
  'boolean',
] as const);
export const skos = namespace('http://www.w3.org/2004/02/skos/core#', [
  'ConceptScheme',
  'Concept',
  'prefLabel',
  'altLabel',
  'definition',
  'notation',
  'inScheme',
  'topConceptOf',
  'hasTopConcept',
  'broader',
  'exactMatch',
  'closeMatch',
] as const);
export const dct = namespace('http://purl.org/dc/terms/', [
  'title',
  'alternative',
  'description',
  'abstract',
  'type',
  'created',
  'modified',
  'issued',
  'language',
  'spatial',
  'temporal',
  'license',
  'publisher',
  'rightsHolder',
  'conformsTo',
  'audience',
  'identifier',
  'PeriodOfTime',
  'isPartOf',
  'creator',
  'isReplacedBy',
  'date',
  'source',
  'rights',
] as const);
export const dcat = namespace('http://www.w3.org/ns/dcat#', [
  'Resource',
  'landingPage',
  'theme',
  'startDate',
  'endDate',
  'hadRole',
  'Relationship',
] as const);
export const adms = namespace('http://www.w3.org/ns/adms#', [
  'Asset',
  'status',
  'identifier',
  'Identifier',
  'schemaAgency',
] as const);
export const org = namespace('http://www.w3.org/ns/org#', ['Organization', 'memberOf'] as const);
export const foaf = namespace('http://xmlns.com/foaf/0.1/', [
  'Agent',
  'Organization',
  'Project',
  'name',
  'homepage',
  'page',
] as const);
export const vcard = namespace('http://www.w3.org/2006/vcard/ns#', [
  'hasEmail',
  'hasAddress',
  'locality',
  'Address',
] as const);
export const prov = namespace('http://www.w3.org/ns/prov#', [
  'Activity',
  'Attribution',
  'qualifiedAttribution',
  'agent',
  'used',
  'wasAssociatedWith',
  'wasInformedBy',
  'generated',
  'wasDerivedFrom',
] as const);
export const schema = namespace('http://schema.org/', [
  'Project',
  'SoftwareApplication',
  'MonetaryAmount',
  'value',
  'currency',
  'funder',
  'url',
] as const);
export const frapo = namespace('http://purl.org/cerif/frapo/', ['hasGrantNumber', 'isFundedBy'] as const);

/** The W3C Data Quality Vocabulary, and Web Annotation, which it builds quality annotations on. */
export const dqv = namespace('http://www.w3.org/ns/dqv#', [
  'QualityAnnotation',
  'QualityMeasurement',
  'Metric',
  'Dimension',
  'Category',
  'hasQualityAnnotation',
  'isMeasurementOf',
  'computedOn',
  'value',
  'inDimension',
  'inCategory',
  'expectedDataType',
  'qualityAssessment',
] as const);
export const oa = namespace('http://www.w3.org/ns/oa#', ['hasTarget', 'hasBody', 'motivatedBy'] as const);

export const hydra = namespace('http://www.w3.org/ns/hydra/core#', [
  'Collection',
  'PartialCollectionView',
  'member',
  'totalItems',
  'view',
  'first',
  'next',
  'previous',
] as const);
export const activityStreams = namespace('https://www.w3.org/ns/activitystreams#', [
  'Tombstone',
  'formerType',
  'deleted',
] as const);

export const prefixes = {
  radar: radar.$,
  rdf: rdf.$,
  rdfs: rdfs.$,
  owl: owl.$,
  xsd: xsd.$,
  skos: skos.$,
  dct: dct.$,
  dcat: dcat.$,
  adms: adms.$,
  org: org.$,
  foaf: foaf.$,
  vcard: vcard.$,
  prov: prov.$,
  schema: schema.$,
  frapo: frapo.$,
  hydra: hydra.$,
  as: activityStreams.$,
  dqv: dqv.$,
  oa: oa.$,
} as const;

/** EU authority tables and other registries RADAR links to. */
export const authority = {
  country: (alpha3: string) => `http://publications.europa.eu/resource/authority/country/${alpha3}`,
  language: (code: string) => `http://publications.europa.eu/resource/authority/language/${code}`,
  licence: (code: string) => `http://publications.europa.eu/resource/authority/licence/${code}`,
  nuts: (code: string) => `http://data.europa.eu/nuts/code/${code}`,
  cordis: (id: string) => `https://cordis.europa.eu/project/id/${id}`,
  spdx: (id: string) => `https://spdx.org/licenses/${id}`,
};
