// GraphQL mutations and fields of Adoption.
import { RecordStateInput, SOURCE_ARGUMENT, SourceKeyInput, STATE_ARGUMENT, UUID } from '@radar/common';
import { Arg, Ctx, FieldResolver, Int, Mutation, Resolver, Root } from 'type-graphql';
import type { PracticesContext } from '../context.js';
import { AddAdoptionInput, UpdateAdoptionInput } from '../practice/practice.inputs.js';
import { writeContext } from '../practice/practice.resolver.js';
import {
  AdoptionType,
  ORGANISATION_REFERENCE,
  OrganisationRef,
  PracticeType_,
  ProjectRef,
} from '../practice/practice.types.js';
import type { Adoption } from './adoption.entity.js';
import { addAdoption, removeAdoption, updateAdoption } from './adoption.service.js';

@Resolver(() => AdoptionType)
export class AdoptionResolver {
  @Mutation(() => AdoptionType, {
    description: 'Records where a practice is adopted (curators, or editors of its owner).',
  })
  addAdoption(
    @Arg('input', () => AddAdoptionInput) input: AddAdoptionInput,
    @Arg('source', () => SourceKeyInput, SOURCE_ARGUMENT) source: SourceKeyInput | undefined,
    @Arg('state', () => RecordStateInput, STATE_ARGUMENT) state: RecordStateInput | undefined,
    @Ctx() context: PracticesContext,
  ) {
    return addAdoption(writeContext(context), input, source, state);
  }

  @Mutation(() => AdoptionType)
  updateAdoption(
    @Arg('id', () => UUID) id: string,
    @Arg('version', () => Int) version: number,
    @Arg('input', () => UpdateAdoptionInput) input: UpdateAdoptionInput,
    @Arg('source', () => SourceKeyInput, SOURCE_ARGUMENT) source: SourceKeyInput | undefined,
    @Arg('state', () => RecordStateInput, STATE_ARGUMENT) state: RecordStateInput | undefined,
    @Ctx() context: PracticesContext,
  ) {
    return updateAdoption(writeContext(context), id, version, input, source, state);
  }

  @Mutation(() => AdoptionType, { description: 'Removes an adoption, leaving a tombstone.' })
  removeAdoption(
    @Arg('id', () => UUID) id: string,
    @Arg('version', () => Int) version: number,
    @Ctx() context: PracticesContext,
  ) {
    return removeAdoption(writeContext(context), id, version);
  }

  @FieldResolver(() => PracticeType_, {
    description: 'Never hidden: adoptions of practices you may not see are left out wherever adoptions are listed.',
  })
  practice(@Root() adoption: Adoption, @Ctx() { loaders }: PracticesContext) {
    return loaders.practiceById.load(adoption.practice);
  }

  @FieldResolver(() => OrganisationRef, { description: ORGANISATION_REFERENCE })
  adopter(@Root() adoption: Adoption): OrganisationRef {
    return { id: adoption.adopterId };
  }

  @FieldResolver(() => ProjectRef, {
    nullable: true,
    description: 'The project through which it was adopted; null when none is recorded or that project was deleted.',
  })
  project(@Root() adoption: Adoption): ProjectRef | null {
    return adoption.projectId ? { id: adoption.projectId } : null;
  }
}
