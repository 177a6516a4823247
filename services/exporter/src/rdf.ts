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

interface TermDefinition {
  iri: string;
  /** '@id' and '@vocab' make IRIs; any other value is a datatype IRI. */
  type?: string;
}

const XSD_STRING = 'http://www.w3.org/2001/XMLSchema#string';
const XSD_INTEGER = 'http://www.w3.org/2001/XMLSchema#integer';
const XSD_DOUBLE = 'http://www.w3.org/2001/XMLSchema#double';
const XSD_BOOLEAN = 'http://www.w3.org/2001/XMLSchema#boolean';
const RDF_TYPE = 'http://www.w3.org/1999/02/22-rdf-syntax-ns#type';

/** RADAR's context as term → IRI and coercion: enough to turn the documents the mappings make into quads. */
const terms: Map<string, TermDefinition> = (() => {
  const raw = contextDocument['@context'] as Record<string, string | { '@id': string; '@type'?: string }>;
  const prefixTable = new Map(
    Object.entries(raw).filter(
      (entry): entry is [string, string] => typeof entry[1] === 'string' && /[/#]$/.test(entry[1]),
    ),
  );
  const expand = (value: string): string => {
    const colon = value.indexOf(':');
    if (colon > 0) {
      const prefix = prefixTable.get(value.slice(0, colon));
      if (prefix) return prefix + value.slice(colon + 1);
    }
    return value;
  };
  const table = new Map<string, TermDefinition>();
  for (const [term, definition] of Object.entries(raw)) {
    if (term.startsWith('@') || prefixTable.has(term)) continue;
    if (typeof definition === 'string') {
      if (!definition.startsWith('@')) table.set(term, { iri: expand(definition) });
    } else {
      const type = definition['@type'];
      table.set(term, {
        iri: expand(definition['@id']),
        ...(type ? { type: type.startsWith('@') ? type : expand(type) } : {}),
      });
    }
  }
  return table;
})();

/**
 * Turns a document written with RADAR's context into quads without a general JSON-LD processor. Blank nodes are
 * numbered b0, b1, … in document order, so the same record always gives the same bytes. The export tests check
 * that the result is isomorphic to what jsonld.js makes of the same JSON-LD.
 */
function contextQuads(document: Json): n3.Quad[] {
  const { namedNode, blankNode, literal, quad } = n3.DataFactory;
  const quads: n3.Quad[] = [];
  let blank = 0;
  const termIri = (name: string) => terms.get(name)?.iri ?? name;
  const node = (value: Json): n3.Quad['subject'] => {
    const subject = typeof value.id === 'string' ? namedNode(value.id) : blankNode(`b${blank++}`);
    for (const type of ([] as unknown[]).concat(value.type ?? [])) {
      quads.push(quad(subject, namedNode(RDF_TYPE), namedNode(termIri(String(type)))));
    }
    for (const [key, raw] of Object.entries(value)) {
      if (key === 'id' || key === 'type' || key.startsWith('@')) continue;
      const definition = terms.get(key);
      if (!definition) throw new Error(`"${key}" is not a term of RADAR's context`);
      const predicate = namedNode(definition.iri);
      for (const item of ([] as unknown[]).concat(raw)) {
        if (item === null || item === undefined) continue;
        let object: n3.Quad['object'];
        if (typeof item === 'object') object = node(item as Json);
        else if (definition.type === '@id') object = namedNode(String(item));
        else if (definition.type === '@vocab') object = namedNode(termIri(String(item)));
        else if (definition.type) object = literal(String(item), namedNode(definition.type));
        else if (typeof item === 'number')
          object = literal(String(item), namedNode(Number.isInteger(item) ? XSD_INTEGER : XSD_DOUBLE));
        else if (typeof item === 'boolean') object = literal(String(item), namedNode(XSD_BOOLEAN));
        else object = literal(String(item), namedNode(XSD_STRING));
        quads.push(quad(subject, predicate, object));
      }
    }
    return subject;
  };
  const graph = Array.isArray(document['@graph']) ? (document['@graph'] as Json[]) : [document];
  for (const item of graph) node(item);
  return quads;
}

export async function toQuads(document: Json): Promise<n3.Quad[]> {
  if (document['@context'] === CONTEXT_IRI) return contextQuads(document);
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
