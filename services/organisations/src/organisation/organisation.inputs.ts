// What callers may send to create, change or find organisations, with every rule declared on the field.
import {
  HTTP_URL,
  IsCountryCode,
  IsKeptWhenOmitted,
  IsNutsInCountries,
  IsText,
  KEPT_ID_DESCRIPTION,
  normaliseIdentifier,
  UUID,
} from '@radar/common';
import {
  ArrayMaxSize,
  ArrayUnique,
  IsEmail,
  IsIn,
  IsOptional,
  IsUrl,
  IsUUID,
  Length,
  MaxLength,
  Validate,
  ValidateNested,
  type ValidationArguments,
  ValidatorConstraint,
  type ValidatorConstraintInterface,
} from 'class-validator';
import { Field, InputType } from 'type-graphql';
import {
  type IdentifierScheme,
  identifierScheme,
  identifierSchemeCodes,
  type OrganisationKind,
} from './organisation.codes.js';
import { IdentifierSchemeEnum, OrganisationKindEnum } from './organisation.types.js';

@ValidatorConstraint({ name: 'identifierValue' })
class IdentifierValueMatchesScheme implements ValidatorConstraintInterface {
  validate(value: unknown, args: ValidationArguments) {
    const { scheme } = args.object as IdentifierInput;
    if (!identifierSchemeCodes.includes(scheme)) return true;
    return typeof value === 'string' && normaliseIdentifier(scheme, value).ok;
  }
  defaultMessage(args: ValidationArguments) {
    const { scheme, value } = args.object as IdentifierInput;
    const label = identifierScheme(scheme);
    const result = typeof value === 'string' ? normaliseIdentifier(scheme, value) : null;
    return result && !result.ok
      ? `${result.reason} (${label.label}, e.g. ${label.example})`
      : `is not a valid ${label.label} identifier (e.g. ${label.example})`;
  }
}

@InputType({ description: 'An identifier in another registry; one per scheme.' })
export class IdentifierInput {
  @Field(() => IdentifierSchemeEnum)
  @IsIn(identifierSchemeCodes)
  scheme!: IdentifierScheme;

  @Field()
  @Validate(IdentifierValueMatchesScheme)
  value!: string;
}

/** Fields shared by create and update; on update an omitted field stays as it is and null clears it. */
@InputType('OrganisationFieldsInput')
abstract class OrganisationFields {
  @Field(() => String, { nullable: true })
  @IsOptional()
  @IsText(1, 50)
  acronym?: string | null;

  @Field(() => String, { nullable: true, description: 'ISO 3166-1 alpha-2 code, e.g. RO.' })
  @IsOptional()
  @IsCountryCode()
  country?: string | null;

  // On create an omitted country means none; on update, the stored one, which the service checks.
  @Field(() => String, { nullable: true, description: 'NUTS code of the region, e.g. RO21; must lie in `country`.' })
  @IsOptional()
  @IsNutsInCountries('country', { omittedMeansStored: (input) => input instanceof UpdateOrganisationInput })
  nuts?: string | null;

  @Field(() => String, { nullable: true })
  @IsOptional()
  @IsText(1, 100)
  city?: string | null;

  @Field(() => String, { nullable: true })
  @IsOptional()
  @MaxLength(2048)
  @IsUrl(HTTP_URL, { message: 'is not an http(s) URL' })
  website?: string | null;

  @Field(() => String, { nullable: true })
  @IsOptional()
  @MaxLength(254)
  @IsEmail({}, { message: 'is not an email address' })
  email?: string | null;

  @Field(() => String, { nullable: true, description: 'Markdown, up to 5,000 characters.' })
  @IsOptional()
  @IsText(1, 5000)
  description?: string | null;

  @Field(() => [IdentifierInput], { nullable: true, description: 'Replaces all identifiers when given.' })
  @IsOptional()
  @ArrayMaxSize(identifierSchemeCodes.length)
  @ArrayUnique((identifier: IdentifierInput) => identifier.scheme, { message: 'has the same scheme twice' })
  @ValidateNested()
  identifiers?: IdentifierInput[] | null;

  @Field(() => [UUID], {
    nullable: true,
    description:
      'Ids of the networks it belongs to; replaces them all when given. Leaving a network is always allowed; joining one needs its consent, so only curators may add networks here (editors propose them with proposeMembership).',
  })
  @IsOptional()
  @ArrayMaxSize(100)
  @ArrayUnique({ message: 'names the same network twice' })
  @IsUUID('all', { each: true })
  memberships?: string[] | null;
}

@InputType()
export class CreateOrganisationInput extends OrganisationFields {
  @Field(() => UUID, { nullable: true, description: KEPT_ID_DESCRIPTION })
  @IsOptional()
  @IsUUID('all')
  id?: string | null;

  @Field(() => String, { nullable: true, description: 'NUTS code of the region, e.g. RO21; must lie in `country`.' })
  declare nuts?: string | null;

  @Field()
  @IsText(2, 300)
  name!: string;

  @Field(() => OrganisationKindEnum)
  kind!: OrganisationKind;
}

@InputType()
export class UpdateOrganisationInput extends OrganisationFields {
  @Field(() => String, { nullable: true })
  @IsKeptWhenOmitted()
  @IsText(2, 300)
  name?: string;

  @Field(() => OrganisationKindEnum, { nullable: true })
  @IsKeptWhenOmitted()
  kind?: OrganisationKind;
}

@InputType()
export class OrganisationFilter {
  @Field(() => [OrganisationKindEnum], { nullable: true })
  @IsOptional()
  kinds?: OrganisationKind[];

  @Field(() => [String], { nullable: true, description: 'ISO 3166-1 alpha-2 codes.' })
  @IsOptional()
  @ArrayMaxSize(60)
  @IsCountryCode({ each: true })
  countries?: string[];

  @Field(() => UUID, { nullable: true, description: 'Only members of this network.' })
  @IsOptional()
  memberOf?: string;

  @Field(() => String, { nullable: true, description: 'Matches name or acronym, ignoring case and accents.' })
  @IsOptional()
  @Length(1, 200)
  text?: string;

  @Field({ nullable: true, defaultValue: false, description: 'Also return deleted organisations (tombstones).' })
  includeDeleted?: boolean;
}
