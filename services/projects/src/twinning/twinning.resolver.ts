// GraphQL queries, mutations and fields of twinnings.
import { checkText, UUID } from '@radar/common';
import { Arg, Ctx, FieldResolver, Int, Mutation, Query, Resolver, Root, registerEnumType } from 'type-graphql';
import type { ProjectsContext } from '../context.js';
import type { Project } from '../project/project.entity.js';
import { StageInput, TwinningFilter } from '../project/project.inputs.js';
import { writeContext } from '../project/project.resolver.js';
import {
  ORGANISATION_REFERENCE,
  OrganisationRef,
  PRACTICE_REFERENCE,
  PracticeRef,
  ProjectType,
  StageType,
  TwinningAdopterType,
  TwinningType_,
} from '../project/project.types.js';
import { Twinning, TwinningAdopter } from './twinning.entity.js';
import { addStage, completeTwinning, removeStage } from './twinning.service.js';

export enum AdoptionScaleInput {
  PILOT = 'PILOT',
  LOCAL = 'LOCAL',
  REGIONAL = 'REGIONAL',
  NATIONAL = 'NATIONAL',
  CROSS_BORDER = 'CROSS_BORDER',
}
registerEnumType(AdoptionScaleInput, {
  name: 'TwinningAdoptionScale',
  description:
    'The scale at which the adopters now use the practice (the practices subgraph\u2019s AdoptionScale values).',
});

@Resolver(() => TwinningType_)
export class TwinningResolver {
  @Query(() => [ProjectType], { description: 'Twinning projects, newest start first.' })
  async twinnings(
    @Arg('filter', () => TwinningFilter, { nullable: true }) filter: TwinningFilter | undefined,
    @Ctx() { em, loaders }: ProjectsContext,
  ): Promise<Project[]> {
    const adopting = filter?.organisationId
      ? (await em.find(TwinningAdopter, { organisationId: filter.organisationId })).map((row) => row.twinning)
      : [];
    const rows = await em.find(Twinning, {
      ...(filter?.practiceId ? { practiceId: filter.practiceId } : {}),
      ...(filter?.completed === true
        ? { completedAt: { $ne: null } }
        : filter?.completed === false
          ? { completedAt: null }
          : {}),
      ...(filter?.organisationId
        ? { $or: [{ originatorId: filter.organisationId }, { project: { $in: adopting } }] }
        : {}),
    });
    const projects = (await loaders.projectById.loadMany(rows.map((row) => row.project))).filter(
      (project): project is Project => project !== null && !(project instanceof Error) && !project.deletedAt,
    );
    return projects.sort((a, b) => (b.startDate ?? '').localeCompare(a.startDate ?? ''));
  }

  @Mutation(() => ProjectType, { description: 'Adds a stage inside the project period that overlaps no other stage.' })
  addStage(
    @Arg('id', () => UUID) id: string,
    @Arg('version', () => Int) version: number,
    @Arg('stage', () => StageInput) stage: StageInput,
    @Ctx() context: ProjectsContext,
  ) {
    return addStage(writeContext(context), id, version, stage);
  }

  @Mutation(() => ProjectType)
  removeStage(
    @Arg('id', () => UUID) id: string,
    @Arg('version', () => Int) version: number,
    @Arg('name') name: string,
    @Ctx() context: ProjectsContext,
  ) {
    return removeStage(writeContext(context), id, version, name);
  }

  @Mutation(() => ProjectType, {
    description:
      'Completes a twinning: records, through the practices API, an adoption of its practice by each adopter, linked back here, with the status its type implies (knowledge exchange: PLANNED, or PILOTING at PILOT scale; adaptation, partial or full adoption: ONGOING), from the twinning\u2019s start and open-ended. An adopter that already has an adoption of the practice there for an overlapping period is refused (BAD_USER_INPUT); move that one on instead. A completion under way holds the twinning: other completions and changes are refused with CONFLICT until it ends.',
  })
  completeTwinning(
    @Arg('id', () => UUID) id: string,
    @Arg('version', () => Int) version: number,
    @Arg('outcome') outcome: string,
    @Arg('scale', () => AdoptionScaleInput, { defaultValue: AdoptionScaleInput.PILOT }) scale: AdoptionScaleInput,
    @Ctx() context: ProjectsContext,
  ) {
    return completeTwinning(writeContext(context), id, version, {
      outcome: checkText('outcome', outcome, 1, 4000),
      scale,
    });
  }

  @FieldResolver(() => ProjectType)
  project(@Root() twinning: Twinning, @Ctx() { loaders }: ProjectsContext) {
    return loaders.projectById.load(twinning.project);
  }

  @FieldResolver(() => OrganisationRef, { description: ORGANISATION_REFERENCE })
  originator(@Root() twinning: Twinning): OrganisationRef {
    return { id: twinning.originatorId };
  }

  @FieldResolver(() => PracticeRef, { nullable: true, description: `The practice transferred. ${PRACTICE_REFERENCE}` })
  practice(@Root() twinning: Twinning): PracticeRef | null {
    return { id: twinning.practiceId };
  }

  @FieldResolver(() => [TwinningAdopterType])
  async adopters(@Root() twinning: Twinning, @Ctx() { loaders }: ProjectsContext): Promise<TwinningAdopterType[]> {
    return (await loaders.adopters.load(twinning.project)).map((row) => ({
      organisation: { id: row.organisationId },
      adoption: row.adoptionId ? { id: row.adoptionId } : null,
    }));
  }

  @FieldResolver(() => [StageType], { description: 'In date order.' })
  async stages(@Root() twinning: Twinning, @Ctx() { loaders }: ProjectsContext): Promise<StageType[]> {
    return (await loaders.stages.load(twinning.project)).map(({ name, startDate, endDate, description }) => ({
      name,
      startDate,
      endDate,
      description: description ?? null,
    }));
  }
}
