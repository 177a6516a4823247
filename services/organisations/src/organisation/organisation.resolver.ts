// GraphQL queries, mutations and list fields of Organisation; every list field goes through a loader.
import {
  badUserInput,
  ChangesInput,
  ChangeTypes,
  changesPage,
  forbidden,
  MAX_BULK_RECORDS,
  mayActFor,
  normaliseIdentifier,
  RecordEvent,
  RecordStateInput,
  recordEventOf,
  SOURCE_ARGUMENT,
  SourceKeyInput,
  STATE_ARGUMENT,
  UUID,
  withRecords,
} from '@radar/common';
import { Arg, Ctx, FieldResolver, Int, Mutation, Query, Resolver, Root } from 'type-graphql';
import type { OrganisationsContext } from '../context.js';
import type { IdentifierScheme } from './organisation.codes.js';
import { Organisation, OrganisationIdentifier } from './organisation.entity.js';
import { CreateOrganisationInput, OrganisationFilter, UpdateOrganisationInput } from './organisation.inputs.js';
import { OrganisationRegistrationInput } from './organisation.registration.inputs.js';
import {
  createOrganisation,
  createOrganisations,
  deleteOrganisation,
  searchOrganisations,
  updateOrganisation,
} from './organisation.service.js';
import {
  ExternalIdentifier,
  IdentifierSchemeEnum,
  OrganisationConnection,
  OrganisationMatchType,
  OrganisationType,
} from './organisation.types.js';

const { Changes: OrganisationChanges } = ChangeTypes('Organisation', 'organisation', OrganisationType);

@Resolver(() => OrganisationType)
export class OrganisationResolver {
  @Query(() => OrganisationChanges, {
    description: 'The change feed harvesters walk: organisations and tombstones, oldest change first.',
  })
  async organisationChanges(
    @Arg('input', () => ChangesInput, { nullable: true }) input: ChangesInput | undefined,
    @Ctx() { em, loaders }: OrganisationsContext,
  ) {
    const page = await changesPage(
      em,
      {
        table: 'organisation',
        publicSql: 'p.deleted_at is null',
        tombstoneSql: 'p.deleted_at is not null',
        deletedAtSql: 'p.deleted_at',
      },
      input,
    );
    return withRecords(page, (ids) => loaders.byId.loadMany(ids));
  }

  @Query(() => OrganisationType, { nullable: true, description: 'One organisation by id; null if unknown or deleted.' })
  async organisation(
    @Arg('id', () => UUID) id: string,
    @Arg('includeDeleted', { defaultValue: false }) includeDeleted: boolean,
    @Ctx() { loaders }: OrganisationsContext,
  ): Promise<Organisation | null> {
    const organisation = await loaders.byId.load(id);
    return organisation && (includeDeleted || !organisation.deletedAt) ? organisation : null;
  }

  @Query(() => OrganisationConnection, { description: 'Organisations ordered by name, a page at a time.' })
  organisations(
    @Arg('filter', () => OrganisationFilter, { nullable: true }) filter: OrganisationFilter | undefined,
    @Arg('first', () => Int, { nullable: true, description: '1 to 100; 20 when omitted.' }) first: number | undefined,
    @Arg('after', () => String, { nullable: true }) after: string | undefined,
    @Ctx() { em }: OrganisationsContext,
  ) {
    return searchOrganisations(em, filter, first, after);
  }

  @Query(() => OrganisationType, {
    nullable: true,
    description:
      'The organisation with this identifier in another registry, in any common spelling (a ROR id bare or as its IRI, wd:Q…, a VAT number with spaces); a ROR id with wrong check digits is refused.',
  })
  async organisationByIdentifier(
    @Arg('scheme', () => IdentifierSchemeEnum) scheme: IdentifierScheme,
    @Arg('value') value: string,
    @Ctx() { em, loaders }: OrganisationsContext,
  ): Promise<Organisation | null> {
    const normalised = normaliseIdentifier(scheme, value);
    if (!normalised.ok) throw badUserInput('value', normalised.reason);
    const row = await em.findOne(OrganisationIdentifier, { scheme, value: normalised.value });
    if (!row) return null;
    const organisation = await loaders.byId.load(row.organisation);
    return organisation && !organisation.deletedAt ? organisation : null;
  }

