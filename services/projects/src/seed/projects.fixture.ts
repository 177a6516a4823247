// Example projects from the public pages about the Digital Health Uptake project: the project itself, its synergy
// project, the Smart Hospital twinning and the Digital Health Society's task forces. Facts the pages do not give
// (a coordinator, ENTRUST's dates and programme) are left empty rather than guessed.
import { seedIds as organisations } from '@radar/organisations/fixture';
import { adoptionSeedIds, linkedProjectIds, practiceSeedIds as practices } from '@radar/practices/fixture';
import type { SynergyKind } from '../project/project.codes.js';
import type { CreateProjectInput } from '../project/project.inputs.js';

export const projectSeedIds = {
  digitalHealthUptake: '8a3f5e2c-0d31-4e6a-9f5c-3c2d4e5f0001',
  entrust: '8a3f5e2c-0d31-4e6a-9f5c-3c2d4e5f0002',
  smartHospitalTwinning: linkedProjectIds.smartHospitalTwinning,
  taskForceInteroperability: '8a3f5e2c-0d31-4e6a-9f5c-3c2d4e5f0004',
  taskForceDataGovernance: '8a3f5e2c-0d31-4e6a-9f5c-3c2d4e5f0005',
  taskForceLegalFramework: '8a3f5e2c-0d31-4e6a-9f5c-3c2d4e5f0006',
  taskForceTransformation: '8a3f5e2c-0d31-4e6a-9f5c-3c2d4e5f0007',
} as const;

export interface ProjectFixture extends Omit<CreateProjectInput, 'synergies'> {
  id: string;
  /** Present on a twinning that was completed, with the adoption it recorded for each adopter. */
  completion?: { at: string; adoptions: Record<string, string> };
  /** Seeded as links both ways, after every project exists. */
  synergies?: { otherId: string; kind: SynergyKind }[];
}

const taskForce = (id: string, acronym: string, title: string): ProjectFixture => ({
  id,
  acronym,
  title,
  summary: 'One of the four task forces of the Digital Health Society, working from its 2018 action plan.',
  kind: 'NETWORK_SYNERGY',
  programme: 'OTHER',
  participants: [{ organisationId: organisations.digitalHealthSociety, role: 'COORDINATOR' }],
  practices: [{ practiceId: practices.dhsActionPlan2018, role: 'USED' }],
  synergies:
    id === projectSeedIds.taskForceInteroperability
      ? []
      : [{ otherId: projectSeedIds.taskForceInteroperability, kind: 'CLUSTER' }],
});

export const projectFixtures: ProjectFixture[] = [
  {
    id: projectSeedIds.digitalHealthUptake,
    acronym: 'DHU',
    title: 'Digital Health Uptake',
    summary:
      'Accelerates the uptake and large-scale use of digital health and care solutions in Europe along three pillars: the RADAR registry, a knowledge community and an accelerator with twinnings.',
    kind: 'COORDINATION_SUPPORT',
    programme: 'DIGITAL_EUROPE',
    funderId: organisations.europeanCommission,
    startDate: '2022-11-01',
    endDate: '2024-10-31',
    // The consortium has seven partners; the pages name DIGITALEUROPE only, and not the coordinator.
    participants: [{ organisationId: organisations.digitalEurope, role: 'PARTNER' }],
    practices: [
      { practiceId: practices.radarRegistry, role: 'PRODUCED' },
      { practiceId: practices.digestTrustworthyAi, role: 'PRODUCED' },
      { practiceId: practices.digestEhrInteroperability, role: 'PRODUCED' },
      { practiceId: practices.digestAppCertification, role: 'PRODUCED' },
      { practiceId: practices.twinningScheme, role: 'PRODUCED' },
    ],
    synergies: [
      { otherId: projectSeedIds.entrust, kind: 'SYNERGY' },
      { otherId: projectSeedIds.smartHospitalTwinning, kind: 'CLUSTER' },
    ],
  },
  {
    id: projectSeedIds.entrust,
    acronym: 'ENTRUST',
    title: 'ENTRUST',
    summary: 'A synergy partner project of Digital Health Uptake on the risks and trust in digital health.',
    kind: 'NETWORK_SYNERGY',
    programme: 'OTHER',
  },
  {
    id: projectSeedIds.smartHospitalTwinning,
    acronym: 'Smart Hospital Twinning',
    title: 'Smart Hospital twinning: North-East Romania',
    summary:
      'Transfers the Smart Hospital platform to the Digital Innovation Zone EDIH, which adapts it to the needs of North-East Romania.',
    kind: 'TWINNING',
    programme: 'DIGITAL_EUROPE',
    startDate: '2024-02-12',
    endDate: '2024-08-09',
    practices: [{ practiceId: practices.smartHospitalPlatform, role: 'TRANSFERRED' }],
    twinning: {
      originatorId: organisations.smartHospital,
      adopterIds: [organisations.digitalInnovationZone],
      practiceId: practices.smartHospitalPlatform,
      type: 'ADAPTATION',
      stages: [
        { name: 'Reporting, workshop organisation and dissemination', startDate: '2024-02-12', endDate: '2024-03-08' },
        { name: 'Strategy building and research', startDate: '2024-03-11', endDate: '2024-05-13' },
        { name: 'Network building and feedback collection', startDate: '2024-05-14', endDate: '2024-08-09' },
      ],
      outcome:
        'The Digital Innovation Zone adapted the Smart Hospital platform to North-East Romania, built a local network and collected feedback from local users.',
    },
    completion: {
      at: '2024-08-09T16:00:00Z',
      adoptions: { [organisations.digitalInnovationZone]: adoptionSeedIds.smartHospitalInNorthEastRomania },
    },
  },
  taskForce(projectSeedIds.taskForceInteroperability, 'DHS TF1', 'EU convergence on interoperability and standards'),
  taskForce(projectSeedIds.taskForceDataGovernance, 'DHS TF2', 'Citizen-controlled data governance and data donors'),
  taskForce(
    projectSeedIds.taskForceLegalFramework,
    'DHS TF3',
    'Legal framework for the free flow and secondary use of health data',
  ),
  taskForce(
    projectSeedIds.taskForceTransformation,
    'DHS TF4',
    'Digital transformation and change management in health and care organisations',
  ),
];
