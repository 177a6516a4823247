// One declarative mapping per exported type: which GraphQL field becomes which term of the context, and how its
// value becomes RDF. Fields a type has that are not exported are listed, with the reason, under `excluded`.
import { type IdentifierSchemeRdf, identifierSchemesRdf } from './alignments.js';
import { type CodeListName, conceptIri, metricIri } from './codelists.js';
import { countryIri, evidenceIri, languageIri, licenceIri, nutsIri } from './links.js';
import { dqv } from './vocabulary.js';

export type Json = Record<string, unknown>;

export interface MapContext {
  /** The deployment's base IRI, e.g. https://radar.example.eu */
  base: string;
}

export interface FieldMapping {
  field: string;
  /** The GraphQL selection for the field; the field name when it is a scalar. */
  select?: string;
  /** Terms of the context this field writes. */
  terms: string[];
  toJsonLd: (value: any, record: any, context: MapContext) => Json | undefined;
}

export interface TypeMapping {
  /** The GraphQL type, and the collection path of its IRIs. */
  type: 'Practice' | 'Organisation' | 'Project' | 'Need';
  path: 'practices' | 'organisations' | 'projects' | 'needs';
  fields: FieldMapping[];
  excluded: Record<string, string>;
  rdfTypes: (record: any) => string[];
}

export const iriOf = (context: MapContext, path: TypeMapping['path'], id: string) => `${context.base}/${path}/${id}`;
const practiceIri = (context: MapContext, id: string) => iriOf(context, 'practices', id);
const organisationIri = (context: MapContext, id: string) => iriOf(context, 'organisations', id);
const projectIri = (context: MapContext, id: string) => iriOf(context, 'projects', id);
const needIri = (context: MapContext, id: string) => iriOf(context, 'needs', id);
export const adoptionIri = (context: MapContext, practiceId: string, id: string) =>
  `${practiceIri(context, practiceId)}#adoption-${id}`;
export const assessmentIri = (context: MapContext, practiceId: string, id: string) =>
  `${practiceIri(context, practiceId)}#assessment-${id}`;

interface AssessmentRecord {
  id: string;
  assessedOn: string;
  recordedAt: string;
  assessor: string;
  label: string;
  comment: string | null;
  scores: { criterion: string; score: number; note: string }[];
}

/**
 * Assessments, newest first, as DQV quality annotations of the practice: the label is the body, the curator who
 * recorded it (by the label RADAR shows in GraphQL) the annotation's creator, a foaf:Agent; each criterion's
 * score a quality measurement the label was derived from, and each older assessment is replaced by the next newer.
 */
function assessmentAnnotations(values: AssessmentRecord[], practiceId: string, context: MapContext) {
  return values.map((item, index) => {
    const iri = assessmentIri(context, practiceId, item.id);
    const newer = index > 0 ? values[index - 1] : undefined;
    return {
      id: iri,
      type: 'QualityAnnotation',
      target: practiceIri(context, practiceId),
      motivatedBy: dqv.qualityAssessment,
      body: conceptIri('assessmentLabels', item.label),
      assessedOn: item.assessedOn,
      created: item.recordedAt,
      creator: { id: `${iri}-assessor`, type: 'Agent', name: item.assessor },
      ...(item.comment ? { comment: item.comment } : {}),
      ...(newer ? { isReplacedBy: assessmentIri(context, practiceId, newer.id) } : {}),
      derivedFrom: item.scores.map((entry) => ({
        id: `${iri}-${entry.criterion.toLowerCase().replace(/_/g, '-')}`,
        type: 'QualityMeasurement',
        isMeasurementOf: metricIri(entry.criterion),
        computedOn: practiceIri(context, practiceId),
        score: entry.score,
        comment: entry.note,
      })),
    };
  });
}

const present = (value: unknown) =>
  value !== null && value !== undefined && !(Array.isArray(value) && value.length === 0);
