// Practice, Adoption and the federated stubs (Organisation, Project) as this subgraph shows them.
import { Connection, codeListEnum, EntityReference, UUID } from '@radar/common';
import { LocalDateResolver } from 'graphql-scalars';
import { Directive, Field, Int, ObjectType } from 'type-graphql';
import {
  type AdoptionScale,
  type AdoptionStatus,
  adoptionScales,
  adoptionStatuses,
  type CareSetting,
  type ContributorRole,
  careSettings,
  contributorRoles,
  type EvidenceKind,
  evidenceKinds,
  type InteroperabilityStandard,
  interoperabilityStandards,
  type MaturityStage,
  maturityStages,
  type PracticeStatus,
  type PracticeType,
  practiceStatuses,
  practiceTypes,
  type TargetGroup,
  type Topic,
  targetGroups,
  topics,
} from './practice.codes.js';

export const PracticeTypeEnum = codeListEnum('PracticeType', 'What kind of practice this is.', practiceTypes);
export const MaturityStageEnum = codeListEnum('MaturityStage', 'How mature a practice is, in order.', maturityStages);
export const TopicEnum = codeListEnum('Topic', 'Themes of digital health.', topics);
export const TargetGroupEnum = codeListEnum('TargetGroup', 'Who a practice is for.', targetGroups);
export const CareSettingEnum = codeListEnum('CareSetting', 'Where a practice is used.', careSettings);
export const StandardEnum = codeListEnum(
  'InteroperabilityStandard',
  'Interoperability standards a practice implements.',
  interoperabilityStandards,
);
export const EvidenceKindEnum = codeListEnum('EvidenceKind', 'What a piece of evidence is.', evidenceKinds);
export const ContributorRoleEnum = codeListEnum(
  'ContributorRole',
  'What an organisation did for a practice.',
  contributorRoles,
);
export const PracticeStatusEnum = codeListEnum(
  'PracticeStatus',
  'Where a practice is in its workflow.',
  practiceStatuses,
);
export const AdoptionScaleEnum = codeListEnum(
  'AdoptionScale',
  'How widely a practice is used by an adopter.',
  adoptionScales,
);
export const AdoptionStatusEnum = codeListEnum(
  'AdoptionStatus',
  'Whether an adoption is planned, piloting, ongoing or ended.',
  adoptionStatuses,
);

export const OrganisationRef = EntityReference('Organisation');
export type OrganisationRef = InstanceType<typeof OrganisationRef>;
export const ProjectRef = EntityReference('Project', { resolvable: false });
export type ProjectRef = InstanceType<typeof ProjectRef>;

/** Organisations are never removed: a deleted one resolves as its tombstone. */
export const ORGANISATION_REFERENCE = 'A deleted organisation still resolves, with `deletedAt` set.';

@ObjectType({ description: 'An organisation that contributed to a practice, and how.' })
export class Contribution {
  @Field(() => OrganisationRef, { description: ORGANISATION_REFERENCE })
  organisation!: OrganisationRef;

  @Field(() => ContributorRoleEnum)
  role!: ContributorRole;
}

@ObjectType({ description: 'Evidence about a practice: a URL or a DOI link.' })
export class EvidenceLink {
  @Field(() => EvidenceKindEnum)
  kind!: EvidenceKind;

  @Field()
  url!: string;

  @Field(() => String, { nullable: true })
  title!: string | null;
}

@ObjectType({ description: 'One change in a practice\u2019s audit trail.' })
export class PracticeEventType {
  @Field()
  at!: Date;

  @Field({
    description:
      'REGISTERED, UPDATED, SUBMITTED, PUBLISHED, UNPUBLISHED, ARCHIVED, RESTORED, RETURNED, DELETED, MERGED (merged into another practice), MERGED_IN (another practice merged into this one), a REVISION_* action (SUBMITTED, ACCEPTED, RETURNED), an ADOPTION_* action or ASSESSED (a curator recorded an assessment).',
  })
  action!: string;

