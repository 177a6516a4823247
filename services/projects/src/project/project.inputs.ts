// What callers may send to create, change and find projects and twinnings, with every rule on the field.
import {
  DEFAULT_TEXT_LANGUAGE,
  EndNotBeforeStart,
  EuroAmount,
  HTTP_URL,
  IsCountryCode,
  IsIdentifierOf,
  IsKeptWhenOmitted,
  IsLocalDate,
  IsNotInOwnLanguage,
  IsText,
  IsTextLanguage,
  KEPT_ID_DESCRIPTION,
  textLanguages,
  UUID,
} from '@radar/common';
import {
  ArrayMaxSize,
  ArrayMinSize,
  ArrayUnique,
  IsOptional,
  IsUrl,
  IsUUID,
  Length,
  Matches,
  MaxLength,
  Validate,
  ValidateNested,
  type ValidationArguments,
  ValidatorConstraint,
  type ValidatorConstraintInterface,
} from 'class-validator';
import { Field, InputType, registerEnumType } from 'type-graphql';
import type {
  ParticipantRole,
  PracticeLinkRole,
  Programme,
  ProjectKind,
  ProjectStatus,
  SynergyKind,
  TwinningType,
} from './project.codes.js';
import {
  ParticipantRoleEnum,
  PracticeLinkRoleEnum,
  ProgrammeEnum,
  ProjectKindEnum,
  ProjectStatusEnum,
  SynergyKindEnum,
  TwinningTypeEnum,
} from './project.types.js';

@ValidatorConstraint({ name: 'contributionWithinBudget' })
class ContributionWithinBudget implements ValidatorConstraintInterface {
  validate(value: unknown, args: ValidationArguments) {
    const { totalBudget } = args.object as { totalBudget?: string | null };
    return typeof value !== 'string' || !totalBudget || Number(value) <= Number(totalBudget);
  }
  defaultMessage() {
    return 'must not be above totalBudget';
  }
}

@ValidatorConstraint({ name: 'atMostOneCoordinator' })
class AtMostOneCoordinator implements ValidatorConstraintInterface {
  validate(value: unknown) {
    if (!Array.isArray(value)) return true;
    return value.filter((participant: ParticipantInput) => participant.role === 'COORDINATOR').length <= 1;
  }
  defaultMessage() {
    return 'must name at most one COORDINATOR';
  }
}

@InputType()
export class ParticipantInput {
  @Field(() => UUID)
  @IsUUID('all')
  organisationId!: string;

  @Field(() => ParticipantRoleEnum)
  role!: ParticipantRole;
}

@InputType()
export class PracticeLinkInput {
  @Field(() => UUID)
  @IsUUID('all')
  practiceId!: string;

  @Field(() => PracticeLinkRoleEnum)
  role!: PracticeLinkRole;
}

@InputType()
export class StageInput {
  @Field()
  @IsText(1, 200)
  name!: string;

  @Field({ description: 'YYYY-MM-DD, inside the project\u2019s period.' })
  @IsLocalDate()
  startDate!: string;

  @Field({ description: 'YYYY-MM-DD, not before startDate; stages may not overlap.' })
  @IsLocalDate()
  @Validate(EndNotBeforeStart)
  endDate!: string;

  @Field(() => String, { nullable: true })
  @IsOptional()
  @IsText(1, 2000)
  description?: string | null;
}

@InputType({ description: 'What a twinning transfers, from whom, to whom.' })
export class TwinningInput {
  @Field(() => UUID)
  @IsUUID('all')
  originatorId!: string;

  @Field(() => [UUID], { description: 'One or more adopting organisations.' })
  @ArrayMinSize(1, { message: 'a twinning needs at least one adopter' })
  @ArrayMaxSize(20)
  @ArrayUnique({ message: 'names an adopter twice' })
  @IsUUID('all', { each: true })
  adopterIds!: string[];

  @Field(() => UUID, { description: 'The practice transferred.' })
  @IsUUID('all')
  practiceId!: string;

  @Field(() => TwinningTypeEnum)
  type!: TwinningType;

  @Field(() => [StageInput], { nullable: true })
  @IsOptional()
  @ArrayMaxSize(20)
  @ValidateNested()
  stages?: StageInput[];

  @Field(() => String, { nullable: true })
  @IsOptional()
  @IsText(1, 4000)
  outcome?: string | null;
}

@InputType({ description: 'Another project this one is linked to, and how the link reads from this one.' })
export class SynergyLinkInput {
  @Field(() => UUID)
  @IsUUID('all')
  projectId!: string;

