// Hive Gateway with RADAR's configuration, as `@radar/gateway/hive`: apart from the gateway's main entry, which
// then loads without Hive Gateway's runtime.
export * from './config.js';
export * from './serve.js';
