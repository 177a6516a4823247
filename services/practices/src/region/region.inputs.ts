// What a curator sends to name NUTS regions: rows of a code and a name, each checked by the region rules.
import { IsText } from '@radar/common';
import { ArrayMaxSize, ArrayMinSize, ValidateBy, ValidateNested } from 'class-validator';
import { Field, InputType } from 'type-graphql';
import { MAX_REGIONS_PER_REQUEST, REGION_NAME_MAX, regionCodeProblem } from './region.rules.js';

function ByRule(name: string, problem: (value: unknown) => string | null): PropertyDecorator {
  return ValidateBy({
    name,
    validator: {
      validate: (value: unknown) => problem(value) === null,
      defaultMessage: (args) => problem(args?.value) ?? 'is not acceptable',
    },
  });
}

@InputType({ description: 'A NUTS region and the name RADAR shows for it.' })
export class RegionNameInput {
  @Field({ description: 'NUTS code of any level, e.g. RO2, RO21 or RO213.' })
  @ByRule('isRegionCode', regionCodeProblem)
  code!: string;

  @Field({ description: 'The region\u2019s name, e.g. Nord-Est; leading and trailing white space is dropped.' })
  @IsText(1, REGION_NAME_MAX)
  name!: string;
}

@InputType({ description: 'Names for NUTS regions; a region already named gets the new name.' })
export class NameRegionsInput {
  @Field(() => [RegionNameInput])
  @ArrayMinSize(1, { message: 'must name at least one region' })
  @ArrayMaxSize(MAX_REGIONS_PER_REQUEST, { message: `must name at most ${MAX_REGIONS_PER_REQUEST} regions at once` })
  @ValidateNested()
  regions!: RegionNameInput[];
}
