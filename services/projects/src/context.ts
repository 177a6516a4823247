// The request context of the projects subgraph.
import { type BaseContext, sourceKeyLoaders } from '@radar/common';
import type { Directories } from './directories.js';
import { createLoaders, type Loaders } from './loaders.js';
import { ProjectSource } from './source/project.source.entity.js';

export interface ProjectsContext extends BaseContext {
  loaders: Loaders;
  directories: Directories;
  sourceKeys: ReturnType<typeof sourceKeyLoaders>;
}

export function contextFactory(directories: Directories) {
  return (base: BaseContext): ProjectsContext => ({
    ...base,
    loaders: createLoaders(base.em),
    directories,
    sourceKeys: sourceKeyLoaders(base.em, ProjectSource),
  });
}
