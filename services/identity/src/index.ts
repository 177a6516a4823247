// Public surface of the identity subgraph package.
export * from './app.js';
export { type Credential, credentialSchema } from './caller/caller.endpoint.js';
export * from './config.js';
export { identityEntities } from './entities.js';
export { identityMigrations } from './migrations/index.js';
export { buildIdentitySchema } from './schema.js';
export * from './store.js';