const literal = (term: string) => (value: unknown) => (present(value) ? { [term]: value } : undefined);
/** A text in the record's own language and each translation's, as language-tagged literals, one per language. */
const translated =
  (term: string, field: 'title' | 'summary' | 'description') =>
  (value: string | null, record: { language: string; translations: Record<string, string | null>[] }) => {
    const texts = [
      ...(value ? [{ '@value': value, '@language': record.language }] : []),
      ...record.translations.flatMap((translation) =>
        translation[field] ? [{ '@value': translation[field], '@language': translation.language }] : [],
      ),
    ];
    return texts.length ? { [term]: texts } : undefined;
  };
const code = (term: string, list: CodeListName) => (value: string | null) =>
  value ? { [term]: conceptIri(list, value) } : undefined;
const codes = (term: string, list: CodeListName) => (values: string[]) =>
  present(values) ? { [term]: values.map((value) => conceptIri(list, value)) } : undefined;
/** A period of time, named by `id` (a fragment of its record's IRI) so a harvest can refer to it. */
const period = (id: string, start: string | null, end: string | null) =>
  start || end
    ? { id, type: 'PeriodOfTime', ...(start ? { startDate: start } : {}), ...(end ? { endDate: end } : {}) }
    : undefined;

/** An identifier as an `adms:Identifier` node at a fragment of the identified record's IRI. */
const identifierNode = (recordIri: string, scheme: IdentifierSchemeRdf, value: string, position: number) => ({
  id: `${recordIri}#${scheme.fragment}${position > 1 ? `-${position}` : ''}`,
  type: 'Identifier',
  [scheme.notationTerm]: value,
  schemaAgency: scheme.agencyName,
  creator: scheme.agency,
});
const euros = (amount: string | null) =>
  amount ? { type: 'MonetaryAmount', value: amount, currency: 'EUR' } : undefined;
const places = (countries: string[] | null, nuts: (string | null)[] | null) => [
  ...(countries ?? []).flatMap((country) => countryIri(country) ?? []),
  ...(nuts ?? []).flatMap((code) => (code ? [nutsIri(code)] : [])),
];

export const practiceTypeClass: Record<string, string> = {
  APP: 'App',
  DIGITAL_SERVICE: 'DigitalService',
  COMPLEX_SOLUTION: 'ComplexSolution',
  POLICY: 'Policy',
  STRATEGY: 'Strategy',
  ASSESSMENT_FRAMEWORK: 'AssessmentFramework',
  MODEL: 'Model',
  METHOD_TOOL: 'MethodOrTool',
  GUIDELINE_STANDARD: 'GuidelineOrStandard',
  TRAINING: 'Training',
};

