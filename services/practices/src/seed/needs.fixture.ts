// Example needs, so that a fresh start shows practices matched to demand. Ids are fixed so tests can name them.
import { seedIds as organisations } from '@radar/organisations/fixture';
import type { CreateNeedInput } from '../need/need.inputs.js';

export const needSeedIds = {
  heartFailureTelemonitoring: '9c4a6f3d-1e42-4f7b-8a6d-4d3e5f6a0001',
  interoperableRecords: '9c4a6f3d-1e42-4f7b-8a6d-4d3e5f6a0002',
} as const;

export interface NeedFixture extends CreateNeedInput {
  id: string;
  createdAt: string;
  publishedAt: string;
}

export const needFixtures: NeedFixture[] = [
  {
    id: needSeedIds.heartFailureTelemonitoring,
    title: 'Follow-up of heart failure patients at home after discharge',
    description:
      'Hospitals of North-East Romania look for a tested way to follow heart failure patients at home after they leave hospital, so that fewer are lost to follow-up and readmitted.',
    language: 'en',
    cdhiCodes: ['2.4.2', '2.8'],
    healthSystemChallenges: ['3.5', '5.4'],
    serviceTypes: ['A9'],
    targetGroups: ['PATIENTS_CITIZENS', 'HEALTH_PROFESSIONALS'],
    careSettings: ['HOME', 'HOSPITAL'],
    languages: ['ro'],
    country: 'RO',
    nuts: 'RO21',
    minMaturity: 'PILOT',
    startDate: '2027-01-01',
    endDate: '2028-12-31',
    ownerId: organisations.digitalInnovationZone,
    createdAt: '2026-11-02T09:00:00Z',
    publishedAt: '2026-11-09T09:00:00Z',
  },
  {
    id: needSeedIds.interoperableRecords,
    title: 'Exchanging health records between regional health authorities',
    description:
      'Health authorities want records to follow patients between regions, using the exchange formats of the European Health Data Space, and look for practices already in routine use.',
    language: 'en',
    cdhiCodes: ['4.4'],
    healthSystemChallenges: ['1.4', '3.5'],
    targetGroups: ['POLICY_MAKERS'],
    careSettings: ['HEALTH_SYSTEM'],
    languages: ['en'],
    country: 'BE',
    minMaturity: 'IMPLEMENTED',
    ownerId: organisations.digitalHealthSociety,
    createdAt: '2026-11-03T09:00:00Z',
    publishedAt: '2026-11-10T09:00:00Z',
  },
];
