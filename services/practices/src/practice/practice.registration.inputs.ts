// One record of a bulk registration (registerPractices): the practice and the registry it is imported from.
import { SOURCE_ARGUMENT, SourceKeyInput } from '@radar/common';
import { Field, InputType } from 'type-graphql';
import { RegisterPracticeInput } from './practice.inputs.js';

@InputType({ description: 'A practice to register, as registerPractice takes it.' })
export class PracticeRegistrationInput {
  @Field(() => RegisterPracticeInput)
  input!: RegisterPracticeInput;

  @Field(() => SourceKeyInput, SOURCE_ARGUMENT)
  source?: SourceKeyInput | null;
}
