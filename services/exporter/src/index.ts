export * from './codelists.js';
export * from './config.js';
export * from './mapping.js';
export { generatedOntologyFiles } from './ontology.cli.js';
export * from './rdf.js';
export * from './server.js';
export * from './shapes.js';
export * from './vocabulary.js';
