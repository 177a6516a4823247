// Example organisations: the real ones named on the public pages about the Digital Health Uptake project.
// Ids are fixed so that fixtures of the other subgraphs can point to them.
import type { IdentifierScheme, OrganisationKind } from '../organisation/organisation.codes.js';

export interface OrganisationFixture {
  id: string;
  name: string;
  acronym?: string;
  kind: OrganisationKind;
  country?: string;
  nuts?: string;
  city?: string;
  description: string;
  identifiers?: { scheme: IdentifierScheme; value: string }[];
  memberships?: string[];
}

export const seedIds = {
  digitalEurope: '7b0f1c52-3f4e-4b53-9a51-2f6f0a1c0001',
  europeanCommission: '7b0f1c52-3f4e-4b53-9a51-2f6f0a1c0002',
  smartHospital: '7b0f1c52-3f4e-4b53-9a51-2f6f0a1c0003',
  digitalInnovationZone: '7b0f1c52-3f4e-4b53-9a51-2f6f0a1c0004',
  eitHealth: '7b0f1c52-3f4e-4b53-9a51-2f6f0a1c0005',
  echAlliance: '7b0f1c52-3f4e-4b53-9a51-2f6f0a1c0006',
  digitalHealthSociety: '7b0f1c52-3f4e-4b53-9a51-2f6f0a1c0007',
  endotarget: '7b0f1c52-3f4e-4b53-9a51-2f6f0a1c0008',
} as const;

export const organisationFixtures: OrganisationFixture[] = [
  {
    id: seedIds.europeanCommission,
    name: 'European Commission',
    kind: 'FUNDING_BODY',
    country: 'BE',
    city: 'Brussels',
    description: 'Funds the Digital Health Uptake project under the Digital Europe Programme.',
    identifiers: [{ scheme: 'WIKIDATA', value: 'Q8880' }],
  },
  {
    id: seedIds.digitalEurope,
    name: 'DIGITALEUROPE',
    kind: 'ASSOCIATION_NETWORK',
    country: 'BE',
    city: 'Brussels',
    description:
      'Represents digitally transforming industries in Europe. In the Digital Health Uptake consortium it leads communication, dissemination and outreach and contributes to building the registry.',
  },
  {
    id: seedIds.echAlliance,
    name: 'European Connected Health Alliance',
    acronym: 'ECHAlliance',
    kind: 'ASSOCIATION_NETWORK',
    description: 'A multi-stakeholder network of organisations working on connected health.',
  },
  {
    id: seedIds.digitalHealthSociety,
    name: 'Digital Health Society',
    acronym: 'DHS',
    kind: 'ASSOCIATION_NETWORK',
    description:
      'An open multi-stakeholder movement of 200+ organisations: a thought-leadership platform and a lab that set the moonshot of 100 million digitally connected healthy EU citizens by 2027.',
    memberships: [seedIds.echAlliance],
  },
  {
    id: seedIds.smartHospital,
    name: 'Smart Hospital',
    kind: 'ASSOCIATION_NETWORK',
    description:
      'Improves health through innovation; runs the Smart Hospital network and interactive platform for medical innovations.',
  },
  {
    id: seedIds.digitalInnovationZone,
    name: 'Digital Innovation Zone Association',
    acronym: 'DIZ EDIH',
    kind: 'DIGITAL_INNOVATION_HUB',
    country: 'RO',
    nuts: 'RO21',
    description:
      'European digital innovation hub of North-East Romania; adopted the Smart Hospital platform through a Digital Health Uptake twinning.',
    memberships: [seedIds.smartHospital],
  },
  {
    id: seedIds.eitHealth,
    name: 'EIT Health',
    kind: 'ASSOCIATION_NETWORK',
    description: 'A network of health innovators whose ecosystems validated start-ups connect with.',
  },
  {
    id: seedIds.endotarget,
    name: 'ENDOTARGET Network',
    acronym: 'ENDOTARGET',
    kind: 'ASSOCIATION_NETWORK',
    description: 'A research network that publishes news of the Digital Health Uptake project.',
  },
];
