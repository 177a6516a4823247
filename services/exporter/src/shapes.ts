// SHACL shapes for every exported class, generated so that code-list membership (sh:in) always matches the lists.

import { MAX_SCORE, MIN_SCORE } from '@radar/practices/codes';
import { identifierSchemesRdf } from './alignments.js';
import { type CodeListName, codeLists, conceptIri, metricIri } from './codelists.js';
import { dqv } from './vocabulary.js';

const oneOf = (list: CodeListName) =>
  `( ${codeLists[list].map((entry) => `<${conceptIri(list, entry.code)}>`).join(' ')} )`;

const iri = (path: string, { min = 0, max, list }: { min?: number; max?: number; list?: CodeListName } = {}) =>
  `  sh:property [ sh:path ${path} ; sh:nodeKind sh:IRI ;${min ? ` sh:minCount ${min} ;` : ''}${max ? ` sh:maxCount ${max} ;` : ''}${list ? ` sh:in ${oneOf(list)} ;` : ''} ] ;`;
const text = (path: string, { min = 0, max = 1 }: { min?: number; max?: number } = {}) =>
  `  sh:property [ sh:path ${path} ; sh:datatype xsd:string ; sh:minLength 1 ;${min ? ` sh:minCount ${min} ;` : ''} sh:maxCount ${max} ] ;`;
/** A text given in one or more languages: language-tagged literals, at most one per language. */
const translatedText = (path: string, { min = 0 }: { min?: number } = {}) =>
  `  sh:property [ sh:path ${path} ; sh:datatype rdf:langString ; sh:minLength 1 ; sh:uniqueLang true ;${min ? ` sh:minCount ${min} ;` : ''} ] ;`;
const typed = (path: string, datatype: string, { min = 0, max = 1 }: { min?: number; max?: number } = {}) =>
  `  sh:property [ sh:path ${path} ; sh:datatype ${datatype} ;${min ? ` sh:minCount ${min} ;` : ''} sh:maxCount ${max} ] ;`;
const node = (path: string, shape: string, { min = 0, max }: { min?: number; max?: number } = {}) =>
  `  sh:property [ sh:path ${path} ; sh:node ${shape} ;${min ? ` sh:minCount ${min} ;` : ''}${max ? ` sh:maxCount ${max} ;` : ''} ] ;`;

function shape(name: string, target: string, lines: string[]) {
  return `radarsh:${name} a sh:NodeShape ;\n  sh:targetClass ${target} ;\n${lines.join('\n')}\n  sh:closed false .\n`;
}

/** Nodes a record embeds are named by fragments of the record's IRI, never blank, so a harvest can refer to them. */
const named = '  sh:nodeKind sh:IRI ;';

const schemes = Object.values(identifierSchemesRdf);
const identifierShape = shape('IdentifierShape', 'adms:Identifier', [
  named,
  `  sh:property [ sh:path skos:notation ; sh:minCount 1 ; sh:maxCount 1 ; sh:or ( ${schemes.map((scheme) => `[ sh:datatype <${scheme.datatype}> ]`).join(' ')} ) ] ;`,
  `  sh:property [ sh:path dct:creator ; sh:nodeKind sh:IRI ; sh:minCount 1 ; sh:maxCount 1 ; sh:in ( ${schemes.map((scheme) => `<${scheme.agency}>`).join(' ')} ) ] ;`,
  '  sh:property [ sh:path adms:schemaAgency ; sh:datatype xsd:string ; sh:minLength 1 ; sh:minCount 1 ] ;',
]);

