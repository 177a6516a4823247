// GraphQL queries, mutations and fields of Project; every list field goes through a loader.
import {
  badUserInput,
  ChangesInput,
  ChangeTypes,
  changesPage,
  forbidden,
  LANGUAGE_ARGUMENT,
  mayActFor,
  normaliseIdentifier,
  RecordEvent,
  recordEventOf,
  SOURCE_ARGUMENT,
  SourceKeyInput,
  Tombstone,
  textIn,
  UUID,
  withRecords,
} from '@radar/common';
import { Arg, Ctx, FieldResolver, Int, Mutation, Query, Resolver, Root } from 'type-graphql';
import type { ProjectsContext } from '../context.js';
import type { Twinning } from '../twinning/twinning.entity.js';
import type { SynergyKind } from './project.codes.js';
import { Project } from './project.entity.js';
import {
  CreateProjectInput,
  ParticipantInput,
  PracticeLinkInput,
  ProjectFilter,
  ProjectIdentifierScheme,
  ProjectOrder,
  SynergyKindEnum,
  UpdateProjectInput,
} from './project.inputs.js';
import { searchProjects, statusOf } from './project.search.js';
import {
  addParticipant,
  addSynergy,
  createProjectFromInput,
  deleteProject,
  linkPractice,
  removeParticipant,
  removeSynergy,
  unlinkPractice,
  updateProject,
  type WriteContext,
} from './project.service.js';
import {
  ORGANISATION_REFERENCE,
  OrganisationRef,
  ParticipantType,
  PracticeLinkType,
  ProjectConnection,
  ProjectStatusEnum,
  ProjectType,
  SynergyType,
  TwinningType_,
} from './project.types.js';

export function writeContext(context: ProjectsContext): WriteContext {
  return {
    em: context.em,
    caller: context.caller,
    requestId: context.requestId,
    directories: context.directories,
    ...(context.dryRun ? { dryRun: true } : {}),
  };
}

const { Changes: ProjectChanges } = ChangeTypes('Project', 'project', ProjectType);

@Resolver(() => ProjectType)
export class ProjectResolver {
  @Query(() => ProjectChanges, {
    description: 'The change feed harvesters walk: projects and tombstones, oldest change first.',
  })
  async projectChanges(
    @Arg('input', () => ChangesInput, { nullable: true }) input: ChangesInput | undefined,
    @Ctx() { em, loaders }: ProjectsContext,
  ) {
    const page = await changesPage(
      em,
      {
        table: 'project',
        publicSql: 'p.deleted_at is null',
        tombstoneSql: 'p.deleted_at is not null',
        deletedAtSql: 'p.deleted_at',
      },
      input,
    );
    return withRecords(page, (ids) => loaders.projectById.loadMany(ids));
  }

  @Query(() => ProjectType, { nullable: true, description: 'One project; null if unknown or deleted.' })
  async project(@Arg('id', () => UUID) id: string, @Ctx() { loaders }: ProjectsContext): Promise<Project | null> {
    const project = await loaders.projectById.load(id);
    return project && !project.deletedAt ? project : null;
  }

  @Query(() => Tombstone, { nullable: true, description: 'The tombstone of a deleted project; null otherwise.' })
  async projectTombstone(
    @Arg('id', () => UUID) id: string,
    @Ctx() { loaders }: ProjectsContext,
  ): Promise<Tombstone | null> {
    const project = await loaders.projectById.load(id);
    return project?.deletedAt ? { id: project.id, deletedAt: project.deletedAt, reason: 'DELETED' } : null;
  }

  @Query(() => ProjectType, {
    nullable: true,
    description: 'The project with this CORDIS id (digits or its CORDIS page) or grant number (spaces collapsed).',
  })
  async projectByIdentifier(
    @Arg('scheme', () => ProjectIdentifierScheme) scheme: ProjectIdentifierScheme,
    @Arg('value') value: string,
    @Ctx() { em }: ProjectsContext,
  ): Promise<Project | null> {
    const cordis = scheme === ProjectIdentifierScheme.CORDIS;
    const normalised = normaliseIdentifier(cordis ? 'CORDIS' : 'GRANT', value);
    if (!normalised.ok) throw badUserInput('value', normalised.reason);
    return em.findOne(Project, {
      ...(cordis ? { cordisId: normalised.value } : { grantNumber: normalised.value }),
      deletedAt: null,
    });
  }

