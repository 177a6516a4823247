// The uptake figures as GraphQL shows them: a snapshot per place, and a series per period and place.
import { Field, Int, ObjectType, registerEnumType } from 'type-graphql';
import { FacetCount } from '../practice/practice.types.js';

/** Where figures are counted: per country, or per NUTS region of one level (a region counts what lies in it). */
export enum UptakeLevel {
  COUNTRY = 'COUNTRY',
  NUTS1 = 'NUTS1',
  NUTS2 = 'NUTS2',
  NUTS3 = 'NUTS3',
}
registerEnumType(UptakeLevel, {
  name: 'UptakeLevel',
  description:
    'A country, or a NUTS level: an adoption or practice in RO213 counts in RO213 (NUTS3), RO21 (NUTS2), RO2 (NUTS1) and RO.',
});

/** The length of a NUTS code of each level. */
export const nutsLength: Record<Exclude<UptakeLevel, UptakeLevel.COUNTRY>, number> = {
  NUTS1: 3,
  NUTS2: 4,
  NUTS3: 5,
};

const PLACE_NAME =
  'The country\u2019s English name on country rows; on region rows the region\u2019s name as curators loaded it (nameRegions), null for a region RADAR has no name for.';

@ObjectType({ description: 'Uptake in one country, or one NUTS region when asked.' })
export class UptakeRow {
  @Field({ description: 'ISO 3166-1 alpha-2 code.' })
  country!: string;

  @Field({ description: 'The country\u2019s English name.' })
  countryName!: string;

  @Field(() => String, { nullable: true, description: 'Set on region rows.' })
  nuts!: string | null;

  @Field(() => UptakeLevel)
  level!: UptakeLevel;

  @Field(() => String, { nullable: true, description: PLACE_NAME })
  name!: string | null;

  @Field(() => Int, { description: 'Published practices available here (by asOf, when given).' })
  practicesAvailable!: number;

  @Field(() => Int, {
    description: 'Published practices in use here (piloting, ongoing or ended; on asOf, when given).',
  })
  practicesAdopted!: number;

  @Field(() => Int, { description: 'Adoptions in use here (piloting, ongoing or ended; on asOf, when given).' })
  adoptions!: number;

  @Field(() => [FacetCount], { description: 'Practices available or adopted here, per maturity stage.' })
  byMaturity!: FacetCount[];

  @Field(() => [FacetCount], { description: 'Adoptions here, per scale.' })
  byScale!: FacetCount[];
}

@ObjectType({
  description:
    'Uptake in one place in one period. An adoption is in use from its start date (or the day it was recorded) to its end date (an ENDED one without an end date: the day it was last changed); PLANNED ones are not in use.',
})
export class UptakePeriod {
  @Field({ description: 'e.g. 2024-03, 2024-Q1 or 2024.' })
  period!: string;

  // Plain strings rather than the LocalDate scalar: a series has tens of thousands of rows, and the scalar's check of
  // every value it sends costs more than the rest of the row.
  @Field({ description: 'First day of the period, YYYY-MM-DD.' })
  start!: string;

  @Field({ description: 'Last day of the period, YYYY-MM-DD.' })
  end!: string;

  @Field(() => UptakeLevel)
  level!: UptakeLevel;

  @Field({ description: 'ISO 3166-1 alpha-2 code.' })
  country!: string;

  @Field({ description: 'The country\u2019s English name.' })
  countryName!: string;

  @Field(() => String, { nullable: true, description: 'The NUTS region on region levels.' })
  nuts!: string | null;

  @Field(() => String, { nullable: true, description: PLACE_NAME })
  name!: string | null;

  @Field(() => Int, { description: 'Adoptions that came into use in the period.' })
  started!: number;

  @Field(() => Int, { description: 'Adoptions in use at some time in the period.' })
  active!: number;

  @Field(() => Int, { description: 'Adoptions whose use ended in the period.' })
  ended!: number;

  @Field(() => Int, { description: 'Published practices available here by the end of the period.' })
  practicesAvailable!: number;

  @Field(() => Int, { description: 'Practices with an adoption in use here at some time in the period.' })
  practicesAdopted!: number;
}
