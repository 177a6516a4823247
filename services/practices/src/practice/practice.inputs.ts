// What callers may send to register, change, find and adopt practices, with every rule declared on the field.
import {
  DateTimeISO,
  DEFAULT_TEXT_LANGUAGE,
  EndNotBeforeStart,
  HTTP_URL,
  IsCountryCode,
  IsKeptWhenOmitted,
  IsLocalDate,
  IsNotInOwnLanguage,
  IsNutsInCountries,
  IsText,
  IsTextLanguage,
  KEPT_ID_DESCRIPTION,
  NUTS_PATTERN,
  RecordStateInput,
  textLanguages,
  UUID,
} from '@radar/common';
import {
  ArrayMaxSize,
  ArrayUnique,
  IsEmail,
  IsIn,
  IsISO6391,
  IsOptional,
  IsUrl,
  IsUUID,
  Length,
  Matches,
  Max,
  MaxLength,
  Min,
  Validate,
  ValidateNested,
  ValidatorConstraint,
  type ValidatorConstraintInterface,
} from 'class-validator';
import spdxLicenceIds from 'spdx-license-ids/index.json' with { type: 'json' };
import { Field, InputType, Int, registerEnumType } from 'type-graphql';
import type { AssessmentLabel } from '../assessment/assessment.codes.js';
import { AssessmentLabelEnum } from '../assessment/assessment.types.js';
import {
  type AdoptionScale,
  type AdoptionStatus,
  type CareSetting,
  type ContributorRole,
  cdhiCodes,
  codesOf,
  type EvidenceKind,
  type InteroperabilityStandard,
  type MaturityStage,
  type PracticeStatus,
  type PracticeType,
  type TargetGroup,
  type Topic,
} from './practice.codes.js';
import {
  AdoptionScaleEnum,
  AdoptionStatusEnum,
  CareSettingEnum,
  ContributorRoleEnum,
  EvidenceKindEnum,
  MaturityStageEnum,
  PracticeStatusEnum,
  PracticeTypeEnum,
  StandardEnum,
  TargetGroupEnum,
  TopicEnum,
} from './practice.types.js';
import { IsWhoCodes, notInList } from './who-codes.inputs.js';

export const PROPRIETARY = 'PROPRIETARY';
const licences = new Set<string>([...spdxLicenceIds, PROPRIETARY]);
const cdhiCodeList = codesOf(cdhiCodes) as string[];
const DOI_PATTERN = /^10\.\d{4,9}\/\S+$/;

@ValidatorConstraint({ name: 'licence' })
class IsLicence implements ValidatorConstraintInterface {
  validate(value: unknown) {
    return typeof value === 'string' && licences.has(value);
  }
  defaultMessage() {
    return `must be an SPDX licence id (e.g. MIT, EUPL-1.2, CC-BY-4.0) or ${PROPRIETARY}`;
  }
}

@ValidatorConstraint({ name: 'evidenceLink' })
class IsUrlOrDoi implements ValidatorConstraintInterface {
  validate(value: unknown) {
    if (typeof value !== 'string' || value.length > 2048) return false;
    return DOI_PATTERN.test(value) || /^https?:\/\/[^\s]+\.[^\s]+/.test(value);
  }
  defaultMessage() {
    return 'must be an http(s) URL or a DOI such as 10.1000/xyz123';
  }
}

@InputType()
export class EvidenceInput {
  @Field(() => EvidenceKindEnum)
  kind!: EvidenceKind;

  @Field({ description: 'An http(s) URL or a DOI.' })
  @Validate(IsUrlOrDoi)
  url!: string;

  @Field(() => String, { nullable: true })
  @IsOptional()
  @IsText(1, 300)
  title?: string | null;
}

@InputType()
export class ContributorInput {
  @Field(() => UUID)
  @IsUUID('all')
  organisationId!: string;

  @Field(() => ContributorRoleEnum)
  role!: ContributorRole;
}

const LANGUAGE_DESCRIPTION =
  'ISO 639-1 code of the language title, summary and description are written in, e.g. en, fr, ro.';

@InputType({ description: 'Title, summary and description in another language than the practice\u2019s own.' })
export class PracticeTranslationInput {
  @Field({ description: 'ISO 639-1 code, e.g. fr; not the practice\u2019s own language.' })
  @IsTextLanguage()
  language!: string;

  @Field()
  @IsText(3, 300)
  title!: string;

  @Field()
  @IsText(10, 1000)
  summary!: string;

