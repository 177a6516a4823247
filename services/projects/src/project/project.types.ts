// Project and Twinning as the federated API shows them, with the stubs this subgraph extends.
import { Connection, codeListEnum, EntityReference, EuroAmount, LocalDate, UUID } from '@radar/common';
import { Directive, Field, Int, ObjectType } from 'type-graphql';
import {
  type ParticipantRole,
  type PracticeLinkRole,
  type Programme,
  type ProjectKind,
  type ProjectRole,
  type ProjectStatus,
  participantRoles,
  practiceLinkRoles,
  programmes,
  projectKinds,
  projectRoles,
  projectStatuses,
  type SynergyKind,
  synergyKinds,
  type TwinningType,
  twinningTypes,
} from './project.codes.js';

export const ProjectKindEnum = codeListEnum('ProjectKind', 'What kind of project this is.', projectKinds);
export const ProgrammeEnum = codeListEnum('Programme', 'The programme that funds a project.', programmes);
export const ParticipantRoleEnum = codeListEnum(
  'ParticipantRole',
  'An organisation\u2019s role in a project.',
  participantRoles,
);
export const ProjectRoleEnum = codeListEnum(
  'ProjectRole',
  'How an organisation takes part in a project.',
  projectRoles,
);
export const PracticeLinkRoleEnum = codeListEnum(
  'PracticeLinkRole',
  'What a project did with a practice.',
  practiceLinkRoles,
);
export const SynergyKindEnum = codeListEnum(
  'SynergyKind',
  'How two projects are linked, read from this project.',
  synergyKinds,
);
export const TwinningTypeEnum = codeListEnum(
  'TwinningType',
  'How far a twinning transfers its practice.',
  twinningTypes,
);
export const ProjectStatusEnum = codeListEnum(
  'ProjectStatus',
  'Where a project is in time, from its dates.',
  projectStatuses,
);

export const OrganisationRef = EntityReference('Organisation');
export type OrganisationRef = InstanceType<typeof OrganisationRef>;
export const PracticeRef = EntityReference('Practice');
export type PracticeRef = InstanceType<typeof PracticeRef>;
export const AdoptionRef = EntityReference('Adoption', { resolvable: false });
export type AdoptionRef = InstanceType<typeof AdoptionRef>;

/** Why a practice reference reads null: the practices subgraph resolves only practices the caller may see. */
export const PRACTICE_REFERENCE =
  'Null when you may not see the practice: only curators and its owner\u2019s editors see drafts, submitted and archived practices, and nobody sees deleted ones. Asked for `id` alone, it is answered from the link without that check.';
/** Organisations are never removed: a deleted one resolves as its tombstone. */
export const ORGANISATION_REFERENCE = 'A deleted organisation still resolves, with `deletedAt` set.';

@ObjectType({ description: 'An organisation taking part in a project, and its role.' })
export class ParticipantType {
  @Field(() => OrganisationRef, { description: ORGANISATION_REFERENCE })
  organisation!: OrganisationRef;

  @Field(() => ParticipantRoleEnum)
  role!: ParticipantRole;
}

@ObjectType({ description: 'A practice a project produced, used or transferred.' })
export class PracticeLinkType {
  @Field(() => PracticeRef, { nullable: true, description: PRACTICE_REFERENCE })
  practice!: PracticeRef | null;

  @Field(() => PracticeLinkRoleEnum)
  role!: PracticeLinkRole;
}

@ObjectType({ description: 'A stage of a twinning, inside the project\u2019s period.' })
export class StageType {
  @Field()
  name!: string;

  @Field(() => LocalDate)
  startDate!: string;

  @Field(() => LocalDate)
  endDate!: string;

  @Field(() => String, { nullable: true })
  description!: string | null;
}

@ObjectType({ description: 'An adopter of a twinning and, once completed, the adoption it recorded.' })
export class TwinningAdopterType {
  @Field(() => OrganisationRef, { description: ORGANISATION_REFERENCE })
  organisation!: OrganisationRef;

  @Field(() => AdoptionRef, {
    nullable: true,
    description:
      'Null until the twinning is completed, and when the adoption was removed since or its practice is not visible to you (as for `practice`).',
  })
  adoption!: AdoptionRef | null;
}

@ObjectType('ProjectTranslation', { description: 'A project\u2019s texts in another language than its own.' })
export class ProjectTranslationType {
  @Field({ description: 'ISO 639-1 code.' })
  language!: string;

  @Field()
  title!: string;

  @Field(() => String, { nullable: true, description: 'Null when this translation has none.' })
  summary!: string | null;
}

@Directive('@key(fields: "id")')
@ObjectType('Project', { description: 'A project where practices come from or move through.' })
export class ProjectType {
  @Field(() => UUID)
  id!: string;

  @Field()
  acronym!: string;

  @Field({ description: 'ISO 639-1 code of the language title and summary are written in.' })
  language!: string;

  @Field(() => [ProjectTranslationType], { description: 'Title and summary in other languages, ordered by language.' })
  translations!: ProjectTranslationType[];

  @Field(() => ProjectKindEnum)
  kind!: ProjectKind;

  @Field(() => ProgrammeEnum)
  programme!: Programme;

  @Field(() => String, { nullable: true })
  grantNumber!: string | null;

  @Field(() => String, { nullable: true, description: 'The CORDIS project id.' })
  cordisId!: string | null;

  @Field(() => LocalDate, { nullable: true, description: 'Null where the sources do not say.' })
  startDate!: string | null;

  @Field(() => LocalDate, { nullable: true })
  endDate!: string | null;

  @Field(() => EuroAmount, { nullable: true })
  totalBudget!: string | null;

  @Field(() => EuroAmount, { nullable: true })
  euContribution!: string | null;

  @Field(() => String, { nullable: true })
  website!: string | null;

  @Field()
  createdAt!: Date;

  @Field()
  updatedAt!: Date;

  @Field(() => Int)
  version!: number;

  @Field(() => Date, { nullable: true })
  deletedAt!: Date | null;
}

@ObjectType({ description: 'Another project this one is linked to.' })
export class SynergyType {
  @Field(() => ProjectType)
  project!: ProjectType;

  @Field(() => SynergyKindEnum)
  kind!: SynergyKind;
}

@ObjectType('Twinning', { description: 'The transfer of a practice from an originator to adopters.' })
export class TwinningType_ {
  @Field(() => TwinningTypeEnum)
  type!: TwinningType;

  @Field(() => String, { nullable: true })
  outcome!: string | null;

  @Field(() => Date, { nullable: true, description: 'Set when it was completed and its adoptions recorded.' })
  completedAt!: Date | null;
}

export const ProjectConnection = Connection('Project', ProjectType);

export type { ProjectStatus };

@ObjectType({ description: 'A project an organisation takes part in, with every role it has there.' })
export class OrganisationProjectType {
  @Field(() => ProjectType)
  project!: ProjectType;

  @Field(() => [ProjectRoleEnum], {
    description: 'Coordinator, partner, funder, twinning originator or adopter…; more than one when it is both.',
  })
  roles!: ProjectRole[];
}
