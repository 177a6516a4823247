// What callers may send to state, change and find needs, with every rule declared on the field.
import {
  badUserInput,
  DateTimeISO,
  DEFAULT_TEXT_LANGUAGE,
  EndNotBeforeStart,
  IsCountryCode,
  IsKeptWhenOmitted,
  IsLocalDate,
  IsNutsInCountries,
  IsText,
  IsTextLanguage,
  KEPT_ID_DESCRIPTION,
  RecordStateInput,
  UUID,
} from '@radar/common';
import { ArrayMaxSize, ArrayUnique, IsISO6391, IsOptional, IsUUID, Max, Min, Validate } from 'class-validator';
import { Field, InputType, Int } from 'type-graphql';
import type { CareSetting, MaturityStage, NeedState, PracticeStatus, TargetGroup } from '../practice/practice.codes.js';
import { CareSettingEnum, MaturityStageEnum, TargetGroupEnum } from '../practice/practice.types.js';
import { IsWhoCodes } from '../practice/who-codes.inputs.js';
import { NeedStateEnum, NeedStatusEnum } from './need.types.js';

export const MAX_CANDIDATES = 50;
export const DEFAULT_CANDIDATES = 10;

/** Fields shared by create and update; on update an omitted field stays as it is and null clears it. */
@InputType('NeedFieldsInput')
abstract class NeedFields {
  @Field(() => [String], { nullable: true, description: 'WHO CDHI v2 interventions sought, e.g. 2.4.2.' })
  @IsOptional()
  @IsWhoCodes('cdhiCodes')
  cdhiCodes?: string[] | null;

  @Field(() => [String], { nullable: true, description: 'WHO health system challenges to solve, e.g. 3.5.' })
  @IsOptional()
  @IsWhoCodes('healthSystemChallenges')
  healthSystemChallenges?: string[] | null;

  @Field(() => [String], { nullable: true, description: 'WHO service and application types sought, e.g. A9.' })
  @IsOptional()
  @IsWhoCodes('serviceTypes')
  serviceTypes?: string[] | null;

  @Field(() => [TargetGroupEnum], { nullable: true })
  @IsOptional()
  @ArrayUnique()
  targetGroups?: TargetGroup[] | null;

  @Field(() => [CareSettingEnum], { nullable: true })
  @IsOptional()
  @ArrayUnique()
  careSettings?: CareSetting[] | null;

  @Field(() => [String], {
    nullable: true,
    description: 'ISO 639-1 codes of the languages a practice must be available in (any of them), e.g. ro.',
  })
  @IsOptional()
  @ArrayMaxSize(40)
  @ArrayUnique()
  @IsISO6391({ each: true, message: 'contains a value that is not an ISO 639-1 language code' })
  languages?: string[] | null;

  @Field(() => MaturityStageEnum, {
    nullable: true,
    description: 'The least maturity a practice must have reached, e.g. IMPLEMENTED; null when any will do.',
  })
  @IsOptional()
  minMaturity?: MaturityStage | null;

  @Field(() => String, { nullable: true, description: 'When a solution is needed from, YYYY-MM-DD.' })
  @IsOptional()
  @IsLocalDate()
  startDate?: string | null;

  @Field(() => String, { nullable: true, description: 'Until when, YYYY-MM-DD; not before startDate.' })
  @IsOptional()
  @IsLocalDate()
  @Validate(EndNotBeforeStart)
  endDate?: string | null;
}

@InputType({ description: 'A challenge an organisation wants solved.' })
export class CreateNeedInput extends NeedFields {
  @Field(() => UUID, { nullable: true, description: KEPT_ID_DESCRIPTION })
  @IsOptional()
  @IsUUID('all')
  id?: string | null;

  @Field({
    description: 'ISO 639-1 code of the language title and description are written in.',
    defaultValue: DEFAULT_TEXT_LANGUAGE,
  })
  @IsTextLanguage()
  language?: string;

  @Field()
  @IsText(3, 300)
  title!: string;

  @Field({ description: 'Markdown, 10 to 20,000 characters.' })
  @IsText(10, 20_000)
  description!: string;

  @Field({ description: 'ISO 3166-1 alpha-2 code of the country where the need is.' })
  @IsCountryCode()
  country!: string;

  @Field(() => String, { nullable: true, description: 'NUTS code of the region, in `country`, e.g. RO21.' })
  @IsOptional()
  @IsNutsInCountries('country')
  nuts?: string | null;

  @Field(() => UUID, { description: 'The organisation that has the need; an editor may only name their own.' })
  @IsUUID('all')
  ownerId!: string;
}

