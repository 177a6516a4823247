// Public surface of the organisations subgraph package.
export * from './app.js';
export * from './config.js';
export { organisationMigrations } from './migrations/index.js';
export { organisationCodeLists } from './organisation/organisation.codes.js';
export { organisationEntities } from './organisation/organisation.entity.js';
export { buildOrganisationsSchema } from './schema.js';
export { organisationFixtures, seedIds } from './seed/organisations.fixture.js';
export { seedOrganisations } from './seed/seed.js';
