// Source keys of organisations: the field that lists them and the lookup a re-import matches rows with.
import { bySourcesDescription, checkLookupCount, SourceKey, SourceKeyLookupInput } from '@radar/common';
import { Arg, Ctx, FieldResolver, Query, Resolver, Root } from 'type-graphql';
import type { OrganisationsContext } from '../context.js';
import type { Organisation } from '../organisation/organisation.entity.js';
import { OrganisationType } from '../organisation/organisation.types.js';

@Resolver(() => OrganisationType)
export class OrganisationSourceResolver {
  @Query(() => OrganisationType, {
    nullable: true,
    description: 'The organisation imported from `source` with id `sourceId` there; null if none or deleted.',
  })
  async organisationBySource(
    @Arg('source') source: string,
    @Arg('sourceId') sourceId: string,
    @Ctx() { loaders, sourceKeys }: OrganisationsContext,
  ): Promise<Organisation | null> {
    const id = await sourceKeys.recordOf.load({ source, sourceId });
    const organisation = id ? await loaders.byId.load(id) : null;
    return organisation && !organisation.deletedAt ? organisation : null;
  }

  @Query(() => [OrganisationType], { nullable: 'items', description: bySourcesDescription('organisations') })
  organisationsBySource(
    @Arg('keys', () => [SourceKeyLookupInput]) keys: SourceKeyLookupInput[],
    @Ctx() context: OrganisationsContext,
  ): Promise<(Organisation | null)[]> {
    checkLookupCount(keys);
    return Promise.all(keys.map(({ source, sourceId }) => this.organisationBySource(source, sourceId, context)));
  }

  @FieldResolver(() => [SourceKey], { description: 'The partner registries it was imported from, and its ids there.' })
  sources(@Root() organisation: Organisation, @Ctx() { sourceKeys }: OrganisationsContext) {
    return sourceKeys.keysOf.load(organisation.id);
  }
}
