// Assessments as GraphQL shows them.
import { codeListEnum, UUID } from '@radar/common';
import { LocalDateResolver } from 'graphql-scalars';
import { Field, Float, Int, ObjectType } from 'type-graphql';
import {
  type AssessmentCriterion,
  type AssessmentLabel,
  assessmentCriteria,
  assessmentLabels,
  MAX_SCORE,
  MIN_SCORE,
} from './assessment.codes.js';

export const AssessmentCriterionEnum = codeListEnum(
  'AssessmentCriterion',
  'A criterion of the EU Best Practice Portal a practice is scored against.',
  assessmentCriteria,
);
export const AssessmentLabelEnum = codeListEnum(
  'AssessmentLabel',
  'What a practice\u2019s current assessment makes it, by the rule each value states.',
  assessmentLabels,
);

@ObjectType('CriterionScore', { description: 'One criterion\u2019s score in an assessment.' })
export class CriterionScoreType {
  @Field(() => AssessmentCriterionEnum)
  criterion!: AssessmentCriterion;

  @Field(() => Int, { description: `${MIN_SCORE} (not met) to ${MAX_SCORE} (fully met).` })
  score!: number;

  @Field()
  note!: string;
}

@ObjectType('Assessment', {
  description: 'A curator\u2019s assessment of a practice against the EU Best Practice Portal\u2019s ten criteria.',
})
export class AssessmentType {
  @Field(() => UUID)
  id!: string;

  @Field(() => LocalDateResolver, { description: 'The day it was assessed.' })
  assessedOn!: string;

  @Field()
  recordedAt!: Date;

  @Field({ description: 'The curator who recorded it.' })
  assessor!: string;

  @Field(() => [CriterionScoreType], { description: 'Every criterion, in the Portal\u2019s order.' })
  scores!: CriterionScoreType[];

  @Field(() => Float, { description: 'The mean of the ten scores, to two decimals.' })
  meanScore!: number;

  @Field(() => AssessmentLabelEnum)
  label!: AssessmentLabel;

  @Field(() => String, { nullable: true })
  comment!: string | null;

  @Field({ description: 'False once a newer assessment of the practice superseded it.' })
  current!: boolean;

  @Field(() => Date, { nullable: true, description: 'When a newer assessment superseded it.' })
  supersededAt!: Date | null;
}
