// The "ready to transfer" list as GraphQL shows it.
import { Connection } from '@radar/common';
import { Field, Int, ObjectType, registerEnumType } from 'type-graphql';
import type { Practice } from '../practice/practice.entity.js';
import { PracticeType_ } from '../practice/practice.types.js';

export enum SpreadLevel {
  COUNTRY = 'COUNTRY',
  REGION = 'REGION',
}
registerEnumType(SpreadLevel, {
  name: 'SpreadLevel',
  description:
    'What readyToTransfer counts: COUNTRY, distinct countries; REGION, distinct NUTS 2 regions (an adoption in a NUTS 3 region counts in its NUTS 2 region; one recorded without a NUTS 2 or 3 code does not count).',
});

@ObjectType({ description: 'A mature practice in active use in several places, and why it is on the list.' })
export class ReadyToTransferRow {
  @Field(() => PracticeType_)
  practice!: Practice;

  @Field(() => Int, { description: 'Distinct countries or NUTS 2 regions with an active adoption, as asked.' })
  places!: number;

  @Field(() => [String], { description: 'Countries (ISO 3166-1 alpha-2) with an active adoption, in order.' })
  countries!: string[];

  @Field(() => [String], { description: 'NUTS 2 regions with an active adoption, in order.' })
  regions!: string[];

  @Field(() => [String], { description: 'Why it qualifies, in words: maturity, spread, evidence.' })
  reasons!: string[];
}

export const ReadyToTransferConnection = Connection('ReadyToTransfer', ReadyToTransferRow);