@InputType({ description: 'Changes to a need; an omitted field stays as it is.' })
export class UpdateNeedInput extends NeedFields {
  @Field(() => String, { nullable: true })
  @IsKeptWhenOmitted()
  @IsTextLanguage()
  language?: string;

  @Field(() => String, { nullable: true })
  @IsKeptWhenOmitted()
  @IsText(3, 300)
  title?: string;

  @Field(() => String, { nullable: true, description: 'Markdown, 10 to 20,000 characters.' })
  @IsKeptWhenOmitted()
  @IsText(10, 20_000)
  description?: string;

  @Field(() => String, { nullable: true })
  @IsKeptWhenOmitted()
  @IsCountryCode()
  country?: string;

  @Field(() => String, { nullable: true, description: 'In `country` (the stored one when it is omitted).' })
  @IsOptional()
  // An omitted country is the stored one, which the service checks.
  @IsNutsInCountries('country', { omittedMeansStored: () => true })
  nuts?: string | null;
}

@InputType({ description: 'Which needs to list.' })
export class NeedFilter {
  @Field(() => [String], { nullable: true, description: 'In any of these countries.' })
  @IsOptional()
  @ArrayMaxSize(60)
  @IsCountryCode({ each: true })
  countries?: string[];

  @Field(() => [String], {
    nullable: true,
    description: 'Health system challenges; a group (3) matches its challenges.',
  })
  @IsOptional()
  @IsWhoCodes('healthSystemChallenges')
  healthSystemChallenges?: string[];

  @Field(() => [String], { nullable: true, description: 'CDHI codes; a parent code (2.4) matches its children.' })
  @IsOptional()
  @IsWhoCodes('cdhiCodes')
  cdhiCodes?: string[];

  @Field(() => [NeedStateEnum], { nullable: true, description: 'Any state when omitted.' })
  @IsOptional()
  states?: NeedState[];

  @Field(() => UUID, { nullable: true })
  @IsOptional()
  @IsUUID('all')
  ownerId?: string;

  @Field(() => [NeedStatusEnum], {
    nullable: true,
    description: 'PUBLISHED when omitted; other statuses need a key (editors see their own organisation\u2019s).',
  })
  @IsOptional()
  statuses?: PracticeStatus[];
}

@InputType({ description: 'Which twinning candidates to list.' })
export class TwinningCandidateFilter {
  @Field(() => [String], { nullable: true, description: 'Needs in any of these countries.' })
  @IsOptional()
  @ArrayMaxSize(60)
  @IsCountryCode({ each: true })
  countries?: string[];

  @Field(() => UUID, { nullable: true, description: 'Only pairs with this practice.' })
  @IsOptional()
  @IsUUID('all')
  practiceId?: string;

  @Field(() => UUID, { nullable: true, description: 'Only pairs with this need.' })
  @IsOptional()
  @IsUUID('all')
  needId?: string;

  @Field(() => Int, {
    nullable: true,
    defaultValue: 2,
    description: 'Places (countries or regions) the practice must be adopted in, 2 or more.',
  })
  @IsOptional()
  @Min(2)
  @Max(100)
  minAdoptions?: number;
}

/** How many matches a ranked list gives: `first`, 1 to MAX_CANDIDATES, else BAD_USER_INPUT on the argument. */
export function candidateCount(first: number | null | undefined, field = 'first'): number {
  if (first === null || first === undefined) return DEFAULT_CANDIDATES;
  if (!Number.isInteger(first) || first < 1 || first > MAX_CANDIDATES) {
    throw badUserInput(field, `must be between 1 and ${MAX_CANDIDATES}`);
  }
  return first;
}

@InputType({
  description:
    'Where a written need stands once the write is done, as an import gives it: its status (through the review workflow), whether it is still looking, and, for curators, its times.',
})
export class NeedStateInput extends RecordStateInput {
  @Field(() => NeedStatusEnum, {
    nullable: true,
    description:
      'The status it ends in, through the workflow’s steps, each with its own rights: an editor submits at most, a curator publishes. Omitted: as it is (DRAFT when stated).',
  })
  @IsOptional()
  status?: PracticeStatus | null;

  @Field(() => DateTimeISO, {
    nullable: true,
    description: 'When it was first published (dct:issued), curators; the time of publishing when omitted.',
  })
  @IsOptional()
  publishedAt?: Date | null;

  @Field(() => NeedStateEnum, {
    nullable: true,
    description: 'OPEN, MATCHED (with matchedPracticeId, a published practice) or CLOSED; omitted: as it is.',
  })
  @IsOptional()
  needState?: NeedState | null;

  @Field(() => UUID, { nullable: true, description: 'The published practice that meets it, with needState MATCHED.' })
  @IsOptional()
  @IsUUID('all')
  matchedPracticeId?: string | null;
}
