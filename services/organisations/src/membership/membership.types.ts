// A proposed membership as the API shows it to curators and the editors of both organisations.
import { Field, ObjectType } from 'type-graphql';
import { OrganisationType } from '../organisation/organisation.types.js';

@ObjectType('MembershipProposal', {
  description: 'A membership an organisation asked for; it starts when the network accepts it.',
})
export class MembershipProposalType {
  @Field(() => OrganisationType, { description: 'The organisation that asks to join.' })
  member!: OrganisationType;

  @Field(() => OrganisationType, { description: 'The network asked to accept it.' })
  network!: OrganisationType;

  @Field({ description: 'When it was proposed.' })
  proposedAt!: Date;
}
