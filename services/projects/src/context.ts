// The request context of the projects subgraph.
import type { BaseContext } from '@radar/common';
import type { Directories } from './directories.js';
import { createLoaders, type Loaders } from './loaders.js';

export interface ProjectsContext extends BaseContext {
  loaders: Loaders;
  directories: Directories;
}

export function contextFactory(directories: Directories) {
  return (base: BaseContext): ProjectsContext => ({ ...base, loaders: createLoaders(base.em), directories });
}
