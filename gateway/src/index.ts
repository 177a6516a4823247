// Public surface of the gateway package, used by tests and benchmarks.
export * from './compose.js';
export * from './config.js';
export * from './gateway.js';
export * from './keys/key.database.js';
export * from './keys/key.request.js';
export * from './keys/key.store.js';
export { CACHE_HEADER } from './response-cache.js';
export { subgraphs } from './subgraphs.js';