export const practiceMapping: TypeMapping = {
  type: 'Practice',
  path: 'practices',
  rdfTypes: (record) =>
    ['Practice', practiceTypeClass[record.type] ?? 'Practice'].filter(
      (value, index, all) => all.indexOf(value) === index,
    ),
  excluded: {
    contactEmail: 'not public: shown only to curators and the owner\u2019s editors',
    history: 'the audit trail is not public',
    pendingRevision: 'not public: changes awaiting a curator are not part of the published record',
    reviewComments: 'not public: curators\u2019 comments are for the owner\u2019s editors only',
    version: 'an optimistic-locking counter, not data',
    deletedAt: 'deleted practices are exported as tombstones, not as records',
    projects: 'exported from the project side (produced, used, transferred)',
    similar: 'a ranking computed for the caller, not data of the record',
    possibleDuplicates: 'a warning computed for the caller, not data of the record',
    assessment: 'the current one of assessments, exported there (the one no newer assessment replaces)',
    assessmentLabel: 'the body of the current assessment, exported with assessments',
    regions: 'the names of the regions in `nuts`, which the record links to by their NUTS IRIs',
    matchingNeeds: 'a ranking computed for the caller, not data of the record',
    sources: 'import bookkeeping: the ids partner registries give it, matched by re-imports',
  },
  fields: [
    { field: 'id', terms: ['id'], toJsonLd: () => undefined },
    { field: 'title', terms: ['title'], toJsonLd: translated('title', 'title') },
    { field: 'summary', terms: ['summary'], toJsonLd: translated('summary', 'summary') },
    { field: 'description', terms: ['description'], toJsonLd: translated('description', 'description') },
    // The language of the texts and their translations are written as the language tags of the three above.
    { field: 'language', terms: [], toJsonLd: () => undefined },
    {
      field: 'translations',
      select: 'translations { language title summary description }',
      terms: [],
      toJsonLd: () => undefined,
    },
    { field: 'type', terms: ['kind'], toJsonLd: code('kind', 'practiceTypes') },
    { field: 'maturity', terms: ['maturityStage'], toJsonLd: code('maturityStage', 'maturityStages') },
    { field: 'trl', terms: ['trl'], toJsonLd: literal('trl') },
    { field: 'cdhiCodes', terms: ['cdhiIntervention'], toJsonLd: codes('cdhiIntervention', 'cdhiCodes') },
    {
      field: 'healthSystemChallenges',
      terms: ['healthSystemChallenge'],
      toJsonLd: codes('healthSystemChallenge', 'healthSystemChallenges'),
    },
    { field: 'serviceTypes', terms: ['serviceType'], toJsonLd: codes('serviceType', 'serviceTypes') },
    { field: 'topics', terms: ['topic'], toJsonLd: codes('topic', 'topics') },
    { field: 'targetGroups', terms: ['targetGroup'], toJsonLd: codes('targetGroup', 'targetGroups') },
    { field: 'careSettings', terms: ['careSetting'], toJsonLd: codes('careSetting', 'careSettings') },
    {
      field: 'languages',
      terms: ['language'],
      toJsonLd: (values: string[]) => (present(values) ? { language: values.map(languageIri) } : undefined),
    },
    { field: 'countries', terms: ['spatial'], toJsonLd: () => undefined },
    {
      field: 'nuts',
      terms: ['spatial'],
      toJsonLd: (values: string[], record) => {
        const spatial = places(record.countries, values);
        return spatial.length ? { spatial } : undefined;
      },
    },
    { field: 'landingPage', terms: ['landingPage'], toJsonLd: literal('landingPage') },
    {
      field: 'licence',
      terms: ['license'],
      toJsonLd: (value: string | null) => {
        const iri = value ? licenceIri(value) : null;
        return iri ? { license: iri } : undefined;
      },
    },
    { field: 'standards', terms: ['standard'], toJsonLd: codes('standard', 'interoperabilityStandards') },
    { field: 'certification', terms: ['certification'], toJsonLd: literal('certification') },
    {
      field: 'evidence',
      select: 'evidence { kind url title }',
      terms: ['evidence', 'EvidenceLink', 'evidenceKind', 'url', 'title'],
      toJsonLd: (values: { kind: string; url: string; title: string | null }[]) =>
        present(values)
          ? {
              evidence: values.map((item) => ({
                type: 'EvidenceLink',
                evidenceKind: conceptIri('evidenceKinds', item.kind),
                url: evidenceIri(item.url),
                ...(item.title ? { title: item.title } : {}),
              })),
            }
          : undefined,
    },
    {
      field: 'owner',
      select: 'owner { id }',
      terms: ['rightsHolder'],
      toJsonLd: (value: { id: string }, _record, context) => ({ rightsHolder: organisationIri(context, value.id) }),
    },
    {
      field: 'contributors',
      select: 'contributors { role organisation { id } }',
      terms: ['qualifiedAttribution', 'Attribution', 'agent', 'hadRole'],
      toJsonLd: (values: { role: string; organisation: { id: string } }[], record, context) =>
        present(values)
          ? {
              qualifiedAttribution: values.map((item) => ({
                id: `${practiceIri(context, record.id)}#contribution-${item.organisation.id}`,
                type: 'Attribution',
                agent: organisationIri(context, item.organisation.id),
                hadRole: conceptIri('contributorRoles', item.role),
              })),
            }
          : undefined,
    },
    {
      field: 'adoptions',
      select:
        'adoptions { id country nuts scale status startDate endDate note createdAt updatedAt adopter { id } project { id } }',
      terms: [
        'adoption',
        'Adoption',
        'adoptedPractice',
        'adopter',
        'spatial',
        'adoptionScale',
        'adoptionStatus',
        'temporal',
        'viaProject',
        'description',
        'created',
        'modified',
      ],
      toJsonLd: (values: any[], record, context) =>
        present(values)
          ? {
              adoption: values.map((item) => ({
                id: adoptionIri(context, record.id, item.id),
                type: 'Adoption',
                adoptedPractice: practiceIri(context, record.id),
                adopter: organisationIri(context, item.adopter.id),
                spatial: places([item.country], [item.nuts]),
                adoptionScale: conceptIri('adoptionScales', item.scale),
                adoptionStatus: conceptIri('adoptionStatuses', item.status),
                ...(item.startDate || item.endDate
                  ? {
                      temporal: period(
                        `${adoptionIri(context, record.id, item.id)}-period`,
                        item.startDate,
                        item.endDate,
                      ),
                    }
                  : {}),
                ...(item.project ? { viaProject: projectIri(context, item.project.id) } : {}),
                ...(item.note ? { description: item.note } : {}),
                created: item.createdAt,
                modified: item.updatedAt,
              })),
            }
          : undefined,
    },
    {
      field: 'assessments',
      select: 'assessments { id assessedOn recordedAt assessor label comment scores { criterion score note } }',
      terms: [
        'hasQualityAnnotation',
        'QualityAnnotation',
        'target',
        'motivatedBy',
        'body',
        'assessedOn',
        'created',
        'comment',
        'isReplacedBy',
        'derivedFrom',
        'QualityMeasurement',
        'isMeasurementOf',
        'computedOn',
        'score',
      ],
      toJsonLd: (values: AssessmentRecord[], record, context) =>
        present(values) ? { hasQualityAnnotation: assessmentAnnotations(values, record.id, context) } : undefined,
    },
    { field: 'status', terms: ['status'], toJsonLd: code('status', 'practiceStatuses') },
    { field: 'createdAt', terms: ['created'], toJsonLd: literal('created') },
    { field: 'updatedAt', terms: ['modified'], toJsonLd: literal('modified') },
    { field: 'publishedAt', terms: ['issued'], toJsonLd: literal('issued') },
  ],
};

