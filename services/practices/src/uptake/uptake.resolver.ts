// Uptake monitoring queries.
import { Arg, Ctx, Query, Resolver, registerEnumType } from 'type-graphql';
import type { PracticesContext } from '../context.js';
import { PracticeFilter } from '../practice/practice.inputs.js';
import { RegistrationCount, UptakeRow } from '../practice/practice.types.js';
import { type Interval, registrations, uptake } from './uptake.service.js';

export enum RegistrationInterval {
  MONTH = 'MONTH',
  QUARTER = 'QUARTER',
  YEAR = 'YEAR',
}
registerEnumType(RegistrationInterval, { name: 'RegistrationInterval' });

@Resolver()
export class UptakeResolver {
  @Query(() => [UptakeRow], {
    description: 'Practices available and adopted per country (and per NUTS region when asked).',
  })
  uptake(
    @Arg('filter', () => PracticeFilter, { nullable: true }) filter: PracticeFilter | undefined,
    @Arg('byRegion', { defaultValue: false, description: 'Add a row per NUTS region.' }) byRegion: boolean,
    @Ctx() { em, caller }: PracticesContext,
  ) {
    return uptake(em, caller, filter, byRegion);
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