  @Field(() => SynergyKindEnum)
  kind!: SynergyKind;
}

const LANGUAGE_DESCRIPTION = 'ISO 639-1 code of the language title and summary are written in, e.g. en, fr, ro.';

@InputType({ description: 'Title and summary in another language than the project\u2019s own.' })
export class ProjectTranslationInput {
  @Field({ description: 'ISO 639-1 code, e.g. fr; not the project\u2019s own language.' })
  @IsTextLanguage()
  language!: string;

  @Field()
  @IsText(3, 300)
  title!: string;

  @Field(() => String, { nullable: true })
  @IsOptional()
  @IsText(1, 2000)
  summary?: string | null;
}

/** Fields shared by create and update; on update an omitted field stays as it is. */
@InputType('ProjectFieldsInput')
abstract class ProjectFields {
  @Field(() => String, { nullable: true })
  @IsOptional()
  @IsText(1, 2000)
  summary?: string | null;

  @Field(() => [ProjectTranslationInput], {
    nullable: true,
    description: 'Title and summary in other languages, one a language; replaces all translations when given.',
  })
  @IsOptional()
  @ArrayMaxSize(Object.keys(textLanguages).length)
  @ArrayUnique((translation: ProjectTranslationInput) => translation?.language, {
    message: 'names a language twice',
  })
  @IsNotInOwnLanguage((input) => input instanceof UpdateProjectInput)
  @ValidateNested()
  translations?: ProjectTranslationInput[] | null;

  @Field(() => UUID, { nullable: true })
  @IsOptional()
  @IsUUID('all')
  funderId?: string | null;

  @Field(() => String, { nullable: true })
  @IsOptional()
  @Length(1, 50)
  @Matches(/^[A-Za-z0-9][A-Za-z0-9 ./_-]*$/, { message: 'may hold letters, digits, spaces and . / _ -' })
  grantNumber?: string | null;

  @Field(() => String, { nullable: true, description: 'The CORDIS project id (digits) or its CORDIS page.' })
  @IsOptional()
  @IsIdentifierOf('CORDIS')
  cordisId?: string | null;

  @Field(() => EuroAmount, { nullable: true })
  @IsOptional()
  totalBudget?: string | null;

  @Field(() => EuroAmount, { nullable: true, description: 'Not above totalBudget.' })
  @IsOptional()
  @Validate(ContributionWithinBudget)
  euContribution?: string | null;

  @Field(() => String, { nullable: true })
  @IsOptional()
  @MaxLength(2048)
  @IsUrl(HTTP_URL, { message: 'is not an http(s) URL' })
  website?: string | null;

  @Field(() => [ParticipantInput], {
    nullable: true,
    description:
      'At most one COORDINATOR; without one the project is written by curators only (an editor names their own organisation as coordinator). On update, replaces every participant when given.',
  })
  @IsOptional()
  @ArrayMaxSize(200)
  @ArrayUnique((participant: ParticipantInput) => participant.organisationId, {
    message: 'names an organisation twice',
  })
  @Validate(AtMostOneCoordinator)
  @ValidateNested()
  participants?: ParticipantInput[];

  @Field(() => [PracticeLinkInput], {
    nullable: true,
    description: 'Practices produced, used or transferred; on update, replaces every link when given.',
  })
  @IsOptional()
  @ArrayMaxSize(200)
  @ArrayUnique((link: PracticeLinkInput) => link.practiceId, { message: 'names a practice twice' })
  @ValidateNested()
  practices?: PracticeLinkInput[];

  @Field(() => [SynergyLinkInput], {
    nullable: true,
    description:
      'Links to other projects, which show on both; on update, replaces every link when given. A new link needs the right to change the other project too (else proposeSynergy); ending one does not.',
  })
  @IsOptional()
  @ArrayMaxSize(200)
  @ArrayUnique((link: SynergyLinkInput) => link.projectId, { message: 'names a project twice' })
  @ValidateNested()
  synergies?: SynergyLinkInput[];

  @Field(() => TwinningInput, {
    nullable: true,
    description:
      'Required for, and only for, kind TWINNING; on update, replaces the twinning when given (not once it is completed).',
  })
  @IsOptional()
  @ValidateNested()
  twinning?: TwinningInput;
}

@InputType()
export class CreateProjectInput extends ProjectFields {
  @Field(() => UUID, { nullable: true, description: KEPT_ID_DESCRIPTION })
  @IsOptional()
  @IsUUID('all')
  id?: string | null;

