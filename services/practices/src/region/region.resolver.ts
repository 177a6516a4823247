// GraphQL of NUTS region names: the curators' mutation that loads them, the query that reads them, and the region
// (with its name) of every adoption and practice.
import { badUserInput, NUTS_PATTERN } from '@radar/common';
import { Arg, Ctx, FieldResolver, Mutation, Query, Resolver, Root } from 'type-graphql';
import type { Adoption } from '../adoption/adoption.entity.js';
import type { PracticesContext } from '../context.js';
import type { Practice } from '../practice/practice.entity.js';
import { AdoptionType, PracticeType_ } from '../practice/practice.types.js';
import { NameRegionsInput } from './region.inputs.js';
import { MAX_REGIONS_PER_REQUEST } from './region.rules.js';
import { nameRegions } from './region.service.js';
import { NameRegionsResult, NutsRegion } from './region.types.js';

@Resolver(() => NutsRegion)
export class RegionResolver {
  @Mutation(() => NameRegionsResult, {
    description:
      'Names NUTS regions or corrects their names (curators). Every row is checked first: a bad code, an empty name or a region named twice is refused, naming the row, and nothing is written.',
  })
  nameRegions(@Arg('input', () => NameRegionsInput) input: NameRegionsInput, @Ctx() { em, caller }: PracticesContext) {
    return nameRegions(em, caller, input);
  }

  @Query(() => [NutsRegion], {
    description: 'The regions with these NUTS codes, in the order asked, each named where RADAR has a name.',
  })
  nutsRegions(
    @Arg('codes', () => [String], { description: `NUTS codes; at most ${MAX_REGIONS_PER_REQUEST}.` }) codes: string[],
    @Ctx() { loaders }: PracticesContext,
  ) {
    if (codes.length > MAX_REGIONS_PER_REQUEST) {
      throw badUserInput('codes', `must hold at most ${MAX_REGIONS_PER_REQUEST} codes`);
    }
    const bad = codes.findIndex((code) => !NUTS_PATTERN.test(code));
    if (bad >= 0) throw badUserInput(`codes[${bad}]`, 'is not a NUTS code (e.g. RO21)');
    return loaders.region.loadMany(codes);
  }
}

@Resolver(() => AdoptionType)
export class AdoptionRegionResolver {
  @FieldResolver(() => NutsRegion, { nullable: true, description: 'The NUTS region, with its name; null when none.' })
  region(@Root() adoption: Adoption, @Ctx() { loaders }: PracticesContext) {
    return adoption.nuts ? loaders.region.load(adoption.nuts) : null;
  }
}

@Resolver(() => PracticeType_)
export class PracticeRegionsResolver {
  @FieldResolver(() => [NutsRegion], { description: 'The NUTS regions of `nuts`, with their names.' })
  regions(@Root() practice: Practice, @Ctx() { loaders }: PracticesContext) {
    return loaders.region.loadMany(practice.nuts);
  }
}