export function shapesTurtle(): string {
  const header = `# SHACL shapes of RADAR's linked data. Generated from the services' code lists by \`pnpm ontology\`; do not edit.
@prefix sh: <http://www.w3.org/ns/shacl#> .
@prefix xsd: <http://www.w3.org/2001/XMLSchema#> .
@prefix radar: <https://w3id.org/radar/ontology#> .
@prefix radarsh: <https://w3id.org/radar/shapes#> .
@prefix dct: <http://purl.org/dc/terms/> .
@prefix dcat: <http://www.w3.org/ns/dcat#> .
@prefix adms: <http://www.w3.org/ns/adms#> .
@prefix org: <http://www.w3.org/ns/org#> .
@prefix foaf: <http://xmlns.com/foaf/0.1/> .
@prefix vcard: <http://www.w3.org/2006/vcard/ns#> .
@prefix prov: <http://www.w3.org/ns/prov#> .
@prefix schema: <http://schema.org/> .
@prefix frapo: <http://purl.org/cerif/frapo/> .
@prefix skos: <http://www.w3.org/2004/02/skos/core#> .
@prefix owl: <http://www.w3.org/2002/07/owl#> .
@prefix rdfs: <http://www.w3.org/2000/01/rdf-schema#> .
@prefix rdf: <http://www.w3.org/1999/02/22-rdf-syntax-ns#> .
@prefix dqv: <http://www.w3.org/ns/dqv#> .
@prefix oa: <http://www.w3.org/ns/oa#> .
`;
  const period = `radarsh:PeriodShape a sh:NodeShape ;
${named}
  sh:property [ sh:path dcat:startDate ; sh:datatype xsd:date ; sh:maxCount 1 ] ;
  sh:property [ sh:path dcat:endDate ; sh:datatype xsd:date ; sh:maxCount 1 ] .
`;
  const money = `radarsh:MoneyShape a sh:NodeShape ;
  sh:property [ sh:path schema:value ; sh:datatype xsd:decimal ; sh:minInclusive 0 ; sh:minCount 1 ; sh:maxCount 1 ] ;
  sh:property [ sh:path schema:currency ; sh:in ( "EUR" ) ; sh:minCount 1 ; sh:maxCount 1 ] .
`;
  return [
    header,
    shape('PracticeShape', 'radar:Practice', [
      translatedText('dct:title', { min: 1 }),
      translatedText('dct:abstract', { min: 1 }),
      translatedText('dct:description'),
      iri('dct:type', { min: 1, max: 1, list: 'practiceTypes' }),
      iri('radar:maturityStage', { min: 1, max: 1, list: 'maturityStages' }),
      '  sh:property [ sh:path radar:technologyReadinessLevel ; sh:datatype xsd:integer ; sh:minInclusive 1 ; sh:maxInclusive 9 ; sh:maxCount 1 ] ;',
      iri('radar:cdhiIntervention', { list: 'cdhiCodes' }),
      iri('radar:healthSystemChallenge', { list: 'healthSystemChallenges' }),
      iri('radar:serviceType', { list: 'serviceTypes' }),
      iri('radar:topic', { list: 'topics' }),
      iri('radar:targetGroup', { list: 'targetGroups' }),
      iri('radar:careSetting', { list: 'careSettings' }),
      iri('radar:interoperabilityStandard', { list: 'interoperabilityStandards' }),
      iri('dct:language'),
      iri('dct:spatial'),
      iri('dcat:landingPage', { max: 1 }),
      iri('dct:license', { max: 1 }),
      text('radar:certification'),
      node('radar:evidence', 'radarsh:EvidenceShape'),
      iri('dct:rightsHolder', { min: 1, max: 1 }),
      node('prov:qualifiedAttribution', 'radarsh:ContributorShape'),
      node('radar:adoption', 'radarsh:AdoptionShape'),
      node('dqv:hasQualityAnnotation', 'radarsh:AssessmentShape'),
      iri('adms:status', { min: 1, max: 1, list: 'practiceStatuses' }),
      typed('dct:created', 'xsd:dateTime', { min: 1 }),
      typed('dct:modified', 'xsd:dateTime', { min: 1 }),
      typed('dct:issued', 'xsd:dateTime'),
      '  sh:property [ sh:path vcard:hasEmail ; sh:maxCount 0 ; sh:message "contact emails are not public" ] ;',
    ]),
    shape('NeedShape', 'radar:Need', [
      translatedText('dct:title', { min: 1 }),
      translatedText('dct:description', { min: 1 }),
      iri('radar:cdhiIntervention', { list: 'cdhiCodes' }),
      iri('radar:healthSystemChallenge', { list: 'healthSystemChallenges' }),
      iri('radar:serviceType', { list: 'serviceTypes' }),
      iri('radar:targetGroup', { list: 'targetGroups' }),
      iri('radar:careSetting', { list: 'careSettings' }),
      iri('dct:language'),
      iri('dct:spatial', { min: 1 }),
      iri('radar:requiredMaturity', { max: 1, list: 'maturityStages' }),
      node('dct:temporal', 'radarsh:PeriodShape', { max: 1 }),
      iri('dct:creator', { min: 1, max: 1 }),
      iri('radar:matchedPractice', { max: 1 }),
      iri('adms:status', { min: 1, max: 1, list: 'practiceStatuses' }),
      iri('radar:needState', { min: 1, max: 1, list: 'needStates' }),
      typed('dct:created', 'xsd:dateTime', { min: 1 }),
      typed('dct:modified', 'xsd:dateTime', { min: 1 }),
      typed('dct:issued', 'xsd:dateTime'),
    ]),
    shape('EvidenceShape', 'radar:EvidenceLink', [
      iri('radar:evidenceKind', { min: 1, max: 1, list: 'evidenceKinds' }),
      iri('schema:url', { min: 1, max: 1 }),
      text('dct:title'),
    ]),
    `radarsh:AssessorShape a sh:NodeShape ;\n${named}\n  sh:class foaf:Agent ;\n${text('foaf:name', { min: 1 })}\n  sh:closed false .\n`,
    `radarsh:ContributorShape a sh:NodeShape ;\n${named}\n${iri('prov:agent', { min: 1, max: 1 })}\n${iri('dcat:hadRole', { min: 1, max: 1, list: 'contributorRoles' })}\n  sh:closed false .\n`,
    shape('AdoptionShape', 'radar:Adoption', [
      iri('radar:adoptedPractice', { min: 1, max: 1 }),
      iri('radar:adopter', { min: 1, max: 1 }),
      iri('dct:spatial', { min: 1 }),
      iri('radar:adoptionScale', { min: 1, max: 1, list: 'adoptionScales' }),
      iri('radar:adoptionStatus', { min: 1, max: 1, list: 'adoptionStatuses' }),
      node('dct:temporal', 'radarsh:PeriodShape', { max: 1 }),
      iri('radar:viaProject', { max: 1 }),
      typed('dct:created', 'xsd:dateTime', { min: 1 }),
      typed('dct:modified', 'xsd:dateTime', { min: 1 }),
    ]),
    shape('AssessmentShape', 'dqv:QualityAnnotation', [
      named,
      iri('oa:hasTarget', { min: 1, max: 1 }),
      `  sh:property [ sh:path oa:motivatedBy ; sh:hasValue <${dqv.qualityAssessment}> ; sh:minCount 1 ; sh:maxCount 1 ] ;`,
      iri('oa:hasBody', { min: 1, max: 1, list: 'assessmentLabels' }),
      typed('dct:date', 'xsd:date', { min: 1 }),
      typed('dct:created', 'xsd:dateTime', { min: 1 }),
      node('dct:creator', 'radarsh:AssessorShape', { min: 1, max: 1 }),
      text('rdfs:comment'),
      iri('dct:isReplacedBy', { max: 1 }),
      `  sh:property [ sh:path prov:wasDerivedFrom ; sh:node radarsh:MeasurementShape ; sh:minCount ${codeLists.assessmentCriteria.length} ; sh:maxCount ${codeLists.assessmentCriteria.length} ] ;`,
    ]),
    shape('MeasurementShape', 'dqv:QualityMeasurement', [
      named,
      `  sh:property [ sh:path dqv:isMeasurementOf ; sh:nodeKind sh:IRI ; sh:minCount 1 ; sh:maxCount 1 ; sh:in ( ${codeLists.assessmentCriteria.map((entry) => `<${metricIri(entry.code)}>`).join(' ')} ) ] ;`,
      iri('dqv:computedOn', { min: 1, max: 1 }),
      `  sh:property [ sh:path dqv:value ; sh:datatype xsd:integer ; sh:minInclusive ${MIN_SCORE} ; sh:maxInclusive ${MAX_SCORE} ; sh:minCount 1 ; sh:maxCount 1 ] ;`,
      text('rdfs:comment', { min: 1 }),
    ]),
    shape('OrganisationShape', 'org:Organization', [
      text('foaf:name', { min: 1 }),
      text('skos:altLabel'),
      iri('dct:type', { min: 1, max: 1, list: 'organisationKinds' }),
      iri('dct:spatial'),
      iri('foaf:homepage', { max: 1 }),
      iri('vcard:hasEmail', { max: 1 }),
      iri('org:memberOf'),
      iri('owl:sameAs'),
      node('adms:identifier', 'radarsh:IdentifierShape'),
      typed('dct:created', 'xsd:dateTime', { min: 1 }),
      typed('dct:modified', 'xsd:dateTime', { min: 1 }),
    ]),
    shape('ProjectShape', 'schema:Project', [
      text('dct:alternative', { min: 1 }),
      translatedText('dct:title', { min: 1 }),
      translatedText('dct:abstract'),
      iri('dct:type', { min: 1, max: 1, list: 'projectKinds' }),
      iri('radar:programme', { min: 1, max: 1, list: 'programmes' }),
      iri('schema:funder', { max: 1 }),
      text('frapo:hasGrantNumber'),
      node('adms:identifier', 'radarsh:IdentifierShape', { max: 1 }),
      node('dct:temporal', 'radarsh:PeriodShape', { max: 1 }),
      node('radar:totalBudget', 'radarsh:MoneyShape', { max: 1 }),
      node('radar:euContribution', 'radarsh:MoneyShape', { max: 1 }),
      `  sh:property [ sh:path prov:qualifiedAttribution ; sh:nodeKind sh:IRI ; sh:node [ sh:property [ sh:path dcat:hadRole ; sh:minCount 1 ; sh:maxCount 1 ; sh:in ${oneOf('participantRoles')} ] ] ] ;`,
      iri('radar:produced'),
      iri('radar:used'),
      iri('radar:transferred'),
      typed('dct:created', 'xsd:dateTime', { min: 1 }),
      typed('dct:modified', 'xsd:dateTime', { min: 1 }),
    ]),
    shape('TwinningShape', 'radar:Twinning', [
      iri('radar:originator', { min: 1, max: 1 }),
      iri('radar:twinningAdopter', { min: 1 }),
      iri('radar:transferredPractice', { min: 1, max: 1 }),
      iri('radar:twinningType', { min: 1, max: 1, list: 'twinningTypes' }),
      node('radar:stage', 'radarsh:StageShape'),
      text('radar:outcome'),
      typed('radar:completed', 'xsd:dateTime'),
      iri('radar:recordedAdoption'),
    ]),
    shape('StageShape', 'radar:Stage', [
      named,
      text('dct:title', { min: 1 }),
      node('dct:temporal', 'radarsh:PeriodShape', { min: 1, max: 1 }),
    ]),
    identifierShape,
    period,
    money,
  ].join('\n');
}
