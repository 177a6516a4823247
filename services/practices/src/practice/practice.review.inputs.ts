// What curators send to moderate practices: which practice, the version they read, and the comment for its editors.
import { UUID } from '@radar/common';
import { IsOptional, Length, Matches } from 'class-validator';
import { ArgsType, Field, Int } from 'type-graphql';

const NOT_BLANK = /\S/;

@ArgsType()
export class ModerationArgs {
  @Field(() => UUID)
  id!: string;

  @Field(() => Int, { description: 'The version you read (of the pending revision, for revision steps).' })
  version!: number;
}

@ArgsType()
export class ReturnArgs extends ModerationArgs {
  @Field({
    description: 'Why it goes back and what to change: shown to the owner\u2019s editors, up to 2,000 characters.',
  })
  @Length(1, 2000)
  @Matches(NOT_BLANK, { message: 'must not be blank' })
  comment!: string;
}

@ArgsType()
export class AcceptArgs extends ModerationArgs {
  @Field(() => String, { nullable: true, description: 'A note for the owner\u2019s editors, up to 2,000 characters.' })
  @IsOptional()
  @Length(1, 2000)
  @Matches(NOT_BLANK, { message: 'must not be blank' })
  comment?: string | null;
}

@ArgsType()
export class NotDuplicateArgs {
  @Field(() => UUID)
  practiceId!: string;

  @Field(() => UUID, { description: 'The practice it was listed as a possible duplicate of, or the other way round.' })
  otherId!: string;

  @Field(() => String, { nullable: true, description: 'Why they are different practices, up to 2,000 characters.' })
  @IsOptional()
  @Length(1, 2000)
  @Matches(NOT_BLANK, { message: 'must not be blank' })
  reason?: string | null;
}

@ArgsType()
export class MergeArgs extends ModerationArgs {
  @Field(() => UUID, { description: 'The practice that survives: the original the duplicate `id` is merged into.' })
  survivorId!: string;

  @Field(() => String, {
    nullable: true,
    description: 'Why, kept in both practices\u2019 history, up to 2,000 characters.',
  })
  @IsOptional()
  @Length(1, 2000)
  @Matches(NOT_BLANK, { message: 'must not be blank' })
  comment?: string | null;
}
