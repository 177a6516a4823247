// Controlled lists of the practices subgraph. Each value has a label and a definition; GraphQL enums, input
// validation and the ontology's SKOS concept schemes are all derived from these lists.
import type { CodeListEntry } from '@radar/common';
import { assessmentCodeLists } from '../assessment/assessment.codes.js';

export { MAX_SCORE, MIN_SCORE } from '../assessment/assessment.codes.js';

import {
  whoClassificationSource,
  whoHealthSystemChallenges,
  whoInterventions,
  whoServiceTypes,
} from './who-classification.js';

export const practiceTypes = [
  { code: 'APP', label: 'App', definition: 'A mobile or web application used by patients, citizens or professionals.' },
  {
    code: 'DIGITAL_SERVICE',
    label: 'Digital service or platform',
    definition: 'A digital service or platform delivering health or care functions.',
  },
  {
    code: 'COMPLEX_SOLUTION',
    label: 'Complex (integrated) solution',
    definition: 'A solution integrating several technologies, services and organisational changes.',
  },
  { code: 'POLICY', label: 'Policy', definition: 'A policy adopted by a public authority.' },
  { code: 'STRATEGY', label: 'Strategy', definition: 'A strategy, roadmap or action plan.' },
  {
    code: 'ASSESSMENT_FRAMEWORK',
    label: 'Assessment framework',
    definition: 'A framework to assess digital health solutions, their maturity or their readiness.',
  },
  { code: 'MODEL', label: 'Model', definition: 'A care, business or implementation model.' },
  {
    code: 'METHOD_TOOL',
    label: 'Method or tool',
    definition: 'A method, toolkit or instrument supporting digital transformation.',
  },
  {
    code: 'GUIDELINE_STANDARD',
    label: 'Guideline or standard',
    definition: 'A guideline, recommendation or standard.',
  },
  {
    code: 'TRAINING',
    label: 'Training or capacity building',
    definition: 'A training programme, curriculum or capacity-building activity.',
  },
] as const satisfies readonly CodeListEntry[];

/** Ordered from least to most mature: filters by minimum maturity rely on this order. */
export const maturityStages = [
  { code: 'CONCEPT', label: 'Concept', definition: 'An idea or design that has not been built or tested.' },
  { code: 'DEVELOPMENT', label: 'Development', definition: 'Being built or tested in the lab.' },
  { code: 'PILOT', label: 'Pilot', definition: 'Tested with real users in a limited setting.' },
  {
    code: 'IMPLEMENTED',
    label: 'Implemented (routine use)',
    definition: 'In routine use by at least one organisation.',
  },
  {
    code: 'SCALED_UP',
    label: 'Scaled up',
    definition: 'In routine use across regions, countries or many organisations.',
  },
] as const satisfies readonly CodeListEntry[];

/** WHO Classification of Digital Health Interventions v2: every group, intervention and sub-intervention. */
export const cdhiCodes = whoInterventions;

/** The health system challenges a practice or need addresses (WHO CDISAH, 2023). */
export const healthSystemChallenges = whoHealthSystemChallenges;

/** The kinds of digital service or application a practice is (WHO CDISAH, 2023). */
export const serviceTypes = whoServiceTypes;

