// Source keys of projects: the field that lists them and the lookup a re-import matches rows with.
import { SourceKey } from '@radar/common';
import { Arg, Ctx, FieldResolver, Query, Resolver, Root } from 'type-graphql';
import type { ProjectsContext } from '../context.js';
import type { Project } from '../project/project.entity.js';
import { ProjectType } from '../project/project.types.js';

@Resolver(() => ProjectType)
export class ProjectSourceResolver {
  @Query(() => ProjectType, {
    nullable: true,
    description: 'The project imported from `source` with id `sourceId` there; null if none or deleted.',
  })
  async projectBySource(
    @Arg('source') source: string,
    @Arg('sourceId') sourceId: string,
    @Ctx() { loaders, sourceKeys }: ProjectsContext,
  ): Promise<Project | null> {
    const id = await sourceKeys.recordOf.load({ source, sourceId });
    const project = id ? await loaders.projectById.load(id) : null;
    return project && !project.deletedAt ? project : null;
  }

  @FieldResolver(() => [SourceKey], { description: 'The partner registries it was imported from, and its ids there.' })
  sources(@Root() project: Project, @Ctx() { sourceKeys }: ProjectsContext) {
    return sourceKeys.keysOf.load(project.id);
  }
}
