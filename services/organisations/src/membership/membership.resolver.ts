// GraphQL operations of memberships: propose, accept, decline, end, and the proposals waiting on an organisation.
import { UUID } from '@radar/common';
import { Arg, Ctx, FieldResolver, Int, Mutation, Query, Resolver, Root } from 'type-graphql';
import type { OrganisationsContext } from '../context.js';
import type { MembershipProposal } from '../organisation/organisation.entity.js';
import { OrganisationType } from '../organisation/organisation.types.js';
import {
  acceptMembership,
  declineMembership,
  endMembership,
  membershipProposalsOf,
  proposeMembership,
} from './membership.service.js';
import { MembershipProposalType } from './membership.types.js';

@Resolver(() => MembershipProposalType)
export class MembershipResolver {
  @Query(() => [MembershipProposalType], {
    description:
      'Memberships proposed by or to an organisation, newest first (curators, or editors of that organisation).',
  })
  membershipProposals(
    @Arg('organisationId', () => UUID) organisationId: string,
    @Ctx() { em, caller }: OrganisationsContext,
  ) {
    return membershipProposalsOf(em, caller, organisationId);
  }

  @Mutation(() => MembershipProposalType, {
    description:
      'Asks for organisation `memberId` (yours) to join a network; it shows on both once the network\u2019s editors accept it.',
  })
  proposeMembership(
    @Arg('memberId', () => UUID) memberId: string,
    @Arg('networkId', () => UUID) networkId: string,
    @Ctx() { em, caller }: OrganisationsContext,
  ) {
    return proposeMembership(em, caller, memberId, networkId);
  }

  @Mutation(() => OrganisationType, {
    description:
      'Accepts a member that asked to join this network (`version` is the network\u2019s); both organisations get a new version.',
  })
  acceptMembership(
    @Arg('networkId', () => UUID) networkId: string,
    @Arg('version', () => Int) version: number,
    @Arg('memberId', () => UUID) memberId: string,
    @Ctx() { em, caller }: OrganisationsContext,
  ) {
    return acceptMembership(em, caller, networkId, version, memberId);
  }

  @Mutation(() => Boolean, {
    description:
      'Declines a proposed membership (the network\u2019s editors) or withdraws it (the member\u2019s); neither organisation changes.',
  })
  declineMembership(
    @Arg('networkId', () => UUID) networkId: string,
    @Arg('memberId', () => UUID) memberId: string,
    @Ctx() { em, caller }: OrganisationsContext,
  ) {
    return declineMembership(em, caller, networkId, memberId);
  }

  @Mutation(() => OrganisationType, {
    description:
      'Takes organisation `id` (yours, at `version`) out of a network; both organisations get a new version.',
  })
  leaveNetwork(
    @Arg('id', () => UUID) id: string,
    @Arg('version', () => Int) version: number,
    @Arg('networkId', () => UUID) networkId: string,
    @Ctx() { em, caller }: OrganisationsContext,
  ) {
    return endMembership(em, caller, 'member', id, version, networkId);
  }

  @Mutation(() => OrganisationType, {
    description: 'Removes a member from network `id` (yours, at `version`); both organisations get a new version.',
  })
  removeMember(
    @Arg('id', () => UUID) id: string,
    @Arg('version', () => Int) version: number,
    @Arg('memberId', () => UUID) memberId: string,
    @Ctx() { em, caller }: OrganisationsContext,
  ) {
    return endMembership(em, caller, 'network', id, version, memberId);
  }

  @FieldResolver(() => OrganisationType)
  member(@Root() proposal: MembershipProposal, @Ctx() { loaders }: OrganisationsContext) {
    return loaders.byId.load(proposal.member);
  }

  @FieldResolver(() => OrganisationType)
  network(@Root() proposal: MembershipProposal, @Ctx() { loaders }: OrganisationsContext) {
    return loaders.byId.load(proposal.network);
  }
}
