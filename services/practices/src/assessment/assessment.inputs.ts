// What a curator sends to record an assessment, with every rule declared on the field.
import { IsLocalDate, IsText, UUID } from '@radar/common';
import {
  ArrayMaxSize,
  IsInt,
  IsOptional,
  IsUUID,
  Max,
  Min,
  ValidateBy,
  ValidateNested,
  type ValidationArguments,
} from 'class-validator';
import { LocalDateResolver } from 'graphql-scalars';
import { Field, InputType, Int } from 'type-graphql';
import {
  type AssessmentCriterion,
  assessmentCriteria,
  criterionCodes,
  MAX_SCORE,
  MIN_SCORE,
} from './assessment.codes.js';
import { AssessmentCriterionEnum } from './assessment.types.js';

/** What is wrong with a list of scores as a whole (a criterion missing or scored twice), or null. */
function coverageProblem(value: unknown): string | null {
  if (!Array.isArray(value)) return 'must list the criteria';
  const given = value.map((entry) => (entry as { criterion?: string }).criterion);
  const twice = criterionCodes.filter((code) => given.filter((criterion) => criterion === code).length > 1);
  if (twice.length > 0) {
    return `must score each criterion once; ${twice.join(', ')} ${twice.length === 1 ? 'is' : 'are'} scored more than once`;
  }
  const missing = criterionCodes.filter((code) => !given.includes(code));
  if (missing.length > 0) {
    return `must score all ${assessmentCriteria.length} criteria; ${missing.join(', ')} ${missing.length === 1 ? 'is' : 'are'} missing`;
  }
  return null;
}

function ScoresEveryCriterionOnce(): PropertyDecorator {
  return ValidateBy({
    name: 'scoresEveryCriterionOnce',
    validator: {
      validate: (value: unknown) => coverageProblem(value) === null,
      defaultMessage: (args?: ValidationArguments) => coverageProblem(args?.value) ?? 'is not a list of scores',
    },
  });
}

/** A day that has come: an assessment records what a curator found, never what they will find. */
function NotInTheFuture(): PropertyDecorator {
  return ValidateBy({
    name: 'notInTheFuture',
    validator: {
      validate: (value: unknown) => typeof value !== 'string' || value <= new Date().toISOString().slice(0, 10),
      defaultMessage: () => 'must not be in the future',
    },
  });
}

@InputType()
export class CriterionScoreInput {
  @Field(() => AssessmentCriterionEnum)
  criterion!: AssessmentCriterion;

  @Field(() => Int, { description: `${MIN_SCORE} (not met) to ${MAX_SCORE} (fully met).` })
  @IsInt()
  @Min(MIN_SCORE, { message: `must be ${MIN_SCORE} to ${MAX_SCORE}` })
  @Max(MAX_SCORE, { message: `must be ${MIN_SCORE} to ${MAX_SCORE}` })
  score!: number;

  @Field({ description: 'Why this score: what the curator found, up to 2,000 characters.' })
  @IsText(1, 2000)
  note!: string;
}

@InputType()
export class RecordAssessmentInput {
  @Field(() => UUID)
  @IsUUID('all')
  practiceId!: string;

  @Field(() => LocalDateResolver, {
    nullable: true,
    description: 'The day it was assessed (YYYY-MM-DD); today when omitted.',
  })
  @IsOptional()
  @IsLocalDate()
  @NotInTheFuture()
  assessedOn?: string | null;

  @Field(() => [CriterionScoreInput], {
    description: `Every one of the ${assessmentCriteria.length} criteria, each once, with its score and note.`,
  })
  @ArrayMaxSize(assessmentCriteria.length * 2)
  @ScoresEveryCriterionOnce()
  @ValidateNested()
  scores!: CriterionScoreInput[];

  @Field(() => String, { nullable: true, description: 'An overall comment, up to 5,000 characters.' })
  @IsOptional()
  @IsText(1, 5000)
  comment?: string | null;
}
