// Source keys of adoptions, and the lookups a re-import matches adoption rows with: by RADAR id and by source key.
import { SourceKey, UUID } from '@radar/common';
import { Arg, Ctx, FieldResolver, Query, Resolver, Root } from 'type-graphql';
import type { Adoption } from '../adoption/adoption.entity.js';
import type { PracticesContext } from '../context.js';
import { AdoptionType } from '../practice/practice.types.js';
import { canSee } from '../practice/practice.visibility.js';

/** An adoption is as visible as its practice; a removed one is gone. */
async function visible(context: PracticesContext, adoption: Adoption | null): Promise<Adoption | null> {
  if (!adoption || adoption.deletedAt) return null;
  const practice = await context.loaders.practiceById.load(adoption.practice);
  return practice && !practice.deletedAt && canSee(context.caller, practice) ? adoption : null;
}

@Resolver(() => AdoptionType)
export class AdoptionSourceResolver {
  @Query(() => AdoptionType, {
    nullable: true,
    description: 'The adoption with this id; null if none, removed, or of a practice the caller may not see.',
  })
  async adoption(@Arg('id', () => UUID) id: string, @Ctx() context: PracticesContext): Promise<Adoption | null> {
    return visible(context, await context.loaders.adoptionById.load(id));
  }

  @Query(() => AdoptionType, {
    nullable: true,
    description:
      'The adoption imported from `source` with id `sourceId` there; null if none, removed, or of a practice the caller may not see.',
  })
  async adoptionBySource(
    @Arg('source') source: string,
    @Arg('sourceId') sourceId: string,
    @Ctx() context: PracticesContext,
  ): Promise<Adoption | null> {
    const id = await context.adoptionSourceKeys.recordOf.load({ source, sourceId });
    return id ? visible(context, await context.loaders.adoptionById.load(id)) : null;
  }

  @FieldResolver(() => [SourceKey], { description: 'The partner registries it was imported from, and its ids there.' })
  sources(@Root() adoption: Adoption, @Ctx() { adoptionSourceKeys }: PracticesContext) {
    return adoptionSourceKeys.keysOf.load(adoption.id);
  }
}
