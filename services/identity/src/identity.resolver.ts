// GraphQL operations of identity: the caller itself, and what curators manage (keys, accounts, roles, access
// requests, the audit log) or signed-in people ask for.
import { requireCurator, UUID } from '@radar/common';
import { Arg, Ctx, FieldResolver, Int, Mutation, Query, Resolver, Root } from 'type-graphql';
import {
  accessRequests,
  approveAccessRequest,
  myAccessRequests,
  refuseAccessRequest,
  requestAccess,
} from './access/access.service.js';
import type { AccessRequest, AccessRequestStatus } from './access/access-request.entity.js';
import type { Account } from './account/account.entity.js';
import { listAccounts, setDisabled } from './account/account.service.js';
import type { AuditEntry } from './audit/audit.entity.js';
import { auditLog } from './audit/audit.js';
import type { IdentityContext } from './context.js';
import type { RoleGrant } from './grant/grant.entity.js';
import { addGrant, removeGrant } from './grant/grant.service.js';
import { MintApiKeyInput, RequestAccessInput, RoleGrantInput } from './identity.inputs.js';
import {
  AccessRequestStatusEnum,
  AccessRequestType,
  AccountType,
  ApiKeyType,
  AuditEntryType,
  MeType,
  MintedApiKeyType,
  OrganisationRef,
  RoleGrantType,
} from './identity.types.js';
import type { ApiKey } from './key/api-key.entity.js';
import { listKeys, mintKey, revokeKey } from './key/api-key.service.js';

const organisationRef = (id: string | null | undefined) => (id ? { id } : null);

@Resolver()
export class IdentityResolver {
  @Query(() => MeType, {
    nullable: true,
    description: 'Who you are signed in as, and what you may do; null when anonymous.',
  })
  me(@Ctx() { caller }: IdentityContext) {
    if (caller.kind === 'anonymous') return null;
    return { ...caller, organisations: caller.organisations.map((id) => ({ id })) };
  }

  @Query(() => [ApiKeyType], { description: 'Every API key, revoked and expired ones too (curators).' })
  apiKeys(@Ctx() { em, caller }: IdentityContext) {
    requireCurator(caller);
    return listKeys(em);
  }

  @Mutation(() => MintedApiKeyType, {
    description: 'Mints an API key; its secret is in the answer and nowhere else (curators).',
  })
  async mintApiKey(@Arg('input', () => MintApiKeyInput) input: MintApiKeyInput, @Ctx() context: IdentityContext) {
    const actor = requireCurator(context.caller);
    const { key, token } = await mintKey(context.em, actor, context, input);
    return { key, secret: token };
  }

  @Mutation(() => ApiKeyType, { description: 'Revokes an API key; it is refused from its next request on (curators).' })
  revokeApiKey(@Arg('id') id: string, @Ctx() { em, caller }: IdentityContext) {
    return revokeKey(em, requireCurator(caller), id);
  }

  @Query(() => [AccountType], { description: 'Every account, oldest first (curators).' })
  accounts(@Ctx() { em, caller }: IdentityContext) {
    requireCurator(caller);
    return listAccounts(em);
  }

  @Mutation(() => AccountType, {
    description: 'Disables an account: it cannot sign in until enabled again (curators).',
  })
  disableAccount(@Arg('id', () => UUID) id: string, @Ctx() { em, caller }: IdentityContext) {
    return setDisabled(em, requireCurator(caller), id, true);
  }

  @Mutation(() => AccountType, { description: 'Enables a disabled account again (curators).' })
  enableAccount(@Arg('id', () => UUID) id: string, @Ctx() { em, caller }: IdentityContext) {
    return setDisabled(em, requireCurator(caller), id, false);
  }

  @Mutation(() => RoleGrantType, { description: 'Gives an account or an API key a role (curators).' })
  grantRole(@Arg('input', () => RoleGrantInput) input: RoleGrantInput, @Ctx() context: IdentityContext) {
    const actor = requireCurator(context.caller);
    return context.em.transactional((tx) => addGrant(tx, actor, context, input));
  }

