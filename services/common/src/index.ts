// Public surface of @radar/common.
import 'reflect-metadata';

export * from './auth.js';
export * from './changes.js';
export * from './client.js';
export * from './codes.js';
export * from './command.js';
export * from './config.js';
export * from './context.js';
export * from './data-generation.js';
export * from './database.js';
export * from './entity.js';
export * from './errors.js';
export * from './export.js';
export * from './federation.js';
export * from './geography.js';
export * from './identity.js';
export * from './loaders.js';
export * from './logger.js';
export * from './outage.js';
export * from './pagination.js';
export * from './scalars.js';
export * from './server.js';
export * from './signals.js';
export * from './sql.js';
export * from './subgraph.js';
export * from './validation.js';
export * from './writes.js';
