// A NUTS region as GraphQL shows it: its code, level and country, and its name when RADAR has one.
import { Field, Int, ObjectType } from 'type-graphql';
import { UptakeLevel } from '../uptake/uptake.types.js';

export const REGION_NAME_DESCRIPTION =
  'The region\u2019s name as curators loaded it (Eurostat\u2019s NUTS classification); null for a region RADAR has no name for.';

@ObjectType({ description: 'A NUTS region (NUTS 1, 2 or 3).' })
export class NutsRegion {
  @Field({ description: 'NUTS code, e.g. RO21.' })
  code!: string;

  @Field(() => String, { nullable: true, description: REGION_NAME_DESCRIPTION })
  name!: string | null;

  @Field({ description: 'ISO 3166-1 alpha-2 code of the country it lies in (GR for EL codes).' })
  country!: string;

  @Field(() => UptakeLevel)
  level!: UptakeLevel;
}

@ObjectType({ description: 'What naming regions changed.' })
export class NameRegionsResult {
  @Field(() => Int, { description: 'Regions that had no name before.' })
  named!: number;

  @Field(() => Int, { description: 'Regions whose name was corrected.' })
  changed!: number;

  @Field(() => Int, { description: 'Regions that already had this very name.' })
  unchanged!: number;
}