export const topics = [
  {
    code: 'TRUSTWORTHY_AI',
    label: 'Trustworthy AI',
    definition: 'Use of artificial intelligence that is lawful, ethical and robust.',
  },
  {
    code: 'EHR_INTEROPERABILITY',
    label: 'EHR interoperability and the EHDS',
    definition: 'Exchange of electronic health records, including in the European Health Data Space.',
  },
  {
    code: 'HEALTH_APP_CERTIFICATION',
    label: 'Health app certification',
    definition: 'Assessment, labelling and certification of health apps.',
  },
  { code: 'TELEMONITORING', label: 'Telemonitoring', definition: 'Remote monitoring of patients.' },
  { code: 'INTEGRATED_CARE', label: 'Integrated care', definition: 'Care coordinated across providers and settings.' },
  {
    code: 'PREVENTION',
    label: 'Prevention and health promotion',
    definition: 'Preventing disease and promoting health.',
  },
  { code: 'MENTAL_HEALTH', label: 'Mental health', definition: 'Mental health and wellbeing.' },
  { code: 'AGEING_WELL', label: 'Ageing well', definition: 'Active and healthy ageing, independent living.' },
  { code: 'CHRONIC_DISEASE', label: 'Chronic disease management', definition: 'Management of chronic conditions.' },
  {
    code: 'DATA_GOVERNANCE',
    label: 'Health data governance',
    definition: 'Governance, donation and secondary use of health data.',
  },
  {
    code: 'DIGITAL_TRANSFORMATION',
    label: 'Digital transformation of organisations',
    definition: 'Change management in health and care organisations.',
  },
  {
    code: 'UPTAKE_SCALING',
    label: 'Uptake and scaling up',
    definition: 'Transfer, adoption and scaling up of digital health solutions.',
  },
] as const satisfies readonly CodeListEntry[];

export const targetGroups = [
  { code: 'PATIENTS_CITIZENS', label: 'Patients and citizens', definition: 'People as users of health and care.' },
  { code: 'OLDER_PEOPLE', label: 'Older people', definition: 'People aged 65 and over.' },
  { code: 'CHILDREN_YOUTH', label: 'Children and young people', definition: 'People under 25.' },
  { code: 'INFORMAL_CARERS', label: 'Informal carers', definition: 'Family members and others caring without pay.' },
  {
    code: 'HEALTH_PROFESSIONALS',
    label: 'Health and care professionals',
    definition: 'Doctors, nurses, therapists and other professionals.',
  },
  {
    code: 'HEALTHCARE_MANAGERS',
    label: 'Healthcare managers',
    definition: 'People who run health and care organisations.',
  },
  { code: 'POLICY_MAKERS', label: 'Policy makers', definition: 'People who set health policy at any level.' },
  { code: 'INNOVATORS', label: 'Innovators and industry', definition: 'Developers, start-ups and companies.' },
  { code: 'RESEARCHERS', label: 'Researchers', definition: 'People who study digital health.' },
] as const satisfies readonly CodeListEntry[];

export const careSettings = [
  { code: 'HOSPITAL', label: 'Hospital', definition: 'Inpatient and outpatient hospital care.' },
  { code: 'PRIMARY_CARE', label: 'Primary care', definition: 'General practice and primary care centres.' },
  { code: 'HOME', label: 'Home', definition: 'Care and self-care at home.' },
  { code: 'COMMUNITY', label: 'Community', definition: 'Community and social care services.' },
  { code: 'LONG_TERM_CARE', label: 'Long-term care', definition: 'Nursing homes and long-term care facilities.' },
  { code: 'PUBLIC_HEALTH', label: 'Public health', definition: 'Population health services.' },
  { code: 'PHARMACY', label: 'Pharmacy', definition: 'Community and hospital pharmacies.' },
  {
    code: 'HEALTH_SYSTEM',
    label: 'Health system',
    definition: 'Whole health systems: policy, governance and infrastructure.',
  },
] as const satisfies readonly CodeListEntry[];

export const interoperabilityStandards = [
  { code: 'HL7_FHIR', label: 'HL7 FHIR', definition: 'HL7 Fast Healthcare Interoperability Resources.' },
  { code: 'HL7_V2', label: 'HL7 version 2', definition: 'HL7 v2 messaging.' },
  { code: 'HL7_CDA', label: 'HL7 CDA', definition: 'HL7 Clinical Document Architecture.' },
  { code: 'OPENEHR', label: 'openEHR', definition: 'openEHR archetypes and templates.' },
  { code: 'IHE', label: 'IHE profiles', definition: 'Integrating the Healthcare Enterprise profiles.' },
  { code: 'SNOMED_CT', label: 'SNOMED CT', definition: 'SNOMED Clinical Terms.' },
  { code: 'LOINC', label: 'LOINC', definition: 'Logical Observation Identifiers Names and Codes.' },
  { code: 'ICD', label: 'ICD', definition: 'WHO International Classification of Diseases.' },
  { code: 'DICOM', label: 'DICOM', definition: 'Digital Imaging and Communications in Medicine.' },
  { code: 'ISO_13606', label: 'ISO 13606', definition: 'EHR communication standard ISO 13606.' },
  {
    code: 'EEHRXF',
    label: 'European EHR exchange format',
    definition: 'The European electronic health record exchange format.',
  },
] as const satisfies readonly CodeListEntry[];

