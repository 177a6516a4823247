// The request context of the organisations subgraph.
import type { BaseContext } from '@radar/common';
import { createOrganisationLoaders, type OrganisationLoaders } from './organisation/organisation.loaders.js';

export interface OrganisationsContext extends BaseContext {
  loaders: OrganisationLoaders;
}

export function createContext(base: BaseContext): OrganisationsContext {
  return { ...base, loaders: createOrganisationLoaders(base.em) };
}
