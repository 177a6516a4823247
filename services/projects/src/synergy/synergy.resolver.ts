// GraphQL operations of synergy proposals: propose, accept, decline, and the proposals waiting on a project.
import { UUID } from '@radar/common';
import { Arg, Ctx, FieldResolver, Int, Mutation, Query, Resolver, Root } from 'type-graphql';
import type { ProjectsContext } from '../context.js';
import type { SynergyKind } from '../project/project.codes.js';
import { SynergyKindEnum } from '../project/project.inputs.js';
import { writeContext } from '../project/project.resolver.js';
import { ProjectType } from '../project/project.types.js';
import type { SynergyProposal } from './synergy.entity.js';
import { acceptSynergy, declineSynergy, proposalsOf, proposeSynergy } from './synergy.service.js';
import { SynergyProposalType } from './synergy.types.js';

@Resolver(() => SynergyProposalType)
export class SynergyProposalResolver {
  @Query(() => [SynergyProposalType], {
    description: 'Links proposed by or to a project, newest first (curators, or editors of its coordinator).',
  })
  synergyProposals(@Arg('projectId', () => UUID) projectId: string, @Ctx() context: ProjectsContext) {
    return proposalsOf(writeContext(context), projectId);
  }

  @Mutation(() => SynergyProposalType, {
    description:
      'Proposes a link to a project with another coordinator; it shows on both projects once that coordinator accepts it.',
  })
  proposeSynergy(
    @Arg('id', () => UUID) id: string,
    @Arg('otherProjectId', () => UUID) otherProjectId: string,
    @Arg('kind', () => SynergyKindEnum) kind: SynergyKind,
    @Ctx() context: ProjectsContext,
  ) {
    return proposeSynergy(writeContext(context), id, otherProjectId, kind);
  }

  @Mutation(() => ProjectType, {
    description:
      'Accepts the link another project proposed to this one (`version` is this project\u2019s); both projects get a new version.',
  })
  acceptSynergy(
    @Arg('id', () => UUID) id: string,
    @Arg('version', () => Int) version: number,
    @Arg('proposingProjectId', () => UUID) proposingProjectId: string,
    @Ctx() context: ProjectsContext,
  ) {
    return acceptSynergy(writeContext(context), id, version, proposingProjectId);
  }

  @Mutation(() => Boolean, {
    description: 'Declines a link proposed to this project, or withdraws one it proposed; neither project changes.',
  })
  declineSynergy(
    @Arg('id', () => UUID) id: string,
    @Arg('otherProjectId', () => UUID) otherProjectId: string,
    @Ctx() context: ProjectsContext,
  ) {
    return declineSynergy(writeContext(context), id, otherProjectId);
  }

  @FieldResolver(() => ProjectType)
  project(@Root() proposal: SynergyProposal, @Ctx() { loaders }: ProjectsContext) {
    return loaders.projectById.load(proposal.project);
  }

  @FieldResolver(() => ProjectType)
  other(@Root() proposal: SynergyProposal, @Ctx() { loaders }: ProjectsContext) {
    return loaders.projectById.load(proposal.other);
  }
}