  @Query(() => ProjectConnection, {
    description: 'Projects a page at a time, newest start first unless ordered otherwise.',
  })
  projects(
    @Arg('filter', () => ProjectFilter, { nullable: true }) filter: ProjectFilter | undefined,
    @Arg('orderBy', () => ProjectOrder, { nullable: true }) orderBy: ProjectOrder | undefined,
    @Arg('first', () => Int, { nullable: true, description: '1 to 100; 20 when omitted.' }) first: number | undefined,
    @Arg('after', () => String, { nullable: true }) after: string | undefined,
    @Ctx() { em, directories, requestId }: ProjectsContext,
  ) {
    return searchProjects(em, directories, requestId, filter, orderBy, first, after);
  }

  @Mutation(() => ProjectType, {
    description: 'Creates a project (curators, or editors of the coordinating organisation).',
  })
  createProject(
    @Arg('input', () => CreateProjectInput) input: CreateProjectInput,
    @Arg('source', () => SourceKeyInput, SOURCE_ARGUMENT) source: SourceKeyInput | undefined,
    @Ctx() context: ProjectsContext,
  ) {
    return createProjectFromInput(writeContext(context), input, source);
  }

  @Mutation(() => ProjectType, { description: 'Changes a project; `version` is the one you read.' })
  updateProject(
    @Arg('id', () => UUID) id: string,
    @Arg('version', () => Int) version: number,
    @Arg('input', () => UpdateProjectInput) input: UpdateProjectInput,
    @Arg('source', () => SourceKeyInput, SOURCE_ARGUMENT) source: SourceKeyInput | undefined,
    @Ctx() context: ProjectsContext,
  ) {
    return updateProject(writeContext(context), id, version, input, source);
  }

  @Mutation(() => ProjectType, { description: 'Deletes a project, leaving a tombstone.' })
  deleteProject(
    @Arg('id', () => UUID) id: string,
    @Arg('version', () => Int) version: number,
    @Ctx() context: ProjectsContext,
  ) {
    return deleteProject(writeContext(context), id, version);
  }

  @Mutation(() => ProjectType)
  addParticipant(
    @Arg('id', () => UUID) id: string,
    @Arg('version', () => Int) version: number,
    @Arg('participant', () => ParticipantInput) participant: ParticipantInput,
    @Ctx() context: ProjectsContext,
  ) {
    return addParticipant(writeContext(context), id, version, participant);
  }

  @Mutation(() => ProjectType, {
    description: 'Removes a participant (the coordinator), or lets an organisation take itself off the project.',
  })
  removeParticipant(
    @Arg('id', () => UUID) id: string,
    @Arg('version', () => Int) version: number,
    @Arg('organisationId', () => UUID) organisationId: string,
    @Ctx() context: ProjectsContext,
  ) {
    return removeParticipant(writeContext(context), id, version, organisationId);
  }

  @Mutation(() => ProjectType)
  linkPractice(
    @Arg('id', () => UUID) id: string,
    @Arg('version', () => Int) version: number,
    @Arg('link', () => PracticeLinkInput) link: PracticeLinkInput,
    @Ctx() context: ProjectsContext,
  ) {
    return linkPractice(writeContext(context), id, version, link);
  }

  @Mutation(() => ProjectType)
  unlinkPractice(
    @Arg('id', () => UUID) id: string,
    @Arg('version', () => Int) version: number,
    @Arg('practiceId', () => UUID) practiceId: string,
    @Ctx() context: ProjectsContext,
  ) {
    return unlinkPractice(writeContext(context), id, version, practiceId);
  }

  @Mutation(() => ProjectType, {
    description:
      'Links two projects the caller may both change (curators, or editors coordinating both); SYNERGY and CLUSTER read the same from both sides, and both projects get a new version. Projects of another coordinator are asked with proposeSynergy.',
  })
  addSynergy(
    @Arg('id', () => UUID) id: string,
    @Arg('version', () => Int) version: number,
    @Arg('otherProjectId', () => UUID) otherProjectId: string,
    @Arg('kind', () => SynergyKindEnum) kind: SynergyKind,
    @Ctx() context: ProjectsContext,
  ) {
    return addSynergy(writeContext(context), id, version, otherProjectId, kind);
  }

