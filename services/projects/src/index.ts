// Public surface of the projects subgraph package.
export * from './app.js';
export * from './config.js';
export type { Directories } from './directories.js';
export { projectEntities } from './entities.js';
export { projectMigrations } from './migrations/index.js';
export { projectCodeLists } from './project/project.codes.js';
export { Project } from './project/project.entity.js';
export { buildProjectsSchema } from './schema.js';
export { projectFixtures, projectSeedIds } from './seed/projects.fixture.js';
export { seedProjects } from './seed/seed.js';
export { Twinning, TwinningAdopter } from './twinning/twinning.entity.js';