/** Identifier nodes, numbered within their scheme when a record has more than one of a scheme. */
function identifierNodes(recordIri: string, values: { scheme: string; value: string }[]) {
  const seen = new Map<string, number>();
  return values.flatMap((item) => {
    const scheme = identifierSchemesRdf[item.scheme as keyof typeof identifierSchemesRdf];
    if (!scheme) return [];
    const position = (seen.get(item.scheme) ?? 0) + 1;
    seen.set(item.scheme, position);
    return [identifierNode(recordIri, scheme, item.value, position)];
  });
}

export const organisationMapping: TypeMapping = {
  type: 'Organisation',
  path: 'organisations',
  rdfTypes: () => ['Organization'],
  excluded: {
    version: 'an optimistic-locking counter, not data',
    deletedAt: 'deleted organisations are exported as tombstones, not as records',
    members: 'the inverse of memberships, exported on the members\u2019 side',
    practices: 'exported on the practice side (rightsHolder, qualifiedAttribution)',
    adoptions: 'exported on the practice side',
    projects: 'exported on the project side',
    projectRoles: 'exported on the project side (participants, funder, twinning originator and adopters)',
    needs: 'exported on the need side (dct:creator)',
    possibleDuplicates: 'a warning computed from other records, not data of the record',
    sources: 'import bookkeeping: the ids partner registries give it, matched by re-imports',
    history: 'the audit trail is not public',
  },
  fields: [
    { field: 'id', terms: ['id'], toJsonLd: () => undefined },
    { field: 'name', terms: ['name'], toJsonLd: literal('name') },
    { field: 'acronym', terms: ['altLabel'], toJsonLd: literal('altLabel') },
    { field: 'kind', terms: ['kind'], toJsonLd: code('kind', 'organisationKinds') },
    { field: 'country', terms: ['spatial'], toJsonLd: () => undefined },
    {
      field: 'nuts',
      terms: ['spatial'],
      toJsonLd: (value: string | null, record) => {
        const spatial = places(record.country ? [record.country] : [], [value]);
        return spatial.length ? { spatial } : undefined;
      },
    },
    {
      field: 'city',
      terms: ['address', 'Address', 'locality'],
      toJsonLd: (value: string | null) => (value ? { address: { type: 'Address', locality: value } } : undefined),
    },
    { field: 'website', terms: ['homepage'], toJsonLd: literal('homepage') },
    {
      field: 'email',
      terms: ['email'],
      toJsonLd: (value: string | null) => (value ? { email: `mailto:${value}` } : undefined),
    },
    { field: 'description', terms: ['description'], toJsonLd: literal('description') },
    {
      field: 'memberships',
      select: 'memberships { id }',
      terms: ['memberOf'],
      toJsonLd: (values: { id: string }[], _record, context) =>
        present(values) ? { memberOf: values.map((item) => organisationIri(context, item.id)) } : undefined,
    },
    {
      field: 'identifiers',
      select: 'identifiers { scheme value iri }',
      terms: [
        'identifier',
        'Identifier',
        'rorNotation',
        'wikidataNotation',
        'picNotation',
        'vatNotation',
        'schemaAgency',
        'creator',
        'sameAs',
      ],
      toJsonLd: (values: { scheme: string; value: string; iri: string | null }[], record, context) =>
        present(values)
          ? {
              identifier: identifierNodes(organisationIri(context, record.id), values),
              ...(values.some((item) => item.iri)
                ? { sameAs: values.flatMap((item) => (item.iri ? [item.iri] : [])) }
                : {}),
            }
          : undefined,
    },
    { field: 'createdAt', terms: ['created'], toJsonLd: literal('created') },
    { field: 'updatedAt', terms: ['modified'], toJsonLd: literal('modified') },
  ],
};