  @Field({ description: 'Label of the API key that made the change.' })
  actor!: string;

  @Field()
  actorRole!: string;

  @Field(() => String, { description: 'JSON object: field → { from, to }.' })
  changes!: string;

  @Field(() => String, {
    nullable: true,
    description: 'The curator\u2019s comment, on returns and accepted revisions.',
  })
  comment!: string | null;
}

@ObjectType('PracticeTranslation', { description: 'A practice\u2019s texts in another language than its own.' })
export class PracticeTranslationType {
  @Field({ description: 'ISO 639-1 code.' })
  language!: string;

  @Field()
  title!: string;

  @Field()
  summary!: string;

  @Field(() => String, { nullable: true, description: 'Markdown; null when this translation has none.' })
  description!: string | null;
}

/**
 * The classification practices and needs share, one field each with its GraphQL type, declared once: each type says
 * in its descriptions what the codes mean for it (what a practice offers, what a need seeks).
 */
export const ClassificationField = {
  cdhiCodes: (description: string): PropertyDecorator => Field(() => [String], { description }),
  healthSystemChallenges: (description: string): PropertyDecorator => Field(() => [String], { description }),
  serviceTypes: (description: string): PropertyDecorator => Field(() => [String], { description }),
  targetGroups: (): PropertyDecorator => Field(() => [TargetGroupEnum]),
  careSettings: (): PropertyDecorator => Field(() => [CareSettingEnum]),
  languages: (description: string): PropertyDecorator => Field(() => [String], { description }),
};

@Directive('@key(fields: "id")')
@ObjectType('Practice', { description: 'A digital health practice registered for reuse.' })
export class PracticeType_ {
  @Field(() => UUID)
  id!: string;

  @Field({ description: 'ISO 639-1 code of the language title, summary and description are written in.' })
  language!: string;

  @Field(() => [PracticeTranslationType], {
    description: 'Title, summary and description in other languages, ordered by language.',
  })
  translations!: PracticeTranslationType[];

  @Field(() => PracticeTypeEnum)
  type!: PracticeType;

  @Field(() => MaturityStageEnum)
  maturity!: MaturityStage;

  @Field(() => Int, { nullable: true, description: 'Technology readiness level, 1 to 9.' })
  trl!: number | null;

  @ClassificationField.cdhiCodes('WHO Classification of Digital Health Interventions v2 codes, e.g. 2.4.1.')
  cdhiCodes!: string[];

  @ClassificationField.healthSystemChallenges('WHO health system challenges it addresses, e.g. 3.5.')
  healthSystemChallenges!: string[];

  @ClassificationField.serviceTypes('WHO service and application types it is, e.g. A9.')
  serviceTypes!: string[];

  @Field(() => [TopicEnum])
  topics!: Topic[];

  @ClassificationField.targetGroups()
  targetGroups!: TargetGroup[];

  @ClassificationField.careSettings()
  careSettings!: CareSetting[];

  @ClassificationField.languages('ISO 639-1 codes of the languages it is available in.')
  languages!: string[];

  @Field(() => [String], { description: 'ISO 3166-1 alpha-2 codes of the countries where it is available.' })
  countries!: string[];

  @Field(() => [String], { description: 'NUTS codes of the regions where it is available.' })
  nuts!: string[];

  @Field(() => String, { nullable: true })
  landingPage!: string | null;

  @Field(() => String, { nullable: true, description: 'An SPDX licence id, or PROPRIETARY.' })
  licence!: string | null;

  @Field(() => [StandardEnum])
  standards!: InteroperabilityStandard[];

  @Field(() => String, { nullable: true, description: 'Certification, e.g. MDR class IIa.' })
  certification!: string | null;

  @Field(() => PracticeStatusEnum)
  status!: PracticeStatus;

  @Field()
  createdAt!: Date;

  @Field()
  updatedAt!: Date;

  @Field(() => Date, { nullable: true })
  publishedAt!: Date | null;

