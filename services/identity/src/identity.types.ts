// How accounts, API keys, role grants, access requests and the audit log read in the API.
import { EntityReference } from '@radar/common';
import { Field, ID, ObjectType, registerEnumType } from 'type-graphql';
import { AccessRequestStatus } from './access/access-request.entity.js';
import { AuditAction } from './audit/audit.entity.js';

export const OrganisationRef = EntityReference('Organisation', { resolvable: false });
export type OrganisationRef = InstanceType<typeof OrganisationRef>;

export const RoleEnum = { CURATOR: 'curator', EDITOR: 'editor' } as const;
registerEnumType(RoleEnum, {
  name: 'Role',
  description: 'What a holder may do.',
  valuesConfig: {
    CURATOR: { description: 'Curates the whole registry: publishes, manages keys, roles and access requests.' },
    EDITOR: { description: 'Edits the records of one organisation.' },
  },
});

export const CallerKindEnum = { KEY: 'key', PERSON: 'person' } as const;
registerEnumType(CallerKindEnum, {
  name: 'CallerKind',
  description: 'How a caller signed in.',
  valuesConfig: {
    KEY: { description: 'A machine client, with an API key.' },
    PERSON: { description: 'A person, with an OpenID Connect access token.' },
  },
});

/** A GraphQL enum whose names are the stored values. */
const valuesAsNames = <T extends string>(values: readonly T[]) =>
  Object.fromEntries(values.map((value) => [value, value])) as Record<T, T>;

export const AccessRequestStatusEnum = valuesAsNames(Object.values(AccessRequestStatus));
registerEnumType(AccessRequestStatusEnum, {
  name: 'AccessRequestStatus',
  description: 'Where an access request stands.',
});
export const AuditActionEnum = valuesAsNames(Object.values(AuditAction));
registerEnumType(AuditActionEnum, { name: 'AuditAction', description: 'What an audit entry records.' });

@ObjectType('Me', { description: 'The caller of this request and what it may do.' })
export class MeType {
  @Field(() => CallerKindEnum)
  kind!: string;

  @Field(() => ID, { description: 'The API key\u2019s or the account\u2019s id.' })
  id!: string;

  @Field()
  label!: string;

  @Field({ description: 'Whether the caller is a curator.' })
  curator!: boolean;

  @Field(() => [OrganisationRef], { description: 'The organisations the caller edits for.' })
  organisations!: OrganisationRef[];
}

@ObjectType('RoleGrant', { description: 'A role an account or an API key holds.' })
export class RoleGrantType {
  @Field(() => CallerKindEnum)
  holderKind!: string;

  @Field({ description: 'The account\u2019s or the API key\u2019s id.' })
  holderId!: string;

  @Field(() => RoleEnum)
  role!: string;

  @Field(() => OrganisationRef, { nullable: true, description: 'The organisation an editor edits for.' })
  organisation!: OrganisationRef | null;

  @Field()
  grantedAt!: Date;

  @Field({ description: 'Who granted it.' })
  grantedBy!: string;
}

@ObjectType('Account', { description: 'A person who signed in with OpenID Connect.' })
export class AccountType {
  @Field(() => ID)
  id!: string;

  @Field({ description: 'The OpenID provider that vouches for the person.' })
  issuer!: string;

  @Field({ description: 'The person\u2019s subject at that provider.' })
  subject!: string;

  @Field(() => String, { nullable: true })
  name!: string | null;

  @Field(() => String, { nullable: true })
  email!: string | null;

  @Field()
  createdAt!: Date;

  @Field()
  lastSignInAt!: Date;

  @Field(() => Date, { nullable: true, description: 'Set when a curator disabled it; it cannot sign in then.' })
  disabledAt!: Date | null;

  @Field(() => [RoleGrantType])
  roles!: RoleGrantType[];
}

@ObjectType('ApiKey', { description: 'An API key of a machine client; its secret is shown only when minted.' })
export class ApiKeyType {
  @Field(() => ID)
  id!: string;

  @Field()
  label!: string;

  @Field()
  createdAt!: Date;

  @Field({ description: 'Who minted it.' })
  createdBy!: string;

  @Field(() => Date, { nullable: true })
  expiresAt!: Date | null;

  @Field(() => Date, { nullable: true })
  revokedAt!: Date | null;

  @Field(() => [RoleGrantType])
  roles!: RoleGrantType[];
}

@ObjectType('MintedApiKey', { description: 'A key just minted, with its secret: store it now, it is not shown again.' })
export class MintedApiKeyType {
  @Field(() => ApiKeyType)
  key!: ApiKeyType;

  @Field({ description: 'Send it as `Authorization: Bearer <secret>`.' })
  secret!: string;
}

@ObjectType('ProposedOrganisation', { description: 'A new organisation a person proposes, with its first practice.' })
export class ProposedOrganisationType {
  @Field()
  name!: string;

  @Field({ description: 'ISO 3166-1 alpha-2.' })
  country!: string;

  @Field(() => String, { nullable: true })
  website!: string | null;

  @Field({ description: 'The practice the person means to register first.' })
  practiceTitle!: string;
}

@ObjectType('AccessRequest', { description: 'A person\u2019s request to edit for an organisation.' })
export class AccessRequestType {
  @Field(() => ID)
  id!: string;

  @Field(() => AccountType)
  account!: AccountType;

  @Field(() => OrganisationRef, {
    nullable: true,
    description: 'The organisation asked for; on an approved proposal, the one registered for it.',
  })
  organisation!: OrganisationRef | null;

  @Field(() => ProposedOrganisationType, { nullable: true })
  proposedOrganisation!: ProposedOrganisationType | null;

  @Field()
  message!: string;

  @Field(() => AccessRequestStatusEnum)
  status!: string;

  @Field()
  createdAt!: Date;

  @Field(() => Date, { nullable: true })
  decidedAt!: Date | null;

  @Field(() => String, { nullable: true, description: 'The curator who decided.' })
  decidedBy!: string | null;

  @Field(() => String, { nullable: true, description: 'Why it was refused.' })
  reason!: string | null;
}

@ObjectType('AuditEntry', { description: 'One key minted or revoked, role granted or withdrawn, or decision taken.' })
export class AuditEntryType {
  @Field(() => ID)
  id!: string;

  @Field()
  at!: Date;

  @Field(() => AuditActionEnum)
  action!: string;

  @Field({ description: 'The curator\u2019s (or operator\u2019s) key or account id.' })
  actorId!: string;

  @Field()
  actorLabel!: string;

  @Field({ description: 'The key, account or access request acted on.' })
  subjectId!: string;

  @Field(() => RoleEnum, { nullable: true })
  role!: string | null;

  @Field(() => OrganisationRef, { nullable: true })
  organisation!: OrganisationRef | null;

  @Field(() => String, { nullable: true })
  detail!: string | null;
}
