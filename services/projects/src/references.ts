// Resolves references to projects, and what this subgraph adds to Organisation and Practice, through loaders.
import { Arg, Ctx, FieldResolver, Resolver, Root } from 'type-graphql';
import type { ProjectsContext } from './context.js';
import type { ProjectRole } from './project/project.codes.js';
import {
  OrganisationProjectType,
  OrganisationRef,
  PracticeRef,
  ProjectRoleEnum,
  ProjectType,
} from './project/project.types.js';

export const projectReferences = {
  Project: {
    async __resolveReference(reference: { id: string }, { loaders }: ProjectsContext) {
      const project = await loaders.projectById.load(reference.id);
      return project && !project.deletedAt ? project : null;
    },
  },
  Organisation: {
    __resolveReference(reference: { id: string }) {
      return { id: reference.id };
    },
  },
  Practice: {
    __resolveReference(reference: { id: string }) {
      return { id: reference.id };
    },
  },
};

@Resolver(() => OrganisationRef)
export class OrganisationProjectsResolver {
  @FieldResolver(() => [ProjectType], {
    description:
      'Projects it takes part in (participant, funder, twinning originator or adopter), newest start first; deleted ones are left out.',
  })
  projects(
    @Root() organisation: OrganisationRef,
    @Arg('role', () => ProjectRoleEnum, { nullable: true, description: 'Any role when omitted.' }) role:
      | ProjectRole
      | undefined,
    @Ctx() { loaders }: ProjectsContext,
  ) {
    return loaders.organisationProjects(role ?? null).load(organisation.id);
  }

  @FieldResolver(() => [OrganisationProjectType], {
    description:
      'The projects it takes part in, as `projects` lists them, each with its roles there (an organisation may coordinate a project and fund it too).',
  })
  projectRoles(@Root() organisation: OrganisationRef, @Ctx() { loaders }: ProjectsContext) {
    return loaders.organisationParticipations.load(organisation.id);
  }
}

@Resolver(() => PracticeRef)
export class PracticeProjectsResolver {
  @FieldResolver(() => [ProjectType], {
    description: 'Projects that produced, used, transferred or twinned it; deleted ones are left out.',
  })
  projects(@Root() practice: PracticeRef, @Ctx() { loaders }: ProjectsContext) {
    return loaders.projectsOfPractice.load(practice.id);
  }
}
