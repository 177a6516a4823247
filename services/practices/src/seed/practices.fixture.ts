// Example practices: the ones named on the public pages about the Digital Health Uptake project, with their
// real owners. Ids are fixed so that other fixtures (projects, twinnings) can point to them.
import { seedIds as organisations } from '@radar/organisations/fixture';
import type { AddAdoptionInput, RegisterPracticeInput } from '../practice/practice.inputs.js';

export const practiceSeedIds = {
  smartHospitalPlatform: '5e1d3c0a-8b1f-4c4e-9d3a-1a0b2c3d0001',
  radarRegistry: '5e1d3c0a-8b1f-4c4e-9d3a-1a0b2c3d0002',
  digestTrustworthyAi: '5e1d3c0a-8b1f-4c4e-9d3a-1a0b2c3d0003',
  digestEhrInteroperability: '5e1d3c0a-8b1f-4c4e-9d3a-1a0b2c3d0004',
  digestAppCertification: '5e1d3c0a-8b1f-4c4e-9d3a-1a0b2c3d0005',
  moonshot2027: '5e1d3c0a-8b1f-4c4e-9d3a-1a0b2c3d0006',
  dhsActionPlan2018: '5e1d3c0a-8b1f-4c4e-9d3a-1a0b2c3d0007',
  twinningScheme: '5e1d3c0a-8b1f-4c4e-9d3a-1a0b2c3d0008',
} as const;

/** The project (in the projects fixture) through which the Smart Hospital platform reached North-East Romania. */
export const linkedProjectIds = {
  smartHospitalTwinning: '8a3f5e2c-0d31-4e6a-9f5c-3c2d4e5f0003',
} as const;

export const adoptionSeedIds = {
  smartHospitalInNorthEastRomania: '6f2e4d1b-9c20-4d5f-8e4b-2b1c3d4e0001',
} as const;

export interface PracticeFixture extends RegisterPracticeInput {
  id: string;
  publishedAt: string;
  createdAt: string;
}

const dhuCore = { contributors: [{ organisationId: organisations.europeanCommission, role: 'FUNDER' as const }] };

