// Public surface of the gateway package, used by tests and benchmarks.

export * from './authenticator.js';
export * from './compose.js';
export * from './config.js';
export * from './gateway.js';
export { subgraphs } from './subgraphs.js';
