// Uptake monitoring queries.
import { LocalDateResolver } from 'graphql-scalars';
import { Arg, Ctx, Query, Resolver, registerEnumType } from 'type-graphql';
import type { PracticesContext } from '../context.js';
import { PracticeFilter } from '../practice/practice.inputs.js';
import { RegistrationCount } from '../practice/practice.types.js';
import { type Interval, registrations, uptake, uptakeSeries } from './uptake.service.js';
import { UptakeLevel, UptakePeriod, UptakeRow } from './uptake.types.js';

export enum RegistrationInterval {
  MONTH = 'MONTH',
  QUARTER = 'QUARTER',
  YEAR = 'YEAR',
}
registerEnumType(RegistrationInterval, { name: 'RegistrationInterval' });

@Resolver()
export class UptakeResolver {
  @Query(() => [UptakeRow], {
    description:
      'Practices available and adopted per country and, when asked, per NUTS region of every level (rolled up: RO213 counts in RO21 and RO2 too). Without asOf every adoption that was ever in use counts; with it, those in use that day and the practices published by then.',
  })
  uptake(
    @Arg('filter', () => PracticeFilter, { nullable: true }) filter: PracticeFilter | undefined,
    @Arg('byRegion', { defaultValue: false, description: 'Add a row per NUTS region (NUTS1, NUTS2 and NUTS3).' })
    byRegion: boolean,
    @Arg('asOf', () => LocalDateResolver, { nullable: true, description: 'The day the figures are for.' })
    asOf: string | undefined,
    @Ctx() { em, caller }: PracticesContext,
  ) {
    return uptake(em, caller, filter, byRegion, asOf ?? undefined);
  }

  @Query(() => [UptakePeriod], {
    description:
      'Adoptions started, active and ended, and practices available and adopted, per period and per country or NUTS region of one level; places with nothing to count in a period are left out.',
  })
  uptakeSeries(
    @Arg('interval', () => RegistrationInterval) interval: RegistrationInterval,
    @Arg('from', () => LocalDateResolver, {
      nullable: true,
      description: 'First day covered; the first adoption or publication when omitted.',
    })
    from: string | undefined,
    @Arg('to', () => LocalDateResolver, { nullable: true, description: 'Last day covered; today when omitted.' })
    to: string | undefined,
    @Arg('level', () => UptakeLevel, { defaultValue: UptakeLevel.COUNTRY }) level: UptakeLevel,
    @Arg('filter', () => PracticeFilter, { nullable: true }) filter: PracticeFilter | undefined,
    @Ctx() { em, caller }: PracticesContext,
  ) {
    return uptakeSeries(
      em,
      caller,
      { interval: interval as Interval, from: from ?? undefined, to: to ?? undefined, level },
      filter,
    );
  }

  @Query(() => [RegistrationCount], { description: 'Practices registered and published per period.' })
  registrations(
    @Arg('interval', () => RegistrationInterval) interval: RegistrationInterval,
    @Arg('filter', () => PracticeFilter, { nullable: true }) filter: PracticeFilter | undefined,
    @Ctx() { em, caller }: PracticesContext,
  ) {
    return registrations(em, caller, interval as Interval, filter);
  }
}
