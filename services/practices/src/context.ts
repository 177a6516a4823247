// The request context of the practices subgraph.
import { type BaseContext, sourceKeyLoaders } from '@radar/common';
import type { ProjectDirectory } from './adoption/project.directory.js';
import { createLoaders, type Loaders } from './loaders.js';
import type { OrganisationDirectory } from './organisation/organisation.directory.js';
import { AdoptionSource } from './source/adoption.source.entity.js';
import { NeedSource } from './source/need.source.entity.js';
import { PracticeSource } from './source/practice.source.entity.js';

export interface PracticesContext extends BaseContext {
  loaders: Loaders;
  organisations: OrganisationDirectory;
  projects: ProjectDirectory;
  sourceKeys: ReturnType<typeof sourceKeyLoaders>;
  adoptionSourceKeys: ReturnType<typeof sourceKeyLoaders>;
  needSourceKeys: ReturnType<typeof sourceKeyLoaders>;
}

export function contextFactory(organisations: OrganisationDirectory, projects: ProjectDirectory) {
  return (base: BaseContext): PracticesContext => ({
    ...base,
    loaders: createLoaders(base.em, base.caller),
    organisations,
    projects,
    sourceKeys: sourceKeyLoaders(base.em, PracticeSource),
    adoptionSourceKeys: sourceKeyLoaders(base.em, AdoptionSource),
    needSourceKeys: sourceKeyLoaders(base.em, NeedSource),
  });
}