const synergyTerm: Record<string, string> = {
  SYNERGY: 'synergyWith',
  CLUSTER: 'clusteredWith',
  FOLLOW_UP: 'followedBy',
  PREDECESSOR: 'follows',
};
const practiceLinkTerm: Record<string, string> = { PRODUCED: 'produced', USED: 'used', TRANSFERRED: 'transferred' };

function grouped(entries: [string, string][]) {
  const result: Record<string, string[]> = {};
  for (const [term, iri] of entries) result[term] = [...(result[term] ?? []), iri];
  return result;
}

export const projectMapping: TypeMapping = {
  type: 'Project',
  path: 'projects',
  rdfTypes: (record) => (record.kind === 'TWINNING' ? ['Project', 'Twinning'] : ['Project']),
  excluded: {
    version: 'an optimistic-locking counter, not data',
    deletedAt: 'deleted projects are exported as tombstones, not as records',
    status: 'derived from startDate and endDate on the day it is read',
    coordinator: 'the participant whose role is COORDINATOR, exported with the participants',
    sources: 'import bookkeeping: the ids partner registries give it, matched by re-imports',
    history: 'the audit trail is not public',
  },
  fields: [
    { field: 'id', terms: ['id'], toJsonLd: () => undefined },
    { field: 'acronym', terms: ['acronym'], toJsonLd: literal('acronym') },
    { field: 'title', terms: ['title'], toJsonLd: translated('title', 'title') },
    { field: 'summary', terms: ['summary'], toJsonLd: translated('summary', 'summary') },
    // The language of the texts and their translations are written as the language tags of the two above.
    { field: 'language', terms: [], toJsonLd: () => undefined },
    { field: 'translations', select: 'translations { language title summary }', terms: [], toJsonLd: () => undefined },
    { field: 'kind', terms: ['kind'], toJsonLd: code('kind', 'projectKinds') },
    { field: 'programme', terms: ['programme'], toJsonLd: code('programme', 'programmes') },
    {
      field: 'funder',
      select: 'funder { id }',
      terms: ['funder'],
      toJsonLd: (value: { id: string } | null, _record, context) =>
        value ? { funder: organisationIri(context, value.id) } : undefined,
    },
    { field: 'grantNumber', terms: ['grantNumber'], toJsonLd: literal('grantNumber') },
    {
      field: 'cordisId',
      terms: ['seeAlso', 'identifier', 'Identifier', 'cordisNotation', 'schemaAgency', 'creator'],
      toJsonLd: (value: string | null, record, context) =>
        value
          ? {
              seeAlso: [`https://cordis.europa.eu/project/id/${value}`],
              identifier: identifierNodes(projectIri(context, record.id), [{ scheme: 'CORDIS', value }]),
            }
          : undefined,
    },
    { field: 'startDate', terms: ['temporal', 'PeriodOfTime', 'startDate'], toJsonLd: () => undefined },
    {
      field: 'endDate',
      terms: ['temporal', 'PeriodOfTime', 'endDate'],
      toJsonLd: (value: string | null, record, context) => {
        const time = period(`${projectIri(context, record.id)}#period`, record.startDate, value);
        return time ? { temporal: time } : undefined;
      },
    },
    {
      field: 'totalBudget',
      terms: ['totalBudget', 'MonetaryAmount', 'value', 'currency'],
      toJsonLd: (value: string | null) => (euros(value) ? { totalBudget: euros(value) } : undefined),
    },
    {
      field: 'euContribution',
      terms: ['euContribution'],
      toJsonLd: (value: string | null) => (euros(value) ? { euContribution: euros(value) } : undefined),
    },
    { field: 'website', terms: ['homepage'], toJsonLd: literal('homepage') },
    {
      field: 'participants',
      select: 'participants { role organisation { id } }',
      terms: ['qualifiedAttribution', 'Attribution', 'agent', 'hadRole'],
      toJsonLd: (values: { role: string; organisation: { id: string } }[], record, context) =>
        present(values)
          ? {
              qualifiedAttribution: values.map((item) => ({
                id: `${projectIri(context, record.id)}#participant-${item.organisation.id}`,
                type: 'Attribution',
                agent: organisationIri(context, item.organisation.id),
                hadRole: conceptIri('participantRoles', item.role),
              })),
            }
          : undefined,
    },
    {
      field: 'practices',
      select: 'practices { role practice { id } }',
      terms: ['produced', 'used', 'transferred'],
      toJsonLd: (values: { role: string; practice: { id: string } }[], _record, context) =>
        present(values)
          ? grouped(
              values.map((item) => [practiceLinkTerm[item.role] ?? 'used', practiceIri(context, item.practice.id)]),
            )
          : undefined,
    },
    {
      field: 'synergies',
      select: 'synergies { kind project { id } }',
      terms: ['synergyWith', 'clusteredWith', 'followedBy', 'follows'],
      toJsonLd: (values: { kind: string; project: { id: string } }[], _record, context) =>
        present(values)
          ? grouped(
              values.map((item) => [synergyTerm[item.kind] ?? 'synergyWith', projectIri(context, item.project.id)]),
            )
          : undefined,
    },
    {
      field: 'twinning',
      select:
        'twinning { type outcome completedAt originator { id } practice { id } adopters { organisation { id } adoption { id practice { id } } } stages { name startDate endDate description } }',
      terms: [
        'originator',
        'twinningAdopter',
        'transferredPractice',
        'twinningType',
        'outcome',
        'completed',
        'recordedAdoption',
        'stage',
        'Stage',
        'title',
        'temporal',
        'description',
      ],
      toJsonLd: (value: any, record, context) =>
        value
          ? {
              originator: organisationIri(context, value.originator.id),
              twinningAdopter: value.adopters.map((item: any) => organisationIri(context, item.organisation.id)),
              transferredPractice: practiceIri(context, value.practice.id),
              twinningType: conceptIri('twinningTypes', value.type),
              ...(value.outcome ? { outcome: value.outcome } : {}),
              ...(value.completedAt ? { completed: value.completedAt } : {}),
              ...(value.adopters.some((item: any) => item.adoption)
                ? {
                    recordedAdoption: value.adopters.flatMap((item: any) =>
                      item.adoption
                        ? [adoptionIri(context, item.adoption.practice?.id ?? value.practice.id, item.adoption.id)]
                        : [],
                    ),
                  }
                : {}),
              ...(present(value.stages)
                ? {
                    stage: value.stages.map((stage: any, index: number) => ({
                      id: `${projectIri(context, record.id)}#stage-${index + 1}`,
                      type: 'Stage',
                      title: stage.name,
                      temporal: period(
                        `${projectIri(context, record.id)}#stage-${index + 1}-period`,
                        stage.startDate,
                        stage.endDate,
                      ),
                      ...(stage.description ? { description: stage.description } : {}),
                    })),
                  }
                : {}),
            }
          : undefined,
    },
    { field: 'createdAt', terms: ['created'], toJsonLd: literal('created') },
    { field: 'updatedAt', terms: ['modified'], toJsonLd: literal('modified') },
  ],
};

