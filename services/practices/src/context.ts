// The request context of the practices subgraph.
import type { BaseContext } from '@radar/common';
import { createLoaders, type Loaders } from './loaders.js';
import type { OrganisationDirectory } from './organisation/organisation.directory.js';

export interface PracticesContext extends BaseContext {
  loaders: Loaders;
  organisations: OrganisationDirectory;
}

export function contextFactory(organisations: OrganisationDirectory) {
  return (base: BaseContext): PracticesContext => ({
    ...base,
    loaders: createLoaders(base.em, base.caller),
    organisations,
  });
}
