// The request context of the identity subgraph: loaders of grants and accounts, and where organisations are checked.
import type { BaseContext, EntityManager, OrganisationLookup } from '@radar/common';
import DataLoader from 'dataloader';
import { Account } from './account/account.entity.js';
import type { RoleGrant } from './grant/grant.entity.js';
import { grantsOf } from './grant/grant.service.js';

export interface IdentityLoaders {
  grants: DataLoader<string, RoleGrant[]>;
  accounts: DataLoader<string, Account | null>;
}

export interface IdentityContext extends BaseContext {
  loaders: IdentityLoaders;
  organisations: OrganisationLookup;
}

function createLoaders(em: EntityManager): IdentityLoaders {
  return {
    grants: new DataLoader(async (holderIds) => {
      const rows = await grantsOf(em, [...holderIds]);
      return holderIds.map((id) => rows.filter((row) => row.holderId === id));
    }),
    accounts: new DataLoader(async (ids) => {
      const rows = await em.find(Account, { id: { $in: [...ids] } });
      return ids.map((id) => rows.find((row) => row.id === id) ?? null);
    }),
  };
}

export function contextFactory(organisations: OrganisationLookup) {
  return (base: BaseContext): IdentityContext => ({ ...base, loaders: createLoaders(base.em), organisations });
}
