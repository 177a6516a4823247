// Source keys of practices: the field that lists them and the lookup a re-import matches rows with.
import { bySourcesDescription, checkLookupCount, SourceKey, SourceKeyLookupInput } from '@radar/common';
import { Arg, Ctx, FieldResolver, Query, Resolver, Root } from 'type-graphql';
import type { PracticesContext } from '../context.js';
import type { Practice } from '../practice/practice.entity.js';
import { PracticeType_ } from '../practice/practice.types.js';
import { canSee } from '../practice/practice.visibility.js';

@Resolver(() => PracticeType_)
export class PracticeSourceResolver {
  @Query(() => PracticeType_, {
    nullable: true,
    description:
      'The practice imported from `source` with id `sourceId` there; null if none, deleted, or a draft the caller may not see.',
  })
  async practiceBySource(
    @Arg('source') source: string,
    @Arg('sourceId') sourceId: string,
    @Ctx() { loaders, sourceKeys, caller }: PracticesContext,
  ): Promise<Practice | null> {
    const id = await sourceKeys.recordOf.load({ source, sourceId });
    const practice = id ? await loaders.practiceById.load(id) : null;
    return practice && !practice.deletedAt && canSee(caller, practice) ? practice : null;
  }

  @Query(() => [PracticeType_], { nullable: 'items', description: bySourcesDescription('practices') })
  practicesBySource(
    @Arg('keys', () => [SourceKeyLookupInput]) keys: SourceKeyLookupInput[],
    @Ctx() context: PracticesContext,
  ): Promise<(Practice | null)[]> {
    checkLookupCount(keys);
    return Promise.all(keys.map(({ source, sourceId }) => this.practiceBySource(source, sourceId, context)));
  }

  @FieldResolver(() => [SourceKey], { description: 'The partner registries it was imported from, and its ids there.' })
  sources(@Root() practice: Practice, @Ctx() { sourceKeys }: PracticesContext) {
    return sourceKeys.keysOf.load(practice.id);
  }
}
