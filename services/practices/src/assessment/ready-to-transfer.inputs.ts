// What a caller sends to readyToTransfer, with every rule declared on the argument.
import { IsInt, Max, Min } from 'class-validator';
import { ArgsType, Field, Int } from 'type-graphql';
import { SpreadLevel } from './ready-to-transfer.types.js';

/** The least mature stage a practice on the list may be at. */
export const READY_MATURITY = 'IMPLEMENTED';
export const MAX_MIN_PLACES = 100;

@ArgsType()
export class ReadyToTransferArgs {
  @Field(() => Int, {
    defaultValue: 2,
    description: `Distinct places (countries or NUTS 2 regions, see \`by\`) with an active adoption, 1 to ${MAX_MIN_PLACES}.`,
  })
  @IsInt()
  @Min(1, { message: `must be 1 to ${MAX_MIN_PLACES}` })
  @Max(MAX_MIN_PLACES, { message: `must be 1 to ${MAX_MIN_PLACES}` })
  minPlaces!: number;

  @Field(() => SpreadLevel, { defaultValue: SpreadLevel.COUNTRY })
  by!: SpreadLevel;

  @Field(() => Int, { nullable: true, description: '1 to 100; 20 when omitted.' })
  first?: number | null;

  @Field(() => String, { nullable: true })
  after?: string | null;
}
