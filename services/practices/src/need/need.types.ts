// Need as this subgraph shows it, with its enums and the ranked matches between needs and practices.
import { Connection, codeListEnum, UUID } from '@radar/common';
import { LocalDateResolver } from 'graphql-scalars';
import { Directive, Field, Float, Int, ObjectType } from 'type-graphql';
import {
  type CareSetting,
  type MaturityStage,
  type NeedState,
  needStates,
  type PracticeStatus,
  practiceStatuses,
  type TargetGroup,
} from '../practice/practice.codes.js';
import type { Practice } from '../practice/practice.entity.js';
import {
  ClassificationField,
  FacetCount,
  FacetField,
  MaturityStageEnum,
  PracticeType_,
} from '../practice/practice.types.js';
import type { Need } from './need.entity.js';

export const NeedStatusEnum = codeListEnum('NeedStatus', 'Where a need is in its review workflow.', practiceStatuses);
export const NeedStateEnum = codeListEnum('NeedState', 'Whether a need is still looking for a practice.', needStates);

@Directive('@key(fields: "id")')
@ObjectType('Need', {
  description: 'A challenge an organisation wants solved (the demand side), matched to practices with reasons.',
})
export class NeedType {
  @Field(() => UUID)
  id!: string;

  @Field({ description: 'Up to 300 characters.' })
  title!: string;

  @Field({ description: 'Markdown.' })
  description!: string;

  @Field({ description: 'ISO 639-1 code of the language title and description are written in.' })
  language!: string;

  @ClassificationField.cdhiCodes('WHO CDHI v2 interventions sought, e.g. 2.4.2.')
  cdhiCodes!: string[];

  @ClassificationField.healthSystemChallenges('WHO health system challenges to solve, e.g. 3.5.')
  healthSystemChallenges!: string[];

  @ClassificationField.serviceTypes('WHO service and application types sought, e.g. A9.')
  serviceTypes!: string[];

  @ClassificationField.targetGroups()
  targetGroups!: TargetGroup[];

  @ClassificationField.careSettings()
  careSettings!: CareSetting[];

  @ClassificationField.languages('ISO 639-1 codes; a practice must be available in one of them.')
  languages!: string[];

  @Field({ description: 'ISO 3166-1 alpha-2 code.' })
  country!: string;

  @Field(() => String, { nullable: true, description: 'NUTS code of the region.' })
  nuts!: string | null;

  @Field(() => MaturityStageEnum, { nullable: true, description: 'The least maturity a practice must have reached.' })
  minMaturity!: MaturityStage | null;

  @Field(() => LocalDateResolver, { nullable: true })
  startDate!: string | null;

  @Field(() => LocalDateResolver, { nullable: true })
  endDate!: string | null;

  @Field(() => NeedStatusEnum)
  status!: PracticeStatus;

  @Field(() => NeedStateEnum)
  state!: NeedState;

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

export const NeedConnection = Connection('Need', NeedType);

@ObjectType({ description: 'Counts per value over every need the filter selects, as practices\u2019 facets.' })
export class NeedFacets {
  @FacetField('OPEN, MATCHED or CLOSED.')
  states!: FacetCount[];

  @FacetField()
  countries!: FacetCount[];

  @FacetField('WHO CDHI groups (1 to 4) of the interventions sought.')
  cdhiGroups!: FacetCount[];

  @FacetField()
  healthSystemChallenges!: FacetCount[];

  @FacetField()
  serviceTypes!: FacetCount[];

  @FacetField()
  targetGroups!: FacetCount[];

  @FacetField()
  careSettings!: FacetCount[];

  @FacetField('The least maturity asked for; ANY for needs that ask for none.')
  minMaturity!: FacetCount[];
}

@ObjectType('NeedSearchConnection', { description: 'A page of needs with facet counts over all pages.' })
export class NeedSearchConnection extends NeedConnection {
  @Field(() => NeedFacets, { description: 'Computed only when asked for.' })
  facets!: NeedFacets;
}

@ObjectType({ description: 'One change in a need\u2019s audit trail.' })
export class NeedEventType {
  @Field()
  at!: Date;

  @Field({
    description:
      'CREATED, UPDATED, SUBMITTED, PUBLISHED, UNPUBLISHED, RETURNED, ARCHIVED, RESTORED, MATCHED, CLOSED, REOPENED or DELETED.',
  })
  action!: string;

  @Field({ description: 'Label of the key or person that made the change.' })
  actor!: string;

  @Field()
  actorRole!: string;

  @Field(() => String, { description: 'JSON object: field \u2192 { from, to }.' })
  changes!: string;

  @Field(() => String, { nullable: true, description: 'The curator\u2019s comment, on returns.' })
  comment!: string | null;
}

/** How far a practice meets a need, from 0 to 1: said by every ranked pair of a need and a practice, with why. */
const ScoreField = () =>
  Field(() => Float, { description: 'From 0 (nothing in common) to 1 (meets every part of the need).' });

/** Why a practice may meet a need, in words. */
const ReasonsField = () =>
  Field(() => [String], {
    description:
      'Why, in words: e.g. "meets the maturity required (Pilot or later): Implemented (routine use)", "offers CDHI 2.4.2", "adopted in the same region (RO21)", "has evidence: 2 links".',
  });

@ObjectType({ description: 'A published practice that may meet a need, and why.' })
export class NeedCandidate {
  @Field(() => PracticeType_)
  practice!: Practice;

  @ScoreField()
  score!: number;

  @ReasonsField()
  reasons!: string[];
}

@ObjectType({ description: 'A published, open need a practice may meet, and why.' })
export class NeedMatch {
  @Field(() => NeedType)
  need!: Need;

  @ScoreField()
  score!: number;

  @ReasonsField()
  reasons!: string[];
}

@ObjectType({
  description:
    'A pair a twinning programme could fund: a practice adopted in several places, and an open need where it is not adopted.',
})
export class TwinningCandidate {
  @Field(() => PracticeType_)
  practice!: Practice;

  @Field(() => NeedType)
  need!: Need;

  @ScoreField()
  score!: number;

  @ReasonsField()
  reasons!: string[];

  @Field(() => [String], {
    description: 'Where the practice is adopted: NUTS codes, or country codes where no region is given.',
  })
  adoptedIn!: string[];
}
