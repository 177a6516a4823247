// Source keys of needs: the field that lists them and the lookup a re-import matches need rows with.
import { SourceKey } from '@radar/common';
import { Arg, Ctx, FieldResolver, Query, Resolver, Root } from 'type-graphql';
import type { PracticesContext } from '../context.js';
import type { Need } from '../need/need.entity.js';
import { NeedType } from '../need/need.types.js';
import { canSeeNeed } from '../need/need.visibility.js';

@Resolver(() => NeedType)
export class NeedSourceResolver {
  @Query(() => NeedType, {
    nullable: true,
    description:
      'The need imported from `source` with id `sourceId` there; null if none, deleted, or a draft the caller may not see.',
  })
  async needBySource(
    @Arg('source') source: string,
    @Arg('sourceId') sourceId: string,
    @Ctx() { loaders, needSourceKeys, caller }: PracticesContext,
  ): Promise<Need | null> {
    const id = await needSourceKeys.recordOf.load({ source, sourceId });
    const need = id ? await loaders.needById.load(id) : null;
    return need && !need.deletedAt && canSeeNeed(caller, need) ? need : null;
  }

  @FieldResolver(() => [SourceKey], { description: 'The partner registries it was imported from, and its ids there.' })
  sources(@Root() need: Need, @Ctx() { needSourceKeys }: PracticesContext) {
    return needSourceKeys.keysOf.load(need.id);
  }
}
