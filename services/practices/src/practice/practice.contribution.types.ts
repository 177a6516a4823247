// A proposed contribution as the API shows it to curators, the practice's owner and the named organisation.
import { UUID } from '@radar/common';
import { Field, ObjectType } from 'type-graphql';
import type { ContributorRole } from './practice.codes.js';
import { ContributorRoleEnum, ORGANISATION_REFERENCE, OrganisationRef, PracticeType_ } from './practice.types.js';

@ObjectType('ContributionProposal', {
  description:
    'A contribution the owner of a practice proposed; the organisation counts as a contributor once it accepts.',
})
export class ContributionProposalType {
  @Field(() => UUID)
  practiceId!: string;

  @Field(() => PracticeType_, {
    nullable: true,
    description: 'The practice, or null while the caller may not read it (a draft of another organisation).',
  })
  practice!: PracticeType_ | null;

  @Field(() => OrganisationRef, { description: `The organisation asked to accept. ${ORGANISATION_REFERENCE}` })
  organisation!: OrganisationRef;

  @Field(() => ContributorRoleEnum)
  role!: ContributorRole;

  @Field({ description: 'When it was proposed.' })
  proposedAt!: Date;
}
