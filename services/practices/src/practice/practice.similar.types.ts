// What callers send to find practices like a draft, and what they get back for each similar practice.
import { IsText, textLanguages, UUID } from '@radar/common';
import { ArrayMaxSize, ArrayUnique, IsIn, IsOptional, IsUUID, Max, Min, ValidateNested } from 'class-validator';
import { Field, Float, InputType, Int, ObjectType } from 'type-graphql';
import {
  type CareSetting,
  cdhiCodes,
  codesOf,
  type MaturityStage,
  type PracticeType,
  type TargetGroup,
  type Topic,
} from './practice.codes.js';
import type { Practice } from './practice.entity.js';
import { PracticeTranslationInput } from './practice.inputs.js';
import { DEFAULT_SIMILAR, DUPLICATE_SCORE, MAX_SIMILAR, type SimilarityProbe } from './practice.similar.js';
import {
  CareSettingEnum,
  MaturityStageEnum,
  PracticeType_,
  PracticeTypeEnum,
  TargetGroupEnum,
  TopicEnum,
} from './practice.types.js';

const cdhiCodeList = codesOf(cdhiCodes) as string[];

@ObjectType('SimilarPractice', { description: 'A practice like another one or like a draft, and why.' })
export class SimilarPracticeType {
  @Field(() => PracticeType_)
  practice!: Practice;

  @Field(() => Float, { description: 'From 0 (nothing in common) to 1 (an exact copy).' })
  score!: number;

  @Field(() => [String], {
    description: 'What the two have in common, in words, e.g. "shares CDHI 2.4.1 and 1.4.2", "same target group: …".',
  })
  reasons!: string[];

  @Field({
    description: `Likely the same practice registered twice: same owner and a near-identical title, or a score of ${DUPLICATE_SCORE} or more.`,
  })
  likelyDuplicate!: boolean;
}

@InputType({ description: 'A practice being written, to find what already exists before registering it.' })
export class SimilarPracticesInput {
  /** What the draft is compared on. */
  probe(): SimilarityProbe {
    const texts = [this, ...(this.translations ?? [])].flatMap(({ summary, description }) =>
      summary || description ? [`${summary ?? ''} ${description ?? ''}`] : [],
    );
    return {
      id: null,
      ownerId: this.ownerId ?? null,
      titles: [this.title, ...(this.translations ?? []).map((translation) => translation.title)],
      texts,
      cdhiCodes: this.cdhiCodes ?? [],
      topics: this.topics ?? [],
      targetGroups: this.targetGroups ?? [],
      careSettings: this.careSettings ?? [],
      type: this.type ?? null,
      maturity: this.maturity ?? null,
    };
  }

  @Field()
  @IsText(1, 300)
  title!: string;

  @Field(() => String, { nullable: true })
  @IsOptional()
  @IsText(1, 1000)
  summary?: string | null;

  @Field(() => String, { nullable: true })
  @IsOptional()
  @IsText(1, 20_000)
  description?: string | null;

  @Field(() => [PracticeTranslationInput], {
    nullable: true,
    description: 'The same texts in other languages; each is compared too.',
  })
  @IsOptional()
  @ArrayMaxSize(Object.keys(textLanguages).length)
  @ValidateNested()
  translations?: PracticeTranslationInput[] | null;

  @Field(() => [String], { nullable: true, description: 'WHO CDHI v2 codes, e.g. 2.4.1.' })
  @IsOptional()
  @ArrayMaxSize(30)
  @ArrayUnique()
  @IsIn(cdhiCodeList, { each: true, message: 'contains a code that is not in the WHO CDHI v2 list' })
  cdhiCodes?: string[];

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

  @Field(() => PracticeTypeEnum, { nullable: true })
  @IsOptional()
  type?: PracticeType;

  @Field(() => MaturityStageEnum, { nullable: true })
  @IsOptional()
  maturity?: MaturityStage;

  @Field(() => UUID, {
    nullable: true,
    description: 'The organisation that would own it: its own practices with a near-identical title are duplicates.',
  })
  @IsOptional()
  @IsUUID('all')
  ownerId?: string;

  @Field(() => Int, { defaultValue: DEFAULT_SIMILAR, description: `1 to ${MAX_SIMILAR}.` })
  @Min(1)
  @Max(MAX_SIMILAR)
  first!: number;
}