export const evidenceKinds = [
  { code: 'PUBLICATION', label: 'Publication', definition: 'A peer-reviewed or other publication.' },
  { code: 'EVALUATION', label: 'Evaluation report', definition: 'A report evaluating the practice.' },
  { code: 'CLINICAL_STUDY', label: 'Clinical study', definition: 'A clinical trial or study.' },
  { code: 'HTA', label: 'Health technology assessment', definition: 'A health technology assessment report.' },
  { code: 'CASE_STUDY', label: 'Case study', definition: 'A description of the practice in use.' },
  { code: 'OTHER', label: 'Other', definition: 'Any other evidence.' },
] as const satisfies readonly CodeListEntry[];

export const contributorRoles = [
  { code: 'DEVELOPER', label: 'Developer', definition: 'Built or designed the practice.' },
  { code: 'IMPLEMENTER', label: 'Implementer', definition: 'Put the practice into use.' },
  { code: 'FUNDER', label: 'Funder', definition: 'Funded the practice.' },
  { code: 'EVALUATOR', label: 'Evaluator', definition: 'Evaluated the practice.' },
  { code: 'PARTNER', label: 'Partner', definition: 'Any other contributing partner.' },
] as const satisfies readonly CodeListEntry[];

export const practiceStatuses = [
  {
    code: 'DRAFT',
    label: 'Draft',
    definition: 'Registered and being written; visible to its owner and curators only.',
  },
  { code: 'SUBMITTED', label: 'Submitted', definition: 'Waiting for a curator\u2019s review.' },
  { code: 'PUBLISHED', label: 'Published', definition: 'Reviewed and public.' },
  { code: 'ARCHIVED', label: 'Archived', definition: 'No longer maintained; kept for the record, not public.' },
] as const satisfies readonly CodeListEntry[];

export const adoptionScales = [
  { code: 'PILOT', label: 'Pilot', definition: 'A pilot with limited users.' },
  { code: 'LOCAL', label: 'Local', definition: 'In use in one organisation or municipality.' },
  { code: 'REGIONAL', label: 'Regional', definition: 'In use across a region.' },
  { code: 'NATIONAL', label: 'National', definition: 'In use across a country.' },
  { code: 'CROSS_BORDER', label: 'Cross-border', definition: 'In use across borders.' },
] as const satisfies readonly CodeListEntry[];

export const adoptionStatuses = [
  { code: 'PLANNED', label: 'Planned', definition: 'Agreed but not started.' },
  { code: 'PILOTING', label: 'Piloting', definition: 'Being tried out before routine use.' },
  { code: 'ONGOING', label: 'Ongoing', definition: 'In use now.' },
  { code: 'ENDED', label: 'Ended', definition: 'No longer in use.' },
] as const satisfies readonly CodeListEntry[];

/** Whether a published need is still looking for a practice. */
export const needStates = [
  { code: 'OPEN', label: 'Open', definition: 'Looking for a practice that meets it.' },
  { code: 'MATCHED', label: 'Matched', definition: 'A practice that meets it was found.' },
  { code: 'CLOSED', label: 'Closed', definition: 'No longer looking, whether met or not.' },
] as const satisfies readonly CodeListEntry[];