  @Field(() => String, { nullable: true, description: 'Markdown, up to 20,000 characters.' })
  @IsOptional()
  @IsText(1, 20_000)
  description?: string | null;
}

/** Fields shared by register and update; on update an omitted field stays as it is. */
@InputType('PracticeFieldsInput')
abstract class PracticeFields {
  @Field(() => String, { nullable: true, description: 'Markdown, up to 20,000 characters.' })
  @IsOptional()
  @IsText(1, 20_000)
  description?: string | null;

  @Field(() => [PracticeTranslationInput], {
    nullable: true,
    description:
      'Title, summary and description in other languages, one a language; replaces all translations when given.',
  })
  @IsOptional()
  @ArrayMaxSize(Object.keys(textLanguages).length)
  @ArrayUnique((translation: PracticeTranslationInput) => translation?.language, {
    message: 'names a language twice',
  })
  @IsNotInOwnLanguage((input) => input instanceof UpdatePracticeInput)
  @ValidateNested()
  translations?: PracticeTranslationInput[] | null;

  @Field(() => Int, { nullable: true })
  @IsOptional()
  @Min(1)
  @Max(9)
  trl?: number | null;

  @Field(() => [String], { nullable: true, description: 'WHO CDHI v2 codes, e.g. 2.4.1.' })
  @IsOptional()
  @ArrayMaxSize(30)
  @ArrayUnique()
  @IsIn(cdhiCodeList, { each: true, message: (args) => notInList(args.value, cdhiCodeList, 'WHO CDHI v2') })
  cdhiCodes?: string[];

  @Field(() => [String], {
    nullable: true,
    description: 'WHO health system challenges it addresses, e.g. 3.5 (codeList(name: HEALTH_SYSTEM_CHALLENGES)).',
  })
  @IsOptional()
  @IsWhoCodes('healthSystemChallenges')
  healthSystemChallenges?: string[];

  @Field(() => [String], {
    nullable: true,
    description: 'WHO service and application types it is, e.g. A9 (codeList(name: SERVICE_TYPES)).',
  })
  @IsOptional()
  @IsWhoCodes('serviceTypes')
  serviceTypes?: string[];

  @Field(() => [TopicEnum], { nullable: true })
  @IsOptional()
  @ArrayUnique()
  topics?: Topic[];

  @Field(() => [TargetGroupEnum], { nullable: true })
  @IsOptional()
  @ArrayUnique()
  targetGroups?: TargetGroup[];

  @Field(() => [CareSettingEnum], { nullable: true })
  @IsOptional()
  @ArrayUnique()
  careSettings?: CareSetting[];

  @Field(() => [String], { nullable: true, description: 'ISO 639-1 codes, e.g. en, ro.' })
  @IsOptional()
  @ArrayMaxSize(40)
  @ArrayUnique()
  @IsISO6391({ each: true, message: 'contains a value that is not an ISO 639-1 language code' })
  languages?: string[];

  @Field(() => [String], { nullable: true, description: 'ISO 3166-1 alpha-2 codes.' })
  @IsOptional()
  @ArrayMaxSize(60)
  @ArrayUnique()
  @IsCountryCode({ each: true })
  countries?: string[];

  @Field(() => [String], { nullable: true, description: 'NUTS codes, each in one of `countries`.' })
  @IsOptional()
  @ArrayMaxSize(200)
  @ArrayUnique()
  // On registration an omitted country list means none; on update, the stored one, which the service checks.
  @IsNutsInCountries('countries', { each: true, omittedMeansStored: (input) => input instanceof UpdatePracticeInput })
  nuts?: string[];

  @Field(() => String, { nullable: true })
  @IsOptional()
  @MaxLength(2048)
  @IsUrl(HTTP_URL, { message: 'is not an http(s) URL' })
  landingPage?: string | null;

  @Field(() => String, { nullable: true, description: 'Shown only to curators and the owner\u2019s editors.' })
  @IsOptional()
  @MaxLength(254)
  @IsEmail({}, { message: 'is not an email address' })
  contactEmail?: string | null;

  @Field(() => String, { nullable: true, description: 'An SPDX licence id, or PROPRIETARY.' })
  @IsOptional()
  @Validate(IsLicence)
  licence?: string | null;

  @Field(() => [StandardEnum], { nullable: true })
  @IsOptional()
  @ArrayUnique()
  standards?: InteroperabilityStandard[];

  @Field(() => String, { nullable: true })
  @IsOptional()
  @IsText(1, 200)
  certification?: string | null;

