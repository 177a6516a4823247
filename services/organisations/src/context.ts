// The request context of the organisations subgraph.
import { type BaseContext, sourceKeyLoaders } from '@radar/common';
import { OrganisationSource } from './organisation/organisation.entity.js';
import { createOrganisationLoaders, type OrganisationLoaders } from './organisation/organisation.loaders.js';

export interface OrganisationsContext extends BaseContext {
  loaders: OrganisationLoaders;
  sourceKeys: ReturnType<typeof sourceKeyLoaders>;
}

export function createContext(base: BaseContext): OrganisationsContext {
  return {
    ...base,
    loaders: createOrganisationLoaders(base.em),
    sourceKeys: sourceKeyLoaders(base.em, OrganisationSource),
  };
}