type Codes<T extends readonly CodeListEntry[]> = T[number]['code'];
export type PracticeType = Codes<typeof practiceTypes>;
export type MaturityStage = Codes<typeof maturityStages>;
export type CdhiCode = Codes<typeof cdhiCodes>;
export type HealthSystemChallenge = Codes<typeof healthSystemChallenges>;
export type ServiceType = Codes<typeof serviceTypes>;
export type Topic = Codes<typeof topics>;
export type TargetGroup = Codes<typeof targetGroups>;
export type CareSetting = Codes<typeof careSettings>;
export type InteroperabilityStandard = Codes<typeof interoperabilityStandards>;
export type EvidenceKind = Codes<typeof evidenceKinds>;
export type ContributorRole = Codes<typeof contributorRoles>;
export type PracticeStatus = Codes<typeof practiceStatuses>;
export type AdoptionScale = Codes<typeof adoptionScales>;
export type AdoptionStatus = Codes<typeof adoptionStatuses>;
export type NeedState = Codes<typeof needStates>;

export function codesOf<T extends readonly CodeListEntry[]>(list: T): Codes<T>[] {
  return list.map((entry) => entry.code) as Codes<T>[];
}

/** A CDHI code and every code above it: 2.4.1 → 2.4.1, 2.4, 2. */
export function cdhiWithAncestors(code: string): string[] {
  const parts = code.split('.');
  return parts.map((_, index) => parts.slice(0, index + 1).join('.')).reverse();
}

export function maturityRank(stage: MaturityStage): number {
  return maturityStages.findIndex((entry) => entry.code === stage);
}

/** Every code list of this subgraph by name, for the ontology's SKOS export and its drift test. */
export const practiceCodeLists = {
  practiceTypes,
  maturityStages,
  cdhiCodes,
  healthSystemChallenges,
  serviceTypes,
  topics,
  targetGroups,
  careSettings,
  interoperabilityStandards,
  evidenceKinds,
  contributorRoles,
  practiceStatuses,
  adoptionScales,
  adoptionStatuses,
  ...assessmentCodeLists,
  needStates,
} as const;

/** Who holds the rights to a code list, on what licence RADAR publishes it and the line that credits it. */
export interface CodeListRights {
  /** The publication the list is taken from; absent for RADAR's own lists. */
  readonly source?: string;
  readonly rightsHolder?: string;
  readonly rightsHolderName?: string;
  readonly license: string;
  readonly attribution: string;
}

/** The lists built from WHO's classification (CDISAH, 2023): WHO's work, under WHO's licence. */
export const whoCodeLists = ['cdhiCodes', 'healthSystemChallenges', 'serviceTypes'] as const;

/** RADAR's own code lists: CC BY 4.0, as the registry's data. */
export const radarCodeListRights: CodeListRights = {
  license: 'http://publications.europa.eu/resource/authority/licence/CC_BY_4_0',
  attribution: 'A RADAR code list, published under CC BY 4.0: reuse it freely, naming RADAR.',
};

export function codeListRights(name: string): CodeListRights {
  return (whoCodeLists as readonly string[]).includes(name) ? whoClassificationSource : radarCodeListRights;
}

/** A status as a word in a sentence ("draft", "submitted"), from its label. */
export function statusWord(status: string) {
  return (practiceStatuses.find((entry) => entry.code === status)?.label ?? status).toLowerCase();
}

/** Why a practice in `status` cannot take a step that needs one of `from`, e.g. "an archived practice cannot be…". */
export function wrongStatusMessage(status: string, step: string, from: readonly string[]) {
  const word = statusWord(status);
  const states = from.map((code) => (code === 'DRAFT' ? 'a draft' : statusWord(code)));
  const list = states.length > 1 ? `${states.slice(0, -1).join(', ')} or ${states.at(-1)}` : (states[0] ?? '');
  return `${/^[aeiou]/.test(word) ? 'an' : 'a'} ${word} practice cannot be ${step.toLowerCase()}; it must be ${list}`;
}
