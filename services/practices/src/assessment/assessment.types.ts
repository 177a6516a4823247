// Assessments and the "ready to transfer" list as GraphQL shows them.
import { Connection, codeListEnum, UUID } from '@radar/common';
import { LocalDateResolver } from 'graphql-scalars';
import { Field, Float, Int, ObjectType, registerEnumType } from 'type-graphql';
import type { Practice } from '../practice/practice.entity.js';
import { PracticeType_ } from '../practice/practice.types.js';
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

export enum SpreadLevel {
  COUNTRY = 'COUNTRY',
  REGION = 'REGION',
}
registerEnumType(SpreadLevel, {
  name: 'SpreadLevel',
  description:
    'What readyToTransfer counts: COUNTRY, distinct countries; REGION, distinct NUTS 2 regions (an adoption in a NUTS 3 region counts in its NUTS 2 region; one recorded without a NUTS 2 or 3 code does not count).',
});

@ObjectType({ description: 'A mature practice in active use in several places, and why it is on the list.' })
export class ReadyToTransferRow {
  @Field(() => PracticeType_)
  practice!: Practice;

  @Field(() => Int, { description: 'Distinct countries or NUTS 2 regions with an active adoption, as asked.' })
  places!: number;

  @Field(() => [String], { description: 'Countries (ISO 3166-1 alpha-2) with an active adoption, in order.' })
  countries!: string[];

  @Field(() => [String], { description: 'NUTS 2 regions with an active adoption, in order.' })
  regions!: string[];

  @Field(() => [String], { description: 'Why it qualifies, in words: maturity, spread, evidence.' })
  reasons!: string[];
}

export const ReadyToTransferConnection = Connection('ReadyToTransfer', ReadyToTransferRow);
