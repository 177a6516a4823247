// GraphQL operations of contributions: propose, accept, decline, withdraw, and the proposals waiting on either side.
import { UUID } from '@radar/common';
import { Arg, Ctx, FieldResolver, Mutation, Query, Resolver, Root } from 'type-graphql';
import type { PracticesContext } from '../context.js';
import type { ContributorRole } from './practice.codes.js';
import {
  acceptContribution,
  contributionProposalsOf,
  declineContribution,
  proposeContribution,
  withdrawContribution,
} from './practice.contribution.js';
import { ContributionProposalType } from './practice.contribution.types.js';
import type { ContributionProposal } from './practice.entity.js';
import { writeContext } from './practice.resolver.js';
import { ContributorRoleEnum, OrganisationRef, PracticeType_ } from './practice.types.js';
import { canSee } from './practice.visibility.js';

@Resolver(() => ContributionProposalType)
export class ContributionResolver {
  @Query(() => [ContributionProposalType], {
    description:
      'Contributions proposed for a practice (curators, or editors of its owner) or to an organisation (curators, or its editors), newest first.',
  })
  contributionProposals(
    @Arg('practiceId', () => UUID, { nullable: true }) practiceId: string | undefined,
    @Arg('organisationId', () => UUID, { nullable: true }) organisationId: string | undefined,
    @Ctx() context: PracticesContext,
  ) {
    return contributionProposalsOf(writeContext(context), { practiceId, organisationId });
  }

  @Mutation(() => ContributionProposalType, {
    description:
      'Asks an organisation to be named as a contributor of your practice; it counts once that organisation\u2019s editors accept.',
  })
  proposeContribution(
    @Arg('practiceId', () => UUID) practiceId: string,
    @Arg('organisationId', () => UUID) organisationId: string,
    @Arg('role', () => ContributorRoleEnum) role: ContributorRole,
    @Ctx() context: PracticesContext,
  ) {
    return proposeContribution(writeContext(context), practiceId, organisationId, role);
  }

  @Mutation(() => PracticeType_, {
    description:
      'Accepts, for your organisation, a contribution proposed to it: it becomes a contributor and the practice gets a new version.',
  })
  acceptContribution(
    @Arg('practiceId', () => UUID) practiceId: string,
    @Arg('organisationId', () => UUID) organisationId: string,
    @Ctx() context: PracticesContext,
  ) {
    return acceptContribution(writeContext(context), practiceId, organisationId);
  }

  @Mutation(() => Boolean, {
    description:
      'Declines a proposed contribution (the named organisation\u2019s editors) or withdraws it (the owner\u2019s); the practice does not change.',
  })
  declineContribution(
    @Arg('practiceId', () => UUID) practiceId: string,
    @Arg('organisationId', () => UUID) organisationId: string,
    @Ctx() context: PracticesContext,
  ) {
    return declineContribution(writeContext(context), practiceId, organisationId);
  }

  @Mutation(() => PracticeType_, {
    description:
      'Takes your organisation off a practice\u2019s contributors, at any time; the practice gets a new version.',
  })
  withdrawContribution(
    @Arg('practiceId', () => UUID) practiceId: string,
    @Arg('organisationId', () => UUID) organisationId: string,
    @Ctx() context: PracticesContext,
  ) {
    return withdrawContribution(writeContext(context), practiceId, organisationId);
  }

  @FieldResolver(() => UUID)
  practiceId(@Root() proposal: ContributionProposal) {
    return proposal.practice;
  }

  @FieldResolver(() => PracticeType_, { nullable: true })
  async practice(@Root() proposal: ContributionProposal, @Ctx() { loaders, caller }: PracticesContext) {
    const practice = await loaders.practiceById.load(proposal.practice);
    return practice && canSee(caller, practice) ? practice : null;
  }

  @FieldResolver(() => OrganisationRef)
  organisation(@Root() proposal: ContributionProposal): OrganisationRef {
    return { id: proposal.organisationId };
  }
}
