// The Organisation entity as the federated GraphQL API shows it.
import { Connection, codeListEnum, UUID } from '@radar/common';
import { Directive, Field, Int, ObjectType } from 'type-graphql';
import {
  type IdentifierScheme,
  identifierSchemes,
  type OrganisationKind,
  organisationKinds,
} from './organisation.codes.js';

export const OrganisationKindEnum = codeListEnum(
  'OrganisationKind',
  'What kind of organisation this is.',
  organisationKinds,
);
export const IdentifierSchemeEnum = codeListEnum(
  'IdentifierScheme',
  'A registry that identifies organisations, used to cross-link RADAR with other data.',
  identifierSchemes,
);

@ObjectType({ description: 'An identifier of the organisation in another registry.' })
export class ExternalIdentifier {
  @Field(() => IdentifierSchemeEnum)
  scheme!: IdentifierScheme;

  @Field()
  value!: string;

  @Field(() => String, {
    nullable: true,
    description: 'The IRI the identifier dereferences to, where the scheme has one.',
  })
  iri!: string | null;
}

@Directive('@key(fields: "id")')
@ObjectType('Organisation', { description: 'An owner, adopter, partner or funder of digital health practices.' })
export class OrganisationType {
  @Field(() => UUID)
  id!: string;

  @Field()
  name!: string;

  @Field(() => String, { nullable: true })
  acronym!: string | null;

  @Field(() => OrganisationKindEnum)
  kind!: OrganisationKind;

  @Field(() => String, { nullable: true, description: 'ISO 3166-1 alpha-2 code of the country where it is based.' })
  country!: string | null;

  @Field(() => String, { nullable: true, description: 'NUTS code of its region, e.g. RO21.' })
  nuts!: string | null;

  @Field(() => String, { nullable: true })
  city!: string | null;

  @Field(() => String, { nullable: true })
  website!: string | null;

  @Field(() => String, { nullable: true, description: 'A public contact address of the organisation.' })
  email!: string | null;

  @Field(() => String, { nullable: true, description: 'Markdown.' })
  description!: string | null;

  @Field()
  createdAt!: Date;

  @Field()
  updatedAt!: Date;

  @Field(() => Int, { description: 'Send it back with an update; a stale version is refused with CONFLICT.' })
  version!: number;

  @Field(() => Date, {
    nullable: true,
    description: 'Set when the organisation was deleted; it then stays as a tombstone.',
  })
  deletedAt!: Date | null;
}

export const OrganisationConnection = Connection('Organisation', OrganisationType);

@ObjectType('OrganisationMatch', { description: 'Another organisation this one may duplicate, and why.' })
export class OrganisationMatchType {
  @Field(() => OrganisationType)
  organisation!: OrganisationType;

  @Field(() => [String], {
    description:
      'In words: "same name" (case, accents, punctuation and a trailing legal form such as GmbH, S.A. or Ltd ignored), "same acronym", "name is its acronym" or "acronym is its name".',
  })
  reasons!: string[];
}