/** A text in the record's one language, as a language-tagged literal. */
const ownLanguage = (term: string) => (value: string | null, record: { language: string }) =>
  value ? { [term]: [{ '@value': value, '@language': record.language }] } : undefined;

export const needMapping: TypeMapping = {
  type: 'Need',
  path: 'needs',
  rdfTypes: () => ['Need'],
  excluded: {
    version: 'an optimistic-locking counter, not data',
    deletedAt: 'deleted needs are exported as tombstones, not as records',
    candidates: 'a ranking computed for the caller, not data of the record',
    history: 'the audit trail is not public',
    reviewComments: 'not public: curators\u2019 comments are for the owner\u2019s editors only',
    sources: 'import bookkeeping: the ids partner registries give it, matched by re-imports',
  },
  fields: [
    { field: 'id', terms: ['id'], toJsonLd: () => undefined },
    { field: 'title', terms: ['title'], toJsonLd: ownLanguage('title') },
    { field: 'description', terms: ['description'], toJsonLd: ownLanguage('description') },
    // The language of the texts is written as the language tag of the two above.
    { field: 'language', terms: [], toJsonLd: () => undefined },
    { field: 'cdhiCodes', terms: ['cdhiIntervention'], toJsonLd: codes('cdhiIntervention', 'cdhiCodes') },
    {
      field: 'healthSystemChallenges',
      terms: ['healthSystemChallenge'],
      toJsonLd: codes('healthSystemChallenge', 'healthSystemChallenges'),
    },
    { field: 'serviceTypes', terms: ['serviceType'], toJsonLd: codes('serviceType', 'serviceTypes') },
    { field: 'targetGroups', terms: ['targetGroup'], toJsonLd: codes('targetGroup', 'targetGroups') },
    { field: 'careSettings', terms: ['careSetting'], toJsonLd: codes('careSetting', 'careSettings') },
    {
      field: 'languages',
      terms: ['language'],
      toJsonLd: (values: string[]) => (present(values) ? { language: values.map(languageIri) } : undefined),
    },
    { field: 'country', terms: ['spatial'], toJsonLd: () => undefined },
    {
      field: 'nuts',
      terms: ['spatial'],
      toJsonLd: (value: string | null, record) => {
        const spatial = places([record.country], [value]);
        return spatial.length ? { spatial } : undefined;
      },
    },
    { field: 'minMaturity', terms: ['requiredMaturity'], toJsonLd: code('requiredMaturity', 'maturityStages') },
    { field: 'startDate', terms: ['temporal', 'PeriodOfTime', 'startDate'], toJsonLd: () => undefined },
    {
      field: 'endDate',
      terms: ['temporal', 'PeriodOfTime', 'endDate'],
      toJsonLd: (value: string | null, record, context) => {
        const time = period(`${needIri(context, record.id)}#period`, record.startDate, value);
        return time ? { temporal: time } : undefined;
      },
    },
    {
      field: 'owner',
      select: 'owner { id }',
      terms: ['creator'],
      toJsonLd: (value: { id: string }, _record, context) => ({ creator: organisationIri(context, value.id) }),
    },
    {
      field: 'matchedPractice',
      select: 'matchedPractice { id }',
      terms: ['matchedPractice'],
      toJsonLd: (value: { id: string } | null, _record, context) =>
        value ? { matchedPractice: practiceIri(context, value.id) } : undefined,
    },
    { field: 'status', terms: ['status'], toJsonLd: code('status', 'practiceStatuses') },
    { field: 'state', terms: ['needState'], toJsonLd: code('needState', 'needStates') },
    { field: 'createdAt', terms: ['created'], toJsonLd: literal('created') },
    { field: 'updatedAt', terms: ['modified'], toJsonLd: literal('modified') },
    { field: 'publishedAt', terms: ['issued'], toJsonLd: literal('issued') },
  ],
};

