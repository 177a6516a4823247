// What curators and signed-in people may send, with every rule declared on the field.
import { HTTP_URL, IsCountryCode, IsText, UUID } from '@radar/common';
import { IsOptional, IsUrl, Length, ValidateNested } from 'class-validator';
import { Field, InputType } from 'type-graphql';
import { RoleEnum } from './identity.types.js';

@InputType({ description: 'A key to mint: a curator key, or an editor key of one organisation.' })
export class MintApiKeyInput {
  @Field({ description: 'Who uses it, e.g. "Smart Hospital, import job".' })
  @IsText(1, 200)
  label!: string;

  @Field(() => RoleEnum)
  role!: 'curator' | 'editor';

  @Field(() => UUID, { nullable: true, description: 'The organisation an editor key edits for; it must exist.' })
  @IsOptional()
  organisationId?: string | null;

  @Field(() => Date, { nullable: true, description: 'When it stops working; never when omitted.' })
  @IsOptional()
  expiresAt?: Date | null;
}

@InputType({ description: 'A role of an account or an API key.' })
export class RoleGrantInput {
  @Field({ description: 'The account\u2019s or the API key\u2019s id.' })
  @Length(1, 36)
  holderId!: string;

  @Field(() => RoleEnum)
  role!: 'curator' | 'editor';

  @Field(() => UUID, { nullable: true, description: 'The organisation, for an editor; it must exist.' })
  @IsOptional()
  organisationId?: string | null;
}

@InputType({ description: 'A new organisation, with the first practice its editor means to register.' })
export class ProposedOrganisationInput {
  @Field()
  @IsText(1, 300)
  name!: string;

  @Field({ description: 'ISO 3166-1 alpha-2.' })
  @IsCountryCode()
  country!: string;

  @Field(() => String, { nullable: true })
  @IsOptional()
  @IsUrl(HTTP_URL)
  website?: string | null;

  @Field()
  @IsText(1, 300)
  practiceTitle!: string;
}

@InputType({ description: 'What a person asks for: to edit for an existing organisation, or for a new one.' })
export class RequestAccessInput {
  @Field(() => UUID, { nullable: true, description: 'The existing organisation; it must exist.' })
  @IsOptional()
  organisationId?: string | null;

  @Field(() => ProposedOrganisationInput, { nullable: true, description: 'A new organisation, instead.' })
  @IsOptional()
  @ValidateNested()
  proposedOrganisation?: ProposedOrganisationInput | null;

  @Field({ description: 'Who you are and why you ask, for the curators.' })
  @IsText(1, 2000)
  message!: string;
}
