// One record of a bulk creation (createOrganisations): the organisation, the registry it is imported from and its times.
import { RecordStateInput, SOURCE_ARGUMENT, SourceKeyInput, STATE_ARGUMENT } from '@radar/common';
import { Field, InputType } from 'type-graphql';
import { CreateOrganisationInput } from './organisation.inputs.js';

@InputType({ description: 'An organisation to create, as createOrganisation takes it.' })
export class OrganisationRegistrationInput {
  @Field(() => CreateOrganisationInput)
  input!: CreateOrganisationInput;

  @Field(() => SourceKeyInput, SOURCE_ARGUMENT)
  source?: SourceKeyInput | null;

  @Field(() => RecordStateInput, STATE_ARGUMENT)
  state?: RecordStateInput | null;
}