  @Field(() => [EvidenceInput], { nullable: true, description: 'Replaces all evidence links when given.' })
  @IsOptional()
  @ArrayMaxSize(50)
  @ValidateNested()
  evidence?: EvidenceInput[];

  @Field(() => [ContributorInput], { nullable: true, description: 'Replaces all contributors when given.' })
  @IsOptional()
  @ArrayMaxSize(50)
  @ArrayUnique((contributor: ContributorInput) => contributor.organisationId, {
    message: 'names an organisation twice',
  })
  @ValidateNested()
  contributors?: ContributorInput[];
}

@InputType()
export class RegisterPracticeInput extends PracticeFields {
  @Field(() => UUID, { nullable: true, description: KEPT_ID_DESCRIPTION })
  @IsOptional()
  @IsUUID('all')
  id?: string | null;

  @Field({ description: LANGUAGE_DESCRIPTION, defaultValue: DEFAULT_TEXT_LANGUAGE })
  @IsTextLanguage()
  language?: string;

  @Field()
  @IsText(3, 300)
  title!: string;

  @Field()
  @IsText(10, 1000)
  summary!: string;

  @Field(() => PracticeTypeEnum)
  type!: PracticeType;

  @Field(() => MaturityStageEnum)
  maturity!: MaturityStage;

  @Field(() => UUID, { description: 'The owning organisation; an editor may only name their own.' })
  @IsUUID('all')
  ownerId!: string;
}

@InputType()
export class UpdatePracticeInput extends PracticeFields {
  @Field(() => String, { nullable: true, description: LANGUAGE_DESCRIPTION })
  @IsKeptWhenOmitted()
  @IsTextLanguage()
  language?: string;

  @Field(() => String, { nullable: true })
  @IsKeptWhenOmitted()
  @IsText(3, 300)
  title?: string;

  @Field(() => String, { nullable: true })
  @IsKeptWhenOmitted()
  @IsText(10, 1000)
  summary?: string;

  @Field(() => PracticeTypeEnum, { nullable: true })
  @IsKeptWhenOmitted()
  type?: PracticeType;

  @Field(() => MaturityStageEnum, { nullable: true })
  @IsKeptWhenOmitted()
  maturity?: MaturityStage;

  @Field(() => UUID, { nullable: true, description: 'Moves the practice to another owner (curators only).' })
  @IsOptional()
  @IsUUID('all')
  ownerId?: string;
}

export enum PracticeOrder {
  RELEVANCE = 'RELEVANCE',
  UPDATED = 'UPDATED',
  TITLE = 'TITLE',
}
registerEnumType(PracticeOrder, {
  name: 'PracticeOrder',
  valuesConfig: {
    RELEVANCE: { description: 'Best text match first; needs `filter.text`.' },
    UPDATED: { description: 'Most recently updated first.' },
    TITLE: { description: 'By title, A to Z.' },
  },
});

@InputType()
export class PracticeFilter {
  @Field(() => String, {
    nullable: true,
    description:
      'Words in title, summary or description, in any of their languages; prefixes match, accents and case do not matter.',
  })
  @IsOptional()
  @Length(1, 200)
  text?: string;

  @Field(() => [PracticeTypeEnum], { nullable: true })
  @IsOptional()
  types?: PracticeType[];

  @Field(() => MaturityStageEnum, { nullable: true, description: 'This stage or a later one.' })
  @IsOptional()
  minMaturity?: MaturityStage;

  @Field(() => [String], {
    nullable: true,
    description: 'CDHI codes; a parent code (2.4) matches its children (2.4.1).',
  })
  @IsOptional()
  @ArrayMaxSize(30)
  @IsIn(cdhiCodeList, { each: true, message: (args) => notInList(args.value, cdhiCodeList, 'WHO CDHI v2') })
  cdhiCodes?: string[];

  @Field(() => [String], {
    nullable: true,
    description: 'Health system challenges; a group (3) matches its challenges.',
  })
  @IsOptional()
  @IsWhoCodes('healthSystemChallenges')
  healthSystemChallenges?: string[];

  @Field(() => [String], {
    nullable: true,
    description: 'Service and application types; a group (A) matches its types.',
  })
  @IsOptional()
  @IsWhoCodes('serviceTypes')
  serviceTypes?: string[];

  @Field(() => [TopicEnum], { nullable: true })
  @IsOptional()
  topics?: Topic[];