  @Mutation(() => ProjectType, {
    description: 'Ends a synergy from either side; both projects get a new version.',
  })
  removeSynergy(
    @Arg('id', () => UUID) id: string,
    @Arg('version', () => Int) version: number,
    @Arg('otherProjectId', () => UUID) otherProjectId: string,
    @Ctx() context: ProjectsContext,
  ) {
    return removeSynergy(writeContext(context), id, version, otherProjectId);
  }

  @FieldResolver(() => String, { description: 'Up to 300 characters.' })
  title(@Root() project: Project, @Arg('language', () => String, LANGUAGE_ARGUMENT) language: string | undefined) {
    return textIn(project, 'title', language);
  }

  @FieldResolver(() => String, { nullable: true, description: 'Up to 2,000 characters.' })
  summary(
    @Root() project: Project,
    @Arg('language', () => String, LANGUAGE_ARGUMENT) language: string | undefined,
  ): string | null {
    return textIn(project, 'summary', language) ?? null;
  }

  @FieldResolver(() => ProjectStatusEnum, {
    nullable: true,
    description: 'From the dates, as of today; null without dates.',
  })
  status(@Root() project: Project) {
    return statusOf(project);
  }

  @FieldResolver(() => OrganisationRef, {
    nullable: true,
    description: `Null when none is recorded. ${ORGANISATION_REFERENCE}`,
  })
  funder(@Root() project: Project): OrganisationRef | null {
    return project.funderId ? { id: project.funderId } : null;
  }

  @FieldResolver(() => [ParticipantType])
  async participants(@Root() project: Project, @Ctx() { loaders }: ProjectsContext): Promise<ParticipantType[]> {
    return (await loaders.participants.load(project.id)).map((row) => ({
      organisation: { id: row.organisationId },
      role: row.role,
    }));
  }

  @FieldResolver(() => OrganisationRef, {
    nullable: true,
    description: `Null when none is recorded (a project without one is written by curators only). ${ORGANISATION_REFERENCE}`,
  })
  async coordinator(@Root() project: Project, @Ctx() { loaders }: ProjectsContext): Promise<OrganisationRef | null> {
    const coordinator = (await loaders.participants.load(project.id)).find((row) => row.role === 'COORDINATOR');
    return coordinator ? { id: coordinator.organisationId } : null;
  }

  @FieldResolver(() => [PracticeLinkType], {
    description:
      'Practices it produced, used or transferred; a link to a practice you may not see keeps its role, with `practice` null.',
  })
  async practices(@Root() project: Project, @Ctx() { loaders }: ProjectsContext): Promise<PracticeLinkType[]> {
    return (await loaders.practiceLinks.load(project.id)).map((row) => ({
      practice: { id: row.practiceId },
      role: row.role,
    }));
  }

  @FieldResolver(() => [SynergyType], { description: 'Deleted projects are left out.' })
  synergies(@Root() project: Project, @Ctx() { loaders }: ProjectsContext) {
    return loaders.synergies.load(project.id);
  }

  @FieldResolver(() => TwinningType_, { nullable: true, description: 'Set on projects of kind TWINNING.' })
  twinning(@Root() project: Project, @Ctx() { loaders }: ProjectsContext): Promise<Twinning | null> {
    return loaders.twinning.load(project.id);
  }

  @FieldResolver(() => [RecordEvent], {
    nullable: true,
    description:
      'Audit trail, oldest first: CREATED, UPDATED, DELETED, PARTICIPANT_ADDED, PARTICIPANT_REMOVED, PRACTICE_LINKED, PRACTICE_UNLINKED, SYNERGY_ADDED, SYNERGY_REMOVED, SYNERGY_CHANGED (also when the other project made or ended the link), STAGE_ADDED, STAGE_REMOVED, TWINNING_COMPLETED. A write an import made says so in `comment`. Curators and the coordinator\u2019s editors only: anyone else gets null here and a FORBIDDEN error on this field, with the rest of the project.',
  })
  async history(@Root() project: Project, @Ctx() { loaders, caller }: ProjectsContext): Promise<RecordEvent[]> {
    const coordinator = (await loaders.participants.load(project.id)).find((row) => row.role === 'COORDINATOR');
    if (!mayActFor(caller, coordinator?.organisationId ?? null)) {
      throw forbidden('Only curators and the coordinator\u2019s editors may see the history of a project.');
    }
    return (await loaders.history.load(project.id)).map(recordEventOf);
  }
}