  @Mutation(() => OrganisationType, {
    description:
      'Registers an organisation (curators). Ask for `possibleDuplicates` in the answer: organisations with the same name, acronym or one as the other, saved anyway. An identifier already used is refused.',
  })
  createOrganisation(
    @Arg('input', () => CreateOrganisationInput) input: CreateOrganisationInput,
    @Arg('source', () => SourceKeyInput, SOURCE_ARGUMENT) source: SourceKeyInput | undefined,
    @Arg('state', () => RecordStateInput, STATE_ARGUMENT) state: RecordStateInput | undefined,
    @Ctx() { em, caller }: OrganisationsContext,
  ) {
    return createOrganisation(em, caller, input, source, state);
  }

  @Mutation(() => [OrganisationType], {
    nullable: 'items',
    description: `Creates up to ${MAX_BULK_RECORDS} organisations at once (curators), each as createOrganisation would (with its state: times) and all-or-nothing on its own, in one transaction; a record may name an earlier one as its network. Answers each organisation in the records' order, or null where the record was refused, with that record's error (its path ends in the record's index).`,
  })
  createOrganisations(
    @Arg('records', () => [OrganisationRegistrationInput]) records: OrganisationRegistrationInput[],
    @Ctx() { em, caller }: OrganisationsContext,
  ) {
    return createOrganisations(em, caller, records);
  }

  @Mutation(() => OrganisationType, {
    description: 'Changes an organisation (curators, or editors of that organisation). `version` is the one you read.',
  })
  updateOrganisation(
    @Arg('id', () => UUID) id: string,
    @Arg('version', () => Int) version: number,
    @Arg('input', () => UpdateOrganisationInput) input: UpdateOrganisationInput,
    @Arg('source', () => SourceKeyInput, SOURCE_ARGUMENT) source: SourceKeyInput | undefined,
    @Arg('state', () => RecordStateInput, STATE_ARGUMENT) state: RecordStateInput | undefined,
    @Ctx() { em, caller }: OrganisationsContext,
  ) {
    return updateOrganisation(em, caller, id, version, input, source, state);
  }

  @Mutation(() => OrganisationType, { description: 'Deletes an organisation, leaving a tombstone (curators).' })
  deleteOrganisation(
    @Arg('id', () => UUID) id: string,
    @Arg('version', () => Int) version: number,
    @Ctx() { em, caller }: OrganisationsContext,
  ) {
    return deleteOrganisation(em, caller, id, version);
  }

  @FieldResolver(() => [ExternalIdentifier])
  identifiers(@Root() organisation: Organisation, @Ctx() { loaders }: OrganisationsContext) {
    return loaders.identifiers.load(organisation.id);
  }

  @FieldResolver(() => [OrganisationType], {
    description: 'The networks this organisation belongs to; deleted ones are left out.',
  })
  memberships(@Root() organisation: Organisation, @Ctx() { loaders }: OrganisationsContext) {
    return loaders.networksOf.load(organisation.id);
  }

  @FieldResolver(() => [OrganisationType], {
    description: 'The organisations that belong to this one, if it is a network; deleted ones are left out.',
  })
  members(@Root() organisation: Organisation, @Ctx() { loaders }: OrganisationsContext) {
    return loaders.membersOf.load(organisation.id);
  }

  @FieldResolver(() => [OrganisationMatchType], {
    description:
      'Other organisations this one may duplicate: the same name (case, accents, punctuation and a trailing legal form such as GmbH, S.A. or Ltd ignored), the same acronym, or a name that is the other\u2019s acronym. Deleted ones are left out.',
  })
  possibleDuplicates(@Root() organisation: Organisation, @Ctx() { loaders }: OrganisationsContext) {
    return loaders.duplicates.load(organisation.id);
  }

  @FieldResolver(() => [RecordEvent], {
    nullable: true,
    description:
      'Audit trail, oldest first: CREATED, UPDATED, DELETED, JOINED_NETWORK and LEFT_NETWORK (this organisation as a member), MEMBER_JOINED and MEMBER_LEFT (as a network). A write an import made says so in `comment`. Curators and the organisation\u2019s editors only: anyone else gets null here and a FORBIDDEN error on this field, with the rest of the organisation.',
  })
  async history(
    @Root() organisation: Organisation,
    @Ctx() { loaders, caller }: OrganisationsContext,
  ): Promise<RecordEvent[]> {
    if (!mayActFor(caller, organisation.id)) {
      throw forbidden('Only curators and the organisation\u2019s editors may see the history of an organisation.');
    }
    return (await loaders.history.load(organisation.id)).map(recordEventOf);
  }
}