  @Field(() => [TargetGroupEnum], { nullable: true })
  @IsOptional()
  targetGroups?: TargetGroup[];

  @Field(() => [CareSettingEnum], { nullable: true })
  @IsOptional()
  careSettings?: CareSetting[];

  @Field(() => [String], { nullable: true, description: 'Available in any of these countries.' })
  @IsOptional()
  @ArrayMaxSize(60)
  @IsCountryCode({ each: true })
  countries?: string[];

  @Field(() => [String], {
    nullable: true,
    description: 'Available in any of these NUTS regions or regions below them.',
  })
  @IsOptional()
  @ArrayMaxSize(60)
  @Matches(NUTS_PATTERN, { each: true, message: 'contains a value that is not a NUTS code (e.g. RO21)' })
  nuts?: string[];

  @Field(() => [String], { nullable: true })
  @IsOptional()
  @IsISO6391({ each: true, message: 'contains a value that is not an ISO 639-1 language code' })
  languages?: string[];

  @Field(() => UUID, { nullable: true })
  @IsOptional()
  ownerId?: string;

  @Field(() => [PracticeStatusEnum], {
    nullable: true,
    description: 'PUBLISHED when omitted; other statuses need a key (editors see their own organisation\u2019s).',
  })
  @IsOptional()
  statuses?: PracticeStatus[];

  @Field(() => [AssessmentLabelEnum], {
    nullable: true,
    description: 'The label of the current assessment is one of these (NOT_ASSESSED: none yet).',
  })
  @IsOptional()
  assessment?: AssessmentLabel[];
}

@InputType()
export class AdoptionFields {
  @Field(() => String, { nullable: true })
  @IsOptional()
  // On update an omitted country is the stored one, which the service checks; on add the country is required.
  @IsNutsInCountries('country', { omittedMeansStored: () => true })
  nuts?: string | null;

  @Field(() => String, { nullable: true, description: 'YYYY-MM-DD.' })
  @IsOptional()
  @IsLocalDate()
  startDate?: string | null;

  @Field(() => String, { nullable: true, description: 'YYYY-MM-DD; not before startDate.' })
  @IsOptional()
  @IsLocalDate()
  @Validate(EndNotBeforeStart)
  endDate?: string | null;

  @Field(() => UUID, { nullable: true, description: 'The project through which it was adopted.' })
  @IsOptional()
  @IsUUID('all')
  projectId?: string | null;

  @Field(() => String, { nullable: true })
  @IsOptional()
  @IsText(1, 2000)
  note?: string | null;
}

@InputType()
export class AddAdoptionInput extends AdoptionFields {
  @Field(() => UUID, { nullable: true, description: KEPT_ID_DESCRIPTION })
  @IsOptional()
  @IsUUID('all')
  id?: string | null;

  @Field(() => UUID)
  @IsUUID('all')
  practiceId!: string;

  @Field(() => UUID)
  @IsUUID('all')
  adopterId!: string;

  @Field({ description: 'ISO 3166-1 alpha-2 code.' })
  @IsCountryCode()
  country!: string;

  @Field(() => AdoptionScaleEnum)
  scale!: AdoptionScale;

  @Field(() => AdoptionStatusEnum)
  status!: AdoptionStatus;
}

@InputType()
export class UpdateAdoptionInput extends AdoptionFields {
  @Field(() => String, { nullable: true })
  @IsOptional()
  @IsCountryCode()
  country?: string;

  @Field(() => AdoptionScaleEnum, { nullable: true })
  @IsOptional()
  scale?: AdoptionScale;

  @Field(() => AdoptionStatusEnum, { nullable: true })
  @IsOptional()
  status?: AdoptionStatus;
}

@InputType({
  description:
    'Where a written practice stands once the write is done, as an import gives it: its status (reached through the review workflow in the same write) and, for curators, its times.',
})
export class PracticeStateInput extends RecordStateInput {
  @Field(() => PracticeStatusEnum, {
    nullable: true,
    description:
      'The status it ends in, through the workflow’s steps (DRAFT → SUBMITTED → PUBLISHED, PUBLISHED → DRAFT, any → ARCHIVED), each with its own rights: an editor submits at most, a curator publishes. Omitted: as it is (DRAFT when registered).',
  })
  @IsOptional()
  status?: PracticeStatus | null;

  @Field(() => DateTimeISO, {
    nullable: true,
    description: 'When it was first published (dct:issued), curators; the time of publishing when omitted.',
  })
  @IsOptional()
  publishedAt?: Date | null;
}
