// How the moderation of a practice reads: its pending revision and the comments curators left its editors.
import { Field, Int, ObjectType } from 'type-graphql';

@ObjectType('PracticeRevision', {
  description:
    'Changes the owner\u2019s editors made to a published practice, waiting for a curator to accept or return.',
})
export class PracticeRevisionType {
  @Field(() => Int, {
    description:
      'Send it to updatePractice to change the revision further, and to acceptPracticeRevision or returnPracticeRevision.',
  })
  version!: number;

  @Field({ description: 'When the first of its changes was made.' })
  openedAt!: Date;

  @Field({ description: 'When it was last changed.' })
  changedAt!: Date;

  @Field({ description: 'Label of the API key that last changed it.' })
  author!: string;

  @Field()
  authorRole!: string;

  @Field(() => String, {
    description: 'JSON object: field → { from: the published value, to: the proposed one }; unchanged fields left out.',
  })
  changes!: string;
}

@ObjectType({ description: 'A curator\u2019s comment on a practice, left when returning it or a revision of it.' })
export class ReviewComment {
  @Field()
  at!: Date;

  @Field({ description: 'RETURNED, REVISION_RETURNED or REVISION_ACCEPTED.' })
  action!: string;

  @Field()
  comment!: string;

  @Field({ description: 'Label of the API key that left it.' })
  author!: string;

  @Field()
  authorRole!: string;
}