  @Field({ description: LANGUAGE_DESCRIPTION, defaultValue: DEFAULT_TEXT_LANGUAGE })
  @IsTextLanguage()
  language?: string;

  @Field()
  @IsText(1, 50)
  acronym!: string;

  @Field()
  @IsText(3, 300)
  title!: string;

  @Field(() => ProjectKindEnum)
  kind!: ProjectKind;

  @Field(() => ProgrammeEnum)
  programme!: Programme;

  @Field(() => String, { nullable: true, description: 'YYYY-MM-DD.' })
  @IsOptional()
  @IsLocalDate()
  startDate?: string | null;

  @Field(() => String, { nullable: true, description: 'YYYY-MM-DD, not before startDate.' })
  @IsOptional()
  @IsLocalDate()
  @Validate(EndNotBeforeStart)
  endDate?: string | null;
}

@InputType()
export class UpdateProjectInput extends ProjectFields {
  @Field(() => String, { nullable: true, description: LANGUAGE_DESCRIPTION })
  @IsKeptWhenOmitted()
  @IsTextLanguage()
  language?: string;

  @Field(() => String, { nullable: true })
  @IsKeptWhenOmitted()
  @IsText(1, 50)
  acronym?: string;

  @Field(() => String, { nullable: true })
  @IsKeptWhenOmitted()
  @IsText(3, 300)
  title?: string;

  @Field(() => ProjectKindEnum, {
    nullable: true,
    description: 'A project becomes a twinning with its twinning, and stops being one before it is completed.',
  })
  @IsKeptWhenOmitted()
  kind?: ProjectKind;

  @Field(() => ProgrammeEnum, { nullable: true })
  @IsKeptWhenOmitted()
  programme?: Programme;

  @Field(() => String, { nullable: true, description: 'YYYY-MM-DD.' })
  @IsOptional()
  @IsLocalDate()
  startDate?: string;

  @Field(() => String, { nullable: true, description: 'YYYY-MM-DD, not before startDate.' })
  @IsOptional()
  @IsLocalDate()
  @Validate(EndNotBeforeStart)
  endDate?: string;
}

export enum ProjectOrder {
  START_DATE = 'START_DATE',
  TITLE = 'TITLE',
  UPDATED = 'UPDATED',
}
registerEnumType(ProjectOrder, {
  name: 'ProjectOrder',
  valuesConfig: {
    START_DATE: { description: 'Latest start first.' },
    TITLE: { description: 'By acronym, A to Z.' },
    UPDATED: { description: 'Most recently updated first.' },
  },
});

export enum ProjectIdentifierScheme {
  CORDIS = 'CORDIS',
  GRANT = 'GRANT',
}
registerEnumType(ProjectIdentifierScheme, { name: 'ProjectIdentifierScheme' });

@InputType()
export class ProjectFilter {
  @Field(() => [ProjectKindEnum], { nullable: true })
  @IsOptional()
  kinds?: ProjectKind[];

  @Field(() => [ProgrammeEnum], { nullable: true })
  @IsOptional()
  programmes?: Programme[];

  @Field(() => [ProjectStatusEnum], { nullable: true, description: 'From the dates, as of today.' })
  @IsOptional()
  statuses?: ProjectStatus[];

  @Field(() => String, { nullable: true, description: 'Running on this date (YYYY-MM-DD).' })
  @IsOptional()
  @IsLocalDate()
  activeOn?: string;

  @Field(() => UUID, { nullable: true, description: 'Projects this organisation takes part in.' })
  @IsOptional()
  participantId?: string;

  @Field(() => [String], {
    nullable: true,
    description: 'Projects with a participant based in one of these countries.',
  })
  @IsOptional()
  @ArrayMaxSize(60)
  @IsCountryCode({ each: true })
  participantCountries?: string[];

  @Field(() => String, {
    nullable: true,
    description:
      'Words in acronym, title or summary, in any of their languages; prefixes match, accents do not matter.',
  })
  @IsOptional()
  @Length(1, 200)
  text?: string;
}

@InputType()
export class TwinningFilter {
  @Field(() => UUID, { nullable: true })
  @IsOptional()
  practiceId?: string;

  @Field(() => UUID, { nullable: true, description: 'Twinnings with this originator or adopter.' })
  @IsOptional()
  organisationId?: string;

  @Field({ nullable: true, description: 'Only completed (true) or not yet completed (false) twinnings.' })
  @IsOptional()
  completed?: boolean;
}

export type { SynergyKind };
export { SynergyKindEnum };