export const practiceFixtures: PracticeFixture[] = [
  {
    id: practiceSeedIds.smartHospitalPlatform,
    title: 'Smart Hospital interactive platform',
    summary:
      'An interactive platform and network that gives healthcare communities access to the latest medical innovations and health technologies, and lets them adapt those solutions to local needs with feedback from local users.',
    language: 'en',
    translations: [
      {
        language: 'ro',
        title: 'Platforma interactivă Smart Hospital',
        summary:
          'O platformă interactivă și o rețea care oferă comunităților medicale acces la cele mai noi inovații medicale și tehnologii de sănătate și le permite să adapteze aceste soluții la nevoile locale, cu feedback de la utilizatorii locali.',
      },
    ],
    type: 'DIGITAL_SERVICE',
    maturity: 'IMPLEMENTED',
    cdhiCodes: ['2.8', '4.1'],
    healthSystemChallenges: ['3.2', '3.5'],
    topics: ['UPTAKE_SCALING', 'DIGITAL_TRANSFORMATION'],
    targetGroups: ['HEALTH_PROFESSIONALS', 'HEALTHCARE_MANAGERS', 'INNOVATORS'],
    careSettings: ['HOSPITAL'],
    languages: ['en', 'ro'],
    countries: ['RO'],
    nuts: ['RO21'],
    ownerId: organisations.smartHospital,
    contributors: [{ organisationId: organisations.digitalInnovationZone, role: 'IMPLEMENTER' }],
    createdAt: '2023-11-20T09:00:00Z',
    publishedAt: '2023-12-04T09:00:00Z',
  },
  {
    id: practiceSeedIds.radarRegistry,
    title: 'RADAR registry of digital health practices',
    summary:
      'A Europe-wide registry where developers, universities and policy makers register solutions, frameworks, models, policies and strategies at every maturity level, so that others can find and reuse what already exists.',
    type: 'DIGITAL_SERVICE',
    maturity: 'IMPLEMENTED',
    cdhiCodes: ['4.1', '4.4'],
    topics: ['UPTAKE_SCALING'],
    targetGroups: ['INNOVATORS', 'POLICY_MAKERS', 'HEALTHCARE_MANAGERS', 'RESEARCHERS'],
    careSettings: ['HEALTH_SYSTEM'],
    languages: ['en'],
    licence: 'CC-BY-4.0',
    ownerId: organisations.digitalEurope,
    ...dhuCore,
    createdAt: '2023-03-01T09:00:00Z',
    publishedAt: '2023-06-01T09:00:00Z',
  },
  {
    id: practiceSeedIds.digestTrustworthyAi,
    title: 'Executive digest: trustworthy artificial intelligence in health',
    summary:
      'An easy-to-understand summary of what the use of trustworthy artificial intelligence means for digital health and care.',
    type: 'GUIDELINE_STANDARD',
    maturity: 'IMPLEMENTED',
    topics: ['TRUSTWORTHY_AI'],
    targetGroups: ['POLICY_MAKERS', 'HEALTHCARE_MANAGERS'],
    careSettings: ['HEALTH_SYSTEM'],
    languages: ['en'],
    ownerId: organisations.digitalEurope,
    ...dhuCore,
    createdAt: '2023-09-15T09:00:00Z',
    publishedAt: '2023-10-02T09:00:00Z',
  },
  {
    id: practiceSeedIds.digestEhrInteroperability,
    title: 'Executive digest: interoperability of EHR systems and health apps in the European Health Data Space',
    summary:
      'An easy-to-understand summary of the interoperability of electronic health record systems and health apps in the EHDS.',
    type: 'GUIDELINE_STANDARD',
    maturity: 'IMPLEMENTED',
    cdhiCodes: ['4.4'],
    healthSystemChallenges: ['1.4'],
    topics: ['EHR_INTEROPERABILITY'],
    targetGroups: ['POLICY_MAKERS', 'INNOVATORS'],
    careSettings: ['HEALTH_SYSTEM'],
    languages: ['en'],
    standards: ['HL7_FHIR', 'EEHRXF'],
    ownerId: organisations.digitalEurope,
    ...dhuCore,
    createdAt: '2023-10-10T09:00:00Z',
    publishedAt: '2023-11-06T09:00:00Z',
  },
  {
    id: practiceSeedIds.digestAppCertification,
    title: 'Executive digest: certification of health apps',
    summary: 'An easy-to-understand summary of how health apps are assessed and certified in Europe.',
    type: 'GUIDELINE_STANDARD',
    maturity: 'PILOT',
    topics: ['HEALTH_APP_CERTIFICATION'],
    targetGroups: ['INNOVATORS', 'POLICY_MAKERS'],
    careSettings: ['HEALTH_SYSTEM'],
    languages: ['en'],
    ownerId: organisations.digitalEurope,
    ...dhuCore,
    createdAt: '2024-02-12T09:00:00Z',
    publishedAt: '2024-03-04T09:00:00Z',
  },
  {
    id: practiceSeedIds.moonshot2027,
    title: '100 million Digitally Connected Healthy EU Citizens by 2027',
    summary:
      'The moonshot mission of the Digital Health Society: an ambitious research and innovation programme for health and wellbeing in Europe, supporting EU, Member State and regional digital health policies.',
    type: 'STRATEGY',
    maturity: 'CONCEPT',
    topics: ['DATA_GOVERNANCE', 'EHR_INTEROPERABILITY', 'PREVENTION'],
    targetGroups: ['PATIENTS_CITIZENS', 'POLICY_MAKERS'],
    careSettings: ['HEALTH_SYSTEM'],
    languages: ['en'],
    ownerId: organisations.digitalHealthSociety,
    contributors: [{ organisationId: organisations.echAlliance, role: 'PARTNER' }],
    createdAt: '2018-05-02T09:00:00Z',
    publishedAt: '2018-05-29T09:00:00Z',
  },
  {
    id: practiceSeedIds.dhsActionPlan2018,
    title: 'Digital Health Society 2018 action plan of the Task Forces',
    summary:
      'The action plan of four task forces: EU convergence on interoperability and standards, citizen-controlled data governance and data donors, a legal framework for the free flow and secondary use of health data, and digital transformation of health and care organisations.',
    type: 'POLICY',
    maturity: 'IMPLEMENTED',
    topics: ['EHR_INTEROPERABILITY', 'DATA_GOVERNANCE', 'DIGITAL_TRANSFORMATION'],
    targetGroups: ['POLICY_MAKERS', 'HEALTHCARE_MANAGERS', 'RESEARCHERS'],
    careSettings: ['HEALTH_SYSTEM'],
    languages: ['en'],
    ownerId: organisations.digitalHealthSociety,
    createdAt: '2018-03-01T09:00:00Z',
    publishedAt: '2018-04-16T09:00:00Z',
  },
  {
    id: practiceSeedIds.twinningScheme,
    title: 'Digital Health Uptake twinning scheme',
    summary:
      'A twinning mechanism that transfers tested digital health solutions from their owners to adopters in other regions, with financial support, technical assistance and capacity-building training.',
    type: 'MODEL',
    maturity: 'PILOT',
    topics: ['UPTAKE_SCALING'],
    targetGroups: ['HEALTHCARE_MANAGERS', 'INNOVATORS'],
    careSettings: ['HEALTH_SYSTEM'],
    languages: ['en'],
    ownerId: organisations.digitalEurope,
    ...dhuCore,
    createdAt: '2023-11-15T09:00:00Z',
    publishedAt: '2023-12-01T09:00:00Z',
  },
];

export const adoptionFixtures: (AddAdoptionInput & { id: string })[] = [
  {
    id: adoptionSeedIds.smartHospitalInNorthEastRomania,
    practiceId: practiceSeedIds.smartHospitalPlatform,
    adopterId: organisations.digitalInnovationZone,
    country: 'RO',
    nuts: 'RO21',
    scale: 'REGIONAL',
    status: 'ENDED',
    startDate: '2024-02-12',
    endDate: '2024-08-09',
    projectId: linkedProjectIds.smartHospitalTwinning,
    note: 'Transferred through the Smart Hospital twinning of the Digital Health Uptake project.',
  },
];