  @Mutation(() => Boolean, {
    description: 'Takes a role back; it stops working on the holder\u2019s next request (curators).',
  })
  async withdrawRole(
    @Arg('input', () => RoleGrantInput) input: RoleGrantInput,
    @Ctx() { em, caller }: IdentityContext,
  ) {
    const actor = requireCurator(caller);
    await em.transactional((tx) => removeGrant(tx, actor, input));
    return true;
  }

  @Query(() => [AccessRequestType], {
    description: 'Access requests, oldest first; all when `status` is omitted (curators).',
  })
  accessRequests(
    @Arg('status', () => AccessRequestStatusEnum, { nullable: true }) status: AccessRequestStatus | undefined,
    @Ctx() { em, caller }: IdentityContext,
  ) {
    requireCurator(caller);
    return accessRequests(em, status ?? null);
  }

  @Query(() => [AccessRequestType], { description: 'Your own access requests, newest first (signed-in people).' })
  myAccessRequests(@Ctx() { em, caller }: IdentityContext) {
    return myAccessRequests(em, caller);
  }

  @Mutation(() => AccessRequestType, { description: 'Asks the curators to let you edit for an organisation.' })
  requestAccess(@Arg('input', () => RequestAccessInput) input: RequestAccessInput, @Ctx() context: IdentityContext) {
    return requestAccess(context.em, context.caller, context, input);
  }

  @Mutation(() => AccessRequestType, {
    description:
      'Approves a request: the person edits for the organisation. For a proposed organisation, give the id of the one registered for it (curators).',
  })
  approveAccessRequest(
    @Arg('id', () => UUID) id: string,
    @Arg('organisationId', () => UUID, { nullable: true }) organisationId: string | undefined,
    @Ctx() context: IdentityContext,
  ) {
    return approveAccessRequest(context.em, requireCurator(context.caller), context, id, organisationId ?? null);
  }

  @Mutation(() => AccessRequestType, {
    description: 'Refuses a request, saying why; the person sees the reason (curators).',
  })
  refuseAccessRequest(
    @Arg('id', () => UUID) id: string,
    @Arg('reason') reason: string,
    @Ctx() { em, caller }: IdentityContext,
  ) {
    return refuseAccessRequest(em, requireCurator(caller), id, reason);
  }

  @Query(() => [AuditEntryType], {
    description: 'The latest grants, withdrawals, mints, revocations and decisions (curators).',
  })
  auditLog(
    @Arg('first', () => Int, { nullable: true, defaultValue: 100 }) first: number,
    @Ctx() { em, caller }: IdentityContext,
  ) {
    requireCurator(caller);
    return auditLog(em, Math.min(Math.max(first, 1), 1000));
  }
}

@Resolver(() => ApiKeyType)
export class ApiKeyFieldsResolver {
  @FieldResolver(() => [RoleGrantType])
  roles(@Root() key: ApiKey, @Ctx() { loaders }: IdentityContext) {
    return loaders.grants.load(key.id);
  }
}

@Resolver(() => AccountType)
export class AccountFieldsResolver {
  @FieldResolver(() => [RoleGrantType])
  roles(@Root() account: Account, @Ctx() { loaders }: IdentityContext) {
    return loaders.grants.load(account.id);
  }
}

@Resolver(() => RoleGrantType)
export class RoleGrantFieldsResolver {
  @FieldResolver(() => OrganisationRef, { nullable: true })
  organisation(@Root() grant: RoleGrant) {
    return organisationRef(grant.organisationId);
  }
}

@Resolver(() => AccessRequestType)
export class AccessRequestFieldsResolver {
  @FieldResolver(() => AccountType)
  account(@Root() request: AccessRequest, @Ctx() { loaders }: IdentityContext) {
    return loaders.accounts.load(request.accountId);
  }

  @FieldResolver(() => OrganisationRef, { nullable: true })
  organisation(@Root() request: AccessRequest) {
    return organisationRef(request.organisationId);
  }
}

@Resolver(() => AuditEntryType)
export class AuditEntryFieldsResolver {
  @FieldResolver(() => OrganisationRef, { nullable: true })
  organisation(@Root() entry: AuditEntry) {
    return organisationRef(entry.organisationId);
  }
}

export const identityResolvers = [
  IdentityResolver,
  ApiKeyFieldsResolver,
  AccountFieldsResolver,
  RoleGrantFieldsResolver,
  AccessRequestFieldsResolver,
  AuditEntryFieldsResolver,
] as const;
