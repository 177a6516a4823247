// Public surface of the gateway package, used by tests and benchmarks.

export * from './authenticator.js';
export * from './compose.js';
export * from './config.js';
export * from './docker-compose.js';
export * from './gateway.js';
export * from './import/index.js';
export { CACHE_HEADER } from './response-cache.js';
export * from './subgraphs.js';