export const mappings = {
  practices: practiceMapping,
  organisations: organisationMapping,
  projects: projectMapping,
  needs: needMapping,
} as const;

export function selectionOf(mapping: TypeMapping) {
  return mapping.fields.map((field) => field.select ?? field.field).join(' ');
}

/** Where every deployment serves RADAR's JSON-LD context, so stock JSON-LD tooling can expand its documents. */
export const CONTEXT_PATH = '/ontology/context.jsonld';

/** The context IRI documents name: the deployment's own copy, which answers; the terms' namespace stays fixed. */
export const contextIri = (context: MapContext) => `${context.base}${CONTEXT_PATH}`;

/** What stays at a record's IRI, and in the feed, once it has left the public registry: when, and which way. */
export function tombstoneJsonLd(
  mapping: TypeMapping,
  context: MapContext,
  tombstone: {
    id: string;
    deletedAt: string;
    reason: 'ARCHIVED' | 'UNPUBLISHED' | 'DELETED' | 'MERGED';
    replacedBy?: string | null;
  },
): Json {
  return {
    '@context': contextIri(context),
    id: iriOf(context, mapping.path, tombstone.id),
    type: 'Tombstone',
    formerType: mapping.type === 'Organisation' ? 'Organization' : mapping.type,
    deleted: tombstone.deletedAt,
    tombstoneReason: conceptIri('tombstoneReasons', tombstone.reason),
    ...(tombstone.replacedBy ? { isReplacedBy: iriOf(context, mapping.path, tombstone.replacedBy) } : {}),
  };
}

/** A record as JSON-LD, compact with RADAR's context by construction. */
export function toJsonLd(mapping: TypeMapping, record: Json, context: MapContext): Json {
  const node: Json = {
    '@context': contextIri(context),
    id: iriOf(context, mapping.path, record.id as string),
    type: mapping.rdfTypes(record),
  };
  for (const field of mapping.fields) {
    const part = field.toJsonLd(record[field.field], record, context);
    if (part) for (const term in part) node[term] = part[term];
  }
  return node;
}
