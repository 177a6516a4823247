// One record of a bulk registration (registerPractices): the practice, the registry it is imported from and its state.
import { SOURCE_ARGUMENT, SourceKeyInput, STATE_ARGUMENT } from '@radar/common';
import { Field, InputType } from 'type-graphql';
import { PracticeStateInput, RegisterPracticeInput } from './practice.inputs.js';

@InputType({ description: 'A practice to register, as registerPractice takes it.' })
export class PracticeRegistrationInput {
  @Field(() => RegisterPracticeInput)
  input!: RegisterPracticeInput;

  @Field(() => SourceKeyInput, SOURCE_ARGUMENT)
  source?: SourceKeyInput | null;

  @Field(() => PracticeStateInput, STATE_ARGUMENT)
  state?: PracticeStateInput | null;
}
