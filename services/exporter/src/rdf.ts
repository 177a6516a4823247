// JSON-LD to RDF and back to text, with a pinned document loader: contexts come from ontology/, never the network.
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import jsonld from 'jsonld';
import n3 from 'n3';
import { CONTEXT_IRI, type Json } from './mapping.js';
import { prefixes } from './vocabulary.js';

export const ontologyDir = fileURLToPath(new URL('../../../ontology/', import.meta.url));

export function ontologyFile(name: string) {
  return readFileSync(`${ontologyDir}${name}`, 'utf8');
}

const contextDocument = JSON.parse(ontologyFile('context.jsonld'));

/** Resolves only RADAR's own context, from disk; anything else is refused rather than fetched. */
export function pinnedDocumentLoader(extraContextIris: string[] = []) {
  const known = new Set([CONTEXT_IRI, ...extraContextIris]);
  return async (url: string) => {
    if (known.has(url)) return { contextUrl: undefined, documentUrl: url, document: contextDocument };
    throw new Error(`refusing to load ${url}: only RADAR's pinned context is available offline`);
  };
}

const loader = pinnedDocumentLoader();

export async function toQuads(document: Json): Promise<n3.Quad[]> {
  const nquads = (await jsonld.toRDF(document as never, {
    format: 'application/n-quads',
    documentLoader: loader as never,
  })) as unknown as string;
  // Keeps jsonld.js's blank node labels, so the same record always serialises to the same bytes (stable ETags).
  return new n3.Parser({ format: 'application/n-quads', blankNodePrefix: '' }).parse(nquads);
}

export function writeQuads(quads: n3.Quad[], format: 'text/turtle' | 'application/n-triples'): Promise<string> {
  const writer = new n3.Writer(format === 'text/turtle' ? { prefixes: { ...prefixes } } : { format: 'N-Triples' });
  writer.addQuads(quads);
  return new Promise((resolve, reject) => writer.end((error, result) => (error ? reject(error) : resolve(result))));
}
