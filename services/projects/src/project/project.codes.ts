// Controlled lists of the projects subgraph, each value with a label and a definition; enums derive from these.
import type { CodeListEntry } from '@radar/common';

export const projectKinds = [
  {
    code: 'RESEARCH_INNOVATION',
    label: 'Research and innovation',
    definition: 'A project that researches or develops new solutions.',
  },
  {
    code: 'COORDINATION_SUPPORT',
    label: 'Coordination and support action',
    definition: 'A project that coordinates, networks or supports others.',
  },
  {
    code: 'TWINNING',
    label: 'Twinning',
    definition: 'A project that transfers a practice from an originator to one or more adopters.',
  },
  {
    code: 'DEPLOYMENT_PILOT',
    label: 'Deployment or pilot',
    definition: 'A project that deploys or pilots solutions in real settings.',
  },
  { code: 'NETWORK_SYNERGY', label: 'Network or synergy', definition: 'A network, task force or synergy initiative.' },
] as const satisfies readonly CodeListEntry[];

export const programmes = [
  {
    code: 'DIGITAL_EUROPE',
    label: 'Digital Europe Programme',
    definition: 'The EU programme for digital capacities and deployment.',
  },
  {
    code: 'HORIZON_EUROPE',
    label: 'Horizon Europe',
    definition: 'The EU framework programme for research and innovation.',
  },
  { code: 'EU4HEALTH', label: 'EU4Health', definition: 'The EU health programme.' },
  { code: 'INTERREG', label: 'Interreg', definition: 'European territorial cooperation.' },
  { code: 'NATIONAL', label: 'National', definition: 'A national funding programme.' },
  { code: 'REGIONAL', label: 'Regional', definition: 'A regional funding programme.' },
  { code: 'INDUSTRY_FOUNDATION', label: 'Industry or foundation', definition: 'Funding by industry or a foundation.' },
  { code: 'OTHER', label: 'Other', definition: 'Any other funding.' },
] as const satisfies readonly CodeListEntry[];

export const participantRoles = [
  {
    code: 'COORDINATOR',
    label: 'Coordinator',
    definition: 'Leads the project; exactly one per project that has participants.',
  },
  { code: 'PARTNER', label: 'Partner', definition: 'A beneficiary of the project.' },
  { code: 'ASSOCIATED_PARTNER', label: 'Associated partner', definition: 'Takes part without receiving funding.' },
  { code: 'THIRD_PARTY', label: 'Third party', definition: 'Linked or affiliated to a participant.' },
] as const satisfies readonly CodeListEntry[];

/** Every way an organisation takes part in a project, for `Organisation.projects(role)`. */
export const projectRoles = [
  ...participantRoles,
  { code: 'FUNDER', label: 'Funder', definition: 'Funds the project.' },
  { code: 'ORIGINATOR', label: 'Twinning originator', definition: 'Owns the practice a twinning transfers.' },
  { code: 'ADOPTER', label: 'Twinning adopter', definition: 'Receives the practice a twinning transfers.' },
] as const satisfies readonly CodeListEntry[];

export const practiceLinkRoles = [
  { code: 'PRODUCED', label: 'Produced', definition: 'The project produced the practice.' },
  { code: 'USED', label: 'Used', definition: 'The project used the practice.' },
  { code: 'TRANSFERRED', label: 'Transferred', definition: 'The project transferred the practice to others.' },
] as const satisfies readonly CodeListEntry[];

export const synergyKinds = [
  { code: 'SYNERGY', label: 'Synergy', definition: 'The projects work together (symmetric).' },
  { code: 'CLUSTER', label: 'Cluster', definition: 'The projects belong to one cluster (symmetric).' },
  { code: 'FOLLOW_UP', label: 'Follow-up', definition: 'The other project continues this one.' },
  { code: 'PREDECESSOR', label: 'Predecessor', definition: 'This project continues the other one.' },
] as const satisfies readonly CodeListEntry[];

export const twinningTypes = [
  {
    code: 'KNOWLEDGE_EXCHANGE',
    label: 'Knowledge exchange and training',
    definition: 'The adopter learns the practice without deploying it yet.',
  },
  { code: 'ADAPTATION', label: 'Adaptation', definition: 'The adopter adapts the practice to its context.' },
  { code: 'PARTIAL_ADOPTION', label: 'Partial adoption', definition: 'The adopter deploys part of the practice.' },
  { code: 'FULL_ADOPTION', label: 'Full adoption', definition: 'The adopter deploys the whole practice.' },
] as const satisfies readonly CodeListEntry[];

export const projectStatuses = [
  { code: 'UPCOMING', label: 'Upcoming', definition: 'Starts after today.' },
  { code: 'ONGOING', label: 'Ongoing', definition: 'Started and not yet ended.' },
  { code: 'CLOSED', label: 'Closed', definition: 'Ended before today.' },
] as const satisfies readonly CodeListEntry[];

type Codes<T extends readonly CodeListEntry[]> = T[number]['code'];
export type ProjectKind = Codes<typeof projectKinds>;
export type Programme = Codes<typeof programmes>;
export type ParticipantRole = Codes<typeof participantRoles>;
export type ProjectRole = Codes<typeof projectRoles>;
export type PracticeLinkRole = Codes<typeof practiceLinkRoles>;
export type SynergyKind = Codes<typeof synergyKinds>;
export type TwinningType = Codes<typeof twinningTypes>;
export type ProjectStatus = Codes<typeof projectStatuses>;

export function codesOf<T extends readonly CodeListEntry[]>(list: T): Codes<T>[] {
  return list.map((entry) => entry.code) as Codes<T>[];
}

/** How a link reads from the other project's side. */
export const reverseSynergy: Record<SynergyKind, SynergyKind> = {
  SYNERGY: 'SYNERGY',
  CLUSTER: 'CLUSTER',
  FOLLOW_UP: 'PREDECESSOR',
  PREDECESSOR: 'FOLLOW_UP',
};

export const projectCodeLists = {
  projectKinds,
  programmes,
  participantRoles,
  projectRoles,
  practiceLinkRoles,
  synergyKinds,
  twinningTypes,
  projectStatuses,
} as const;