  @Field(() => Int)
  version!: number;

  @Field(() => Date, { nullable: true })
  deletedAt!: Date | null;
}

@Directive('@key(fields: "id")')
@ObjectType('Adoption', { description: 'Where a practice is in use: by whom, where, at what scale, since when.' })
export class AdoptionType {
  @Field(() => UUID)
  id!: string;

  @Field({ description: 'ISO 3166-1 alpha-2 code.' })
  country!: string;

  @Field(() => String, { nullable: true, description: 'NUTS code of the region.' })
  nuts!: string | null;

  @Field(() => AdoptionScaleEnum)
  scale!: AdoptionScale;

  @Field(() => AdoptionStatusEnum)
  status!: AdoptionStatus;

  @Field(() => LocalDateResolver, { nullable: true })
  startDate!: string | null;

  @Field(() => LocalDateResolver, { nullable: true })
  endDate!: string | null;

  @Field(() => String, { nullable: true })
  note!: string | null;

  @Field()
  createdAt!: Date;

  @Field()
  updatedAt!: Date;

  @Field(() => Int)
  version!: number;
}

@ObjectType({ description: 'How many matching practices have a value.' })
export class FacetCount {
  @Field()
  value!: string;

  @Field(() => Int)
  count!: number;
}

/** A facet: the counts per value of one field over every record a filter selects. */
export const FacetField = (description?: string): PropertyDecorator => Field(() => [FacetCount], { description });

@ObjectType({ description: 'Counts per value for the current filter: what a search page draws its filters from.' })
export class PracticeFacets {
  @FacetField()
  types!: FacetCount[];

  @FacetField()
  maturity!: FacetCount[];

  @FacetField()
  countries!: FacetCount[];

  @FacetField()
  topics!: FacetCount[];

  @FacetField()
  targetGroups!: FacetCount[];

  @FacetField('Languages (ISO 639-1) the texts are written or translated in: practices with a title in each.')
  textLanguages!: FacetCount[];

  @FacetField('Labels of the current assessments, NOT_ASSESSED for none.')
  assessment!: FacetCount[];
}

export const PracticeConnection = Connection('Practice', PracticeType_);

@ObjectType('PracticeSearchConnection', { description: 'A page of practices with facet counts over all pages.' })
export class PracticeSearchConnection extends PracticeConnection {
  @Field(() => PracticeFacets, { description: 'Computed only when asked for.' })
  facets!: PracticeFacets;
}

@ObjectType({ description: 'Practices registered and published in one period.' })
export class RegistrationCount {
  @Field({ description: 'e.g. 2024-03, 2024-Q1 or 2024.' })
  period!: string;

  @Field()
  start!: Date;

  @Field(() => Int)
  registered!: number;

  @Field(() => Int)
  published!: number;
}

@ObjectType({ description: 'One value of a controlled list.' })
export class CodeListEntryType {
  @Field()
  code!: string;

  @Field()
  label!: string;

  @Field(() => String, { nullable: true, description: 'Null where the list gives none (WHO\u2019s codes).' })
  definition?: string | null;

  @Field(() => String, { nullable: true, description: 'The code directly above, in a hierarchical list.' })
  parent?: string | null;
}

@ObjectType({ description: 'Whose a controlled list is and on what licence RADAR publishes it.' })
export class CodeListRightsType {
  @Field(() => String, {
    nullable: true,
    description: 'The publication the list is taken from (WHO\u2019s classification); null for RADAR\u2019s own lists.',
  })
  source?: string | null;

  @Field(() => String, { nullable: true, description: 'Who holds the rights to a list taken from a publication.' })
  rightsHolder?: string | null;

  @Field({
    description: 'The licence\u2019s IRI: CC BY 4.0 for RADAR\u2019s lists, CC BY-NC-SA 3.0 IGO for WHO\u2019s.',
  })
  license!: string;

  @Field({ description: 'The line that credits the list, to show wherever it is reused.' })
  attribution!: string;
}
